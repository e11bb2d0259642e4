import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { importSeedPlan } from "../../../test/support/plans.ts";
import { fileReports, orgIdByName } from "../../../test/support/reports.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import type { Store } from "../../store/db.ts";
import { NotFoundError } from "../../store/errors.ts";
import { assessPlan } from "./assessment.ts";

const AS_OF = "2021-07-10";

for (const kind of storeKinds()) {
  describe(`assessing a plan on ${kind.name}`, () => {
    const opened: Store[] = [];
    after(async () => {
      for (const s of opened) await s.close();
    });

    test("a unit that reports on time ranks above one that reports late, with the components shown", async () => {
      const store = await kind.open();
      opened.push(store);
      const { planId } = await importSeedPlan(store);
      const punctual = await orgIdByName(store, "济南市市场监督管理局");
      const late = await orgIdByName(store, "泰安市市场监督管理局");
      // Jinan files Q1 and Q2 within the grace days; Tai'an files Q1 two weeks late and Q2 not at all.
      await fileReports(store, planId, punctual, "2021-Q1", "2021-04-01");
      await fileReports(store, planId, punctual, "2021-Q2", "2021-07-02");
      await fileReports(store, planId, late, "2021-Q1", "2021-04-20");

      const result = await assessPlan(store.db, planId, AS_OF);
      assert.deepEqual(result.weights, { onTime: 0.4, timeliness: 0.3, overdue: 0.2, indicators: 0.1 });
      const jinan = result.orgs.find((o) => o.orgId === punctual);
      const taian = result.orgs.find((o) => o.orgId === late);
      assert.ok(jinan && taian);
      assert.equal(jinan.orgName, "济南市市场监督管理局");
      assert.equal(jinan.components.onTime, 100);
      assert.equal(taian.components.onTime, 0);
      assert.equal(jinan.counts.reportsOwed, 2 * jinan.assignments);
      assert.ok((jinan.score ?? 0) > (taian.score ?? 0), `${jinan.score} vs ${taian.score}`);
      assert.ok((jinan.rank ?? Infinity) < (taian.rank ?? Infinity));
      assert.equal(jinan.rank, 1);
      // Best first; ranks never decrease down the table.
      const ranks = result.orgs.map((o) => o.rank ?? Number.MAX_SAFE_INTEGER);
      assert.deepEqual(
        ranks,
        [...ranks].sort((a, b) => a - b),
      );
    });

    test("work done late earns partial timeliness; an indicator reported counts toward the score", async () => {
      const store = await kind.open();
      opened.push(store);
      const { planId } = await importSeedPlan(store);
      const jinan = await orgIdByName(store, "济南市市场监督管理局");
      // Every Jinan assignment reported done 15 days after the end of 2021: half the credit (30-day decay).
      await fileReports(store, planId, jinan, "2021-Q4", "2022-01-15", "done");
      // Issue 10: the done reports apply for closure; work counts as done once the office approves (here on
      // 01-20), from the day the unit applied.
      const applied = await assessPlan(store.db, planId, "2022-02-01");
      assert.ok((applied.orgs.find((o) => o.orgId === jinan)?.counts.overdueOpen ?? 0) > 0, "not yet approved: open");
      await store.db
        .updateTable("assignments")
        .set({ signed_off_at: "2022-01-15T02:00:00Z", closed_at: "2022-01-20T02:00:00Z" })
        .where("plan_id", "=", planId)
        .where("org_id", "=", jinan)
        .execute();
      const indicator = await store.db
        .selectFrom("indicators")
        .select(["id", "op", "target", "region_code"])
        .where("plan_id", "=", planId)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("indicator_values")
        .values({
          indicator_id: indicator.id,
          org_id: jinan,
          region_code: indicator.region_code,
          value: indicator.op === "<=" ? indicator.target : indicator.target * 2,
          as_of: "2021-12-31",
        })
        .execute();
      const result = await assessPlan(store.db, planId, "2022-02-01");
      const row = result.orgs.find((o) => o.orgId === jinan);
      assert.ok(row);
      assert.ok(row.components.timeliness !== null && row.components.timeliness < 100);
      assert.notEqual(row.components.indicators, null);
      assert.equal(row.counts.overdueOpen, 0);
      const other = result.orgs.find((o) => o.orgName === "泰安市市场监督管理局");
      assert.equal(other?.components.indicators, null);
    });

    test("an unknown plan is NotFound", async () => {
      const store = await kind.open();
      opened.push(store);
      await assert.rejects(assessPlan(store.db, 999, AS_OF), NotFoundError);
    });
  });
}
