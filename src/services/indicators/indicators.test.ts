import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { importSeedPlan } from "../../../test/support/plans.ts";
import { orgIdByName } from "../../../test/support/reports.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import type { Store } from "../../store/db.ts";
import { InputError } from "../../store/errors.ts";
import { planIndicators, recordIndicatorValue } from "./indicators.ts";

async function seeded(store: Store) {
  const { planId, provinceId } = await importSeedPlan(store);
  const jinan = await orgIdByName(store, "济南市市场监督管理局");
  const user = await store.db
    .insertInto("users")
    .values({ username: "u", display_name: "统计员", password_hash: "x", role: "reporter", org_id: jinan })
    .returning("id")
    .executeTakeFirstOrThrow();
  const [first] = await planIndicators(store.db, planId);
  assert.ok(first);
  const record = (value: number, asOf: string, at: string, orgId = jinan) =>
    recordIndicatorValue(store.db, {
      indicatorId: first.id,
      orgId,
      value,
      asOf,
      source: "统计",
      userId: user.id,
      today: "2025-03-01",
      at: new Date(at),
    });
  return { planId, provinceId, jinan, indicatorId: first.id, record };
}

for (const kind of storeKinds()) {
  describe(`indicator values on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("the latest value is the latest as-of date, then the last filed; asOf cuts the history", async () => {
      const store = await open();
      const { planId, jinan, indicatorId, record } = await seeded(store);
      await record(95, "2025-02-28", "2025-03-01T01:00:00Z");
      await record(70, "2025-01-31", "2025-03-01T02:00:00Z"); // filed later, but for an earlier day
      await record(85, "2025-02-28", "2025-03-01T03:00:00Z"); // a correction of the February figure

      const [now] = (await planIndicators(store.db, planId, [jinan])).filter((i) => i.id === indicatorId);
      assert.deepEqual(
        now?.values.map((v) => v.value),
        [70, 95, 85],
      );
      assert.equal(now?.latest?.value, 85);
      assert.equal(now?.latest?.reportedBy?.displayName, "统计员");
      assert.equal(now?.latest?.attainment?.met, false, "85% of a 90% target");

      const [january] = (await planIndicators(store.db, planId, [jinan], "2025-01-31")).filter(
        (i) => i.id === indicatorId,
      );
      assert.equal(january?.latest?.value, 70);
      const [nobody] = (await planIndicators(store.db, planId, [])).filter((i) => i.id === indicatorId);
      assert.deepEqual(nobody?.values, []);
    });

    test("a refused value writes neither the value nor an audit entry", async () => {
      const store = await open();
      const { record } = await seeded(store);
      const foreign = await store.db
        .insertInto("orgs")
        .values({ name: "无关单位", kind: "other", parent_id: null, region_code: "990000" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await assert.rejects(record(1, "2025-02-01", "2025-03-01T00:00:00Z", foreign.id), InputError);
      await assert.rejects(record(1, "2025-03-02", "2025-03-01T00:00:00Z"), /future/);
      assert.equal((await store.db.selectFrom("indicator_values").select("id").execute()).length, 0);
      const audit = await store.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity", "=", "indicator_value")
        .execute();
      assert.equal(audit.length, 0);
    });
  });
}
