// One measure as a person checks it: the parsed fields beside the lines of the original document they
// came from, its task and plan, its sign-off state, and its assignments with their progress reports.
import type { Kysely } from "kysely";
import type { AssignmentRole, Database, SourceLocation } from "../../store/schema.ts";
import { type AssignmentView, listAssignments } from "../assignments/assignments.ts";
import { listReports, type Report } from "../tracking/reports.ts";
import { getMeasureState, type MeasureState, signOffOrgs, signOffProgress } from "../tracking/sign-off.ts";

type Db = Kysely<Database>;

/** Lines of context shown before and after the measure's own line. */
export const EXCERPT_CONTEXT = 4;

export type SourceLine = { loc: SourceLocation; text: string; own: boolean; task: boolean };

export type MeasureCore = {
  id: number;
  planId: number;
  text: string;
  scope: string | null;
  statedUnits: string;
  deadline: { raw: string; due: string | null; ongoing: boolean } | null;
  source: SourceLocation;
  task: { id: number; key: string; section: string; title: string; source: SourceLocation };
  plan: { id: number; title: string; status: "active" | "superseded"; docNumber: string | null; orgId: number };
  /** Printed unit names no org matched yet: shown greyed on the measure, 待确认. */
  unresolved: { name: string; role: AssignmentRole }[];
};

/** The measure, its task and plan; undefined if there is no such measure. */
export async function getMeasure(db: Db, measureId: number): Promise<MeasureCore | undefined> {
  const row = await db
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("plans as p", "p.id", "m.plan_id")
    .select([
      "m.id",
      "m.plan_id",
      "m.text",
      "m.scope",
      "m.stated_units",
      "m.deadline_raw",
      "m.due_on",
      "m.ongoing",
      "m.source",
      "t.id as task_id",
      "t.key as task_key",
      "t.section",
      "t.title as task_title",
      "t.source as task_source",
      "p.title as plan_title",
      "p.status as plan_status",
      "p.doc_number",
      "p.org_id as plan_org_id",
    ])
    .where("m.id", "=", measureId)
    .executeTakeFirst();
  if (!row) return undefined;
  const unresolved = await db
    .selectFrom("unresolved_units")
    .select(["name", "role"])
    .where("measure_id", "=", measureId)
    .where("resolved_org_id", "is", null)
    .orderBy("id")
    .execute();
  return {
    unresolved,
    id: row.id,
    planId: row.plan_id,
    text: row.text,
    scope: row.scope,
    statedUnits: row.stated_units,
    deadline: row.deadline_raw === null ? null : { raw: row.deadline_raw, due: row.due_on, ongoing: row.ongoing },
    source: row.source,
    task: { id: row.task_id, key: row.task_key, section: row.section, title: row.task_title, source: row.task_source },
    plan: {
      id: row.plan_id,
      title: row.plan_title,
      status: row.plan_status,
      docNumber: row.doc_number,
      orgId: row.plan_org_id,
    },
  };
}

/** The orgs holding an assignment of the measure (any plan status), for visibility checks. */
/**
 * The orgs whose scope makes the measure visible: the units assigned to it and the plan's owner (so a
 * plan office reads its plan's measures that no unit holds yet, e.g. one addressed to an unresolved name).
 */
export async function measureOrgIds(db: Db, measureId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("assignments")
    .select("org_id")
    .where("measure_id", "=", measureId)
    .union(
      db
        .selectFrom("measures as m")
        .innerJoin("plans as p", "p.id", "m.plan_id")
        .select("p.org_id")
        .where("m.id", "=", measureId),
    )
    .execute();
  return rows.map((r) => r.org_id);
}

/**
 * The orgs holding a sub-assignment (分解) of the measure whose parent assignment an org of `scope` holds:
 * the unit above reviews them (supervision-loop reviewerOf), so its measure page lists them beside its own.
 */
export async function reviewedSubOrgIds(db: Db, measureId: number, scope: number[]): Promise<number[]> {
  if (scope.length === 0) return [];
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("assignments as parent", "parent.id", "a.parent_assignment_id")
    .select("a.org_id")
    .where("a.measure_id", "=", measureId)
    .where("parent.org_id", "in", scope)
    .execute();
  return [...new Set(rows.map((r) => r.org_id))];
}

