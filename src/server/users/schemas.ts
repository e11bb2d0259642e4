// The public shape of a user account; the password hash never leaves the store.
import { z } from "zod";
import { userSnapshot } from "../../services/users/index.ts";
import { USER_ROLES, type User } from "../../services/users/queries.ts";

import { timestampSchema } from "../schemas.ts";

// Re-exported for routes that took them from here; they live in ../schemas.ts.
export { idSchema, timestampSchema } from "../schemas.ts";
export const roleSchema = z.enum(USER_ROLES);

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  orgId: z.number().int(),
});

export const userSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  createdAt: timestampSchema,
});
export type UserView = z.input<typeof userSchema>;

/** The account as the API shows it: the same fields the audit log keeps of it. */
export function presentUser(user: User): UserView {
  return userSnapshot(user);
}
