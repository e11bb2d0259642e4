// User accounts: admins manage them; plan offices can see the accounts of their own org subtree.
import { z } from "zod";
import { writeAudit } from "../../store/audit.ts";
import {
  createUser,
  getUser,
  listUsers,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  UserInputError,
  UsernameTakenError,
  updateUser,
} from "../../store/users.ts";
import { ensureVisible, inScope, orgScope, requireRole, scopeIds } from "../auth/permissions.ts";
import { deleteUserSessions } from "../auth/sessions.ts";
import { badRequest, conflict, notFound } from "../problem.ts";
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

/** Store errors about the request's content, as problems naming the field. */
function asProblem(error: unknown): unknown {
  if (error instanceof UserInputError)
    return badRequest(`Invalid request: body.${error.field}: ${error.message}`, [
      { path: `body.${error.field}`, message: error.message },
    ]);
  if (error instanceof UsernameTakenError) return conflict(error.message);
  return error;
}

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
    const scope = await orgScope(deps.db, user);
    let orgIds = scopeIds(scope);
    if (query.orgId !== undefined) orgIds = inScope(scope, query.orgId) ? [query.orgId] : [];
    const page = await listUsers(deps.db, { orgIds, limit: query.limit, offset: query.offset });
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
    const scope = await orgScope(deps.db, user);
    return presentUser(ensureVisible(scope, await getUser(deps.db, params.id), "user"));
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
  handler: async ({ body, user, deps }) => {
    try {
      const created = await deps.db.transaction().execute(async (tx) => {
        const created = await createUser(tx, body);
        const after = presentUser(created);
        await writeAudit(tx, {
          userId: user.id,
          action: "user.create",
          entity: "user",
          entityId: created.id,
          after,
          at: deps.now(),
        });
        return after;
      });
      return created;
    } catch (error) {
      throw asProblem(error);
    }
  },
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
  handler: async ({ params, body, user, deps }) => {
    // An admin demoting or disabling themselves could leave nobody able to manage accounts.
    if (params.id === user.id && (body.disabled === true || (body.role !== undefined && body.role !== "admin")))
      throw conflict("You cannot disable your own account or drop your own admin role.");
    try {
      return await deps.db.transaction().execute(async (tx) => {
        const changed = await updateUser(tx, params.id, body);
        if (!changed) throw notFound("No such user.");
        const before = presentUser(changed.before);
        const after = presentUser(changed.after);
        const passwordReset = body.password !== undefined;
        if (passwordReset || changed.after.disabled) await deleteUserSessions(tx, params.id);
        await writeAudit(tx, {
          userId: user.id,
          action: passwordReset ? "user.update+password" : "user.update",
          entity: "user",
          entityId: params.id,
          before,
          after,
          at: deps.now(),
        });
        return after;
      });
    } catch (error) {
      throw asProblem(error);
    }
  },
});

export const userRoutes: Route[] = [list, show, create, update];
