// Test support for HTTP suites: an app on a fresh database of either kind (the one PGlite template and the
// PostgreSQL databases are test/support/stores.ts's), plus helpers to sign in and to make orgs and users.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { pgliteKind, type StoreKind } from "../../test/support/stores.ts";
import type { Store } from "../store/db.ts";
import { buildApp } from "./app.ts";
import type { ServerConfig } from "./context.ts";

export type TestEnv = {
  store: Store;
  app: FastifyInstance;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
};

/** A fresh PGlite database (a clone of test/support/stores.ts's template) with an app on it and a controllable clock. */
export async function testEnv(config: Partial<ServerConfig> = {}): Promise<TestEnv> {
  return testEnvOn(pgliteKind, config);
}

/**
 * An app on a fresh store of the given kind (test/support/stores.ts: PGlite or the PostgreSQL server of
 * LUOSHI_TEST_DATABASE_URL), or on a store the caller opened, so an HTTP suite can run on both databases;
 * close() closes the store too.
 */
export async function testEnvOn(source: Store | StoreKind, config: Partial<ServerConfig> = {}): Promise<TestEnv> {
  const store = "open" in source ? await source.open() : source;
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

/** Closes the PGlite template (test/support/stores.ts), for suites that close it after their last test. */
export { closeTemplate } from "../../test/support/stores.ts";

// The rows themselves are written by test/support/rows.ts: no query is built under src/server.
import { TEST_PASSWORD } from "../../test/support/rows.ts";

export { insertOrg, insertUser, TEST_PASSWORD } from "../../test/support/rows.ts";

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
