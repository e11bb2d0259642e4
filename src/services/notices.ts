// Supervision notices (督办单): a plan office chases a unit about a measure and sets a date to answer by.
// Issuing one drops a notification in the unit's in-app inbox; a notice still unanswered after its date
// is escalated once to the unit's parent org, which then sees it in its own inbox.
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../store/errors.ts";
import type { Database } from "../store/schema.ts";

type Db = Kysely<Database>;

export const NOTICE_TEXT_MAX_LENGTH = 5000;

export type Notice = {
  id: number;
  measureId: number;
  measureText: string;
  orgId: number;
  orgName: string;
  issuedBy: number | null;
  issuedAt: Date;
  message: string;
  respondBy: string;
  response: string | null;
  respondedBy: number | null;
  respondedAt: Date | null;
  escalatedAt: Date | null;
  version: number;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkText(text: string, field: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new InputError(`${field} must not be empty`, field);
  if (trimmed.length > NOTICE_TEXT_MAX_LENGTH)
    throw new InputError(`${field} must be at most ${NOTICE_TEXT_MAX_LENGTH} characters`, field);
  return trimmed;
}

export type IssueInput = {
  measureId: number;
  orgId: number;
  message: string;
  respondBy: string;
  userId: number | null;
  at?: Date | undefined;
};

export async function issueNotice(db: Db, input: IssueInput): Promise<Notice> {
  const message = checkText(input.message, "message");
  if (!ISO_DAY.test(input.respondBy) || Number.isNaN(Date.parse(input.respondBy)))
    throw new InputError("respondBy must be a date like 2025-03-31", "respondBy");
  const id = await db.transaction().execute(async (tx) => {
    // A notice chases a unit about work it owes, so the org must hold the measure.
    const assignment = await tx
      .selectFrom("assignments")
      .select("region_code")
      .where("measure_id", "=", input.measureId)
      .where("org_id", "=", input.orgId)
      .executeTakeFirst();
    if (!assignment) throw new InputError("this org holds no assignment for the measure", "orgId");
    const row = await tx
      .insertInto("notices")
      .values({
        measure_id: input.measureId,
        org_id: input.orgId,
        region_code: assignment.region_code,
        issued_by: input.userId,
        message,
        respond_by: input.respondBy,
        ...(input.at ? { issued_at: input.at } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("notifications")
      .values({
        org_id: input.orgId,
        notice_id: row.id,
        message: `【督办单】${message}（请于 ${input.respondBy} 前答复）`,
        ...(input.at ? { created_at: input.at } : {}),
      })
      .execute();
    await writeAudit(tx, {
      userId: input.userId,
      action: "notice.issue",
      entity: "notice",
      entityId: row.id,
      after: { measureId: input.measureId, orgId: input.orgId, message, respondBy: input.respondBy },
      ...(input.at ? { at: input.at } : {}),
    });
    return row.id;
  });
  return (await getNotice(db, id)) as Notice;
}

export type RespondInput = {
  noticeId: number;
  response: string;
  userId: number | null;
  expectedVersion: number;
  at?: Date | undefined;
};

export async function respondNotice(db: Db, input: RespondInput): Promise<Notice> {
  const response = checkText(input.response, "response");
  await db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom("notices")
      .select(["id", "response", "row_version"])
      .where("id", "=", input.noticeId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError("No such notice.");
    if (current.row_version !== input.expectedVersion)
      throw new ConflictError(
        `The notice was changed by someone else (now version ${current.row_version}, you had ${input.expectedVersion}); reload and try again.`,
      );
    const at = input.at ?? new Date();
    await tx
      .updateTable("notices")
      .set((eb) => ({
        response,
        responded_by: input.userId,
        responded_at: at,
        row_version: eb("row_version", "+", 1),
      }))
      .where("id", "=", input.noticeId)
      .execute();
    await writeAudit(tx, {
      userId: input.userId,
      action: "notice.respond",
      entity: "notice",
      entityId: input.noticeId,
      before: { response: current.response, version: current.row_version },
      after: { response, version: current.row_version + 1 },
      at,
    });
  });
  return (await getNotice(db, input.noticeId)) as Notice;
}

function noticeQuery(db: Db) {
  return db
    .selectFrom("notices as n")
    .innerJoin("measures as m", "m.id", "n.measure_id")
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .select([
      "n.id",
      "n.measure_id",
      "m.text as measure_text",
      "n.org_id",
      "o.name as org_name",
      "n.issued_by",
      "n.issued_at",
      "n.message",
      "n.respond_by",
      "n.response",
      "n.responded_by",
      "n.responded_at",
      "n.escalated_at",
      "n.row_version",
    ]);
}

type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>["executeTakeFirstOrThrow"]>>;

const toNotice = (r: NoticeRow): Notice => ({
  id: r.id,
  measureId: r.measure_id,
  measureText: r.measure_text,
  orgId: r.org_id,
  orgName: r.org_name,
  issuedBy: r.issued_by,
  issuedAt: new Date(r.issued_at),
  message: r.message,
  respondBy: r.respond_by,
  response: r.response,
  respondedBy: r.responded_by,
  respondedAt: r.responded_at ? new Date(r.responded_at) : null,
  escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
  version: r.row_version,
});

export async function getNotice(db: Db, id: number): Promise<Notice | undefined> {
  const row = await noticeQuery(db).where("n.id", "=", id).executeTakeFirst();
  return row ? toNotice(row) : undefined;
}

export type NoticeFilter = {
  /** Only notices to these orgs; undefined for all. */
  orgIds?: readonly number[] | undefined;
  /** true: unanswered only; false: answered only; undefined: both. */
  open?: boolean | undefined;
  /** true: escalated to the parent org only; false: not escalated only; undefined: both. */
  escalated?: boolean | undefined;
  /** Only notices about measures of this plan. */
  planId?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export async function listNotices(db: Db, filter: NoticeFilter): Promise<{ items: Notice[]; total: number }> {
  if (filter.orgIds && filter.orgIds.length === 0) return { items: [], total: 0 };
  let q = noticeQuery(db);
  if (filter.orgIds) q = q.where("n.org_id", "in", filter.orgIds);
  if (filter.open === true) q = q.where("n.response", "is", null);
  if (filter.open === false) q = q.where("n.response", "is not", null);
  if (filter.escalated === true) q = q.where("n.escalated_at", "is not", null);
  if (filter.escalated === false) q = q.where("n.escalated_at", "is", null);
  if (filter.planId !== undefined) q = q.where("m.plan_id", "=", filter.planId);
  const rows = await q.orderBy("n.respond_by").orderBy("n.id").execute();
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 50;
  return { items: rows.slice(offset, offset + limit).map(toNotice), total: rows.length };
}

/**
 * Escalates every unanswered notice whose respond-by date lies before `today` (YYYY-MM-DD): marks it
 * and notifies the parent org. Safe to run again and from several processes at once: the update only
 * takes notices not yet escalated, so each is escalated exactly once. Returns the escalated ids.
 */
export async function escalateNotices(db: Db, today: string, at: Date = new Date()): Promise<number[]> {
  // Inside the daily job the caller's transaction already holds the work; Kysely cannot nest one.
  if (db.isTransaction) return escalateIn(db as Transaction<Database>, today, at);
  return db.transaction().execute((tx) => escalateIn(tx, today, at));
}

async function escalateIn(tx: Transaction<Database>, today: string, at: Date): Promise<number[]> {
  {
    const escalated = await tx
      .updateTable("notices")
      .set((eb) => ({ escalated_at: at, row_version: eb("row_version", "+", 1) }))
      .where("response", "is", null)
      .where("escalated_at", "is", null)
      .where("respond_by", "<", today)
      .returning(["id", "org_id", "message", "respond_by"])
      .execute();
    for (const notice of escalated) {
      const org = await tx
        .selectFrom("orgs")
        .select(["name", "parent_id"])
        .where("id", "=", notice.org_id)
        .executeTakeFirstOrThrow();
      // A top-level org has nobody above it; the escalation mark still shows on the notice itself.
      if (org.parent_id !== null)
        await tx
          .insertInto("notifications")
          .values({
            org_id: org.parent_id,
            notice_id: notice.id,
            message: `【督办升级】${org.name}未在 ${notice.respond_by} 前答复督办单：${notice.message}`,
            created_at: at,
          })
          .execute();
      await writeAudit(tx, {
        userId: null,
        action: "notice.escalate",
        entity: "notice",
        entityId: notice.id,
        after: { escalatedAt: at.toISOString(), parentOrgId: org.parent_id },
        at,
      });
    }
    return escalated.map((n) => n.id);
  }
}
