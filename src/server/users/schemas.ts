// The public shape of a user account; the password hash never leaves the store.
import { z } from "zod";
import { USER_ROLES, type User } from "../../store/users.ts";

export const roleSchema = z.enum(USER_ROLES);
export const idSchema = z.coerce
  .number({ error: "must be a positive whole number (an id)" })
  .int("must be a positive whole number (an id)")
  .positive("must be a positive whole number (an id)")
  .max(Number.MAX_SAFE_INTEGER);

/** An ISO 8601 instant as the server writes it (toISOString); documented, not pattern-checked. */
export const timestampSchema = z.string().meta({ format: "date-time", examples: ["2025-03-01T08:00:00.000Z"] });

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
