// The plan list's roll-ups, read for all plans at once, against each plan's own roll-up: the same counts,
// for a caller who sees whole plans and for one who sees only its orgs' share.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadDataset } from "../../../bench/api-dataset.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { planRollUp, planRollUps } from "../assignments/assignments.ts";

const TODAY = "2025-06-16";

for (const kind of storeKinds()) {
  describe(`plan roll-ups at once on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("equal each plan's own roll-up, whole or restricted to some orgs", async () => {
      const store = await open();
      const data = await loadDataset(store.db, TODAY, 0.1);
      const plans = await store.db.selectFrom("plans").select(["id", "org_id"]).orderBy("id").execute();
      assert.ok(plans.length > 5, "several plans");
      const ids = plans.map((p) => p.id);

      const whole = await planRollUps(store.db, ids, TODAY);
      let counted = 0;
      for (const id of ids) {
        const one = (await planRollUp(store.db, id, TODAY)).plan;
        assert.deepEqual(whole.get(id), one, `plan ${id}`);
        counted += one.total;
      }
      assert.ok(counted > 100, "the plans have assignments");

      // A city's share of every plan but the first (whose whole roll-up it sees).
      const orgIds = [data.cityIds[0] as number, data.countyIds[0] as number];
      const partial = new Set(ids.slice(1));
      const shared = await planRollUps(store.db, ids, TODAY, { planIds: partial, orgIds });
      for (const id of ids) {
        const one = (await planRollUp(store.db, id, TODAY, partial.has(id) ? orgIds : undefined)).plan;
        assert.deepEqual(shared.get(id), one, `plan ${id}, restricted`);
      }
      const none = await planRollUps(store.db, ids, TODAY, { planIds: new Set(ids), orgIds: [] });
      assert.ok(
        [...none.values()].every((r) => r.total === 0),
        "no orgs: nothing of a restricted plan",
      );
    });
  });
}
