// Off pace as a supervision state: the daily run reminds each org whose indicator (or share) is behind,
// once a year per band, and says why in the report's words.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addOffPaceIndicators } from "../../../../test/support/off-pace.ts";
import { storeKinds, storesFor } from "../../../../test/support/stores.ts";
import { setUpBranches } from "../../../../test/support/two-branches.ts";
import { evaluateReminders } from "../../../jobs/reminders.ts";
import { offPaceItems } from "./off-pace.ts";

const TODAY = "2025-03-01";

for (const kind of storeKinds()) {
  describe(`off-pace indicators on ${kind.name}`, () => {
    const fresh = storesFor(kind);

    test("the list: the plan's figure for the issuing office, each share for its org; a met target is not there", async () => {
      const store = await fresh();
      const b = await setUpBranches(store);
      const { behind } = await addOffPaceIndicators(store, b);
      const items = await offPaceItems(store.db, TODAY);
      assert.deepEqual(
        items.map((i) => [i.indicatorId, i.orgId, i.scope, i.band]).sort(),
        [
          [behind, b.orgs.province, "plan", "limited_progress"],
          [behind, b.orgs.jinan, "share", "acceleration_needed"],
          [behind, b.orgs.taian, "share", "limited_progress"],
        ].sort(),
      );
      const jinan = items.find((i) => i.orgId === b.orgs.jinan);
      // One value after the base year: the straight line 250 → 270 carries on to 290 by 2025, short of 300.
      assert.equal(jinan?.sentence, "高价值发明专利：2024年为270件，按线性趋势预计2025年达到290件，低于目标300件。");
      assert.deepEqual(
        (await offPaceItems(store.db, TODAY, { orgIds: [b.orgs.jinan] })).map((i) => i.orgId),
        [b.orgs.jinan],
      );
    });

    test("the daily run reminds each off-pace org once; a second run adds nothing; a worse band is chased again", async () => {
      const store = await fresh();
      const b = await setUpBranches(store);
      const { behind } = await addOffPaceIndicators(store, b);
      const first = await evaluateReminders(store.db, TODAY);
      assert.deepEqual(first.offPace, { candidates: 3, created: 3 });
      const second = await evaluateReminders(store.db, TODAY);
      assert.deepEqual(second.offPace, { candidates: 3, created: 0 });
      const notes = await store.db
        .selectFrom("notifications")
        .select(["org_id", "message"])
        .where("reminder_id", "is", null)
        .where("notice_id", "is", null)
        .execute();
      assert.equal(notes.length, 3);
      const jinan = notes.find((n) => n.org_id === b.orgs.jinan);
      assert.match(
        jinan?.message ?? "",
        /^【指标进度滞后】.*高价值发明专利：2024年为270件.*低于目标300件（需加快进度）/,
      );

      // 济南 falls back to 240 at the end of February: deterioration, a new band, a new reminder — and the
      // province's figure (济南's 240 alone reported for 2025) falls with it.
      await store.db
        .insertInto("indicator_values")
        .values({
          indicator_id: behind,
          org_id: b.orgs.jinan,
          region_code: "370000",
          value: 240,
          as_of: "2025-02-28",
          source: "统计",
        })
        .execute();
      const third = await evaluateReminders(store.db, TODAY);
      assert.equal(third.offPace?.created, 2);
      const bands = await store.db
        .selectFrom("indicator_reminders")
        .select(["band", "period"])
        .where("org_id", "=", b.orgs.jinan)
        .orderBy("id")
        .execute();
      assert.deepEqual(
        bands.map((r) => [r.band, r.period]),
        [
          ["acceleration_needed", "2025:acceleration_needed"],
          ["deterioration", "2025:deterioration"],
        ],
      );
    });
  });
}
