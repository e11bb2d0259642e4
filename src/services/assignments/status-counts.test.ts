// The status counters (migration 019): kept by the database whatever writes the assignments (insert,
// status recompute, a move to another measure, delete, a plan's cascade, a task's new section, a restore),
// under concurrent writers without deadlock, and what the dashboard, list totals and plan list add up
// equals counting the rows. Both databases.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { makeOrg, makePlan } from "../../../test/support/factories.ts";
import { assertCountersAreRows } from "../../../test/support/status-counts.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { backup, restore } from "../../store/backup.ts";
import type { Store } from "../../store/db.ts";
import { dashboardSummary } from "../dashboard/dashboard.ts";
import { fileReport } from "../tracking/reports.ts";
import { listAssignments, planRollUps, refreshStatus } from "./assignments.ts";

const DAY = "2025-06-16";
const pick = (page: { total: number; totalCapped: boolean; items: unknown[] }) => ({
  total: page.total,
  totalCapped: page.totalCapped,
  items: page.items.length,
});

/** A province with three cities, and two plans of two sections' tasks assigned across them. */
async function world(store: Store) {
  const province = await makeOrg(store, { kind: "province" });
  const cities = [
    await makeOrg(store, { parentId: province }),
    await makeOrg(store, { parentId: province }),
    await makeOrg(store, { parentId: province }),
  ];
  const [a, b, c] = cities as [number, number, number];
  const first = await makePlan(store, {
    orgId: province,
    tasks: [
      { orgIds: [a, b], due: "2025-03-31" },
      { orgIds: [b, c], due: "2025-12-31" },
      { orgIds: [a, c], due: null },
      { orgIds: [a], due: "2025-06-20" },
    ],
  });
  const second = await makePlan(store, { orgId: province, tasks: [{ orgIds: [a, b, c], due: "2025-05-01" }] });
  // Two sections in the first plan: tasks 1–2 under 一, 3–4 under 二.
  const tasks = await store.db
    .selectFrom("tasks")
    .select("id")
    .where("plan_id", "=", first.planId)
    .orderBy("id")
    .execute();
  for (const [section, ids] of [
    ["一", tasks.slice(0, 2)],
    ["二", tasks.slice(2)],
  ] as const)
    await store.db
      .updateTable("tasks")
      .set({ section })
      .where(
        "id",
        "in",
        ids.map((t) => t.id),
      )
      .execute();
  await refreshStatus(store.db, [...first.assignmentIds, ...second.assignmentIds], DAY);
  return { province, cities, first, second };
}

/** The unit reports the assignment done for the quarter. */
const fileDone = (store: Store, assignmentId: number) =>
  fileReport(store.db, { assignmentId, period: "2025-Q2", status: "done", narrative: "完成", userId: null });

