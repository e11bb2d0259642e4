// An org's deadlines as an iCalendar (RFC 5545) subscription: one all-day event per measure it answers
// for in an active plan with a due date. UIDs follow the assignment, so a calendar app updates an event
// in place when the feed is fetched again instead of duplicating it. ical-generator folds lines at 75
// octets (never inside a UTF-8 sequence) and escapes text values.
import ical, { ICalCalendarMethod } from "ical-generator";
import type { Kysely } from "kysely";
import { addDays } from "../../domain/dates.ts";
import { ROLE_LABEL, STATUS_LABEL } from "../../domain/labels.ts";
import { dayIn } from "../../domain/today.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";
import { listAssignments } from "../assignments/assignments.ts";

export const ICS_TYPE = "text/calendar; charset=utf-8";
export const SUMMARY_MAX_CHARS = 40;
/** How often a subscribing calendar should fetch the feed again. */
const REFRESH_SECONDS = 6 * 60 * 60;

/** The measure text cut to a calendar line: up to the first full stop, at most SUMMARY_MAX_CHARS. */
export function shortenMeasure(text: string, max = SUMMARY_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const sentence = /^(.+?)[。；;]/.exec(flat)?.[1] ?? flat;
  const chars = [...sentence];
  return chars.length <= max ? sentence : `${chars.slice(0, max - 1).join("")}…`;
}

export const eventUid = (assignmentId: number): string => `luoshi-assignment-${assignmentId}@luoshi`;

export async function orgCalendar(
  db: Kysely<Database>,
  orgId: number,
  now: Date,
  timeZone: string,
): Promise<{ orgName: string; ics: string }> {
  const org = await db.selectFrom("orgs").select(["id", "name"]).where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new NotFoundError(`No org ${orgId}.`);
  const today = dayIn(timeZone, now);
  const { items } = await listAssignments(db, { orgIds: [org.id], limit: Number.MAX_SAFE_INTEGER }, today);
  const calendar = ical({
    name: `${org.name} · 任务期限`,
    description: `${org.name}承担的规划任务落实举措完成时限（落实 Luoshi）`,
    prodId: { company: "luoshi", product: "luoshi", language: "ZH" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const a of items) {
    if (a.dueOn === null) continue;
    const start = new Date(`${a.dueOn}T00:00:00Z`);
    calendar.createEvent({
      id: eventUid(a.id),
      allDay: true,
      start,
      // DTEND of an all-day event is exclusive: the next day.
      end: new Date(`${addDays(a.dueOn, 1)}T00:00:00Z`),
      stamp: now,
      summary: shortenMeasure(a.measureText),
      description: [
        `计划：${a.planTitle}`,
        `任务：${[a.taskKey, a.taskTitle].filter(Boolean).join(" ")}`,
        `角色：${ROLE_LABEL[a.role]}${a.via ? `（${a.via}）` : ""}`,
        `完成时限：${a.deadlineRaw ?? a.dueOn}${a.ongoing ? "（持续推进）" : ""}`,
        `状态（截至${today}）：${STATUS_LABEL[a.status]}`,
        `举措：${a.measureText}`,
      ].join("\n"),
      categories: [{ name: STATUS_LABEL[a.status] }],
    });
  }
  // Every content line ends in CRLF (RFC 5545 §3.1), the last one too; ical-generator leaves it off.
  const ics = calendar.toString();
  return { orgName: org.name, ics: ics.endsWith("\r\n") ? ics : `${ics}\r\n` };
}
