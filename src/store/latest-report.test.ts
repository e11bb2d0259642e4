// Migration 006 keeps each assignment's latest report on the assignment row. These tests write reports
// every way the application does (several at once, re-filed, deleted, cascaded) and compare the row with
// the latest report by the domain's order; on PostgreSQL also two filings for one assignment at once.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { parsePeriodLabel } from "../domain/periods.ts";
import { fileReport } from "../services/tracking/reports.ts";
import type { Database, ReportStatus } from "./schema.ts";

let made = 0;

async function assignment(db: Kysely<Database>): Promise<number> {
  made += 1;
  const org = await db
    .insertInto("orgs")
    .values({ name: `省局${made}`, kind: "province", region_code: "370000" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto("plans")
    .values({ org_id: org.id, region_code: "370000", title: "计划", lineage_key: "计划", cadence: "quarterly" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto("tasks")
    .values({
      plan_id: plan.id,
      region_code: "370000",
      key: "一/1",
      section: "一",
      title: "任务",
      position: 0,
      source: JSON.stringify({ line: 1 }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const measure = await db
    .insertInto("measures")
    .values({
      plan_id: plan.id,
      task_id: task.id,
      region_code: "370000",
      position: 0,
      text: "举措",
      source: JSON.stringify({ line: 2 }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const a = await db
    .insertInto("assignments")
    .values({ measure_id: measure.id, plan_id: plan.id, org_id: org.id, region_code: "370000", role: "lead" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return a.id;
}

type Latest = { period: string | null; status: string | null; reportedAt: string | null };

/** What the assignment row says. */
async function carried(db: Kysely<Database>, id: number): Promise<Latest> {
  const row = await db
    .selectFrom("assignments")
    .select(["latest_period", "latest_status", "latest_reported_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    period: row.latest_period,
    status: row.latest_status,
    reportedAt: row.latest_reported_at && new Date(row.latest_reported_at).toISOString(),
  };
}

/** The latest report as the domain orders them: period start, then filing time, then id. */
async function expected(db: Kysely<Database>, id: number): Promise<Latest> {
  const reports = await db
    .selectFrom("progress_reports")
    .select(["id", "period", "status", "reported_at"])
    .where("assignment_id", "=", id)
    .execute();
  const key = (r: (typeof reports)[number]) =>
    [
      parsePeriodLabel(r.period)?.start ?? "",
      new Date(r.reported_at).toISOString(),
      String(r.id).padStart(12, "0"),
    ].join("|");
  const latest = reports.sort((a, b) => key(a).localeCompare(key(b))).at(-1);
  return {
    period: latest?.period ?? null,
    status: latest?.status ?? null,
    reportedAt: latest ? new Date(latest.reported_at).toISOString() : null,
  };
}

const report = (assignmentId: number, period: string, status: ReportStatus, reportedAt: string) => ({
  assignment_id: assignmentId,
  region_code: "370000",
  period,
  status,
  reported_at: reportedAt,
});

for (const kind of storeKinds()) {
  describe(`latest report kept on the assignment, on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("inserts, re-filings, deletions and cascades leave the latest report by the domain's order", async () => {
      const { db } = await open();
      const id = await assignment(db);
      const other = await assignment(db);
      assert.deepEqual(await carried(db, id), { period: null, status: null, reportedAt: null });

      const steps: [string, () => Promise<unknown>][] = [
        [
          // Several assignments and periods in one statement, out of period order.
          "insert several",
          () =>
            db
              .insertInto("progress_reports")
              .values([
                report(id, "2025-Q2", "in_progress", "2025-07-02T08:00:00Z"),
                report(id, "2025-Q1", "done", "2025-07-03T08:00:00Z"),
                report(other, "2025-Q1", "blocked", "2025-04-01T08:00:00Z"),
              ])
              .execute(),
        ],
        [
          "a monthly label with the same start, filed later",
          () =>
            db
              .insertInto("progress_reports")
              .values(report(id, "2025-04", "blocked", "2025-07-05T08:00:00Z"))
              .execute(),
        ],
        [
          "re-filed: status and filing time change",
          () =>
            db
              .updateTable("progress_reports")
              .set({ status: "done", reported_at: "2025-07-09T08:00:00Z" })
              .where("assignment_id", "=", id)
              .where("period", "=", "2025-Q2")
              .execute(),
        ],
        [
          "the latest deleted",
          () =>
            db.deleteFrom("progress_reports").where("assignment_id", "=", id).where("period", "=", "2025-Q2").execute(),
        ],
        ["all deleted", () => db.deleteFrom("progress_reports").where("assignment_id", "=", id).execute()],
      ];
      for (const [name, step] of steps) {
        await step();
        assert.deepEqual(await carried(db, id), await expected(db, id), name);
        assert.deepEqual(await carried(db, other), await expected(db, other), `${name} (other assignment)`);
      }
      assert.deepEqual(await carried(db, id), { period: null, status: null, reportedAt: null });
      assert.equal((await carried(db, other)).period, "2025-Q1");

      // Deleting the assignment cascades to its reports; the refresh finds nothing left to update.
      await db.deleteFrom("assignments").where("id", "=", other).execute();
      assert.equal(
        (await db.selectFrom("progress_reports").select("id").where("assignment_id", "=", other).execute()).length,
        0,
      );
    });

    if (kind.name === "postgres")
      test("fifty filings for different periods on one assignment at once: every one is stored", async () => {
        const store = await open();
        const id = await assignment(store.db);
        const periods = Array.from(
          { length: 50 },
          (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
        );
        const results = await Promise.allSettled(
          periods.map((period) =>
            fileReport(store.db, { assignmentId: id, period, status: "in_progress", narrative: period, userId: null }),
          ),
        );
        const failed = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
        assert.deepEqual(failed, []);
        const stored = await store.db
          .selectFrom("progress_reports")
          .select("period")
          .where("assignment_id", "=", id)
          .execute();
        assert.equal(stored.length, 50);
        assert.equal((await carried(store.db, id)).period, periods.at(-1));
      });

    if (kind.name === "postgres")
      test("two filings for one assignment at once: the one committed second still sees the first", async () => {
        const store = await open();
        const id = await assignment(store.db);
        const url = process.env.LUOSHI_TEST_DATABASE_URL as string;
        const database = (await sql<{ name: string }>`select current_database() as name`.execute(store.db)).rows[0]
          ?.name as string;
        const connect = async () => {
          const dbUrl = new URL(url);
          dbUrl.pathname = `/${database}`;
          const client = new pg.Client({ connectionString: dbUrl.toString() });
          await client.connect();
          return client;
        };
        const first = await connect();
        const second = await connect();
        try {
          const insert = `insert into progress_reports (assignment_id, region_code, period, status, reported_at)
                          values ($1, '370000', $2, $3, $4)`;
          await first.query("begin");
          await first.query(insert, [id, "2025-Q2", "in_progress", "2025-07-02T08:00:00Z"]);
          await second.query("begin");
          const secondPid = (await second.query("select pg_backend_pid() as pid")).rows[0].pid as number;
          // The earlier period, filed while the later one is not committed yet: its refresh has to wait.
          const secondInsert = second.query(insert, [id, "2025-Q1", "done", "2025-07-03T08:00:00Z"]);
          for (let i = 0; i < 200; i++) {
            const waiting = await sql<{ event: string | null }>`
              select wait_event_type as event from pg_stat_activity where pid = ${secondPid}`.execute(store.db);
            if (waiting.rows[0]?.event === "Lock") break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          await first.query("commit");
          await secondInsert;
          await second.query("commit");
        } finally {
          await first.end();
          await second.end();
        }
        assert.deepEqual(await carried(store.db, id), {
          period: "2025-Q2",
          status: "in_progress",
          reportedAt: "2025-07-02T08:00:00.000Z",
        });
      });
  });
}
