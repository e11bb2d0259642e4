import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import type { Store } from "../../store/db.ts";
import { loadDemo } from "../demo/demo.ts";

for (const kind of storeKinds()) {
  describe(`decomposition demo on ${kind.name}`, () => {
    let store: Store;
    after(() => store?.close());

    test("the demo holds decomposed work: children reported, done and overdue, and a grandchild", async () => {
      store = await kind.open();
      await loadDemo(store, "2026-11-23");
      const children = await store.db
        .selectFrom("assignments")
        .select(["id", "parent_assignment_id", "latest_status", "due_on"])
        .where("parent_assignment_id", "is not", null)
        .orderBy("id")
        .execute();
      assert.ok(children.length >= 3, `${children.length} sub-assignments`);
      const statuses = new Set(children.map((c) => c.latest_status));
      assert.ok(statuses.has("in_progress") && statuses.has("done") && statuses.has(null));
      assert.ok(children.some((c) => c.due_on !== null && c.due_on < "2026-11-23" && c.latest_status === null));
      const ids = new Set(children.map((c) => c.id));
      assert.ok(
        children.some((c) => ids.has(c.parent_assignment_id ?? 0)),
        "a sub-assignment of a sub-assignment",
      );
    });
  });
}
