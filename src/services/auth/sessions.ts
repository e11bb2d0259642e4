// Database-backed sessions, so several stateless server processes share them. The cookie carries a random
// token; the table keeps only its SHA-256, so a leaked database dump cannot be replayed as cookies.
// The cookie and CSRF handling stay with the server (server/auth/sessions.ts); the rows live here.
//
// Every request reads its session, so a session read from the database is kept in this process for a few
// seconds (SESSION_CACHE_TTL_MS): requests then cost one query fewer. Whatever ends or changes a session or
// its user in this process (sign-out, revokeSessions, an account change) forgets it here at once; another
// process (a second server, the CLI) changing them is seen here within the TTL.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import type { Database, UserRole } from "../../store/schema.ts";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type SessionUser = { id: number; username: string; displayName: string; role: UserRole; orgId: number };
export type ActiveSession = { tokenHash: string; csrfToken: string; expiresAt: Date; user: SessionUser };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** How long a session read from the database is trusted by this process: the cross-process staleness bound. */
export const SESSION_CACHE_TTL_MS = 5_000;
/** Sessions kept per process; the least recently used go first. */
export const SESSION_CACHE_MAX = 10_000;

type CachedSession = { db: Kysely<Database>; session: ActiveSession };

const copy = (s: ActiveSession): ActiveSession => ({ ...s, user: { ...s.user } });

/**
 * Sessions recently read from the database, by token hash, for at most `ttlMs` each (wall time as the
 * monotonic clock `perf` counts it, not the app's clock). An entry remembers its database, so apps on
 * different databases in one process (tests) never see each other's. Forgetting is by token or by user;
 * a read that was under way while something was forgotten is not kept (its row may predate the change).
 */
export class SessionCache {
  readonly #entries: LRUCache<string, CachedSession>;
  #generation = 0;

  constructor(options: { ttlMs: number; max: number; perf?: { now(): number } }) {
    this.#entries = new LRUCache<string, CachedSession>({
      max: options.max,
      ttl: options.ttlMs,
      // Entries past their TTL are never returned; they go when they are looked up or pushed out.
      ttlAutopurge: false,
      ...(options.perf ? { perf: options.perf, ttlResolution: 0 } : {}),
    });
  }

  /** A token for remember(): a read begun now may be kept unless something is forgotten meanwhile. */
  get generation(): number {
    return this.#generation;
  }

  /** The cached session (a copy), if it is this database's, not past the TTL and not expired at `now`. */
  get(db: Kysely<Database>, tokenHash: string, now: Date): ActiveSession | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry || entry.db !== db || entry.session.expiresAt <= now) return undefined;
    return copy(entry.session);
  }

  remember(db: Kysely<Database>, session: ActiveSession, generation: number): void {
    if (generation !== this.#generation) return;
    this.#entries.set(session.tokenHash, { db, session: copy(session) });
  }

  /** The renewed expiry of a cached session, without restarting its TTL. */
  renewed(tokenHash: string, expiresAt: Date): void {
    const entry = this.#entries.peek(tokenHash);
    if (entry) entry.session.expiresAt = expiresAt;
  }

  forgetToken(tokenHash: string): void {
    this.#generation++;
    this.#entries.delete(tokenHash);
  }

  /** Every cached session of this user id (on any database: forgetting too much only costs a read). */
  forgetUser(userId: number): void {
    this.#generation++;
    for (const [key, entry] of this.#entries.entries()) if (entry.session.user.id === userId) this.#entries.delete(key);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The process's session cache, which findSession reads through. */
export const sessionCache = new SessionCache({ ttlMs: SESSION_CACHE_TTL_MS, max: SESSION_CACHE_MAX });

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Sweep this user's dead sessions while we are here; there is no other cleanup job yet.
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("expires_at", "<=", now).execute();
  await db
    .insertInto("sessions")
    .values({ token_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session of a cookie's token: from the cache when it is there, else from the database (and cached). */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  cache: SessionCache = sessionCache,
): Promise<ActiveSession | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const cached = cache.get(db, tokenHash, now);
  if (cached) return cached;
  const generation = cache.generation;
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.token_hash",
      "s.csrf_token",
      "s.expires_at",
      "u.id",
      "u.username",
      "u.display_name",
      "u.role",
      "u.org_id",
    ])
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", now)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  if (!row) return null;
  const session: ActiveSession = {
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, orgId: row.org_id },
  };
  cache.remember(db, session, generation);
  return session;
}

/** Moves the session's expiry (the sliding renewal). */
export async function renewSession(
  db: Kysely<Database>,
  tokenHash: string,
  expiresAt: Date,
  cache: SessionCache = sessionCache,
): Promise<void> {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("token_hash", "=", tokenHash).execute();
  cache.renewed(tokenHash, expiresAt);
}

/** Ends one session (sign-out, a new sign-in over it), here at once. */
export async function deleteSession(
  db: Kysely<Database>,
  tokenHash: string,
  cache: SessionCache = sessionCache,
): Promise<void> {
  cache.forgetToken(tokenHash);
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  cache.forgetToken(tokenHash);
}

/**
 * Forgets the cached sessions of a user whose sessions or account (role, org, name, disabled flag, password)
 * changed, so this process reads them afresh on their next request. A change made in a transaction calls it
 * again after the commit: a request reading in between would otherwise keep the row as it was before.
 */
export function forgetUserSessions(userId: number, cache: SessionCache = sessionCache): void {
  cache.forgetUser(userId);
}
