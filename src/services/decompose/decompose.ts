// Decomposition (二次分解) and consolidation (汇总), issue 10. An org holding an assignment breaks it down to
// orgs under it (its divisions, the next level's bureaus): each sub-assignment is an ordinary assignment of
// the same measure and plan (periods, reports, reminders, notices and status work on it unchanged), naming
// the assignment it came from, with its own role, due date (never later than its parent's) and instruction.
// Any depth: a sub-assignment may be decomposed again (province → city → county → a county's divisions).
//
// Who may: the route checks that the caller may write the parent's org (its own users with a write role,
// or a plan office above it); this service checks the rest — every target org lies strictly under the
// holder, the due dates, and that no target holds this measure already (one assignment per unit and
// measure). One transaction, audited.
import type { Kysely } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";
import { refreshStatus, statusDay } from "../assignments/stored-status.ts";
import { subtree } from "../orgs/queries.ts";

type Db = Kysely<Database>;

export type SubRole = "lead" | "support";

export type SubAssignmentInput = {
  orgId: number;
  role: SubRole;
  /** ISO date; omitted: the parent's due date. */
  dueOn?: string | null | undefined;
  instruction?: string | undefined;
};

export type DecomposeInput = {
  assignmentId: number;
  userId: number | null;
  children: readonly SubAssignmentInput[];
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

export type SubAssignment = {
  id: number;
  parentAssignmentId: number;
  measureId: number;
  orgId: number;
  orgName: string;
  role: string;
  dueOn: string | null;
  ongoing: boolean;
  instruction: string | null;
  createdBy: number | null;
  createdAt: Date;
  latestPeriod: string | null;
  latestStatus: string | null;
  latestReportedAt: Date | null;
  /** The narrative of its most recently filed report: the parent unit reads its children's reports. */
  latestNarrative: string | null;
  signedOffAt: Date | null;
  /** How many sub-assignments this one has itself. */
  childCount: number;
};

export const MAX_CHILDREN = 200;
export const INSTRUCTION_MAX_LENGTH = 2000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Breaks an assignment down to orgs under its holder; returns the new sub-assignments. */
export async function decompose(db: Db, input: DecomposeInput): Promise<SubAssignment[]> {
  if (input.children.length === 0)
    throw new InputError("请至少选择一个下级单位。 Choose at least one unit to decompose to.", "children");
  if (input.children.length > MAX_CHILDREN)
    throw new InputError(
      `一次最多分解给 ${MAX_CHILDREN} 个单位。 At most ${MAX_CHILDREN} units at a time.`,
      "children",
    );
  const created = await db.transaction().execute(async (tx) => {
    const parent = await tx
      .selectFrom("assignments")
      .selectAll()
      .where("id", "=", input.assignmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!parent) throw new NotFoundError("No such assignment.");
    const under = new Map(
      (await subtree(tx, parent.org_id)).filter((o) => o.id !== parent.org_id).map((o) => [o.id, o]),
    );
    const seen = new Set<number>();
    input.children.forEach((child, i) => {
      const field = `children[${i}]`;
      if (seen.has(child.orgId))
        throw new InputError(`同一单位只能分解一次。 Unit ${child.orgId} is listed twice.`, `${field}.orgId`);
      seen.add(child.orgId);
      if (!under.has(child.orgId))
        throw new InputError(
          "只能分解给本单位下属的单位（内设处室或下一级单位）。 You may decompose only to units under the holder (its divisions or the next level's bureaus).",
          `${field}.orgId`,
        );
      if (child.role !== "lead" && child.role !== "support")
        throw new InputError(
          "角色应为 lead（牵头）或 support（配合）。 Role must be lead or support.",
          `${field}.role`,
        );
      const due = child.dueOn ?? null;
      if (due !== null && !validDate(due))
        throw new InputError(
          `截止日期格式应为 YYYY-MM-DD。 Expected a date YYYY-MM-DD, got "${due}".`,
          `${field}.dueOn`,
        );
      if (due !== null && parent.due_on !== null && due > parent.due_on)
        throw new InputError(
          `截止日期不能晚于上级任务的截止日期（${parent.due_on}）。 The due date may not be later than the parent assignment's (${parent.due_on}).`,
          `${field}.dueOn`,
        );
      if ((child.instruction ?? "").length > INSTRUCTION_MAX_LENGTH)
        throw new InputError(
          `工作要求最多 ${INSTRUCTION_MAX_LENGTH} 字。 The instruction may be at most ${INSTRUCTION_MAX_LENGTH} characters.`,
          `${field}.instruction`,
        );
    });
    const holding = await tx
      .selectFrom("assignments as a")
      .innerJoin("orgs as o", "o.id", "a.org_id")
      .select(["a.org_id", "o.name"])
      .where("a.measure_id", "=", parent.measure_id)
      .where("a.org_id", "in", [...seen])
      .execute();
    const first = holding[0];
    if (first)
      throw new ConflictError(
        `${first.name}已承担该举措，不能重复分解。 ${first.name} already holds this measure; it cannot be assigned it twice.`,
      );
    const rows = await tx
      .insertInto("assignments")
      .values(
        input.children.map((child) => ({
          measure_id: parent.measure_id,
          plan_id: parent.plan_id,
          org_id: child.orgId,
          region_code: under.get(child.orgId)?.regionCode ?? parent.region_code,
          role: child.role,
          via: null,
          due_on: child.dueOn ?? parent.due_on,
          ongoing: parent.ongoing,
          parent_assignment_id: parent.id,
          instruction: child.instruction?.trim() || null,
          created_by: input.userId,
          ...(input.at ? { created_at: input.at } : {}),
        })),
      )
      .returning(["id"])
      .execute();
    const ids = rows.map((r) => r.id);
    // The new sub-assignments' statuses, and the holder's (the rule reads only its own facts, so this
    // changes nothing today, but keeps the stored answer tied to this write).
    await refreshStatus(tx, [parent.id, ...ids], statusDay(input.at ?? new Date(), input.timeZone));
    await writeAudit(tx, {
      userId: input.userId,
      action: "assignment.decompose",
      entity: "assignment",
      entityId: parent.id,
      after: {
        children: input.children.map((c, i) => ({
          id: ids[i],
          orgId: c.orgId,
          role: c.role,
          dueOn: c.dueOn ?? parent.due_on,
          instruction: c.instruction ?? null,
        })),
      },
      ...(input.at ? { at: input.at } : {}),
    });
    return ids;
  });
  const children = await listSubAssignments(db, input.assignmentId);
  return children.filter((c) => created.includes(c.id));
}

/** The assignments decomposed from this one (one level), with their latest report and status facts. */
export async function listSubAssignments(db: Db, assignmentId: number): Promise<SubAssignment[]> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select((eb) => [
      "a.id",
      "a.parent_assignment_id",
      "a.measure_id",
      "a.org_id",
      "o.name as org_name",
      "a.role",
      "a.due_on",
      "a.ongoing",
      "a.instruction",
      "a.created_by",
      "a.created_at",
      "a.latest_period",
      "a.latest_status",
      "a.latest_reported_at",
      "a.signed_off_at",
      eb
        .selectFrom("assignments as c")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("c.parent_assignment_id", "=", "a.id")
        .as("child_count"),
      eb
        .selectFrom("progress_reports as r")
        .select("r.narrative")
        .whereRef("r.assignment_id", "=", "a.id")
        .orderBy("r.reported_at", "desc")
        .orderBy("r.id", "desc")
        .limit(1)
        .as("latest_narrative"),
    ])
    .where("a.parent_assignment_id", "=", assignmentId)
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentAssignmentId: r.parent_assignment_id ?? assignmentId,
    measureId: r.measure_id,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role,
    dueOn: r.due_on,
    ongoing: r.ongoing,
    instruction: r.instruction,
    createdBy: r.created_by,
    createdAt: r.created_at,
    latestPeriod: r.latest_period,
    latestStatus: r.latest_status,
    latestReportedAt: r.latest_reported_at,
    latestNarrative: r.latest_narrative ?? null,
    signedOffAt: r.signed_off_at,
    childCount: Number(r.child_count ?? 0),
  }));
}

