import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { importSeedPlan } from "../../test/support/plans.ts";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { issueNotice } from "../services/tracking/notices.ts";
import type { Store } from "../store/db.ts";
import { DEFAULT_TIME_ZONE, runDaily, timeZoneFromEnv } from "./daily.ts";
import { runDailyOnce } from "./scheduler.ts";

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
  });
}
