// The public shape of a user account; the password hash never leaves the store.
import { z } from "zod";
import { USER_ROLES, type User } from "../../store/users.ts";

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

export function presentUser(user: User): UserView {
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
