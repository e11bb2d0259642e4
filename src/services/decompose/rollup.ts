// Status roll-up of a decomposed assignment (issue 10): beside its own status, how its subtree stands — a
// decomposed assignment is at risk when any sub-assignment at any depth is overdue (or unfinished: its plan's
// period ended without it done), done when every one is done. Each sub-assignment's own status is the same
// computation every list uses (services/assignments), so the roll-up never disagrees with the workbench.
import type { Kysely } from "kysely";
import type { AssignmentStatus } from "../../domain/types.ts";
import type { Database } from "../../store/schema.ts";
import { listAssignments } from "../assignments/assignments.ts";

type Db = Kysely<Database>;

export type SubtreeStatus = "at_risk" | "on_track" | "done";

export type SubtreeRollUp = {
  /** Direct sub-assignments. */
  children: number;
  /** Sub-assignments at any depth. */
  total: number;
  /** Of them, overdue or unfinished. */
  overdue: number;
  done: number;
  status: SubtreeStatus;
};

/** Statuses that make a parent at risk: late work below it. */
const LATE: readonly AssignmentStatus[] = ["overdue", "unfinished"];

export type SubtreeFacts = {
  /** Each descendant's own status (as of today), by assignment id. */
  statuses: Map<number, AssignmentStatus>;
  /** Each assignment in the subtree (the root included) with its direct children's ids. */
  childrenOf: Map<number, number[]>;
};

/** The descendants of an assignment at any depth, with their statuses as of `today`. */
export async function subtreeFacts(db: Db, assignmentId: number, today: string): Promise<SubtreeFacts> {
  const childrenOf = new Map<number, number[]>();
  let level = [assignmentId];
  const seen = new Set(level);
  let measureId: number | null = null;
  while (level.length > 0) {
    const rows = await db
      .selectFrom("assignments")
      .select(["id", "parent_assignment_id", "measure_id"])
      .where("parent_assignment_id", "in", level)
      .orderBy("id")
      .execute();
    const next: number[] = [];
    for (const r of rows) {
      if (seen.has(r.id) || r.parent_assignment_id === null) continue;
      seen.add(r.id);
      measureId = r.measure_id;
      const list = childrenOf.get(r.parent_assignment_id) ?? [];
      list.push(r.id);
      childrenOf.set(r.parent_assignment_id, list);
      next.push(r.id);
    }
    level = next;
  }
  const statuses = new Map<number, AssignmentStatus>();
  if (measureId !== null) {
    // Sub-assignments share their parent's measure: one status computation over the measure's assignments.
    const { items } = await listAssignments(db, { measureId, limit: 100_000 }, today);
    for (const a of items) if (seen.has(a.id) && a.id !== assignmentId) statuses.set(a.id, a.status);
  }
  return { statuses, childrenOf };
}

/** The roll-up below one assignment of the subtree; null when it has no sub-assignments. */
export function rollUpBelow(facts: SubtreeFacts, assignmentId: number): SubtreeRollUp | null {
  const direct = facts.childrenOf.get(assignmentId) ?? [];
  if (direct.length === 0) return null;
  let total = 0;
  let overdue = 0;
  let done = 0;
  const stack = [...direct];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const status = facts.statuses.get(id);
    // A sub-assignment of a superseded plan version has no status: it is history, not work.
    if (status !== undefined) {
      total += 1;
      if (LATE.includes(status)) overdue += 1;
      if (status === "done") done += 1;
    }
    stack.push(...(facts.childrenOf.get(id) ?? []));
  }
  const status: SubtreeStatus = overdue > 0 ? "at_risk" : total > 0 && done === total ? "done" : "on_track";
  return { children: direct.length, total, overdue, done, status };
}

/** How the subtree below an assignment stands as of `today`; null when it was never decomposed. */
export async function subtreeRollUp(db: Db, assignmentId: number, today: string): Promise<SubtreeRollUp | null> {
  return rollUpBelow(await subtreeFacts(db, assignmentId, today), assignmentId);
}

/** The orgs holding the assignments above this one (its parent, the parent's parent, …), nearest first. */
export async function ancestorOrgIds(db: Db, assignmentId: number): Promise<number[]> {
  const orgs: number[] = [];
  const seen = new Set<number>([assignmentId]);
  let current = await db
    .selectFrom("assignments")
    .select("parent_assignment_id")
    .where("id", "=", assignmentId)
    .executeTakeFirst();
  while (current?.parent_assignment_id != null && !seen.has(current.parent_assignment_id)) {
    seen.add(current.parent_assignment_id);
    const parent = await db
      .selectFrom("assignments")
      .select(["org_id", "parent_assignment_id"])
      .where("id", "=", current.parent_assignment_id)
      .executeTakeFirst();
    if (!parent) break;
    orgs.push(parent.org_id);
    current = parent;
  }
  return orgs;
}
