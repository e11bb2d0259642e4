// Following confirmed links across levels. Trace: from a task up the chain of primary links to the top,
// and down every lower plan's implementing tasks (recursively), with their plans' offices and status.
// Coverage: for each task of an upper plan, who implements it and how far they are, and which tasks
// nobody picked up. Status comes from the plan roll-up the plan view uses, one roll-up per plan.
import { placeName } from "../../domain/fanout.ts";
import type { RollUp } from "../../domain/status.ts";
import type { AssignmentRole, ReportStatus } from "../../store/schema.ts";
import type { Db } from "../../store/tx.ts";
import { planRollUp } from "../assignments/assignments.ts";

export type TraceTask = {
  taskId: number;
  key: string;
  title: string;
  planId: number;
  planTitle: string;
  orgId: number;
  orgName: string;
  regionCode: string;
};
export type TraceUnit = { orgId: number; orgName: string; role: AssignmentRole };
export type TraceReport = {
  period: string;
  status: ReportStatus;
  percent: number | null;
  narrative: string;
  reportedAt: string;
  orgName: string;
};
export type TraceNode = TraceTask & {
  /** The task it implements: the traced task or another node. */
  upperTaskId: number;
  depth: number;
  kind: "primary" | "related";
  status: RollUp | null;
  regionName: string | null;
  /** The orgs answering for the task's measures, leads first. */
  units: TraceUnit[];
  /** The most recent progress report on any of the task's measures. */
  latestReport: TraceReport | null;
  /** The task's measures in document order. */
  measures: { id: number; text: string }[];
};
export type TraceCounts = { regions: number; implementingTasks: number; onTrack: number; overdue: number };
export type TraceRegion = {
  regionCode: string;
  regionName: string | null;
  implementingTasks: number;
  onTrack: number;
  overdue: number;
};
/** A region expected to carry the task out (handed its measures, or with a plan aligned to it) that has none. */
export type MissingRegion = {
  regionCode: string;
  regionName: string | null;
  orgId: number;
  orgName: string;
  reason: "handed_down" | "lower_plan";
};
/** An upper task in the chain; `readable` false where the caller may not open its plan (only its name shows). */
export type TraceUpTask = TraceTask & { readable: boolean };
export type Trace = {
  task: TraceTask;
  status: RollUp | null;
  /** The chain of primary links upwards, nearest first: the upper tasks a task's work serves. */
  up: TraceUpTask[];
  down: TraceNode[];
  /** The down tree's regions, in region-code order, with their counts. */
  regions: TraceRegion[];
  missing: MissingRegion[];
  counts: TraceCounts & { regionsWithout: number };
};

async function tasksById(db: Db, ids: readonly number[]): Promise<Map<number, TraceTask>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("tasks as t")
    .innerJoin("plans as p", "p.id", "t.plan_id")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["t.id", "t.key", "t.title", "t.plan_id", "p.title as plan_title", "p.org_id", "o.name", "p.region_code"])
    .where("t.id", "in", ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        taskId: r.id,
        key: r.key,
        title: r.title,
        planId: r.plan_id,
        planTitle: r.plan_title,
        orgId: r.org_id,
        orgName: r.name,
        regionCode: r.region_code,
      },
    ]),
  );
}

/** Task status by plan: each plan rolled up once, as the plan view does. */
function statusReader(db: Db, today: string) {
  const plans = new Map<number, Promise<Record<string, RollUp>>>();
  return async (t: TraceTask): Promise<RollUp | null> => {
    let tasks = plans.get(t.planId);
    if (!tasks) {
      tasks = planRollUp(db, t.planId, today).then((r) => r.tasks);
      plans.set(t.planId, tasks);
    }
    return (await tasks)[t.key] ?? null;
  };
}

/** Late work: a deadline passed, or open-ended work left unfinished when its plan ended (both red). */
const isOverdue = (s: RollUp | null) => (s?.counts.overdue ?? 0) + (s?.counts.unfinished ?? 0) > 0;
/** Nothing late, unfinished or missing a report. */
const isOnTrack = (s: RollUp | null) => s !== null && s.total > 0 && !isOverdue(s) && s.counts.report_missing === 0;

export function countOf(nodes: readonly { regionCode: string; status: RollUp | null }[]): TraceCounts {
  return {
    regions: new Set(nodes.map((n) => n.regionCode)).size,
    implementingTasks: nodes.length,
    onTrack: nodes.filter((n) => isOnTrack(n.status)).length,
    overdue: nodes.filter((n) => isOverdue(n.status)).length,
  };
}

/** Region names as their offices' place names (泰安市); the office's own name where it has no place name. */
async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom("orgs")
    .select(["region_code", "name", "kind"])
    .where("is_region_office", "=", true)
    .where("region_code", "in", [...new Set(codes)])
    .orderBy("id")
    .execute();
  const names = new Map<string, string>();
  for (const r of rows)
    if (!names.has(r.region_code))
      names.set(r.region_code, r.kind === "national" ? r.name : (placeName(r.name) ?? r.name));
  return names;
}

