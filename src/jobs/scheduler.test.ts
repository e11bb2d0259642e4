import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { activeAssignmentCount, importSeedPlan } from "../../test/support/plans.ts";
import { storeKinds } from "../../test/support/stores.ts";
import { dayIn } from "../domain/today.ts";
import type { Store } from "../store/db.ts";
import { startScheduler } from "./scheduler.ts";

for (const kind of storeKinds()) {
  describe(`scheduler on ${kind.name}`, () => {
    const opened: Store[] = [];
    after(async () => {
      for (const s of opened) await s.close();
    });

    test("two schedulers on one database evaluate a day once between them", async () => {
      const store = await kind.open();
      opened.push(store);
      await importSeedPlan(store);
      const clock = { now: new Date("2021-07-10T01:00:00Z") };
      const hookDays: string[] = [];
      const hooks = [
        async (_db: unknown, day: string) => {
          hookDays.push(day);
        },
      ];
      const options = { store, now: () => clock.now, intervalMs: 3_600_000, hooks };
      const a = startScheduler(options);
      const b = startScheduler(options);
      try {
        const first = await Promise.all([a.tick(), b.tick()]);
        assert.deepEqual(first.filter(Boolean).length, 1);
        assert.deepEqual([await a.tick(), await b.tick()], [false, false]);
        assert.deepEqual(hookDays, ["2021-07-10"]);
        const reminders = await store.db
          .selectFrom("reminders")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow();
        assert.equal(Number(reminders.n), await activeAssignmentCount(store));

        // The next day is claimed afresh.
        clock.now = new Date("2021-07-11T01:00:00Z");
        const second = await Promise.all([b.tick(), a.tick()]);
        assert.deepEqual(second.filter(Boolean).length, 1);
        const runs = await store.db.selectFrom("job_runs").select(["job", "day"]).orderBy("day").execute();
        assert.deepEqual(
          runs.map((r) => r.day),
          ["2021-07-10", "2021-07-11"],
        );
      } finally {
        await a.stop();
        await b.stop();
      }
    });

    test("a failed evaluation releases the day for the next tick", async () => {
      const store = await kind.open();
      opened.push(store);
      let fail = true;
      const hooks = [
        async () => {
          if (fail) throw new Error("boom");
        },
      ];
      const s = startScheduler({ store, now: () => new Date("2021-07-10T01:00:00Z"), hooks });
      try {
        await assert.rejects(s.tick(), /boom/);
        fail = false;
        assert.equal(await s.tick(), true);
      } finally {
        await s.stop();
      }
    });
  });
}

test("the day is China's calendar day by default", () => {
  assert.equal(dayIn("Asia/Shanghai", new Date("2021-07-10T17:00:00Z")), "2021-07-11");
  assert.equal(dayIn("UTC", new Date("2021-07-10T17:00:00Z")), "2021-07-10");
});
