// The plan view's data: the outline with its roll-up, and every assignment of the plan the user may see
// (fetched page by page; the API serves at most 1000 at a time), grouped by measure.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { type AssignmentStatus, STATUS_ORDER } from "../../i18n/common.ts";

export type Plan = ResponseOf<"/api/plans/{id}">;
export type Task = Plan["tasks"][number];
export type Measure = Task["measures"][number];
export type PlanAssignment = ResponseOf<"/api/assignments">["items"][number];

const PAGE = 1000;

export const periodOf = (p: { periodFrom: number | null; periodTo: number | null }): string =>
  p.periodFrom === null ? "—" : p.periodFrom === p.periodTo ? `${p.periodFrom}` : `${p.periodFrom}–${p.periodTo}`;

export function usePlan(planId: number) {
  return useQuery({
    queryKey: ["plan", planId],
    queryFn: () => unwrap(api.GET("/api/plans/{id}", { params: { path: { id: planId } } })),
  });
}

export function usePlanAssignments(planId: number) {
  return useQuery({
    queryKey: ["assignments", "plan", planId],
    queryFn: async () => {
      const page = (offset: number) =>
        unwrap(api.GET("/api/assignments", { params: { query: { plan: planId, limit: PAGE, offset } } }));
      const first = await page(0);
      // The first page tells how many there are; the rest come at once.
      const offsets: number[] = [];
      for (let offset = PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
      const rest = await Promise.all(offsets.map(page));
      return [first, ...rest].flatMap((p) => p.items);
    },
  });
}

export function byMeasure(assignments: readonly PlanAssignment[]): Map<number, PlanAssignment[]> {
  const map = new Map<number, PlanAssignment[]>();
  for (const a of assignments) {
    const list = map.get(a.measureId);
    if (list) list.push(a);
    else map.set(a.measureId, [a]);
  }
  // Lead first, then owners, then supports: the order the printed plan names them in.
  const rank = { lead: 0, owner: 1, support: 2 };
  for (const list of map.values()) list.sort((a, b) => rank[a.role] - rank[b.role]);
  return map;
}

/** The measure's headline status: done once signed off, else the worst of its assignments. */
export function measureStatus(measure: Measure, assignments: readonly PlanAssignment[]): AssignmentStatus | null {
  if (measure.status === "done") return "done";
  const statuses = new Set(assignments.map((a) => a.status));
  return STATUS_ORDER.find((s) => statuses.has(s)) ?? null;
}

/** The most recent report among the assignments. */
export function latestReport(assignments: readonly PlanAssignment[]) {
  let latest: PlanAssignment["latestReport"] = null;
  for (const a of assignments)
    if (a.latestReport && (!latest || a.latestReport.reportedAt > latest.reportedAt)) latest = a.latestReport;
  return latest;
}

export type ClientRollUp = {
  total: number;
  counts: Record<string, number>;
  completionRate: number | null;
  worst: AssignmentStatus | null;
  colour: string;
};

const COLOUR_OF: Record<AssignmentStatus, string> = {
  done: "green",
  on_track: "green",
  not_started: "grey",
  due_soon: "yellow",
  report_missing: "yellow",
  overdue: "red",
  unfinished: "red",
};

/** The server's roll-up rule, for the subsets a filter leaves (one unit's share of a task, say). */
export function rollUpOf(assignments: readonly PlanAssignment[]): ClientRollUp {
  const counts: Record<string, number> = {};
  for (const a of assignments) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return rollUpOfCounts(counts);
}

/** A roll-up from counts by status (several roll-ups' counts added up, say). */
export function rollUpOfCounts(counts: Record<string, number>): ClientRollUp {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const worst = STATUS_ORDER.find((s) => (counts[s] ?? 0) > 0) ?? null;
  return {
    total,
    counts,
    completionRate: total === 0 ? null : (counts.done ?? 0) / total,
    worst,
    colour: worst ? COLOUR_OF[worst] : "grey",
  };
}
