// Reassignment after import (issue 10): the plan office changes who answers for a measure — adds units,
// removes them, changes their roles (牵头 lead / 配合 support / 负责 owner). The caller sends the whole list
// of the measure's top-level units; the service works out the difference:
//   - unchanged units keep their assignment as it is (reports, acknowledgement, sign-off, closure, extensions);
//   - a changed role updates the assignment in place, its progress kept;
//   - an added unit gets a new assignment (the measure's due date), waiting for its 签收 like any new work;
//   - a removed unit's assignment is deleted. One that carries progress — reports, a sign-off or closure,
//     extension requests, or sub-assignments it decomposed to — is refused (409, naming them) unless the
//     caller confirms (`confirmRemoval`); then it goes with its reports and sub-assignments, and the audit
//     entry keeps a copy of every report it had (period, status, narrative, who and when).
// Sub-assignments (分解) are the holders' business and are not in the list. Who may: admins and the plan
// office of the plan (or an office above it). One transaction, audited as `measure.reassign`; each unit
// added, removed or changed gets a notification.
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../../store/errors.ts";
import type { AssignmentRole } from "../../store/schema.ts";
import { lockMeasure, type MeasureState, settleMeasure } from "../tracking/sign-off.ts";
import { type Db, type LoopActor, sees, type Tx } from "./access.ts";
import { describeAssignment, notify } from "./notify.ts";

export const ASSIGNMENT_ROLES: readonly AssignmentRole[] = ["lead", "support", "owner"];
export const MAX_UNITS = 500;

export type UnitInput = { orgId: number; role: AssignmentRole };

export type ReassignInput = {
  measureId: number;
  units: readonly UnitInput[];
  /** Remove assignments that carry reports, a sign-off, extensions or sub-assignments. */
  confirmRemoval?: boolean | undefined;
  /** The measure's row version the caller saw; a stale one is 409. */
  expectedVersion?: number | undefined;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

export type MeasureUnit = {
  assignmentId: number;
  orgId: number;
  orgName: string;
  role: AssignmentRole;
  reports: number;
  subAssignments: number;
};

export type ReassignResult = {
  measure: MeasureState;
  units: MeasureUnit[];
  added: { assignmentId: number; orgId: number; role: AssignmentRole }[];
  changed: { assignmentId: number; orgId: number; from: AssignmentRole; to: AssignmentRole }[];
  removed: { assignmentId: number; orgId: number; reports: number; subAssignments: number }[];
  kept: number;
};

const ROLE_ZH: Record<AssignmentRole, string> = { lead: "牵头", support: "配合", owner: "负责" };

type MeasureRow = { id: number; planId: number; planOrgId: number; planActive: boolean; regionCode: string };

async function measureRow(db: Db, measureId: number): Promise<MeasureRow | undefined> {
  const r = await db
    .selectFrom("measures as m")
    .innerJoin("plans as p", "p.id", "m.plan_id")
    .select(["m.id", "m.plan_id", "p.org_id", "p.status", "m.region_code"])
    .where("m.id", "=", measureId)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      planId: r.plan_id,
      planOrgId: r.org_id,
      planActive: r.status === "active",
      regionCode: r.region_code,
    }
  );
}

/** The plan office of the plan (or above it) and admins; others who see the measure get 403, the rest 404. */
async function ensureMayReassign(db: Db, actor: LoopActor, m: MeasureRow | undefined): Promise<MeasureRow> {
  if (!m) throw new NotFoundError("No such measure.");
  if (actor.role === "admin" || (actor.role === "plan_office" && sees(actor, m.planOrgId))) return m;
  const held = await db.selectFrom("assignments").select("org_id").where("measure_id", "=", m.id).execute();
  if (!held.some((a) => sees(actor, a.org_id))) throw new NotFoundError("No such measure.");
  throw new NotAllowedError(
    "Only the plan office that issued the plan may change a measure's units（只有制定计划的处室可以调整责任单位）.",
  );
}

/** The measure's top-level units, as the reassignment form shows them (the caller may reassign). */
export async function measureUnits(db: Db, actor: LoopActor, measureId: number): Promise<MeasureUnit[]> {
  await ensureMayReassign(db, actor, await measureRow(db, measureId));
  return unitsOf(db, measureId);
}

