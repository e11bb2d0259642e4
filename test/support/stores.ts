// Runs one store test suite against every database: embedded PGlite always, and a PostgreSQL server
// when LUOSHI_TEST_DATABASE_URL names one (CI starts one and requires it). Each test gets a fresh,
// migrated database: a clone of a migrated PGlite template, or a new PostgreSQL database.
import { randomBytes } from "node:crypto";
import { after } from "node:test";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openPglite, openStore, type Store } from "../../src/store/db.ts";

export type StoreKind = { name: "pglite" | "postgres"; open(): Promise<Store> };

let template: Promise<PGlite> | null = null;

async function pgliteTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const lite = await openPglite("memory://");
    const store = await openStore({ pglite: lite });
    await store.close();
    return lite;
  })();
  return template;
}

export const pgliteKind: StoreKind = {
  name: "pglite",
  async open() {
    // clone() is typed as the interface; it returns a full PGlite instance.
    const lite = (await (await pgliteTemplate()).clone()) as PGlite;
    const store = await openStore({ pglite: lite });
    return {
      ...store,
      close: async () => {
        await store.close();
        await lite.close();
      },
    };
  },
};

/** Closes the migrated PGlite template; the next store of that kind makes a new one. */
export async function closeTemplate(): Promise<void> {
  const open = template;
  template = null;
  if (open) await (await open).close();
}

function postgresKind(url: string): StoreKind {
  return {
    name: "postgres",
    async open() {
      const name = `luoshi_t_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const store = await openStore({ url: dbUrl.toString() });
      return {
        ...store,
        close: async () => {
          await store.close();
          const drop = new pg.Client({ connectionString: url });
          await drop.connect();
          // pg's Pool.end() resolves before its clients' sockets are closed; a forced drop meanwhile would
          // terminate them, and that error surfaces in whichever test runs next. Wait for them to go.
          for (let i = 0; i < 100; i++) {
            const open = await drop.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
            if (open.rows[0]?.n === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await drop.query(`drop database if exists ${name} with (force)`);
          await drop.end();
        },
      };
    },
  };
}

export function storeKinds(): StoreKind[] {
  const url = process.env.LUOSHI_TEST_DATABASE_URL;
  if (!url && process.env.CI)
    throw new Error("CI must run the store tests on PostgreSQL too: set LUOSHI_TEST_DATABASE_URL");
  return url ? [pgliteKind, postgresKind(url)] : [pgliteKind];
}

/** Inside a describe block: opens fresh stores of one kind on demand and closes them all after the block. */
export function storesFor(kind: StoreKind): () => Promise<Store> {
  const opened: Store[] = [];
  after(async () => {
    for (const s of opened) await s.close();
  });
  return async () => {
    const store = await kind.open();
    opened.push(store);
    return store;
  };
}
