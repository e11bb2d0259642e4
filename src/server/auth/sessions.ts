// The session cookie, the request's authentication and the CSRF check. The session rows and their queries
// live in services/auth/sessions.ts.
import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { type ActiveSession, findSession, renewSession } from "../../services/auth/sessions.ts";
import type { AppDeps, ServerConfig } from "../context.ts";
import { forbidden } from "../problem.ts";

export type { ActiveSession, SessionUser } from "../../services/auth/sessions.ts";

export const SESSION_COOKIE = "luoshi_session";
// Renew at most this often, so a busy client does not write the sessions row on every request.
const RENEW_GRANULARITY_MS = 5 * 60 * 1000;

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
    await renewSession(deps.db, session.tokenHash, renewed);
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
