// A measure handed down from an upper plan to a region's office (各地区要…, 有关地区…) is carried out
// through that office's own plans: the tasks of its plans with a confirmed link to the measure's task.
// For each such assignment, those implementing tasks with their assignments, so the office's report to
// the upper office on the measure can quote its own plan's progress.
import type { Kysely } from "kysely";
import { VIA_ALL_REGIONS, VIA_SOME_REGIONS } from "../../domain/fanout.ts";
import type { Database } from "../../store/schema.ts";

type Db = Kysely<Database>;

export type ImplementingTask = {
  planId: number;
  planTitle: string;
  taskId: number;
  taskKey: string;
  taskTitle: string;
  kind: "primary" | "related";
  /** The implementing task's assignments (every unit of every measure), in plan order. */
  assignments: { assignmentId: number; orgName: string; measureText: string }[];
};

/** By assignment id: the tasks of the assigned office's own active plans that implement the measure's task. */
export async function implementingTasks(
  db: Db,
  assignmentIds: readonly number[],
): Promise<Map<number, ImplementingTask[]>> {
  const out = new Map<number, ImplementingTask[]>();
  if (assignmentIds.length === 0) return out;
  const handed = await db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .select(["a.id", "a.org_id", "m.task_id"])
    .where("a.id", "in", [...assignmentIds])
    .where("a.via", "in", [VIA_ALL_REGIONS, VIA_SOME_REGIONS])
    .execute();
  if (handed.length === 0) return out;
  const links = await db
    .selectFrom("task_links as l")
    .innerJoin("tasks as t", "t.id", "l.lower_task_id")
    .innerJoin("plans as p", "p.id", "t.plan_id")
    .select([
      "l.upper_task_id",
      "l.kind",
      "t.id",
      "t.key",
      "t.title",
      "t.position",
      "p.id as plan_id",
      "p.title as plan_title",
      "p.org_id",
    ])
    .where("l.state", "=", "confirmed")
    .where("p.status", "=", "active")
    .where("l.upper_task_id", "in", [...new Set(handed.map((h) => h.task_id))])
    .where("p.org_id", "in", [...new Set(handed.map((h) => h.org_id))])
    .orderBy("p.id")
    .orderBy("t.position")
    .execute();
  const taskIds = [...new Set(links.map((l) => l.id))];
  const work = taskIds.length
    ? await db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .innerJoin("orgs as o", "o.id", "a.org_id")
        .select(["a.id", "m.task_id", "o.name", "m.text"])
        .where("m.task_id", "in", taskIds)
        .orderBy("m.position")
        .orderBy("a.id")
        .execute()
    : [];
  for (const h of handed) {
    const tasks = links
      .filter((l) => l.upper_task_id === h.task_id && l.org_id === h.org_id)
      .map((l) => ({
        planId: l.plan_id,
        planTitle: l.plan_title,
        taskId: l.id,
        taskKey: l.key,
        taskTitle: l.title,
        kind: l.kind,
        assignments: work
          .filter((w) => w.task_id === l.id)
          .map((w) => ({ assignmentId: w.id, orgName: w.name, measureText: w.text })),
      }));
    if (tasks.length > 0) out.set(h.id, tasks);
  }
  return out;
}
