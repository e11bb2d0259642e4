import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { activeAssignmentCount, importSeedPlan } from "../../test/support/plans.ts";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import type { Store } from "../store/db.ts";
import { evaluateReminders } from "./reminders.ts";

// On 2021-07-10 every assignment of the 2021 provincial task list is owed a reminder: 7 are overdue, the rest
// miss their Q2 report.
const TODAY = "2021-07-10";

async function counts(store: Store) {
  const n = async (table: "reminders" | "notifications") =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { reminders: await n("reminders"), notifications: await n("notifications") };
}

for (const kind of storeKinds()) {
  describe(`reminders on ${kind.name}`, () => {
    const fresh = storesFor(kind);
    const open = async () => {
      const s = await fresh();
      await importSeedPlan(s);
      return s;
    };

    test("a second run creates nothing: one reminder and one notification per assignment, kind and period", async () => {
      const store = await open();
      const all = await activeAssignmentCount(store);
      assert.ok(all > 600, `${all} assignments`);
      const first = await evaluateReminders(store.db, TODAY);
      assert.equal(first.candidates, all);
      assert.equal(first.created, all);
      const second = await evaluateReminders(store.db, TODAY);
      assert.equal(second.candidates, all);
      assert.equal(second.created, 0);
      assert.deepEqual(await counts(store), { reminders: all, notifications: all });

      const kinds = await store.db
        .selectFrom("reminders")
        .select(["kind", "period", (eb) => eb.fn.countAll().as("n")])
        .groupBy(["kind", "period"])
        .orderBy("kind")
        .orderBy("period")
        .execute();
      assert.deepEqual(
        kinds.map((k) => [k.kind, k.period, Number(k.n)]),
        [
          ["overdue", "due:2021-03-31", 1],
          ["overdue", "due:2021-06-30", 6],
          ["report_missing", "2021-Q2", all - 7],
        ],
      );
      // Each notification goes to the assignment's own org.
      const mismatched = await store.db
        .selectFrom("notifications as n")
        .innerJoin("reminders as r", "r.id", "n.reminder_id")
        .innerJoin("assignments as a", "a.id", "r.assignment_id")
        .select("n.id")
        .whereRef("n.org_id", "!=", "a.org_id")
        .execute();
      assert.equal(mismatched.length, 0);
    });

    test("a later day adds only what is new", async () => {
      const store = await open();
      await evaluateReminders(store.db, TODAY);
      const later = await evaluateReminders(store.db, "2021-10-10");
      // Q3 reports are now missing everywhere, and four more assignments fell overdue on 2021-09-30.
      const all = await activeAssignmentCount(store);
      assert.ok(later.created > all - 10 && later.created <= all + 10, `created ${later.created} of ${all}`);
      const again = await evaluateReminders(store.db, "2021-10-10");
      assert.equal(again.created, 0);
    });

    test("two concurrent runs together create each reminder once", async () => {
      const store = await open();
      const [a, b] = await Promise.all([evaluateReminders(store.db, TODAY), evaluateReminders(store.db, TODAY)]);
      const all = await activeAssignmentCount(store);
      assert.equal(a.created + b.created, all);
      assert.deepEqual(await counts(store), { reminders: all, notifications: all });
    });
  });
}
