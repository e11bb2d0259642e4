// Versioned SQL migrations, applied in order on start, once, under a lock so that several server
// processes starting together do not race.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";

const DIR = join(import.meta.dirname, "migrations");
const LOCK_KEY = 7_245_110; // any constant: serializes migrations across processes

export async function migrate<DB>(db: Kysely<DB>): Promise<string[]> {
  const files = readdirSync(DIR)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(
      tx,
    );
    const done = new Set(
      (await sql<{ name: string }>`select name from schema_migrations`.execute(tx)).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await sql.raw(readFileSync(join(DIR, file), "utf8")).execute(tx);
      await sql`insert into schema_migrations (name) values (${file})`.execute(tx);
      applied.push(file);
    }
    return applied;
  });
}
