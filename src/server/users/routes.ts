// User accounts: admins manage them; plan offices can see the accounts of their own org subtree.
import { z } from "zod";
import { orgScope, requireRole } from "../../services/access/index.ts";
import { addUser, changeUser, usersInScope, visibleUser } from "../../services/users/index.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from "../../services/users/queries.ts";
import { defineRoute, type Route } from "../route.ts";
import { idParams, idSchema } from "../schemas.ts";
import { presentUser, roleSchema, userSchema } from "./schemas.ts";

const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`);

const newUserSchema = z.object({
  username: z.string().regex(USERNAME_PATTERN, "username must be 3–32 characters of a–z, 0–9, _ . -"),
  displayName: z.string().max(100).optional(),
  password: passwordSchema,
  role: roleSchema,
  orgId: idSchema,
});

const userPatchSchema = z
  .object({
    displayName: z.string().min(1).max(100).optional(),
    role: roleSchema.optional(),
    orgId: idSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional().describe("A new password (reset); signs the user out everywhere."),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "give at least one field to change");

const listQuerySchema = z.object({
  orgId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const list = defineRoute({
  method: "GET",
  url: "/api/users",
  summary: "List user accounts",
  description: "Admins see all accounts; plan offices see those of their org subtree.",
  tags: ["users"],
  auth: requireRole("admin", "plan_office"),
  query: listQuerySchema,
  response: z.object({ items: z.array(userSchema), total: z.number().int() }),
  handler: async ({ query, user, deps }) => {
    const page = await usersInScope(deps.db, await orgScope(deps.db, user), query);
    return { items: page.items.map(presentUser), total: page.total };
  },
});

const show = defineRoute({
  method: "GET",
  url: "/api/users/:id",
  summary: "One user account",
  tags: ["users"],
  auth: requireRole("admin", "plan_office"),
  params: idParams,
  response: userSchema,
  handler: async ({ params, user, deps }) => {
    return presentUser(await visibleUser(deps.db, await orgScope(deps.db, user), params.id));
  },
});

const create = defineRoute({
  method: "POST",
  url: "/api/users",
  summary: "Create a user account",
  tags: ["users"],
  auth: requireRole("admin"),
  body: newUserSchema,
  response: userSchema,
  status: 201,
  handler: async ({ body, user, deps }) =>
    presentUser(await addUser(deps.db, { userId: user.id, at: deps.now() }, body)),
});

const update = defineRoute({
  method: "PATCH",
  url: "/api/users/:id",
  summary: "Change a user account",
  description:
    "Role, org, display name, disabled flag or a password reset. Disabling or a reset ends the user's sessions.",
  tags: ["users"],
  auth: requireRole("admin"),
  params: idParams,
  body: userPatchSchema,
  response: userSchema,
  handler: async ({ params, body, user, deps }) =>
    presentUser(await changeUser(deps.db, user, params.id, body, deps.now())),
});

export const userRoutes: Route[] = [list, show, create, update];