async function unitsOf(db: Db | Tx, measureId: number): Promise<MeasureUnit[]> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["a.id", "a.org_id", "o.name", "a.role"])
    .select((eb) => [
      eb
        .selectFrom("progress_reports as r")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("r.assignment_id", "=", "a.id")
        .as("reports"),
      eb
        .selectFrom("assignments as c")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("c.parent_assignment_id", "=", "a.id")
        .as("children"),
    ])
    .where("a.measure_id", "=", measureId)
    .where("a.parent_assignment_id", "is", null)
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    assignmentId: r.id,
    orgId: r.org_id,
    orgName: r.name,
    role: r.role,
    reports: Number(r.reports ?? 0),
    subAssignments: Number(r.children ?? 0),
  }));
}

function validate(units: readonly UnitInput[]): void {
  if (units.length === 0)
    throw new InputError("一项举措至少要有一个责任单位。 A measure needs at least one responsible unit.", "units");
  if (units.length > MAX_UNITS)
    throw new InputError(`最多 ${MAX_UNITS} 个责任单位。 At most ${MAX_UNITS} units.`, "units");
  const seen = new Set<number>();
  for (const [i, u] of units.entries()) {
    if (!ASSIGNMENT_ROLES.includes(u.role))
      throw new InputError(`role must be one of ${ASSIGNMENT_ROLES.join(", ")}（角色无效）`, `units[${i}].role`);
    if (seen.has(u.orgId))
      throw new InputError(`该单位重复列出。 The unit ${u.orgId} is listed twice.`, `units[${i}].orgId`);
    seen.add(u.orgId);
  }
}

