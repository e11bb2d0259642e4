// Feed tokens for calendar subscriptions. A calendar app polls an .ics URL without cookies, so the URL
// itself carries a random token standing for its user. It opens calendar feeds only (never the rest
// of the API), with exactly that user's scope; only its SHA-256 is stored, and a new one revokes the old.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import type { Database } from "../../store/schema.ts";
import { hashToken, type SessionUser } from "../auth/sessions.ts";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token for the user, replacing any earlier one; the plain token is returned once, here. */
export async function issueCalendarToken(db: Kysely<Database>, userId: number, at: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (tx) => {
    const replaced = await tx.deleteFrom("calendar_tokens").where("user_id", "=", userId).executeTakeFirst();
    await tx
      .insertInto("calendar_tokens")
      .values({ token_hash: hashToken(token), user_id: userId, created_at: at })
      .execute();
    await writeAudit(tx, {
      userId,
      action: Number(replaced.numDeletedRows) > 0 ? "calendar_token.replace" : "calendar_token.create",
      entity: "user",
      entityId: userId,
      at,
    });
  });
  return token;
}

/** Revokes the user's token; true if there was one. */
export async function revokeCalendarToken(db: Kysely<Database>, userId: number, at: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const deleted = await tx.deleteFrom("calendar_tokens").where("user_id", "=", userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    await writeAudit(tx, { userId, action: "calendar_token.revoke", entity: "user", entityId: userId, at });
    return true;
  });
}

/** When the user's current token was issued; null without one. The token itself is not kept, so not shown. */
export async function calendarTokenIssuedAt(db: Kysely<Database>, userId: number): Promise<Date | null> {
  const row = await db
    .selectFrom("calendar_tokens")
    .select("created_at")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? new Date(row.created_at) : null;
}

/** The token's user, if the token is valid and the account enabled. */
export async function calendarTokenUser(db: Kysely<Database>, token: string): Promise<SessionUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .selectFrom("calendar_tokens as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["u.id", "u.username", "u.display_name", "u.role", "u.org_id"])
    .where("c.token_hash", "=", hashToken(token))
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  return row
    ? { id: row.id, username: row.username, displayName: row.display_name, role: row.role, orgId: row.org_id }
    : null;
}
