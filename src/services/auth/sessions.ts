// Database-backed sessions, so several stateless server processes share them. The cookie carries a random
// token; the table keeps only its SHA-256, so a leaked database dump cannot be replayed as cookies.
// The cookie and CSRF handling stay with the server (server/auth/sessions.ts); the rows live here.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../store/schema.ts";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

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

/** Moves the session's expiry (the sliding renewal). */
export async function renewSession(db: Kysely<Database>, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("token_hash", "=", tokenHash).execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}