const ROLE_RANK: Record<AssignmentRole, number> = { lead: 0, owner: 1, support: 2 };

/** Each task's responsible orgs (its best role per org, leads first) and its latest progress report. */
async function unitsAndReports(
  db: Db,
  taskIds: readonly number[],
): Promise<{
  units: Map<number, TraceUnit[]>;
  reports: Map<number, TraceReport>;
  measures: Map<number, { id: number; text: string }[]>;
}> {
  const units = new Map<number, TraceUnit[]>();
  const reports = new Map<number, TraceReport>();
  const measures = new Map<number, { id: number; text: string }[]>();
  if (taskIds.length === 0) return { units, reports, measures };
  const rows = await db
    .selectFrom("measures")
    .select(["id", "task_id", "text"])
    .where("task_id", "in", taskIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
  for (const m of rows) measures.set(m.task_id, [...(measures.get(m.task_id) ?? []), { id: m.id, text: m.text }]);
  const held = await db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["m.task_id", "a.org_id", "o.name", "a.role"])
    .where("m.task_id", "in", taskIds)
    .orderBy("m.task_id")
    .orderBy("a.id")
    .execute();
  for (const h of held) {
    const list = units.get(h.task_id) ?? [];
    const same = list.find((u) => u.orgId === h.org_id);
    if (!same) list.push({ orgId: h.org_id, orgName: h.name, role: h.role });
    else if (ROLE_RANK[h.role] < ROLE_RANK[same.role]) same.role = h.role;
    units.set(h.task_id, list);
  }
  for (const list of units.values()) list.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]);
  const latest = await db
    .selectFrom("progress_reports as r")
    .innerJoin("assignments as a", "a.id", "r.assignment_id")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .distinctOn("m.task_id")
    .select(["m.task_id", "r.period", "r.status", "r.percent", "r.narrative", "r.reported_at", "o.name"])
    .where("m.task_id", "in", taskIds)
    .orderBy("m.task_id")
    .orderBy("r.reported_at", "desc")
    .orderBy("r.id", "desc")
    .execute();
  for (const r of latest)
    reports.set(r.task_id, {
      period: r.period,
      status: r.status,
      percent: r.percent,
      narrative: r.narrative,
      reportedAt: new Date(r.reported_at).toISOString(),
      orgName: r.name,
    });
  return { units, reports, measures };
}

/**
 * The regions expected to implement a task: region offices its measures were handed down to (outside the
 * task's own region), and the regions of the plans aligned against its plan that the caller may read.
 */
async function expectedRegions(
  db: Db,
  task: TraceTask,
  canSee: (planId: number) => boolean,
): Promise<Omit<MissingRegion, "regionName">[]> {
  const handed = await db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["o.region_code", "o.id", "o.name"])
    .where("m.task_id", "=", task.taskId)
    .where("o.is_region_office", "=", true)
    .where("o.region_code", "<>", task.regionCode)
    .orderBy("o.region_code")
    .orderBy("o.id")
    .execute();
  const lower = await db
    .selectFrom("plan_upper_plans as u")
    .innerJoin("plans as p", "p.id", "u.lower_plan_id")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id as plan_id", "p.region_code", "o.id", "o.name"])
    .where("u.upper_plan_id", "=", task.planId)
    .where("u.excluded", "=", false)
    .orderBy("p.region_code")
    .orderBy("p.id")
    .execute();
  const out = new Map<string, Omit<MissingRegion, "regionName">>();
  for (const h of handed)
    if (!out.has(h.region_code))
      out.set(h.region_code, { regionCode: h.region_code, orgId: h.id, orgName: h.name, reason: "handed_down" });
  for (const l of lower)
    if (canSee(l.plan_id) && l.region_code !== task.regionCode && !out.has(l.region_code))
      out.set(l.region_code, { regionCode: l.region_code, orgId: l.id, orgName: l.name, reason: "lower_plan" });
  return [...out.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
}

/**
 * `canSee` says which plans the caller may read: undefined for a task in a plan they may not. Down, lower plans
 * they may not read are left out. Up, the chain is whole: whoever may read a task may know which upper tasks it
 * serves (a reporter sees where its own work comes from), each marked whether its plan is readable.
 */
