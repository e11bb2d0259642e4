// Selective scopes after import (issue 10, 有关地区 / 各有关市 / 有关单位; table selective_scopes, migration
// 012). A scope left open at import is 待选定 until the plan office chooses its members, or opens a 领办
// window in which members opt in themselves (each opt-in is their assignment, audited). After the window
// the office sees who took it and closes it (choosing more, or none). Every step is one transaction,
// audited, and tells the orgs concerned through their inbox.
import { sql } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../../store/errors.ts";
import type { AssignmentRole, SelectiveScopeMode } from "../../store/schema.ts";
import { type Db, type LoopActor, sees, type Tx } from "../supervision-loop/access.ts";

export type ScopeState = "pending" | "opt_in" | "opt_in_closed" | "decided";

export type SelectiveScopeView = {
  id: number;
  planId: number;
  planTitle: string;
  measureId: number;
  measureText: string;
  taskKey: string;
  via: string;
  role: AssignmentRole;
  mode: SelectiveScopeMode;
  optInUntil: string | null;
  /** pending 待选定, opt_in 领办中, opt_in_closed 领办已截止 (the office still to close it), decided 已选定. */
  state: ScopeState;
  candidates: { orgId: number; orgName: string; holds: boolean }[];
  /** The candidates holding the measure through this scope (chosen or opted in), with how. */
  takers: { orgId: number; orgName: string; assignmentId: number; optedIn: boolean }[];
  decidedAt: string | null;
  version: number;
  /** The caller is the plan's office and may choose or open a window. */
  canDecide: boolean;
  /** The caller's own org is a candidate and the window is open. */
  canOptIn: boolean;
};

type Row = {
  id: number;
  plan_id: number;
  plan_org_id: number;
  plan_title: string;
  measure_id: number;
  measure_text: string;
  task_key: string;
  via: string;
  role: AssignmentRole;
  mode: SelectiveScopeMode;
  opt_in_until: string | null;
  state: "open" | "decided";
  decided_at: Date | null;
  candidate_org_ids: number[];
  row_version: number;
  region_code: string;
  due_on: string | null;
  ongoing: boolean;
};

const dateText = (d: unknown): string | null =>
  d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

function baseQuery(db: Db) {
  return db
    .selectFrom("selective_scopes as s")
    .innerJoin("plans as p", "p.id", "s.plan_id")
    .innerJoin("measures as m", "m.id", "s.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select([
      "s.id",
      "s.plan_id",
      "p.org_id as plan_org_id",
      "p.title as plan_title",
      "s.measure_id",
      "m.text as measure_text",
      "t.key as task_key",
      "s.via",
      "s.role",
      "s.mode",
      "s.opt_in_until",
      "s.state",
      "s.decided_at",
      "s.candidate_org_ids",
      "s.row_version",
      "s.region_code",
      "m.due_on",
      "m.ongoing",
    ]);
}

const normalize = (r: Row): Row => ({
  ...r,
  opt_in_until: dateText(r.opt_in_until),
  due_on: dateText(r.due_on),
  candidate_org_ids: typeof r.candidate_org_ids === "string" ? JSON.parse(r.candidate_org_ids) : r.candidate_org_ids,
});

/** The plan's office (an office whose scope holds the plan's org) or an admin decides. */
const decides = (actor: LoopActor, r: Row): boolean =>
  (actor.role === "admin" || actor.role === "plan_office") && sees(actor, r.plan_org_id);

function stateOf(r: Row, today: string): ScopeState {
  if (r.state === "decided") return "decided";
  if (r.mode === "opt_in" && r.opt_in_until !== null) return r.opt_in_until >= today ? "opt_in" : "opt_in_closed";
  return "pending";
}

