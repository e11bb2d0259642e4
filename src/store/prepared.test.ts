// Prepared statements (prepared.ts) on the PostgreSQL server of LUOSHI_TEST_DATABASE_URL: which statements
// get a name, that results and transactions are as without names, and that a statement whose table changed
// under it recovers. One connection per pool, so pg_prepared_statements shows that connection's.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PREPARED_STATEMENT_DEFAULTS, prepareStatements } from "./prepared.ts";

const url = process.env.LUOSHI_TEST_DATABASE_URL;

// biome-ignore lint/suspicious/noExplicitAny: a scratch database of temporary tables, untyped
type Db = Kysely<any>;

describe("prepared statements on PostgreSQL", { skip: url ? false : "set LUOSHI_TEST_DATABASE_URL" }, () => {
  let pool: pg.Pool;
  let db: Db;
  const options = { ...PREPARED_STATEMENT_DEFAULTS, maxPerConnection: 5, minRuns: 3 };
  before(async () => {
    pool = new pg.Pool({ connectionString: url, max: 1 });
    prepareStatements(pool, options);
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await sql`create temporary table t (id int primary key, v text)`.execute(db);
    await sql`insert into t select i, 'v' || i from generate_series(1, 50) i`.execute(db);
  });
  after(() => db.destroy());

  const prepared = async () =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'luoshi_%'`.execute(
        db,
      )
    ).rows.map((r) => r.statement);
  const byId = (id: number) => db.selectFrom("t").select("v").where("id", "=", id).executeTakeFirst();

  test("a statement is named from its third run on, with the same answers", async () => {
    assert.deepEqual(await prepared(), []);
    assert.equal((await byId(1))?.v, "v1");
    assert.equal((await byId(2))?.v, "v2");
    assert.deepEqual(await prepared(), [], "two runs: not yet");
    for (let id = 3; id <= 10; id++) assert.equal((await byId(id))?.v, `v${id}`);
    assert.deepEqual(await prepared(), ['select "v" from "t" where "id" = $1']);
  });

  test("never named: array parameters, text matches, statements without parameters, and past the cap per connection", async () => {
    for (let i = 0; i < 5; i++) {
      await sql`select count(*) from t where id = any(${[1, 2, 3]}::int[])`.execute(db);
      await sql`select count(*) from t where id < 5`.execute(db);
      await sql`select count(*) from t where v like ${"v1%"}`.execute(db);
      await sql`select count(*) from t where to_tsvector('simple', v) @@ plainto_tsquery('simple', ${"v1"})`.execute(
        db,
      );
    }
    assert.equal((await prepared()).length, 1);
    for (let k = 0; k < 8; k++)
      for (let i = 0; i < 3; i++) await sql`select ${sql.raw(String(k))} + count(*) from t where id > ${i}`.execute(db);
    assert.equal((await prepared()).length, options.maxPerConnection);
    assert.equal(
      (await sql<{ n: number }>`select ${sql.raw("7")} + count(*)::int as n from t where id > ${10}`.execute(db))
        .rows[0]?.n,
      47,
      "unnamed past the cap, still answered",
    );
  });

  test("inside transactions: committed and rolled back work as without names", async () => {
    const update = (tx: Db, id: number, v: string) => tx.updateTable("t").set({ v }).where("id", "=", id).execute();
    for (let i = 0; i < 3; i++) await update(db, 20, `once${i}`);
    await db.transaction().execute(async (tx) => {
      await update(tx, 20, "committed");
      await update(tx, 21, "committed");
    });
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await update(tx, 22, "rolled back");
        throw new Error("stop");
      }),
    );
    assert.equal((await byId(20))?.v, "committed");
    assert.equal((await byId(21))?.v, "committed");
    assert.equal((await byId(22))?.v, "v22");
  });

  test("a statement whose table changed under it runs unnamed again, failing at most one transaction", async () => {
    const fresh = new pg.Pool({ connectionString: url, max: 1 });
    prepareStatements(fresh, options);
    const other = new Kysely({ dialect: new PostgresDialect({ pool: fresh }) }) as Db;
    const table = `prepared_probe_${randomBytes(4).toString("hex")}`;
    try {
      await sql`create table ${sql.table(table)} (id int primary key)`.execute(other);
      await sql`insert into ${sql.table(table)} values (1)`.execute(other);
      const above = (n: number) => other.selectFrom(table).selectAll().where("id", ">", n).execute();
      const from = (n: number) => other.selectFrom(table).selectAll().where("id", ">=", n).execute();
      for (let i = 0; i < 4; i++) {
        assert.deepEqual(await above(0), [{ id: 1 }]);
        assert.deepEqual(await from(1), [{ id: 1 }]);
      }
      assert.equal((await sql`select 1 from pg_prepared_statements`.execute(other)).rows.length, 2);
      // Another process migrates the table: a new column under `select *`.
      await sql`alter table ${sql.table(table)} add column extra text default 'x'`.execute(db);
      assert.deepEqual(await above(0), [{ id: 1, extra: "x" }], "outside a transaction: run again unnamed");
      assert.deepEqual(await above(0), [{ id: 1, extra: "x" }], "and unnamed from then on");
      await assert.rejects(
        other.transaction().execute((tx) => tx.selectFrom(table).selectAll().where("id", ">=", 1).execute()),
        /cached plan must not change result type/,
        "inside a transaction the error ends it",
      );
      assert.deepEqual(await from(1), [{ id: 1, extra: "x" }], "the next run is unnamed");
    } finally {
      await sql`drop table if exists ${sql.table(table)}`.execute(db);
      await other.destroy();
    }
  });
});