export type ConsolidatedDraft = {
  assignmentId: number;
  /** The draft narrative: each child's latest narrative quoted with its unit's name. Edit, then file it. */
  narrative: string;
  sources: { assignmentId: number; orgName: string; period: string | null; status: string | null }[];
};

/**
 * 汇总: a draft of the holder's report upward, from its sub-assignments' latest reports (of `period` when
 * given), each quoted with its unit. The draft is not stored; filing it is an ordinary report.
 */
export async function consolidatedDraft(db: Db, assignmentId: number, period?: string): Promise<ConsolidatedDraft> {
  const exists = await db.selectFrom("assignments").select("id").where("id", "=", assignmentId).executeTakeFirst();
  if (!exists) throw new NotFoundError("No such assignment.");
  const children = await listSubAssignments(db, assignmentId);
  const sources: ConsolidatedDraft["sources"] = [];
  const parts: string[] = [];
  for (const child of children) {
    let q = db
      .selectFrom("progress_reports")
      .select(["period", "status", "narrative"])
      .where("assignment_id", "=", child.id)
      .orderBy("reported_at", "desc")
      .orderBy("id", "desc")
      .limit(1);
    if (period) q = q.where("period", "=", period);
    const report = await q.executeTakeFirst();
    sources.push({
      assignmentId: child.id,
      orgName: child.orgName,
      period: report?.period ?? null,
      status: report?.status ?? null,
    });
    const text = report?.narrative.trim();
    parts.push(
      text ? `【${child.orgName}】（${report?.period}）${text}` : `【${child.orgName}】尚未报送进展。 (No report yet.)`,
    );
  }
  return { assignmentId, narrative: parts.join("\n\n"), sources };
}