for (const kind of storeKinds()) {
  describe(`status counters on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("every kind of write to assignments keeps the counters equal to the rows", async () => {
      const store = await open();
      const { first, second, cities } = await world(store);
      await assertCountersAreRows(store.db, "the plans were made and sections set");
      const [a, b] = cities as [number, number, number];
      await fileDone(store, first.assignmentIds[0] as number);
      await assertCountersAreRows(store.db, "a report");
      // A move to another measure takes the other task's section.
      const moved = first.assignmentIds[1] as number;
      await store.db
        .updateTable("assignments")
        .set({ measure_id: first.measureIds[3] as number, org_id: b })
        .where("id", "=", moved)
        .execute();
      await assertCountersAreRows(store.db, "an assignment moved to a measure of the other section");
      await store.db
        .deleteFrom("assignments")
        .where("id", "=", first.assignmentIds[2] as number)
        .execute();
      await assertCountersAreRows(store.db, "an assignment deleted");
      await store.db.updateTable("assignments").set({ status: null }).where("org_id", "=", a).execute();
      await assertCountersAreRows(store.db, "statuses cleared");
      await refreshStatus(store.db, [...first.assignmentIds, ...second.assignmentIds], DAY);
      await assertCountersAreRows(store.db, "statuses recomputed");
      // A superseded version's work leaves the org totals, and comes back when the version is active again.
      await store.db.updateTable("plans").set({ status: "superseded" }).where("id", "=", first.planId).execute();
      await assertCountersAreRows(store.db, "a plan superseded");
      await store.db.updateTable("plans").set({ status: "active" }).where("id", "=", first.planId).execute();
      await assertCountersAreRows(store.db, "a plan active again");
      await store.db.deleteFrom("plans").where("id", "=", second.planId).execute();
      await assertCountersAreRows(store.db, "a plan deleted with its tasks, measures and assignments");
      await store.db.updateTable("plans").set({ status: "superseded" }).where("id", "=", first.planId).execute();
      await store.db.deleteFrom("plans").where("id", "=", first.planId).execute();
      await assertCountersAreRows(store.db, "a superseded plan deleted");
      await sql`truncate assignments cascade`.execute(store.db);
      await assertCountersAreRows(store.db, "assignments truncated");
    });

    test("the org totals follow a plan superseded while it has work, and a deleted active plan", async () => {
      const store = await open();
      const { first, second } = await world(store);
      await refreshStatus(store.db, [...first.assignmentIds, ...second.assignmentIds], DAY);
      await fileDone(store, second.assignmentIds[0] as number);
      await store.db.updateTable("plans").set({ status: "superseded" }).where("id", "=", second.planId).execute();
      await fileDone(store, first.assignmentIds[0] as number);
      await assertCountersAreRows(store.db, "a report after a plan was superseded");
      await store.db.deleteFrom("plans").where("id", "=", first.planId).execute();
      await assertCountersAreRows(store.db, "an active plan deleted");
      await sql`truncate status_counts`.execute(store.db);
      const left = await sql<{ n: string }>`
        select (select count(*) from status_org_totals) + (select count(*) from status_section_totals) as n`.execute(
        store.db,
      );
      assert.equal(Number(left.rows[0]?.n), 0, "a truncate of the counters empties their totals");
    });

    test("a backup restored into an empty database gives the same counters", async () => {
      const source = await open();
      await world(source);
      const file = await backup(source.db);
      const target = await open();
      await restore(target.db, file);
      const read = (store: Store) =>
        sql<{ key: string }>`select plan_id || '/' || org_id || '/' || section || '/' || status || '=' || n as key
          from status_counts where n <> 0 order by 1`.execute(store.db);
      assert.deepEqual((await read(target)).rows, (await read(source)).rows);
      assert.ok((await read(target)).rows.length > 0);
      await assertCountersAreRows(target.db, "a restore");
    });

    test("reports filed at once for one org's assignments all count, without a deadlock", async () => {
      const store = await open();
      const org = await makeOrg(store, { kind: "province" });
      const plan = await makePlan(store, {
        orgId: org,
        tasks: Array.from({ length: 12 }, () => ({ orgIds: [org], due: "2025-12-31" })),
      });
      await refreshStatus(store.db, plan.assignmentIds, DAY);
      const statuses = ["done", "in_progress", "blocked"] as const;
      await Promise.all(
        plan.assignmentIds.map((assignmentId, i) =>
          fileReport(store.db, {
            assignmentId,
            period: "2025-Q2",
            status: statuses[i % 3] as (typeof statuses)[number],
            narrative: "进展",
            userId: null,
          }),
        ),
      );
      await assertCountersAreRows(store.db, "twelve concurrent reports");
    });

    test("the dashboard, list totals and plan list add up to counting the rows", async () => {
      const store = await open();
      const { first, second, cities } = await world(store);
      const [a, b, c] = cities as [number, number, number];
      await fileDone(store, first.assignmentIds[0] as number);
      const rows = await store.db
        .selectFrom("assignments as x")
        .innerJoin("measures as m", "m.id", "x.measure_id")
        .innerJoin("tasks as t", "t.id", "m.task_id")
        .select(["x.org_id", "x.plan_id", "x.status", "t.section"])
        .execute();
      const count = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length;
      const summary = await dashboardSummary(store.db, { orgIds: [a, b] }, DAY);
      assert.equal(
        summary.total,
        count((r) => r.org_id === a || r.org_id === b),
      );
      assert.deepEqual(
        summary.byOrg.map((o) => [o.orgId, o.total]).sort(),
        [
          [a, count((r) => r.org_id === a)],
          [b, count((r) => r.org_id === b)],
        ].sort(),
      );
      assert.deepEqual(
        summary.bySection.map((s) => [s.planId, s.section, s.total]),
        [
          [first.planId, "一", count((r) => r.plan_id === first.planId && r.section === "一" && r.org_id !== c)],
          [first.planId, "二", count((r) => r.plan_id === first.planId && r.section === "二" && r.org_id !== c)],
          [second.planId, "", count((r) => r.plan_id === second.planId && r.org_id !== c)],
        ],
      );
      for (const filter of [
        {},
        { orgIds: [a] },
        { orgIds: [b, c], planId: first.planId },
        { planId: first.planId, section: "二" },
        { statuses: ["done" as const] },
        { orgIds: [a, b, c], statuses: ["not_started" as const, "due_soon" as const] },
      ]) {
        const listed = await listAssignments(store.db, { ...filter, limit: 1 }, DAY);
        const all = await listAssignments(store.db, { ...filter, limit: 1000 }, DAY);
        assert.equal(listed.total, all.items.length, JSON.stringify(filter));
        assert.equal(
          listed.total,
          count(
            (r) =>
              (!("orgIds" in filter) || (filter.orgIds as number[]).includes(r.org_id)) &&
              (!("planId" in filter) || filter.planId === r.plan_id) &&
              (!("section" in filter) || filter.section === r.section) &&
              (!("statuses" in filter) || (filter.statuses as string[]).includes(r.status as string)),
          ),
          JSON.stringify(filter),
        );
      }
      const plans = await planRollUps(store.db, [first.planId, second.planId], DAY, {
        planIds: new Set([second.planId]),
        orgIds: [c],
      });
      assert.equal(
        plans.get(first.planId)?.total,
        count((r) => r.plan_id === first.planId),
      );
      assert.equal(
        plans.get(second.planId)?.total,
        count((r) => r.plan_id === second.planId && r.org_id === c),
      );
      assert.equal(
        summary.done,
        count((r) => (r.org_id === a || r.org_id === b) && r.status === "done"),
      );
      // The whole country reads the totals of migration 020: the same summary as naming every org, before
      // and after a plan is superseded.
      for (const step of ["as made", "a plan superseded"]) {
        if (step === "a plan superseded")
          await store.db.updateTable("plans").set({ status: "superseded" }).where("id", "=", second.planId).execute();
        const everyOrg = (await store.db.selectFrom("orgs").select("id").execute()).map((o) => o.id);
        assert.deepEqual(
          await dashboardSummary(store.db, {}, DAY),
          await dashboardSummary(store.db, { orgIds: everyOrg }, DAY),
          step,
        );
        const unrestricted = await planRollUps(store.db, [first.planId], DAY);
        assert.equal(
          unrestricted.get(first.planId)?.total,
          count((r) => r.plan_id === first.planId),
          step,
        );
      }
    });

    test("a total counted row by row stops at the cap and says so; counter totals are always exact", async () => {
      const store = await open();
      const org = await makeOrg(store, { kind: "province" });
      const plan = await makePlan(store, {
        orgId: org,
        tasks: Array.from({ length: 5 }, (_, i) => ({
          title: `质押融资 第${i + 1}项`,
          orgIds: [org],
          due: "2025-12-31",
        })),
      });
      await refreshStatus(store.db, plan.assignmentIds, DAY);
      const search = { orgIds: [org], q: "质押融资", limit: 2 };
      assert.deepEqual(pick(await listAssignments(store.db, { ...search, countCap: 3 }, DAY)), {
        total: 3,
        totalCapped: true,
        items: 2,
      });
      assert.deepEqual(pick(await listAssignments(store.db, { ...search, countCap: 5 }, DAY)), {
        total: 5,
        totalCapped: false,
        items: 2,
      });
      assert.deepEqual(pick(await listAssignments(store.db, { orgIds: [org], limit: 2, countCap: 3 }, DAY)), {
        total: 5,
        totalCapped: false,
        items: 2,
      });
    });
  });
}
