// User accounts as use cases, for the API (server/users/routes.ts) and the CLI (`luoshi user add`) alike:
// each change is one transaction with its audit entry, in one snapshot shape whoever makes it. Errors are
// the store's (InputError, ConflictError, NotFoundError), which server/problem.ts and the CLI present.
import type { Kysely } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";
import { type Actor, ensureVisible, inScope, type OrgScope, scopeIds } from "../access/index.ts";
import { forgetUserSessions } from "../auth/sessions.ts";
import { createUser, getUser, listUsers, type NewUser, type User, type UserPatch, updateUser } from "./queries.ts";

/** Who makes a change and when; `userId` null: the system itself (the CLI runs with the server's rights). */
export type Editor = { userId: number | null; at?: Date | undefined };

/** What the audit log keeps of an account (never the password hash). */
export type UserSnapshot = {
  id: number;
  username: string;
  displayName: string;
  role: User["role"];
  orgId: number;
  disabled: boolean;
  createdAt: string;
};

export function userSnapshot(user: User): UserSnapshot {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgId: user.orgId,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The accounts of the orgs in scope (one org of them with `orgId`), by username. */
export function usersInScope(
  db: Kysely<Database>,
  scope: OrgScope,
  options: { orgId?: number | undefined; limit: number; offset: number },
): Promise<{ items: User[]; total: number }> {
  let orgIds = scopeIds(scope);
  if (options.orgId !== undefined) orgIds = inScope(scope, options.orgId) ? [options.orgId] : [];
  return listUsers(db, { orgIds, limit: options.limit, offset: options.offset });
}

/** One account, if its org is in scope; else "not found", as if it did not exist. */
export async function visibleUser(db: Kysely<Database>, scope: OrgScope, id: number): Promise<User> {
  return ensureVisible(scope, await getUser(db, id), "user");
}

/** Creates an account and audits it ("user.create", after: the snapshot). */
export function addUser(db: Kysely<Database>, editor: Editor, input: NewUser): Promise<User> {
  return db.transaction().execute(async (tx) => {
    const created = await createUser(tx, input);
    await writeAudit(tx, {
      userId: editor.userId,
      action: "user.create",
      entity: "user",
      entityId: created.id,
      after: userSnapshot(created),
      ...(editor.at ? { at: editor.at } : {}),
    });
    return created;
  });
}

/**
 * Ends every session of the account (a disabled account or a new password signs it out everywhere). In a
 * transaction, call forgetUserSessions again after the commit (changeUser does).
 */
export async function revokeSessions(db: Kysely<Database>, userId: number): Promise<void> {
  forgetUserSessions(userId);
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  forgetUserSessions(userId);
}

/**
 * Changes an account: role, org, display name, disabled flag or a password reset; disabling or a reset
 * ends its sessions, and any change reaches this process's next request of the user at once (the cached
 * sessions are forgotten after the commit). An admin may not disable or demote themselves, which could
 * leave nobody able to manage accounts.
 */
export async function changeUser(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  patch: UserPatch,
  at?: Date,
): Promise<User> {
  if (id === actor.id && (patch.disabled === true || (patch.role !== undefined && patch.role !== "admin")))
    throw new ConflictError("You cannot disable your own account or drop your own admin role.");
  const after = await db.transaction().execute(async (tx) => {
    const changed = await updateUser(tx, id, patch);
    if (!changed) throw new NotFoundError("No such user.");
    const passwordReset = patch.password !== undefined;
    if (passwordReset || changed.after.disabled) await revokeSessions(tx, id);
    await writeAudit(tx, {
      userId: actor.id,
      action: passwordReset ? "user.update+password" : "user.update",
      entity: "user",
      entityId: id,
      before: userSnapshot(changed.before),
      after: userSnapshot(changed.after),
      ...(at ? { at } : {}),
    });
    return changed.after;
  });
  forgetUserSessions(id);
  return after;
}