export type DecomposeTargets = {
  /** The parent's due date: no sub-assignment may be due later. */
  dueOn: string | null;
  /** Orgs strictly under the holder, parents before children; `holds`: it has this measure already. */
  orgs: { id: number; name: string; kind: string; parentId: number | null; holds: boolean }[];
};

/** The units an assignment may be decomposed to (the form's choices): everything under its holder. */
export async function decomposeTargets(db: Db, assignmentId: number): Promise<DecomposeTargets> {
  const parent = await db
    .selectFrom("assignments")
    .select(["org_id", "measure_id", "due_on"])
    .where("id", "=", assignmentId)
    .executeTakeFirst();
  if (!parent) throw new NotFoundError("No such assignment.");
  const under = (await subtree(db, parent.org_id)).filter((o) => o.id !== parent.org_id);
  const holding = new Set(
    (await db.selectFrom("assignments").select("org_id").where("measure_id", "=", parent.measure_id).execute()).map(
      (r) => r.org_id,
    ),
  );
  return {
    dueOn: parent.due_on,
    orgs: under.map((o) => ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parentId, holds: holding.has(o.id) })),
  };
}

/**
 * The decomposition for a named actor (the CLI): the route's check — the actor may write the holder's org
 * (its writers, or a plan office above it; out of scope is not found) — then decompose.
 */
export async function decomposeAs(
  db: Db,
  actor: { id: number; role: import("../../store/schema.ts").UserRole; orgId: number },
  input: Omit<DecomposeInput, "userId">,
): Promise<SubAssignment[]> {
  const { authorize, orgScope } = await import("../access/index.ts");
  const holder = await db
    .selectFrom("assignments")
    .select("org_id")
    .where("id", "=", input.assignmentId)
    .executeTakeFirst();
  authorize(actor, await orgScope(db, actor), "write", holder && { orgId: holder.org_id }, "assignment");
  return decompose(db, { ...input, userId: actor.id });
}
