// Task links as people see and decide them: a plan's links, and confirming, rejecting or adding one.
// Each decision checks the row version the person saw, is audited, and keeps one confirmed primary
// upper task per lower task (confirming a second primary makes the first a related link).
import { sql } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../../store/errors.ts";
import type { LinkKind, LinkOrigin, LinkState } from "../../store/schema.ts";
import { type Db, inTransaction } from "../../store/tx.ts";

export type LinkView = {
  id: number;
  lowerTaskId: number;
  lowerKey: string;
  lowerTitle: string;
  lowerPlanId: number;
  upperTaskId: number;
  upperKey: string;
  upperTitle: string;
  upperPlanId: number;
  upperPlanTitle: string;
  kind: LinkKind;
  state: LinkState;
  origin: LinkOrigin;
  score: number | null;
  evidence: unknown;
  decidedBy: number | null;
  decidedAt: string | null;
  version: number;
};

function linkQuery(db: Db) {
  return db
    .selectFrom("task_links as l")
    .innerJoin("tasks as lt", "lt.id", "l.lower_task_id")
    .innerJoin("tasks as ut", "ut.id", "l.upper_task_id")
    .innerJoin("plans as up", "up.id", "ut.plan_id")
    .select([
      "l.id",
      "l.lower_task_id",
      "lt.key as lower_key",
      "lt.title as lower_title",
      "lt.plan_id as lower_plan_id",
      "l.upper_task_id",
      "ut.key as upper_key",
      "ut.title as upper_title",
      "ut.plan_id as upper_plan_id",
      "up.title as upper_plan_title",
      "l.kind",
      "l.state",
      "l.origin",
      "l.score",
      "l.evidence",
      "l.decided_by",
      "l.decided_at",
      "l.row_version",
    ]);
}

type LinkRow = Awaited<ReturnType<ReturnType<typeof linkQuery>["executeTakeFirstOrThrow"]>>;

const toView = (r: LinkRow): LinkView => ({
  id: r.id,
  lowerTaskId: r.lower_task_id,
  lowerKey: r.lower_key,
  lowerTitle: r.lower_title,
  lowerPlanId: r.lower_plan_id,
  upperTaskId: r.upper_task_id,
  upperKey: r.upper_key,
  upperTitle: r.upper_title,
  upperPlanId: r.upper_plan_id,
  upperPlanTitle: r.upper_plan_title,
  kind: r.kind,
  state: r.state,
  origin: r.origin,
  score: r.score === null ? null : Number(r.score),
  evidence: r.evidence ?? null,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  version: r.row_version,
});

/** The links of a plan's tasks, in the plan's task order, each task's best first; `state` narrows them. */
export async function listPlanLinks(db: Db, planId: number, state?: LinkState): Promise<LinkView[]> {
  let query = linkQuery(db).where("lt.plan_id", "=", planId);
  if (state) query = query.where("l.state", "=", state);
  const rows = await query
    .orderBy("lt.position")
    .orderBy(sql`case l.kind when 'primary' then 0 else 1 end`)
    .orderBy("l.score", "desc")
    .orderBy("l.id")
    .execute();
  return rows.map(toView);
}

export async function getLink(db: Db, linkId: number): Promise<LinkView | undefined> {
  const row = await linkQuery(db).where("l.id", "=", linkId).executeTakeFirst();
  return row ? toView(row) : undefined;
}

/** The lower plan a link belongs to: whose office decides it. */
export async function linkPlanId(db: Db, linkId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom("task_links as l")
    .innerJoin("tasks as t", "t.id", "l.lower_task_id")
    .select("t.plan_id")
    .where("l.id", "=", linkId)
    .executeTakeFirst();
  return row?.plan_id;
}

type Decision = { userId: number | null; version?: number | undefined; kind?: LinkKind | undefined; at?: Date };

/** Any other confirmed primary of the lower task becomes related, so the new one can be primary. */
async function demoteOtherPrimary(
  tx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  lowerTaskId: number,
  keep: number,
  d: Decision,
) {
  const others = await tx
    .updateTable("task_links")
    .set({ kind: "related", row_version: sql`row_version + 1` })
    .where("lower_task_id", "=", lowerTaskId)
    .where("id", "<>", keep)
    .where("kind", "=", "primary")
    .where("state", "=", "confirmed")
    .returning("id")
    .execute();
  for (const o of others)
    await writeAudit(tx, {
      userId: d.userId,
      action: "link.demote",
      entity: "task_link",
      entityId: o.id,
      after: { kind: "related" },
      ...(d.at ? { at: d.at } : {}),
    });
}

async function decide(db: Db, linkId: number, state: "confirmed" | "rejected", d: Decision): Promise<LinkView> {
  return inTransaction(db, async (tx) => {
    const before = await getLink(tx, linkId);
    if (!before) throw new NotFoundError(`No link ${linkId}.`);
    if (d.version !== undefined && d.version !== before.version)
      throw new ConflictError(
        `Link ${linkId} was changed by someone else (version ${before.version}, you saw ${d.version}); reload it.`,
      );
    const kind = d.kind ?? before.kind;
    if (state === "confirmed" && kind === "primary") await demoteOtherPrimary(tx, before.lowerTaskId, linkId, d);
    await tx
      .updateTable("task_links")
      .set({ state, kind, decided_by: d.userId, decided_at: d.at ?? sql`now()`, row_version: sql`row_version + 1` })
      .where("id", "=", linkId)
      .execute();
    const after = (await getLink(tx, linkId)) as LinkView;
    await writeAudit(tx, {
      userId: d.userId,
      action: state === "confirmed" ? "link.confirm" : "link.reject",
      entity: "task_link",
      entityId: linkId,
      before: { state: before.state, kind: before.kind },
      after: { state: after.state, kind: after.kind },
      ...(d.at ? { at: d.at } : {}),
    });
    return after;
  });
}

export const confirmLink = (db: Db, linkId: number, d: Decision) => decide(db, linkId, "confirmed", d);
export const rejectLink = (db: Db, linkId: number, d: Decision) => decide(db, linkId, "rejected", d);

/** A person links a task of the plan to an upper task of another plan; confirmed at once. */
export async function addLink(
  db: Db,
  planId: number,
  input: { lowerTaskId: number; upperTaskId: number; kind: LinkKind },
  d: Decision,
): Promise<LinkView> {
  return inTransaction(db, async (tx) => {
    const lower = await tx
      .selectFrom("tasks")
      .select(["plan_id", "region_code"])
      .where("id", "=", input.lowerTaskId)
      .executeTakeFirst();
    if (!lower || lower.plan_id !== planId)
      throw new InputError(`Task ${input.lowerTaskId} is not a task of plan ${planId}.`, "lowerTaskId");
    const upper = await tx.selectFrom("tasks").select("plan_id").where("id", "=", input.upperTaskId).executeTakeFirst();
    if (!upper) throw new InputError(`No task ${input.upperTaskId}.`, "upperTaskId");
    if (upper.plan_id === planId)
      throw new InputError("The upper task must belong to another plan than the lower task.", "upperTaskId");
    const row = await tx
      .insertInto("task_links")
      .values({
        lower_task_id: input.lowerTaskId,
        upper_task_id: input.upperTaskId,
        region_code: lower.region_code,
        kind: "related",
        state: "suggested",
        origin: "manual",
        created_by: d.userId,
      })
      .onConflict((oc) =>
        oc.columns(["lower_task_id", "upper_task_id"]).doUpdateSet({ origin: sql`task_links.origin` }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    return decide(tx, row.id, "confirmed", { ...d, kind: input.kind, version: undefined });
  });
}
