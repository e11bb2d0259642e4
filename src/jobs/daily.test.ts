import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { importSeedPlan } from "../../test/support/plans.ts";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { issueNotice } from "../services/tracking/notices.ts";
import type { Store } from "../store/db.ts";
import { type BatchInfo, DEFAULT_TIME_ZONE, runDaily, timeZoneFromEnv } from "./daily.ts";
import { DAILY_JOB, runDailyOnce } from "./scheduler.ts";

/** Every reminder with its notification, in a form two databases can be compared by. */
async function remindersOf(store: Store) {
  const rows = await store.db
    .selectFrom("reminders as r")
    .innerJoin("assignments as a", "a.id", "r.assignment_id")
    .leftJoin("notifications as n", "n.reminder_id", "r.id")
    .select(["a.measure_id", "a.org_id", "r.kind", "r.period", "n.org_id as notified", "n.message"])
    .execute();
  return rows.map((r) => JSON.stringify(r)).sort();
}

class Crash extends Error {}

test("the daily run's time zone: LUOSHI_TIME_ZONE when it is a real zone, else China's", () => {
  assert.equal(timeZoneFromEnv({}), DEFAULT_TIME_ZONE);
  assert.equal(timeZoneFromEnv({ LUOSHI_TIME_ZONE: "Asia/Urumqi" }), "Asia/Urumqi");
  assert.throws(() => timeZoneFromEnv({ LUOSHI_TIME_ZONE: "Mars/Olympus" }), /IANA time zone.*Mars\/Olympus/);
});

/** The seed plan and a notice to a unit with a parent org, to be answered by 2021-07-05. */
async function seedWithNotice(store: Store) {
  await importSeedPlan(store);
  const held = await store.db
    .selectFrom("assignments as a")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["a.measure_id", "a.org_id"])
    .where("o.parent_id", "is not", null)
    .orderBy("a.id")
    .executeTakeFirstOrThrow();
  return issueNotice(store.db, {
    measureIds: [held.measure_id],
    orgId: held.org_id,
    message: "请说明进度",
    respondBy: "2021-07-05",
    userId: null,
  });
}

for (const kind of storeKinds()) {
  describe(`the daily run on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("one run makes today's reminders and escalates unanswered notices; a second run changes nothing", async () => {
      const store = await open();
      const notice = await seedWithNotice(store);
      const first = await runDaily(store.db, "2021-07-10", new Date("2021-07-10T01:00:00Z"));
      assert.ok(first.created > 0 && first.created === first.candidates);
      assert.deepEqual(first.escalated, [notice.id]);
      const again = await runDaily(store.db, "2021-07-10");
      assert.deepEqual([again.created, again.escalated], [0, []]);
    });

    test("the scheduler's claimed run is the same run: it escalates too", async () => {
      const store = await open();
      const notice = await seedWithNotice(store);
      assert.equal(await runDailyOnce(store.db, "2021-07-10"), true);
      const row = await store.db
        .selectFrom("notices")
        .select("escalated_at")
        .where("id", "=", notice.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.escalated_at !== null);
      assert.equal(await runDailyOnce(store.db, "2021-07-10"), false);
    });

    test("a run cut short after a batch resumes where it stopped: the same reminders as one whole run, none twice", async () => {
      const whole = await open();
      await seedWithNotice(whole);
      const reference = await runDaily(whole.db, "2021-07-10", new Date("2021-07-10T01:00:00Z"));
      const expected = await remindersOf(whole);
      assert.equal(expected.length, reference.created);

      const store = await open();
      const notice = await seedWithNotice(store);
      const batchSize = 40;
      const seen: BatchInfo[] = [];
      const crashAfter = 3;
      const at = new Date("2021-07-10T01:00:00Z");
      await assert.rejects(
        runDailyOnce(store.db, "2021-07-10", [], at, {
          batchSize,
          onBatch: (info) => {
            seen.push(info);
            if (info.step === "reminders" && info.index === crashAfter) throw new Crash("killed");
          },
        }),
        Crash,
      );
      const cut = await remindersOf(store);
      assert.ok(cut.length > 0 && cut.length < expected.length, `${cut.length} of ${expected.length} before the crash`);
      const mark = await store.db
        .selectFrom("job_run_steps")
        .selectAll()
        .where("job", "=", DAILY_JOB)
        .where("step", "=", "reminders")
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [mark.batches, mark.done, Number(mark.cursor)],
        [crashAfter, false, seen[crashAfter - 1]?.cursor],
      );

      const resumed: BatchInfo[] = [];
      assert.equal(
        await runDailyOnce(store.db, "2021-07-10", [], at, { batchSize, onBatch: (info) => void resumed.push(info) }),
        true,
      );
      assert.deepEqual(await remindersOf(store), expected);
      // It went on from the checkpoint rather than from the start: batches before the crash are not redone.
      const assignments = Number(
        (
          await store.db
            .selectFrom("assignments")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const reminderBatches = resumed.filter((b) => b.step === "reminders");
      assert.equal(reminderBatches.length + crashAfter, Math.floor(assignments / batchSize) + 1);
      assert.ok((reminderBatches[0]?.cursor ?? 0) > (seen[crashAfter - 1]?.cursor ?? Infinity));
      // Memory stays bounded: no batch read more than batchSize assignments.
      assert.ok([...seen, ...resumed].every((b) => b.keys <= batchSize));
      assert.equal(
        [...seen, ...resumed].filter((b) => b.step === "reminders").reduce((n, b) => n + b.keys, 0),
        assignments,
      );
      const escalated = await store.db
        .selectFrom("notices")
        .select("escalated_at")
        .where("id", "=", notice.id)
        .executeTakeFirstOrThrow();
      assert.ok(escalated.escalated_at !== null);
      // Finished: a later tick and a run by hand change nothing.
      assert.equal(await runDailyOnce(store.db, "2021-07-10", [], at, { batchSize }), false);
      const byHand = await runDaily(store.db, "2021-07-10", at, { batchSize: 7 });
      assert.equal(byHand.created, 0);
      assert.deepEqual(await remindersOf(store), expected);
    });
  });
}