export async function traceTask(
  db: Db,
  taskId: number,
  today: string,
  canSee: (planId: number) => boolean,
): Promise<Trace | undefined> {
  const task = (await tasksById(db, [taskId])).get(taskId);
  if (!task || !canSee(task.planId)) return undefined;
  const status = statusReader(db, today);
  const up: TraceUpTask[] = [];
  const seen = new Set([taskId]);
  for (let current = taskId; ; ) {
    const link = await db
      .selectFrom("task_links")
      .select("upper_task_id")
      .where("lower_task_id", "=", current)
      .where("state", "=", "confirmed")
      .where("kind", "=", "primary")
      .executeTakeFirst();
    if (!link || seen.has(link.upper_task_id)) break;
    const upper = (await tasksById(db, [link.upper_task_id])).get(link.upper_task_id);
    if (!upper) break;
    up.push({ ...upper, readable: canSee(upper.planId) });
    seen.add(upper.taskId);
    current = upper.taskId;
  }
  const found: Omit<TraceNode, "regionName" | "units" | "latestReport" | "measures">[] = [];
  let frontier = [taskId];
  for (let depth = 1; frontier.length > 0; depth++) {
    const links = await db
      .selectFrom("task_links")
      .select(["lower_task_id", "upper_task_id", "kind"])
      .where("upper_task_id", "in", frontier)
      .where("state", "=", "confirmed")
      .orderBy("id")
      .execute();
    const fresh = links.filter((l) => !seen.has(l.lower_task_id));
    const tasks = await tasksById(
      db,
      fresh.map((l) => l.lower_task_id),
    );
    frontier = [];
    for (const l of fresh) {
      const t = tasks.get(l.lower_task_id);
      if (!t || seen.has(t.taskId) || !canSee(t.planId)) continue;
      seen.add(t.taskId);
      frontier.push(t.taskId);
      found.push({ ...t, upperTaskId: l.upper_task_id, depth, kind: l.kind, status: await status(t) });
    }
  }
  const { units, reports, measures } = await unitsAndReports(
    db,
    found.map((n) => n.taskId),
  );
  const expected = await expectedRegions(db, task, canSee);
  const names = await regionNames(db, [...found.map((n) => n.regionCode), ...expected.map((e) => e.regionCode)]);
  const down: TraceNode[] = found.map((n) => ({
    ...n,
    regionName: names.get(n.regionCode) ?? null,
    units: units.get(n.taskId) ?? [],
    latestReport: reports.get(n.taskId) ?? null,
    measures: measures.get(n.taskId) ?? [],
  }));
  const regions = [...new Set(down.map((n) => n.regionCode))].sort().map((code): TraceRegion => {
    const c = countOf(down.filter((n) => n.regionCode === code));
    return {
      regionCode: code,
      regionName: names.get(code) ?? null,
      implementingTasks: c.implementingTasks,
      onTrack: c.onTrack,
      overdue: c.overdue,
    };
  });
  const present = new Set(regions.map((r) => r.regionCode));
  const missing = expected
    .filter((e) => !present.has(e.regionCode))
    .map((e) => ({ ...e, regionName: names.get(e.regionCode) ?? null }));
  return {
    task,
    status: await status(task),
    up,
    down,
    regions,
    missing,
    counts: { ...countOf(down), regionsWithout: missing.length },
  };
}

export type CoverageImplementer = TraceTask & { kind: "primary" | "related"; status: RollUp | null };
export type CoverageTask = {
  taskId: number;
  key: string;
  title: string;
  /** The task's own assignments in its plan. */
  status: RollUp | null;
  implementers: CoverageImplementer[];
  counts: TraceCounts;
};
export type Coverage = {
  planId: number;
  tasks: CoverageTask[];
  /** Tasks no lower plan implements (no confirmed link). */
  uncovered: { taskId: number; key: string; title: string }[];
  counts: { tasks: number; covered: number; uncovered: number; lowerPlans: number };
};

export async function planCoverage(
  db: Db,
  planId: number,
  today: string,
  canSee: (planId: number) => boolean,
): Promise<Coverage> {
  const status = statusReader(db, today);
  const own = await tasksById(
    db,
    (await db.selectFrom("tasks").select("id").where("plan_id", "=", planId).orderBy("position").execute()).map(
      (t) => t.id,
    ),
  );
  const ordered = [...own.values()].sort((a, b) => a.taskId - b.taskId);
  const links = ordered.length
    ? await db
        .selectFrom("task_links")
        .select(["lower_task_id", "upper_task_id", "kind"])
        .where(
          "upper_task_id",
          "in",
          ordered.map((t) => t.taskId),
        )
        .where("state", "=", "confirmed")
        .orderBy("id")
        .execute()
    : [];
  const lowers = await tasksById(
    db,
    links.map((l) => l.lower_task_id),
  );
  const tasks: CoverageTask[] = [];
  const lowerPlans = new Set<number>();
  for (const t of ordered) {
    const implementers: CoverageImplementer[] = [];
    for (const l of links.filter((x) => x.upper_task_id === t.taskId)) {
      const lower = lowers.get(l.lower_task_id);
      if (!lower || !canSee(lower.planId)) continue;
      lowerPlans.add(lower.planId);
      implementers.push({ ...lower, kind: l.kind, status: await status(lower) });
    }
    tasks.push({
      taskId: t.taskId,
      key: t.key,
      title: t.title,
      status: await status(t),
      implementers,
      counts: countOf(implementers),
    });
  }
  const uncovered = tasks
    .filter((t) => t.implementers.length === 0)
    .map(({ taskId, key, title }) => ({ taskId, key, title }));
  return {
    planId,
    tasks,
    uncovered,
    counts: {
      tasks: tasks.length,
      covered: tasks.length - uncovered.length,
      uncovered: uncovered.length,
      lowerPlans: lowerPlans.size,
    },
  };
}
