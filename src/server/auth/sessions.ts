// Database-backed sessions, so several stateless server processes share them. The cookie carries a random
// token; the table keeps only its SHA-256, so a leaked database dump cannot be replayed as cookies.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../store/schema.ts";
import type { AppDeps, ServerConfig } from "../context.ts";
import { forbidden } from "../problem.ts";

export const SESSION_COOKIE = "luoshi_session";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
// Renew at most this often, so a busy client does not write the sessions row on every request.
const RENEW_GRANULARITY_MS = 5 * 60 * 1000;

export type SessionUser = { id: number; username: string; displayName: string; role: UserRole; orgId: number };
export type ActiveSession = { tokenHash: string; csrfToken: string; expiresAt: Date; user: SessionUser };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

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

export async function findSession(db: Kysely<Database>, token: string, now: Date): Promise<ActiveSession | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
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
    .where("s.token_hash", "=", hashToken(token))
    .where("s.expires_at", ">", now)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, orgId: row.org_id },
  };
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// No Max-Age: the cookie ends with the browser session, the server enforces the (sliding) expiry.
export function sessionCookie(token: string, config: ServerConfig): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    ...(config.cookieSecure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(config: ServerConfig): string {
  return [
    `${SESSION_COOKIE}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
    ...(config.cookieSecure ? ["Secure"] : []),
  ].join("; ");
}

/** The request's live session, renewed if due; null when there is no valid session cookie. */
export async function authenticate(deps: AppDeps, request: FastifyRequest): Promise<ActiveSession | null> {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!token) return null;
  const now = deps.now();
  const session = await findSession(deps.db, token, now);
  if (!session) return null;
  const renewed = new Date(now.getTime() + deps.config.sessionTtlMs);
  if (renewed.getTime() - session.expiresAt.getTime() > RENEW_GRANULARITY_MS) {
    await deps.db
      .updateTable("sessions")
      .set({ expires_at: renewed })
      .where("token_hash", "=", session.tokenHash)
      .execute();
    session.expiresAt = renewed;
  }
  return session;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie rides along with cross-site requests; the CSRF token does not, because only our own pages can
 * read it (from the login response or GET /api/session). So every state-changing request with a session
 * must echo it.
 */
export function checkCsrf(request: FastifyRequest, session: ActiveSession): void {
  if (SAFE_METHODS.has(request.method)) return;
  const header = request.headers["x-csrf-token"];
  const given = Buffer.from(typeof header === "string" ? header : "");
  const expected = Buffer.from(session.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw forbidden("Missing or wrong x-csrf-token header; get the token from GET /api/session.");
}
