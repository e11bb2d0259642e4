// Sign in, sign out, who am I.
import type { Kysely } from "kysely";
import { z } from "zod";
import { beginLoginAttempt, loginSucceeded } from "../../services/auth/login-throttle.ts";
import { createSession, deleteSession } from "../../services/auth/sessions.ts";
import { orgNamed } from "../../services/orgs/orgs.ts";
import { findCredentials, hashPassword, normalizeUsername, verifyPassword } from "../../services/users/queries.ts";
import type { Database } from "../../store/schema.ts";
import { forbidden, tooManyRequests, unauthorized } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";
import { sessionUserSchema, timestampSchema } from "../users/schemas.ts";
import { clearedSessionCookie, sessionCookie } from "./sessions.ts";

const sessionSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string().describe("Send as the x-csrf-token header on every non-GET request."),
  expiresAt: timestampSchema,
  org: z.object({ id: z.number().int(), name: z.string() }).describe("The user's org, by which the app greets."),
});

async function orgOf(db: Kysely<Database>, orgId: number): Promise<{ id: number; name: string }> {
  const org = await orgNamed(db, orgId);
  // users.org_id is a foreign key: a signed-in user's org exists.
  if (!org) throw new Error(`the org ${orgId} of a signed-in user does not exist`);
  return org;
}

const loginSchema = z.object({
  username: z.string().min(1, "username is required").max(64),
  password: z.string().min(1, "password is required").max(256),
});

// Unknown usernames still cost one hash, so response time does not tell which usernames exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword("not a password of anyone");
  return dummyHash;
};

function wait(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return s === 1 ? "1 second" : `${s} seconds`;
  }
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

const login = defineRoute({
  method: "POST",
  url: "/api/session",
  summary: "Sign in",
  description: "Checks the password, sets the HttpOnly session cookie and returns the CSRF token.",
  tags: ["session"],
  auth: "public",
  body: loginSchema,
  response: sessionSchema,
  handler: async ({ body, request, reply, deps, session }) => {
    const now = deps.now();
    const username = normalizeUsername(body.username);
    const attempt = await beginLoginAttempt(deps.db, username, request.ip, now, deps.config.login);
    if (attempt.wait)
      throw tooManyRequests(
        attempt.wait.reason === "pair"
          ? `Too many failed sign-ins for this account from this address; try again in ${wait(attempt.wait.seconds)}.`
          : `Too many failed sign-ins from this address; try again in ${wait(attempt.wait.seconds)}.`,
        attempt.wait.seconds,
      );
    const account = await findCredentials(deps.db, username);
    const passwordOk = await verifyPassword(body.password, account?.passwordHash ?? (await getDummyHash()));
    if (!account || !passwordOk || account.disabled) {
      // Only someone who knows the password learns that the account is disabled.
      if (account && passwordOk) throw forbidden("This account is disabled; ask an administrator.");
      throw unauthorized("Wrong username or password.");
    }
    await loginSucceeded(deps.db, attempt.id);
    // A fresh token on every sign-in, so a token planted before sign-in (session fixation) is worthless.
    if (session) await deleteSession(deps.db, session.tokenHash);
    const created = await createSession(deps.db, account.id, now, deps.config.sessionTtlMs);
    reply.header("set-cookie", sessionCookie(created.token, deps.config));
    return {
      user: {
        id: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        orgId: account.orgId,
      },
      csrfToken: created.csrfToken,
      expiresAt: created.expiresAt.toISOString(),
      org: await orgOf(deps.db, account.orgId),
    };
  },
});

const whoAmI = defineRoute({
  method: "GET",
  url: "/api/session",
  summary: "The signed-in user and the CSRF token",
  tags: ["session"],
  auth: "user",
  response: sessionSchema,
  handler: async ({ session, deps }) => ({
    user: session.user,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    org: await orgOf(deps.db, session.user.orgId),
  }),
});

const logout = defineRoute({
  method: "DELETE",
  url: "/api/session",
  summary: "Sign out",
  description: "Ends the session (if any) and clears the cookie. Needs x-csrf-token when signed in.",
  tags: ["session"],
  auth: "public",
  handler: async ({ session, reply, deps }) => {
    if (session) await deleteSession(deps.db, session.tokenHash);
    reply.header("set-cookie", clearedSessionCookie(deps.config));
    return undefined;
  },
});

export const sessionRoutes: Route[] = [login, whoAmI, logout];
