// Test support: one migrated in-memory PGlite per test file, cloned for each app, plus helpers to sign in
// and to make orgs and users directly in the database.
import { PGlite } from "@electric-sql/pglite";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { hashPassword } from "../services/users/queries.ts";
import { openPglite, openStore, type Store } from "../store/db.ts";
import type { OrgKind, UserRole } from "../store/schema.ts";
import { buildApp } from "./app.ts";
import type { ServerConfig } from "./context.ts";

let template: Promise<PGlite> | undefined;

/** The migrated template database, created on first use in this process. */
function templateDb(): Promise<PGlite> {
  template ??= (async () => {
    const lite = await openPglite("memory://");
    const store = await openStore({ pglite: lite });
    await store.db.destroy();
    return lite;
  })();
  return template;
}

export type TestEnv = {
  store: Store;
  app: FastifyInstance;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
};

/** A fresh database (a clone of the template) with an app on it and a controllable clock. */
export async function testEnv(config: Partial<ServerConfig> = {}): Promise<TestEnv> {
  const lite = await (await templateDb()).clone();
  // clone() is typed as the interface but returns the class, which openStore needs.
  if (!(lite instanceof PGlite)) throw new Error("PGlite.clone() returned an unexpected type");
  const store = await openStore({ pglite: lite });
  const clock = {
    now: new Date("2025-03-01T08:00:00Z"),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const app = buildApp({ store, now: () => clock.now, config });
  await app.ready();
  return {
    store,
    app,
    clock,
    async close() {
      await app.close();
      await store.close();
      await lite.close();
    },
  };
}

/**
 * An app on a store the caller opened (test/support/stores.ts: PGlite or the PostgreSQL server of
 * LUOSHI_TEST_DATABASE_URL), so an HTTP suite can run on both databases; close() closes the store too.
 */
export async function testEnvOn(store: Store, config: Partial<ServerConfig> = {}): Promise<TestEnv> {
  const clock = {
    now: new Date("2025-03-01T08:00:00Z"),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const app = buildApp({ store, now: () => clock.now, config });
  await app.ready();
  return {
    store,
    app,
    clock,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export async function closeTemplate(): Promise<void> {
  if (template) await (await template).close();
  template = undefined;
}

export async function insertOrg(
  store: Store,
  name: string,
  parentId: number | null,
  kind: OrgKind = "city",
): Promise<number> {
  const row = await store.db
    .insertInto("orgs")
    .values({ name, kind, parent_id: parentId, region_code: "370000" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

// Cheap scrypt parameters: tests sign in many times and the cost factor is not what they check.
const FAST = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = "correct horse battery";

export async function insertUser(store: Store, username: string, role: UserRole, orgId: number): Promise<number> {
  const row = await store.db
    .insertInto("users")
    .values({
      username,
      display_name: username,
      role,
      org_id: orgId,
      password_hash: await hashPassword(TEST_PASSWORD, FAST),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type Agent = {
  csrf: string;
  cookie: string;
  request(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
};

/** Signs in and returns a client that sends the session cookie and the CSRF token. */
export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: "POST", url: "/api/session", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers["set-cookie"]);
  const cookie = setCookie.split(";")[0] as string;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    csrf,
    cookie,
    request: (method, url, body) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === "GET" ? {} : { "x-csrf-token": csrf }) },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}
