// Decomposed work on the dashboard (issue 10): the assignments in view that were broken down to units
// below (分解), each with its own status and its subtree's roll-up (decompose/rollup.ts) — how many are at
// risk because of their subtree (something below overdue or unfinished) while their own status may look
// fine, and the list behind each count.
import type { Kysely } from "kysely";
import type { AssignmentStatus, IsoDate } from "../../domain/types.ts";
import type { Database } from "../../store/schema.ts";
import { type AssignmentView, listAssignments } from "../assignments/assignments.ts";
import { rollUpBelow, type SubtreeRollUp, subtreeFacts } from "../decompose/rollup.ts";
import type { DashboardInput } from "./dashboard.ts";

type Db = Kysely<Database>;

export type DecomposedItem = {
  assignmentId: number;
  measureId: number;
  measureText: string;
  planId: number;
  orgId: number;
  orgName: string;
  status: AssignmentStatus;
  subtree: SubtreeRollUp;
};

export type DecomposedSummary = {
  /** Decomposed assignments in view (the top of each subtree within the view). */
  decomposed: number;
  /** Of them, at risk because something below is overdue or unfinished. */
  atRisk: number;
  /** Of them, at risk below while their own status is not overdue: the risk only the subtree shows. */
  hiddenRisk: number;
  done: number;
  /** Sub-assignments at any depth below them, and how many of those are late. */
  below: number;
  belowOverdue: number;
  /** Worst first: at risk, then on track, then done. */
  items: DecomposedItem[];
};

const ORDER = { at_risk: 0, on_track: 1, done: 2 } as const;
export const MAX_DECOMPOSED = 500;

export async function decomposedSummary(db: Db, input: DashboardInput, today: IsoDate): Promise<DecomposedSummary> {
  let q = db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .select(["a.id", "a.parent_assignment_id", "a.measure_id"])
    .where("p.status", "=", "active")
    .where((eb) =>
      eb.exists(eb.selectFrom("assignments as c").select("c.id").whereRef("c.parent_assignment_id", "=", "a.id")),
    );
  if (input.orgIds) q = q.where("a.org_id", "in", [...input.orgIds, -1]);
  if (input.planId !== undefined) q = q.where("a.plan_id", "=", input.planId);
  const rows = await q.orderBy("a.id").limit(MAX_DECOMPOSED).execute();
  // A subtree counts once, at its top within the view (a county's own decomposition under a city's).
  const inView = new Set(rows.map((r) => r.id));
  const tops = rows.filter((r) => r.parent_assignment_id === null || !inView.has(r.parent_assignment_id));
  if (tops.length === 0)
    return { decomposed: 0, atRisk: 0, hiddenRisk: 0, done: 0, below: 0, belowOverdue: 0, items: [] };
  const views = new Map<number, AssignmentView>();
  for (const measureId of new Set(tops.map((r) => r.measure_id))) {
    const { items } = await listAssignments(db, { measureId, limit: 100_000 }, today);
    for (const a of items) views.set(a.id, a);
  }
  const items: DecomposedItem[] = [];
  for (const top of tops) {
    const view = views.get(top.id);
    const subtree = rollUpBelow(await subtreeFacts(db, top.id, today), top.id);
    if (!view || !subtree) continue;
    items.push({
      assignmentId: top.id,
      measureId: view.measureId,
      measureText: view.measureText,
      planId: view.planId,
      orgId: view.orgId,
      orgName: view.orgName,
      status: view.status,
      subtree,
    });
  }
  items.sort((a, b) => ORDER[a.subtree.status] - ORDER[b.subtree.status] || a.assignmentId - b.assignmentId);
  const risky = items.filter((i) => i.subtree.status === "at_risk");
  return {
    decomposed: items.length,
    atRisk: risky.length,
    hiddenRisk: risky.filter((i) => i.status !== "overdue" && i.status !== "unfinished").length,
    done: items.filter((i) => i.subtree.status === "done").length,
    below: items.reduce((n, i) => n + i.subtree.total, 0),
    belowOverdue: items.reduce((n, i) => n + i.subtree.overdue, 0),
    items,
  };
}