async function present(db: Db, actor: LoopActor, rows: Row[], today: string): Promise<SelectiveScopeView[]> {
  if (rows.length === 0) return [];
  const orgIds = [...new Set(rows.flatMap((r) => r.candidate_org_ids))];
  const orgs = new Map(
    (await db.selectFrom("orgs").select(["id", "name"]).where("id", "in", orgIds).execute()).map((o) => [o.id, o.name]),
  );
  const held = await db
    .selectFrom("assignments")
    .select(["id", "measure_id", "org_id", "via", "acknowledged_at", "assigned_at"])
    .where(
      "measure_id",
      "in",
      rows.map((r) => r.measure_id),
    )
    .where("parent_assignment_id", "is", null)
    .execute();
  const optedIn = new Set(
    (held.length === 0
      ? []
      : await db
          .selectFrom("audit_log")
          .select("entity_id")
          .where("action", "=", "scope.opt_in")
          .where(
            "entity_id",
            "in",
            held.map((h) => String(h.id)),
          )
          .execute()
    ).map((a) => Number(a.entity_id)),
  );
  return rows.map((r) => {
    const holders = held.filter((h) => h.measure_id === r.measure_id);
    const state = stateOf(r, today);
    return {
      id: r.id,
      planId: r.plan_id,
      planTitle: r.plan_title,
      measureId: r.measure_id,
      measureText: r.measure_text,
      taskKey: r.task_key,
      via: r.via,
      role: r.role,
      mode: r.mode,
      optInUntil: r.opt_in_until,
      state,
      candidates: r.candidate_org_ids.map((orgId) => ({
        orgId,
        orgName: orgs.get(orgId) ?? `#${orgId}`,
        holds: holders.some((h) => h.org_id === orgId),
      })),
      takers: holders
        .filter((h) => h.via === r.via && r.candidate_org_ids.includes(h.org_id))
        .map((h) => ({
          orgId: h.org_id,
          orgName: orgs.get(h.org_id) ?? `#${h.org_id}`,
          assignmentId: h.id,
          optedIn: optedIn.has(h.id),
        })),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      version: r.row_version,
      canDecide: state !== "decided" && decides(actor, r),
      canOptIn:
        state === "opt_in" &&
        r.candidate_org_ids.includes(actor.orgId) &&
        actor.role !== "viewer" &&
        !holders.some((h) => h.org_id === actor.orgId),
    };
  });
}

/** A plan's selective scopes (or one measure's), for whoever may read the plan. */
export async function listScopes(
  db: Db,
  actor: LoopActor,
  filter: { planId?: number; measureId?: number; openOnly?: boolean },
  today: string,
): Promise<SelectiveScopeView[]> {
  let q = baseQuery(db);
  if (filter.planId !== undefined) q = q.where("s.plan_id", "=", filter.planId);
  if (filter.measureId !== undefined) q = q.where("s.measure_id", "=", filter.measureId);
  if (filter.openOnly) q = q.where("s.state", "=", "open");
  const rows = (await q.orderBy("t.position").orderBy("m.position").orderBy("s.id").execute()).map(normalize);
  return present(db, actor, rows, today);
}

/** Open scopes the caller decides, within its scope: what the supervision page lists as 待选定. */
export async function pendingScopes(db: Db, actor: LoopActor, today: string, planId?: number) {
  let q = baseQuery(db).where("s.state", "=", "open").where("p.status", "=", "active");
  if (planId !== undefined) q = q.where("s.plan_id", "=", planId);
  if (!actor.scope.all) q = q.where("p.org_id", "in", [...actor.scope.ids, -1]);
  const rows = (await q.orderBy("s.plan_id").orderBy("s.id").limit(500).execute()).map(normalize);
  return present(db, actor, rows, today);
}

/** 领办 offers for the caller's own org: open windows naming it as a candidate (taken ones too, marked). */
export async function scopeOffers(db: Db, actor: LoopActor, today: string): Promise<SelectiveScopeView[]> {
  const rows = (
    await baseQuery(db)
      .where("s.state", "=", "open")
      .where("s.mode", "=", "opt_in")
      .where("s.opt_in_until", ">=", today)
      .where("p.status", "=", "active")
      .where(sql<boolean>`s.candidate_org_ids @> ${JSON.stringify([actor.orgId])}::jsonb`)
      .orderBy("s.opt_in_until")
      .orderBy("s.id")
      .limit(200)
      .execute()
  ).map(normalize);
  return present(db, actor, rows, today);
}

async function load(tx: Tx | Db, id: number, lock: boolean): Promise<Row> {
  let q = baseQuery(tx).where("s.id", "=", id);
  if (lock) q = q.forUpdate("s");
  const r = await q.executeTakeFirst();
  if (!r) throw new NotFoundError(`No selective scope ${id}.`);
  return normalize(r as Row);
}

