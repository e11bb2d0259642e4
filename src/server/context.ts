// What every route handler may use: the store, the clock and the configuration. Passing them in (rather
// than importing singletons) is what lets tests build an app per database clone and pin the time.
import type { Kysely } from "kysely";
import { DEFAULT_TIME_ZONE } from "../domain/today.ts";
import type { LoginPolicy } from "../services/auth/login-throttle.ts";
import type { Store } from "../store/db.ts";
import type { Database } from "../store/schema.ts";

export type ServerConfig = {
  /** Mark the session cookie Secure; turn on whenever the server is reached over HTTPS. */
  cookieSecure: boolean;
  /** Idle lifetime of a session; each request renews it (sliding expiry). */
  sessionTtlMs: number;
  /** Largest accepted request body in bytes; larger bodies get 413. */
  bodyLimit: number;
  /** Take the client IP from X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy: boolean;
  /** Sign-in throttling (services/auth/login-throttle.ts): per username and address pair, and per address. */
  login: LoginPolicy;
  /**
   * Where users reach the server (LUOSHI_PUBLIC_URL), e.g. https://luoshi.example.gov.cn; absolute URLs
   * (calendar feeds) are built on it, never on the request's Host header. Null: the listen address.
   */
  publicUrl: string | null;
  logger: boolean | { level: string };
  /** The built web app to serve beside the API (web/dist), or null for the API alone. */
  webRoot: string | null;
  /**
   * Whose calendar days are "today" (LUOSHI_TIME_ZONE): every route's, the writes' and the exports', the
   * same the daily run follows (jobs/daily.ts), so what it stores is what the reads ask for.
   */
  timeZone: string;
};

export const DEFAULT_CONFIG: ServerConfig = {
  cookieSecure: false,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  // Plan documents and evidence files are uploaded as request bodies.
  bodyLimit: 30 * 1024 * 1024,
  trustProxy: false,
  login: {
    freeFailures: 5,
    baseDelayMs: 1000,
    maxDelayMs: 15 * 60 * 1000,
    trustedMaxDelayMs: 60 * 1000,
    pairWindowMs: 24 * 60 * 60 * 1000,
    addressMaxFailures: 30,
    addressWindowMs: 15 * 60 * 1000,
  },
  publicUrl: null,
  logger: false,
  webRoot: null,
  timeZone: DEFAULT_TIME_ZONE,
};

export type AppDeps = {
  store: Store;
  db: Kysely<Database>;
  now: () => Date;
  /** The calendar day now() falls on in config.timeZone (domain/today.ts): the API's "today". */
  today: () => string;
  config: ServerConfig;
  /** The base of absolute URLs handed out (no trailing slash): publicUrl, else the listen address. */
  publicUrl: () => string;
};
