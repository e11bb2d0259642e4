// The demo's supervision loop (issue 10): everything the demo signed off is approved, everything assigned is
// acknowledged — except a few of each waiting state, so every page shows them on first start: work not yet
// acknowledged (two of them past the plan's three days), reports returned and accepted, an extension
// pending and one granted, closures applied for and waiting. Unfinished (未办结) work comes by itself from
// the seed plans whose period is over.
import { sql } from "kysely";
import type { Store } from "../../store/db.ts";
import type { LoopActor } from "./access.ts";
import { decideExtension, requestExtension } from "./extensions.ts";
import { reviewReport } from "./review.ts";

const DAY = 86_400_000;

export async function loadLoopDemo(store: Store, today: string): Promise<void> {
  const db = store.db;
  const now = new Date(`${today}T09:00:00Z`);
  await db
    .updateTable("assignments")
    .set({ closed_at: sql`signed_off_at`, closed_by: sql`signed_off_by` })
    .where("signed_off_at", "is not", null)
    .execute();
  await db.updateTable("assignments").set({ acknowledged_at: sql`assigned_at` }).execute();
  const user = async (name: string) =>
    db.selectFrom("users").select(["id", "org_id", "role"]).where("username", "=", name).executeTakeFirstOrThrow();
  const office = await user("shandong");
  const reviewer: LoopActor = { userId: office.id, orgId: office.org_id, role: "plan_office", scope: { all: true } };
  for (const name of ["taian", "baohu"]) {
    const unit = await user(name);
    const actor: LoopActor = {
      userId: unit.id,
      orgId: unit.org_id,
      role: unit.role,
      scope: { all: false, ids: new Set([unit.org_id]) },
    };
    const open = await db
      .selectFrom("assignments as a")
      .innerJoin("plans as p", "p.id", "a.plan_id")
      .innerJoin("orgs as po", "po.id", "p.org_id")
      .select(["a.id", "a.due_on"])
      .where("a.org_id", "=", unit.org_id)
      .where("p.status", "=", "active")
      .where("po.name", "=", "山东省市场监督管理局")
      .where("a.signed_off_at", "is", null)
      .orderBy("a.id")
      .execute();
    if (open.length < 6) continue;
    // 签收: the first two wait five days (chased), the next one a day.
    for (const [i, a] of open.slice(0, 3).entries())
      await db
        .updateTable("assignments")
        .set({ acknowledged_at: null, assigned_at: new Date(now.getTime() - (i < 2 ? 5 : 1) * DAY) })
        .where("id", "=", a.id)
        .execute();
    // 审核: reports of the next ones, one returned, one accepted.
    const reports = await db
      .selectFrom("progress_reports")
      .select(["id", "assignment_id"])
      .where(
        "assignment_id",
        "in",
        open.slice(3).map((a) => a.id),
      )
      .orderBy("id")
      .limit(2)
      .execute();
    if (reports[0])
      await reviewReport(db, reviewer, {
        reportId: reports[0].id,
        decision: "return",
        note: "进展描述过于笼统，请补充具体数据和佐证材料。",
        at: now,
      });
    if (reports[1]) await reviewReport(db, reviewer, { reportId: reports[1].id, decision: "accept", at: now });
    // 延期: one granted, one pending (on assignments without a returned report).
    const free = open.slice(3).filter((a) => !reports.some((r) => r.assignment_id === a.id));
    const later = (a: { due_on: string | null }, days: number) => {
      const base = a.due_on && a.due_on > today ? a.due_on : today;
      return new Date(Date.parse(`${base}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
    };
    const [granted, pending] = free;
    if (granted) {
      const ext = await requestExtension(db, actor, {
        assignmentId: granted.id,
        dueOn: later(granted, 90),
        reason: "需与有关部门会商，协调时间较长。",
        at: now,
      });
      await decideExtension(db, reviewer, { extensionId: ext.id, approve: true, note: "同意延期。", at: now });
    }
    if (pending)
      await requestExtension(db, actor, {
        assignmentId: pending.id,
        dueOn: later(pending, 60),
        reason: "配套资金尚未到位，申请延期两个月。",
        at: now,
      });
  }
  // 办结: the latest few measures signed off by the demo wait for the province's approval instead.
  const applied = await db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .innerJoin("orgs as po", "po.id", "p.org_id")
    .select(["a.measure_id"])
    .where("po.name", "=", "山东省市场监督管理局")
    .where("p.status", "=", "active")
    .where("a.closed_at", "is not", null)
    .groupBy("a.measure_id")
    .orderBy("a.measure_id", "desc")
    .limit(3)
    .execute();
  if (applied.length > 0) {
    const ids = applied.map((m) => m.measure_id);
    await db
      .updateTable("assignments")
      .set({ closed_at: null, closed_by: null })
      .where("measure_id", "in", ids)
      .execute();
    await db
      .updateTable("measures")
      .set({ status: "open", signed_off_by: null, signed_off_at: null })
      .where("id", "in", ids)
      .execute();
  }
}
