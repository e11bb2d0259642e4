// Following confirmed links across levels. Trace: from a task up the chain of primary links to the top,
// and down every lower plan's implementing tasks (recursively), with their plans' offices and status.
// Coverage: for each task of an upper plan, who implements it and how far they are, and which tasks
// nobody picked up. Status comes from the plan roll-up the plan view uses, one roll-up per plan.
import type { RollUp } from "../../domain/status.ts";
import type { Db } from "../../store/tx.ts";
import { planRollUp } from "../assignments.ts";

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
export type TraceNode = TraceTask & {
  /** The task it implements: the traced task or another node. */
  upperTaskId: number;
  depth: number;
  kind: "primary" | "related";
  status: RollUp | null;
};
export type TraceCounts = { regions: number; implementingTasks: number; onTrack: number; overdue: number };
export type Trace = { task: TraceTask; status: RollUp | null; up: TraceTask[]; down: TraceNode[]; counts: TraceCounts };

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

const isOverdue = (s: RollUp | null) => (s?.counts.overdue ?? 0) > 0;
const isOnTrack = (s: RollUp | null) =>
  s !== null && s.total > 0 && s.counts.overdue === 0 && s.counts.report_missing === 0;

export function countOf(nodes: readonly { regionCode: string; status: RollUp | null }[]): TraceCounts {
  return {
    regions: new Set(nodes.map((n) => n.regionCode)).size,
    implementingTasks: nodes.length,
    onTrack: nodes.filter((n) => isOnTrack(n.status)).length,
    overdue: nodes.filter((n) => isOverdue(n.status)).length,
  };
}

/** `canSee` leaves out the plans the caller may not read; the chain stops where it reaches one. */
export async function traceTask(
  db: Db,
  taskId: number,
  today: string,
  canSee: (planId: number) => boolean,
): Promise<Trace | undefined> {
  const task = (await tasksById(db, [taskId])).get(taskId);
  if (!task) return undefined;
  const status = statusReader(db, today);
  const up: TraceTask[] = [];
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
    if (!upper || !canSee(upper.planId)) break;
    up.push(upper);
    seen.add(upper.taskId);
    current = upper.taskId;
  }
  const down: TraceNode[] = [];
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
      down.push({ ...t, upperTaskId: l.upper_task_id, depth, kind: l.kind, status: await status(t) });
    }
  }
  return { task, status: await status(task), up, down, counts: countOf(down) };
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