function checkVersion(r: Row, expected: number | undefined) {
  if (expected !== undefined && expected !== r.row_version)
    throw new ConflictError(
      `Selective scope ${r.id} changed since you read it (version ${r.row_version}); reload（已被他人修改，请刷新）.`,
    );
}

async function assign(tx: Tx, r: Row, orgId: number, actor: LoopActor, at: Date, acknowledged: boolean) {
  return tx
    .insertInto("assignments")
    .values({
      measure_id: r.measure_id,
      plan_id: r.plan_id,
      org_id: orgId,
      region_code: r.region_code,
      role: r.role,
      via: r.via,
      due_on: r.due_on,
      ongoing: r.ongoing,
      assigned_at: at,
      created_by: actor.userId,
      ...(acknowledged ? { acknowledged_at: at, acknowledged_by: actor.userId } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function tell(tx: Tx, orgIds: number[], message: string) {
  if (orgIds.length === 0) return;
  await tx
    .insertInto("notifications")
    .values(orgIds.map((org_id) => ({ org_id, reminder_id: null, message })))
    .execute();
}

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * The office chooses the members (a subset of the candidates; [] = none) and closes the scope. Members that
 * opted in keep their assignment; those chosen now get one (to acknowledge, 签收, like any new work).
 */
export async function decideScope(
  db: Db,
  actor: LoopActor,
  input: { scopeId: number; orgIds: number[]; expectedVersion?: number | undefined; at?: Date | undefined },
  today: string,
): Promise<SelectiveScopeView> {
  await db.transaction().execute(async (tx) => {
    const r = await load(tx, input.scopeId, true);
    if (!sees(actor, r.plan_org_id)) throw new NotFoundError(`No selective scope ${r.id}.`);
    if (!decides(actor, r))
      throw new NotAllowedError("Only the plan's office chooses the members（只有计划制定单位可以选定范围）.");
    checkVersion(r, input.expectedVersion);
    if (r.state === "decided")
      throw new ConflictError(`Selective scope ${r.id} is already decided（已选定）; change units by reassignment.`);
    const strangers = input.orgIds.filter((id) => !r.candidate_org_ids.includes(id));
    if (strangers.length > 0)
      throw new InputError(
        `orgIds: org ${strangers.join(", ")} is not a candidate of ${r.via} / 不是“${r.via}”的候选单位`,
        "orgIds",
      );
    const at = input.at ?? new Date();
    const holding = new Set(
      (
        await tx
          .selectFrom("assignments")
          .select("org_id")
          .where("measure_id", "=", r.measure_id)
          .where("parent_assignment_id", "is", null)
          .execute()
      ).map((a) => a.org_id),
    );
    const added: { orgId: number; assignmentId: number }[] = [];
    for (const orgId of [...new Set(input.orgIds)]) {
      if (holding.has(orgId)) continue;
      const { id } = await assign(tx, r, orgId, actor, at, false);
      added.push({ orgId, assignmentId: id });
    }
    await tx
      .updateTable("selective_scopes")
      .set({ state: "decided", decided_by: actor.userId, decided_at: at, row_version: r.row_version + 1 })
      .where("id", "=", r.id)
      .execute();
    await writeAudit(tx, {
      userId: actor.userId,
      action: "scope.decide",
      entity: "selective_scope",
      entityId: r.id,
      before: { state: stateOf(r, today), holders: [...holding].filter((id) => r.candidate_org_ids.includes(id)) },
      after: { state: "decided", chosen: input.orgIds, added },
      at,
    });
    await tell(
      tx,
      added.map((a) => a.orgId),
      `新交办（${r.via}）：${r.plan_title}：${r.task_key} ${short(r.measure_text)} — please acknowledge (签收).`,
    );
  });
  return (await listScopes(db, actor, { measureId: (await load(db, input.scopeId, false)).measure_id }, today)).find(
    (s) => s.id === input.scopeId,
  ) as SelectiveScopeView;
}

/** The office opens (or moves) a 领办 window: the candidates may opt in until `until`. */
export async function openOptIn(
  db: Db,
  actor: LoopActor,
  input: { scopeId: number; until: string; expectedVersion?: number | undefined; at?: Date | undefined },
  today: string,
): Promise<SelectiveScopeView> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.until) || input.until < today)
    throw new InputError("until: a date from today on / 领办截止日期须为今天或以后", "until");
  await db.transaction().execute(async (tx) => {
    const r = await load(tx, input.scopeId, true);
    if (!sees(actor, r.plan_org_id)) throw new NotFoundError(`No selective scope ${r.id}.`);
    if (!decides(actor, r))
      throw new NotAllowedError("Only the plan's office opens a 领办 window（只有计划制定单位可以发起领办）.");
    checkVersion(r, input.expectedVersion);
    if (r.state === "decided") throw new ConflictError(`Selective scope ${r.id} is already decided（已选定）.`);
    const at = input.at ?? new Date();
    await tx
      .updateTable("selective_scopes")
      .set({ mode: "opt_in", opt_in_until: input.until, row_version: r.row_version + 1 })
      .where("id", "=", r.id)
      .execute();
    await writeAudit(tx, {
      userId: actor.userId,
      action: "scope.open_opt_in",
      entity: "selective_scope",
      entityId: r.id,
      before: { mode: r.mode, optInUntil: r.opt_in_until },
      after: { mode: "opt_in", optInUntil: input.until },
      at,
    });
    await tell(
      tx,
      r.candidate_org_ids,
      `可领办（${r.via}，截至${input.until}）：${r.plan_title}：${r.task_key} ${short(r.measure_text)} — opt in on your workbench.`,
    );
  });
  return (await listScopes(db, actor, { measureId: (await load(db, input.scopeId, false)).measure_id }, today)).find(
    (s) => s.id === input.scopeId,
  ) as SelectiveScopeView;
}

/** 领办: the caller's own org, a candidate, takes the measure while the window is open. */
export async function optIn(
  db: Db,
  actor: LoopActor,
  input: { scopeId: number; at?: Date | undefined },
  today: string,
): Promise<{ scope: SelectiveScopeView; assignmentId: number }> {
  if (actor.role === "viewer") throw new NotAllowedError("Viewers cannot opt in（只读用户不能领办）.");
  const assignmentId = await db.transaction().execute(async (tx) => {
    const r = await load(tx, input.scopeId, true);
    if (!r.candidate_org_ids.includes(actor.orgId) && !sees(actor, r.plan_org_id))
      throw new NotFoundError(`No selective scope ${r.id}.`);
    if (!r.candidate_org_ids.includes(actor.orgId))
      throw new NotAllowedError(`Your org is not a candidate of ${r.via}（贵单位不在“${r.via}”的范围内）.`);
    const state = stateOf(r, today);
    if (state !== "opt_in")
      throw new ConflictError(
        state === "decided" || state === "opt_in_closed"
          ? "The 领办 window is closed（领办已截止）."
          : "This measure is not open for 领办（未开放领办）.",
      );
    const holds = await tx
      .selectFrom("assignments")
      .select("id")
      .where("measure_id", "=", r.measure_id)
      .where("org_id", "=", actor.orgId)
      .executeTakeFirst();
    if (holds) throw new ConflictError("Your org already holds this measure（已承担该举措）.");
    const at = input.at ?? new Date();
    const { id } = await assign(tx, r, actor.orgId, actor, at, true);
    await tx
      .updateTable("selective_scopes")
      .set({ row_version: r.row_version + 1 })
      .where("id", "=", r.id)
      .execute();
    await writeAudit(tx, {
      userId: actor.userId,
      action: "scope.opt_in",
      entity: "assignment",
      entityId: id,
      before: null,
      after: { scopeId: r.id, via: r.via, orgId: actor.orgId, measureId: r.measure_id, role: r.role },
      at,
    });
    await tell(
      tx,
      [r.plan_org_id],
      `领办：${r.plan_title}：${r.task_key} ${short(r.measure_text)}（${r.via}） — a unit opted in.`,
    );
    return id;
  });
  const measureId = (await load(db, input.scopeId, false)).measure_id;
  const scope = (await listScopes(db, actor, { measureId }, today)).find((s) => s.id === input.scopeId);
  return { scope: scope as SelectiveScopeView, assignmentId };
}

/** The scope's plan, for the route's read check. */
export async function scopePlanId(db: Db, id: number): Promise<number> {
  return (await load(db, id, false)).plan_id;
}