export async function reassignMeasure(db: Db, actor: LoopActor, input: ReassignInput): Promise<ReassignResult> {
  validate(input.units);
  return db.transaction().execute(async (tx) => {
    const m = await ensureMayReassign(tx, actor, await measureRow(tx, input.measureId));
    if (!m.planActive)
      throw new ConflictError(
        "The plan was superseded by a newer version; change its active version（计划已有新版本）.",
      );
    const measure = await lockMeasure(tx, m.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== measure.row_version)
      throw new ConflictError(
        `The measure was changed meanwhile (now version ${measure.row_version}, you had ${input.expectedVersion}); reload it.`,
      );
    const orgs = await tx
      .selectFrom("orgs")
      .select(["id", "name"])
      .where(
        "id",
        "in",
        input.units.map((u) => u.orgId),
      )
      .execute();
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    for (const [i, u] of input.units.entries())
      if (!orgName.has(u.orgId)) throw new InputError(`没有这个单位。 No org ${u.orgId}.`, `units[${i}].orgId`);

    const current = await unitsOf(tx, m.id);
    const all = await tx
      .selectFrom("assignments")
      .select(["id", "org_id", "parent_assignment_id", "signed_off_at", "closed_at"])
      .where("measure_id", "=", m.id)
      .execute();
    const extensions = await tx
      .selectFrom("extension_requests as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select("e.assignment_id")
      .where("a.measure_id", "=", m.id)
      .execute();
    const wanted = new Map(input.units.map((u) => [u.orgId, u.role]));
    const byOrg = new Map(current.map((c) => [c.orgId, c]));
    for (const [i, u] of input.units.entries()) {
      const sub = all.find((a) => a.org_id === u.orgId && a.parent_assignment_id !== null);
      if (sub)
        throw new ConflictError(
          `${orgName.get(u.orgId)} holds this measure as a sub-assignment (分解) already（该单位已承担分解任务）: units[${i}].`,
        );
    }
    const removed = current.filter((c) => !wanted.has(c.orgId));
    const changed = current.filter((c) => wanted.has(c.orgId) && wanted.get(c.orgId) !== c.role);
    const added = input.units.filter((u) => !byOrg.has(u.orgId));
    const carriesProgress = (c: MeasureUnit) => {
      const row = all.find((a) => a.id === c.assignmentId);
      return (
        c.reports > 0 ||
        c.subAssignments > 0 ||
        row?.signed_off_at != null ||
        row?.closed_at != null ||
        extensions.some((e) => e.assignment_id === c.assignmentId)
      );
    };
    const withProgress = removed.filter(carriesProgress);
    if (withProgress.length > 0 && input.confirmRemoval !== true)
      throw new ConflictError(
        `Removing ${withProgress.map((c) => c.orgName).join("、")} would delete their progress ` +
          `(${withProgress.map((c) => `${c.reports} reports, ${c.subAssignments} sub-assignments`).join("; ")}); ` +
          "send confirmRemoval to remove them anyway — the audit log keeps a copy of their reports" +
          "（所删单位已有进展，确认后删除，报告副本保留在审计日志中）.",
      );
    const at = input.at ?? new Date();

    // What goes, kept in the audit entry: the removed assignments' reports (and their sub-assignments').
    const removedIds = removed.map((c) => c.assignmentId);
    const goingIds = all.filter((a) => removedIds.includes(a.id) || descends(all, a.id, removedIds)).map((a) => a.id);
    const removedReports =
      goingIds.length === 0
        ? []
        : await tx
            .selectFrom("progress_reports")
            .select(["assignment_id", "period", "status", "narrative", "percent", "reported_by", "reported_at"])
            .where("assignment_id", "in", goingIds)
            .orderBy("id")
            .execute();
    for (const c of removed)
      await notify(tx, {
        assignmentId: c.assignmentId,
        regionCode: m.regionCode,
        orgId: c.orgId,
        message: `【调整交办】${await describeAssignment(tx, c.assignmentId)}，已不再由贵单位承担。`,
      });
    if (removedIds.length > 0) await tx.deleteFrom("assignments").where("id", "in", removedIds).execute();

    for (const c of changed) {
      const to = wanted.get(c.orgId) as AssignmentRole;
      await tx.updateTable("assignments").set({ role: to }).where("id", "=", c.assignmentId).execute();
      await notify(tx, {
        assignmentId: c.assignmentId,
        regionCode: m.regionCode,
        orgId: c.orgId,
        message: `【调整交办】${await describeAssignment(tx, c.assignmentId)}，贵单位的责任由${ROLE_ZH[c.role]}调整为${ROLE_ZH[to]}。`,
      });
    }

    const facts = await tx
      .selectFrom("measures")
      .select(["due_on", "ongoing"])
      .where("id", "=", m.id)
      .executeTakeFirstOrThrow();
    const inserted =
      added.length === 0
        ? []
        : await tx
            .insertInto("assignments")
            .values(
              added.map((u) => ({
                measure_id: m.id,
                plan_id: m.planId,
                org_id: u.orgId,
                region_code: m.regionCode,
                role: u.role,
                via: null,
                due_on: facts.due_on,
                ongoing: facts.ongoing,
                assigned_at: at,
                created_by: actor.userId,
              })),
            )
            .returning(["id", "org_id", "role"])
            .execute();
    for (const a of inserted)
      await notify(tx, {
        assignmentId: a.id,
        regionCode: m.regionCode,
        orgId: a.org_id,
        message: `【新增交办】${await describeAssignment(tx, a.id)}，请签收（${ROLE_ZH[a.role]}）。`,
      });

    const after = await settleMeasure(tx, measure, actor.userId, at, input.timeZone);
    const units = await unitsOf(tx, m.id);
    const result: ReassignResult = {
      measure: after,
      units,
      added: inserted.map((a) => ({ assignmentId: a.id, orgId: a.org_id, role: a.role })),
      changed: changed.map((c) => ({
        assignmentId: c.assignmentId,
        orgId: c.orgId,
        from: c.role,
        to: wanted.get(c.orgId) as AssignmentRole,
      })),
      removed: removed.map((c) => ({
        assignmentId: c.assignmentId,
        orgId: c.orgId,
        reports: c.reports,
        subAssignments: c.subAssignments,
      })),
      kept: current.length - removed.length - changed.length,
    };
    await writeAudit(tx, {
      userId: actor.userId,
      action: "measure.reassign",
      entity: "measure",
      entityId: m.id,
      before: {
        units: current.map(({ assignmentId, orgId, role }) => ({ assignmentId, orgId, role })),
        status: measure.status,
      },
      after: {
        units: units.map(({ assignmentId, orgId, role }) => ({ assignmentId, orgId, role })),
        status: after.status,
        added: result.added,
        changed: result.changed,
        removed: result.removed,
        removedAssignments: goingIds,
        removedReports: removedReports.map((r) => ({
          assignmentId: r.assignment_id,
          period: r.period,
          status: r.status,
          narrative: r.narrative,
          percent: r.percent,
          reportedBy: r.reported_by,
          reportedAt: new Date(r.reported_at).toISOString(),
        })),
      },
      at,
    });
    return result;
  });
}

/** Whether assignment `id` lies below one of `roots` (through parent_assignment_id). */
function descends(
  all: readonly { id: number; parent_assignment_id: number | null }[],
  id: number,
  roots: readonly number[],
): boolean {
  const parent = new Map(all.map((a) => [a.id, a.parent_assignment_id]));
  let at = parent.get(id) ?? null;
  for (let hops = 0; at !== null && hops < all.length; hops++) {
    if (roots.includes(at)) return true;
    at = parent.get(at) ?? null;
  }
  return false;
}