/** A location names the line it points at when every key it gives matches (a row also has a page, say). */
const sameLocation = (line: SourceLocation, wanted: SourceLocation) =>
  Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => line[k] === v);

/**
 * The original lines around the measure's own, from the plan file's stored text ([{loc, text}]); the task's
 * heading line is marked too when it falls inside. Null when the plan has no stored text or the location
 * is not in it.
 */
export async function sourceExcerpt(
  db: Db,
  measure: Pick<MeasureCore, "planId" | "source" | "task">,
): Promise<{ fileName: string; lines: SourceLine[] } | null> {
  const file = await db
    .selectFrom("plan_files")
    .select(["file_name", "source_text"])
    .where("plan_id", "=", measure.planId)
    .orderBy("id")
    .executeTakeFirst();
  if (!file) return null;
  const lines = parseSourceText(file.source_text);
  const own = lines.findIndex((l) => sameLocation(l.loc, measure.source));
  if (own < 0) return null;
  const from = Math.max(0, own - EXCERPT_CONTEXT);
  const to = Math.min(lines.length, own + EXCERPT_CONTEXT + 1);
  return {
    fileName: file.file_name,
    lines: lines.slice(from, to).map((l, i) => ({
      loc: l.loc,
      text: l.text,
      own: from + i === own,
      task: from + i !== own && sameLocation(l.loc, measure.task.source),
    })),
  };
}

function parseSourceText(stored: string): { loc: SourceLocation; text: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    // Plain text (not the located form) is read as lines numbered from 1.
    return stored.split(/\r?\n/).map((text, i) => ({ loc: { line: i + 1 }, text }));
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) => {
    if (typeof item !== "object" || item === null) return [];
    const { loc, text } = item as { loc?: unknown; text?: unknown };
    if (typeof text !== "string" || typeof loc !== "object" || loc === null) return [];
    return [{ loc: loc as SourceLocation, text }];
  });
}

export type MeasureAssignment = AssignmentView & { reports: (Report & { reportedByName: string | null })[] };

/**
 * The measure's assignments among `orgIds` (all when undefined), with status as of `today` and every
 * report, each naming its reporter. Assignments of a superseded plan version are history: none.
 */
export async function measureAssignments(
  db: Db,
  measureId: number,
  today: string,
  orgIds?: number[],
): Promise<MeasureAssignment[]> {
  const { items } = await listAssignments(
    db,
    { measureId, ...(orgIds ? { orgIds } : {}), limit: Number.MAX_SAFE_INTEGER },
    today,
  );
  const withReports = await Promise.all(items.map(async (a) => ({ ...a, reports: await listReports(db, a.id) })));
  const userIds = [...new Set(withReports.flatMap((a) => a.reports.map((r) => r.reportedBy)))].filter(
    (id): id is number => id !== null,
  );
  const names = new Map<number, string>();
  if (userIds.length > 0)
    for (const u of await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", userIds).execute())
      names.set(u.id, u.display_name);
  return withReports.map((a) => ({
    ...a,
    reports: a.reports.map((r) => ({
      ...r,
      reportedByName: r.reportedBy === null ? null : (names.get(r.reportedBy) ?? null),
    })),
  }));
}

export type MeasureSignOff = MeasureState & {
  signedOffByName: string | null;
  signOffOrgIds: number[];
  /** Assignments signed off, of all the measure's. */
  doneCount: number;
  total: number;
  /** Whether the viewer's unit has signed off its own share; null when it signs off none. */
  ownSignedOff: boolean | null;
};

/** Sign-off state with who completed it, which orgs may sign off and how far the viewer's `orgId` is. */
export async function measureSignOff(db: Db, measureId: number, orgId: number): Promise<MeasureSignOff | undefined> {
  const state = await getMeasureState(db, measureId);
  if (!state) return undefined;
  const by =
    state.signedOffBy === null
      ? undefined
      : await db.selectFrom("users").select("display_name").where("id", "=", state.signedOffBy).executeTakeFirst();
  const { orgIds: _, ...rest } = state;
  const progress = await signOffProgress(db, measureId, orgId);
  return {
    ...rest,
    signedOffByName: by?.display_name ?? null,
    signOffOrgIds: await signOffOrgs(db, measureId),
    doneCount: progress.done,
    total: progress.total,
    ownSignedOff: progress.ownSignedOff,
  };
}
