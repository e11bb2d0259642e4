// What every route handler may use: the store, the clock and the configuration. Passing them in (rather
// than importing singletons) is what lets tests build an app per database clone and pin the time.
import type { Kysely } from "kysely";
import type { Store } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import type { IpLimiter } from "./auth/rate-limit.ts";

export type ServerConfig = {
  /** Mark the session cookie Secure; turn on whenever the server is reached over HTTPS. */
  cookieSecure: boolean;
  /** Idle lifetime of a session; each request renews it (sliding expiry). */
  sessionTtlMs: number;
  /** Largest accepted request body in bytes; larger bodies get 413. */
  bodyLimit: number;
  /** Take the client IP from X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy: boolean;
  /** Failed logins per username within loginWindowMs before logins for it are refused with 429. */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Failed logins per client IP within loginWindowMs, across usernames (kept in memory). */
  ipMaxFailures: number;
  logger: boolean | { level: string };
  /** The built web app to serve beside the API (web/dist), or null for the API alone. */
  webRoot: string | null;
};

export const DEFAULT_CONFIG: ServerConfig = {
  cookieSecure: false,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  // Plan documents and evidence files are uploaded as request bodies.
  bodyLimit: 30 * 1024 * 1024,
  trustProxy: false,
  loginMaxFailures: 5,
  loginWindowMs: 15 * 60 * 1000,
  ipMaxFailures: 30,
  logger: false,
  webRoot: null,
};

export type AppDeps = {
  store: Store;
  db: Kysely<Database>;
  now: () => Date;
  config: ServerConfig;
  ipLimiter: IpLimiter;
};
