// Supervision notices (督办单): a plan office chases a unit about one or more of its measures (thirteen
// overdue items of one unit are one notice, not thirteen) and sets a date to answer by. Issuing one drops a
// notification in the unit's in-app inbox; the unit answers once for all of them, with evidence files if it
// likes. A notice still unanswered after its date is escalated once to the unit's parent org, which then sees
// it in its own inbox; the office may also escalate it at once.
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";

type Db = Kysely<Database>;

export const NOTICE_TEXT_MAX_LENGTH = 5000;

export type NoticeItem = { measureId: number; measureText: string; planId: number };
export type NoticeEvidence = { id: number; fileName: string; mimeType: string; size: number; sha256: string };

export type Notice = {
  id: number;
  /** The first of its measures (notices before issue 15.10 had exactly one). */
  measureId: number;
  measureText: string;
  /** Every measure the notice covers, in the order it lists them. */
  items: NoticeItem[];
  /** Files attached to the answer. */
  evidence: NoticeEvidence[];
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

/** How many measures one notice may list. */
export const NOTICE_MAX_ITEMS = 100;

export type IssueInput = {
  /** The measures the notice is about, all held by the org; the first leads. */
  measureIds: readonly number[];
  orgId: number;
  message: string;
  respondBy: string;
  userId: number | null;
  at?: Date | undefined;
  /** A one-measure notice names the org as the field at fault when it does not hold the measure. */
  orgIdField?: boolean | undefined;
};

export async function issueNotice(db: Db, input: IssueInput): Promise<Notice> {
  const message = checkText(input.message, "message");
  if (!ISO_DAY.test(input.respondBy) || Number.isNaN(Date.parse(input.respondBy)))
    throw new InputError("respondBy must be a date like 2025-03-31", "respondBy");
  const measureIds = [...new Set(input.measureIds)];
  const first = measureIds[0];
  if (first === undefined) throw new InputError("name at least one measure", "measureIds");
  if (measureIds.length > NOTICE_MAX_ITEMS)
    throw new InputError(`a notice lists at most ${NOTICE_MAX_ITEMS} measures`, "measureIds");
  const id = await db.transaction().execute(async (tx) => {
    // A notice chases a unit about work it owes, so the org must hold every measure.
    const held = await tx
      .selectFrom("assignments")
      .select(["measure_id", "region_code"])
      .where("measure_id", "in", measureIds)
      .where("org_id", "=", input.orgId)
      .execute();
    const missing = measureIds.filter((m) => !held.some((h) => h.measure_id === m));
    if (missing.length > 0)
      throw new InputError(
        `this org holds no assignment for measure${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
        measureIds.length === 1 && input.orgIdField ? "orgId" : "measureIds",
      );
    const region = held.find((h) => h.measure_id === first)?.region_code as string;
    const row = await tx
      .insertInto("notices")
      .values({
        measure_id: first,
        org_id: input.orgId,
        region_code: region,
        issued_by: input.userId,
        message,
        respond_by: input.respondBy,
        ...(input.at ? { issued_at: input.at } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("notice_items")
      .values(measureIds.map((measureId, position) => ({ notice_id: row.id, measure_id: measureId, position })))
      .execute();
    const count = measureIds.length > 1 ? `共 ${measureIds.length} 项，` : "";
    await tx
      .insertInto("notifications")
      .values({
        org_id: input.orgId,
        notice_id: row.id,
        message: `【督办单】${message}（${count}请于 ${input.respondBy} 前答复）`,
        ...(input.at ? { created_at: input.at } : {}),
      })
      .execute();
    await writeAudit(tx, {
      userId: input.userId,
      action: "notice.issue",
      entity: "notice",
      entityId: row.id,
      after: { measureIds, orgId: input.orgId, message, respondBy: input.respondBy },
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
      "m.plan_id",
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

const toNotice = (r: NoticeRow, items: NoticeItem[], evidence: NoticeEvidence[]): Notice => ({
  id: r.id,
  measureId: r.measure_id,
  measureText: r.measure_text,
  items,
  evidence,
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

/** The notices' items and answer files, read for all of them at once. */
async function withDetails(db: Db, rows: NoticeRow[]): Promise<Notice[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, files] = await Promise.all([
    db
      .selectFrom("notice_items as i")
      .innerJoin("measures as m", "m.id", "i.measure_id")
      .select(["i.notice_id", "i.measure_id", "m.text", "m.plan_id"])
      .where("i.notice_id", "in", ids)
      .orderBy("i.notice_id")
      .orderBy("i.position")
      .execute(),
    db
      .selectFrom("evidence_files")
      .select(["id", "notice_id", "file_name", "mime_type", "size", "sha256"])
      .where("notice_id", "in", ids)
      .orderBy("id")
      .execute(),
  ]);
  return rows.map((r) => {
    const own = items.filter((i) => i.notice_id === r.id);
    return toNotice(
      r,
      // A notice always lists its first measure, even one written before items existed.
      own.length > 0
        ? own.map((i) => ({ measureId: i.measure_id, measureText: i.text, planId: i.plan_id }))
        : [{ measureId: r.measure_id, measureText: r.measure_text, planId: r.plan_id }],
      files
        .filter((f) => f.notice_id === r.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, mimeType: f.mime_type, size: f.size, sha256: f.sha256 })),
    );
  });
}

export async function getNotice(db: Db, id: number): Promise<Notice | undefined> {
  const row = await noticeQuery(db).where("n.id", "=", id).executeTakeFirst();
  return row ? (await withDetails(db, [row]))[0] : undefined;
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
  /** Only notices that list this measure. */
  measureId?: number | undefined;
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
  if (filter.planId !== undefined) {
    const planId = filter.planId;
    q = q.where((eb) =>
      eb.or([
        eb("m.plan_id", "=", planId),
        eb.exists(
          eb
            .selectFrom("notice_items as i")
            .innerJoin("measures as im", "im.id", "i.measure_id")
            .select("i.notice_id")
            .whereRef("i.notice_id", "=", "n.id")
            .where("im.plan_id", "=", planId),
        ),
      ]),
    );
  }
  if (filter.measureId !== undefined) {
    const measureId = filter.measureId;
    q = q.where((eb) =>
      eb.or([
        eb("n.measure_id", "=", measureId),
        eb.exists(
          eb
            .selectFrom("notice_items as i")
            .select("i.notice_id")
            .whereRef("i.notice_id", "=", "n.id")
            .where("i.measure_id", "=", measureId),
        ),
      ]),
    );
  }
  const rows = await q.orderBy("n.respond_by").orderBy("n.id").execute();
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 50;
  return { items: await withDetails(db, rows.slice(offset, offset + limit)), total: rows.length };
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
  const escalated = await tx
    .updateTable("notices")
    .set((eb) => ({ escalated_at: at, row_version: eb("row_version", "+", 1) }))
    .where("response", "is", null)
    .where("escalated_at", "is", null)
    .where("respond_by", "<", today)
    .returning(["id", "org_id", "message", "respond_by"])
    .execute();
  for (const notice of escalated) await notifyParent(tx, notice, at, null);
  return escalated.map((n) => n.id);
}

/**
 * Escalates one notice now, at the chasing office's request rather than the daily run's: the same mark,
 * the same notification to the unit's parent org, audited in the person's name. An answered or already
 * escalated notice is a conflict.
 */
export async function escalateNotice(
  db: Db,
  input: { noticeId: number; userId: number; expectedVersion: number; at?: Date | undefined },
): Promise<Notice> {
  const at = input.at ?? new Date();
  await db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom("notices")
      .select(["id", "org_id", "message", "respond_by", "response", "escalated_at", "row_version"])
      .where("id", "=", input.noticeId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError("No such notice.");
    if (current.row_version !== input.expectedVersion)
      throw new ConflictError(
        `The notice was changed by someone else (now version ${current.row_version}, you had ${input.expectedVersion}); reload and try again.`,
      );
    if (current.response !== null)
      throw new ConflictError("The notice is answered already; there is nothing to escalate.");
    if (current.escalated_at !== null) throw new ConflictError("The notice is escalated already.");
    await tx
      .updateTable("notices")
      .set((eb) => ({ escalated_at: at, row_version: eb("row_version", "+", 1) }))
      .where("id", "=", input.noticeId)
      .execute();
    await notifyParent(tx, current, at, input.userId);
  });
  return (await getNotice(db, input.noticeId)) as Notice;
}

async function notifyParent(
  tx: Transaction<Database>,
  notice: { id: number; org_id: number; message: string; respond_by: string },
  at: Date,
  userId: number | null,
): Promise<void> {
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
        message:
          userId === null
            ? `【督办升级】${org.name}未在 ${notice.respond_by} 前答复督办单：${notice.message}`
            : `【督办升级】${org.name}的督办单（答复期限 ${notice.respond_by}）已提请上级督促：${notice.message}`,
        created_at: at,
      })
      .execute();
  await writeAudit(tx, {
    userId,
    action: "notice.escalate",
    entity: "notice",
    entityId: notice.id,
    after: { escalatedAt: at.toISOString(), parentOrgId: org.parent_id, manual: userId !== null },
    at,
  });
}
