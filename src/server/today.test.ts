// One "today" for the whole app (issue 11): the API's reads, its writes and the daily run all take the
// calendar day of LUOSHI_TIME_ZONE (China's by default, domain/today.ts). At 17:00 UTC on 16 June it is
// already 17 June in China: the daily run stores the statuses as of the 17th, and a read right after must
// find them fresh rather than recompute the scope as of the UTC date (stored-status.ts freshenStatuses).
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { makeUser } from "../../test/support/factories.ts";
import { importSeedPlan } from "../../test/support/plans.ts";
import { storeKinds } from "../../test/support/stores.ts";
import { startScheduler } from "../jobs/scheduler.ts";
import type { Store } from "../store/db.ts";
import { buildApp } from "./app.ts";
import { closeTemplate, insertOrg, signIn, type TestEnv, testEnvOn } from "./testing.ts";

const AT = new Date("2025-06-16T17:00:00Z");
const CHINA_DAY = "2025-06-17";
const UTC_DAY = "2025-06-16";

const asDay = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** How many assignment rows store their status as of each day (never computed: "null"). */
async function storedDays(store: Store): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom("assignments")
    .select(["status_as_of", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("status_as_of")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status_as_of === null ? "null" : asDay(r.status_as_of), Number(r.n)]));
}

test("an app configured with an unknown time zone is refused at once, not on its first request", () => {
  assert.throws(() => buildApp({ store: {} as Store, config: { timeZone: "Mars/Olympus" } }), /IANA time zone/);
});

for (const kind of storeKinds()) {
  describe(`one today on ${kind.name}`, () => {
    const opened: TestEnv[] = [];
    after(async () => {
      for (const env of opened) await env.close();
      await closeTemplate();
    });

    test("at 17:00 UTC the daily run, the API's reads and its writes all take China's day; no read recomputes", async () => {
      const env = await testEnvOn(kind);
      opened.push(env);
      env.clock.now = AT;
      const { planId, provinceId } = await importSeedPlan(env.store);
      // Due on the UTC date: overdue in China already (the 17th), not yet by the UTC date.
      const due = await env.store.db
        .selectFrom("assignments")
        .select("id")
        .where("plan_id", "=", planId)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await env.store.db.updateTable("assignments").set({ due_on: UTC_DAY }).where("id", "=", due.id).execute();

      // The server's scheduler on its default zone, as `luoshi serve` starts it.
      const scheduler = startScheduler({ store: env.store, now: () => env.clock.now });
      try {
        assert.equal(await scheduler.tick(), true);
      } finally {
        await scheduler.stop();
      }
      const run = await env.store.db.selectFrom("job_runs").select("day").executeTakeFirstOrThrow();
      assert.equal(asDay(run.day), CHINA_DAY);
      const total = Object.values(await storedDays(env.store)).reduce((a, b) => a + b, 0);
      assert.ok(total > 0);
      assert.deepEqual(await storedDays(env.store), { [CHINA_DAY]: total }, "the daily run stored China's day");

      const admin = await signIn(env.app, (await makeUser(env.store, "admin", provinceId)).username);
      const summary = await admin.request("GET", "/api/dashboard/summary");
      assert.equal(summary.statusCode, 200, summary.body);
      assert.equal(summary.json().asOf, CHINA_DAY);
      const list = await admin.request("GET", `/api/assignments?plan=${planId}&limit=1000`);
      assert.equal(list.statusCode, 200, list.body);
      const items = list.json().items as { id: number; status: string }[];
      assert.equal(items.length, total);
      assert.equal(items.find((a) => a.id === due.id)?.status, "overdue", "as of China's day, not the UTC date");
      const detail = await admin.request("GET", `/api/assignments/${due.id}`);
      assert.equal(detail.statusCode, 200, detail.body);
      assert.deepEqual(await storedDays(env.store), { [CHINA_DAY]: total }, "the reads recomputed no stored status");

      // A write stores its assignment's status for the same day, so the next read finds nothing stale.
      const filed = await admin.request("POST", `/api/assignments/${due.id}/reports`, {
        period: "2021-Q4",
        status: "in_progress",
        narrative: "推进中",
      });
      assert.equal(filed.statusCode, 200, filed.body);
      assert.deepEqual(await storedDays(env.store), { [CHINA_DAY]: total }, "the write stored China's day");
      assert.equal((await admin.request("GET", "/api/dashboard/summary")).json().asOf, CHINA_DAY);
      assert.deepEqual(await storedDays(env.store), { [CHINA_DAY]: total });

      // Running the day by hand is the same day too.
      const byHand = await admin.request("POST", "/api/jobs/reminders/run", {});
      assert.equal(byHand.statusCode, 200, byHand.body);
      assert.equal(byHand.json().day, CHINA_DAY);
    });

    test("another configured zone is everyone's today as well", async () => {
      const env = await testEnvOn(kind, { timeZone: "UTC" });
      opened.push(env);
      env.clock.now = AT;
      const org = await insertOrg(env.store, "某市市场监督管理局", null);
      const admin = await signIn(env.app, (await makeUser(env.store, "admin", org)).username);
      assert.equal((await admin.request("GET", "/api/dashboard/summary")).json().asOf, UTC_DAY);
      assert.equal((await admin.request("POST", "/api/jobs/reminders/run", {})).json().day, UTC_DAY);
    });
  });
}
