// One PostgreSQL dialect for both databases: the embedded PGlite (default, data in LUOSHI_DATA) and a
// PostgreSQL server (DATABASE_URL). Kysely talks to both through a node-postgres pool.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type DataDirLock, lockDataDir } from "./data-lock.ts";
import { migrate } from "./migrate.ts";
import { prepareStatements } from "./prepared.ts";
import type { Database } from "./schema.ts";

export type Store = {
  db: Kysely<Database>;
  kind: "pglite" | "postgres";
  /**
   * Keeps the planner's statistics current. PGlite runs no autovacuum, so without this its planner never
   * learns how many rows a table has (a reporter's page took 20 ms instead of 7); a server analyzes by itself.
   */
  maintain(): Promise<void>;
  close(): Promise<void>;
};

// DATE columns as plain "YYYY-MM-DD" strings, not Dates shifted by the local time zone.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint ids fit in a JS number for any realistic deployment.
pg.types.setTypeParser(20, (v: string) => Number(v));

export type StoreOptions = {
  /** A PostgreSQL connection string; when absent the embedded database is used. */
  url?: string | undefined;
  /** Data directory of the embedded database; "memory://" for a throwaway one. */
  dataDir?: string | undefined;
  /** An already open PGlite instance (tests clone one template). */
  pglite?: PGlite;
};

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.url) {
    // A connection lasts an hour at most, and with it the statements it prepared (prepared.ts).
    const pool = new pg.Pool({ connectionString: options.url, max: 10, maxLifetimeSeconds: 3600 });
    // The frequent statements are prepared once per connection (prepared.ts).
    prepareStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db);
    return { db, kind: "postgres", maintain: async () => {}, close: () => db.destroy() };
  }
  if (options.pglite) return pgliteStore(options.pglite, async () => {});
  const dataDir = options.dataDir ?? "./data";
  // The directory's lock before PGlite touches it: a second process must not open it at all.
  let lock: DataDirLock | null = null;
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  try {
    const lite = await openPglite(dataDir);
    return await pgliteStore(lite, async () => {
      try {
        await lite.close();
      } finally {
        lock?.release();
      }
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function pgliteStore(lite: PGlite, closeLite: () => Promise<void>): Promise<Store> {
  // One pooled client (the adapter's pool size) on PGlite's one backend, so prepared statements work as on a
  // server's connection; they save PGlite more than a server, whose planning is not run in WebAssembly.
  const pool = new pg.Pool(createPgConfig(lite));
  prepareStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
    // Tables never analyzed (a new database, a migration's new table) are analyzed at once; the rest daily.
    const unknown = await sql<{ n: string }>`
      select count(*) as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where s.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`.execute(db);
    if (Number(unknown.rows[0]?.n ?? 0) > 0) await sql`analyze`.execute(db);
  } catch (error) {
    await db.destroy();
    await closeLite();
    throw error;
  }
  return {
    db,
    kind: "pglite",
    maintain: async () => {
      await sql`analyze`.execute(db);
    },
    close: async () => {
      await db.destroy();
      await closeLite();
    },
  };
}

export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { pg_trgm } });
}

/** The store from the environment: DATABASE_URL, else the embedded database in LUOSHI_DATA (./data). */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  return openStore({ url: env.DATABASE_URL || undefined, dataDir: env.LUOSHI_DATA || "./data" });
}

/** Whether the database answers (the health check); throws when it does not. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
