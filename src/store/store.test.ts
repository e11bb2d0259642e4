import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { sql } from "kysely";
import { storeKinds } from "../../test/support/stores.ts";
import { migrate } from "./migrate.ts";

for (const kind of storeKinds()) {
  describe(`store on ${kind.name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    after(async () => {
      for (const s of opened) await s.close();
    });

    test("migrations are applied once; running them again applies nothing", async () => {
      const store = await kind.open();
      opened.push(store);
      assert.deepEqual(await migrate(store.db), []);
      const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(store.db);
      // Every migration file on disk, each recorded once; the list grows as migrations are added.
      const files = readdirSync(join(import.meta.dirname, "migrations"))
        .filter((f) => f.endsWith(".sql"))
        .sort();
      assert.deepEqual(files.slice(0, 2), ["001_init.sql", "002_job_runs.sql"]);
      assert.deepEqual(
        rows.rows.map((r) => r.name),
        files,
      );
    });

    test("the planner knows every table's size: analyzed when opened, and kept by maintain()", async () => {
      const store = await kind.open();
      opened.push(store);
      const size = async (table: string) =>
        Number(
          (
            await sql<{ n: number }>`select reltuples::float8 as n from pg_class where relname = ${table}`.execute(
              store.db,
            )
          ).rows[0]?.n,
        );
      await store.db
        .insertInto("orgs")
        .values(
          Array.from({ length: 40 }, (_, i) => ({
            name: `统计测试局${i}`,
            kind: "county" as const,
            region_code: "370000",
            parent_id: null,
          })),
        )
        .execute();
      await store.maintain();
      if (kind.name === "pglite") {
        // PGlite runs no autovacuum: without maintain() the planner would still think the table empty or unknown.
        assert.ok((await size("assignments")) >= 0, "analyzed when the store was opened");
        assert.ok((await size("orgs")) >= 40, "maintain() analyzed the new rows");
      }
    });

    test("a failed transaction leaves nothing behind", async () => {
      const store = await kind.open();
      opened.push(store);
      await assert.rejects(
        store.db.transaction().execute(async (tx) => {
          await tx
            .insertInto("orgs")
            .values({ name: "山东省市场监督管理局", kind: "province", region_code: "370000", parent_id: null })
            .execute();
          await tx
            .insertInto("orgs")
            .values({ name: "x", kind: "bogus" as "other", region_code: "1", parent_id: null })
            .execute();
        }),
      );
      assert.equal((await store.db.selectFrom("orgs").selectAll().execute()).length, 0);
    });

    test("DATE columns read back as the same calendar day", async () => {
      const store = await kind.open();
      opened.push(store);
      const org = await store.db
        .insertInto("orgs")
        .values({ name: "o", kind: "city", region_code: "370100", parent_id: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const plan = await store.db
        .insertInto("plans")
        .values({
          org_id: org.id,
          region_code: "370100",
          title: "t",
          doc_number: null,
          issuer: null,
          issued_on: "2024-12-31",
          period_from: 2024,
          period_to: 2024,
          plan_year: 2024,
          lineage_key: "t",
          created_by: null,
        })
        .returning(["id", "issued_on"])
        .executeTakeFirstOrThrow();
      assert.equal(plan.issued_on, "2024-12-31");
      assert.equal(typeof plan.id, "number");
    });
  });
}
