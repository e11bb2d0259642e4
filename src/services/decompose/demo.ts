// Demo data for decomposition: the 泰安 bureau breaks a few provincial measures down to its district (and
// one further to a district department), with children in different states — one reported in progress,
// one done, one overdue with nothing filed — so the children show on first start.
import { addDays, minDate } from "../../domain/dates.ts";
import { periodOf } from "../../domain/periods.ts";
import type { Store } from "../../store/db.ts";
import { fileReport } from "../tracking/reports.ts";
import { decompose } from "./decompose.ts";

export async function loadDecomposeDemo(store: Store, today: string): Promise<void> {
  const db = store.db;
  const city = await db
    .selectFrom("orgs")
    .select("id")
    .where("name", "like", "泰安市市场监督管理局%")
    .executeTakeFirst();
  if (!city) return;
  const county = await db
    .selectFrom("orgs")
    .select("id")
    .where("parent_id", "=", city.id)
    .where("is_region_office", "=", true)
    .orderBy("id")
    .executeTakeFirst();
  if (!county) return;
  const division = await db
    .selectFrom("orgs")
    .select("id")
    .where("parent_id", "=", county.id)
    .orderBy("id")
    .executeTakeFirst();
  const user = await db.selectFrom("users").select("id").where("org_id", "=", city.id).orderBy("id").executeTakeFirst();
  const held = await db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .select(["a.id", "a.due_on", "p.cadence", "p.period_to", "p.plan_year"])
    .where("a.org_id", "=", city.id)
    .where("a.parent_assignment_id", "is", null)
    .where("a.due_on", "is not", null)
    .where("p.org_id", "<>", city.id)
    .orderBy("a.id")
    .limit(3)
    .execute();
  for (const [i, parent] of held.entries()) {
    // Reports lie inside the plan's own period: an ended plan's children reported in its last period.
    const endYear = parent.period_to ?? parent.plan_year;
    const day = endYear === null ? today : minDate(today, `${endYear}-12-31`);
    const at = new Date(`${day}T09:00:00Z`);
    const overdue = i === 2;
    const [child] = await decompose(db, {
      assignmentId: parent.id,
      userId: user?.id ?? null,
      children: [
        {
          orgId: county.id,
          role: "lead",
          dueOn:
            overdue && parent.due_on !== null && parent.due_on > addDays(today, -10)
              ? addDays(today, -10)
              : parent.due_on,
          instruction: "请结合辖区实际细化落实，按期报送进展。",
        },
      ],
      at,
    });
    if (!child) continue;
    if (i === 0 && division)
      await decompose(db, {
        assignmentId: child.id,
        userId: user?.id ?? null,
        children: [{ orgId: division.id, role: "support", instruction: "配合做好相关工作。" }],
        at,
      });
    if (overdue) continue;
    await fileReport(db, {
      assignmentId: child.id,
      period: periodOf(parent.cadence, day).label,
      status: i === 0 ? "in_progress" : "done",
      narrative: i === 0 ? "已制定辖区工作方案，正在组织实施。" : "已按要求完成辖区任务。",
      percent: i === 0 ? 50 : 100,
      userId: null,
      at,
    });
  }
}
