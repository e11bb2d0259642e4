// The one way to declare an endpoint: method, URL, who may call it, zod schemas for every part of the
// request and for the response, and a thin handler. The same declaration drives validation, response
// serialization and the OpenAPI document, so the three cannot drift apart.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { UserRole } from "../store/schema.ts";
import { type ActiveSession, authenticate, checkCsrf, type SessionUser } from "./auth/sessions.ts";
import type { AppDeps } from "./context.ts";
import { badRequest, forbidden, unauthorized, validationProblem } from "./problem.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Produces = "application/json" | "text/html" | "application/octet-stream";

/** The response of a route that produces a file: its bytes go out with its own type and name. */
export const fileSchema = z.object({
  contentType: z.string(),
  fileName: z.string(),
  bytes: z.instanceof(Buffer),
});
/** The body of a rawBody route. */
export const rawBodySchema = z.instanceof(Buffer, { message: "send the file as the request body" });

/** Content-Disposition for a download; filename* carries non-ASCII (Chinese) names (RFC 6266/8187). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
/** "public": anyone; "user": any signed-in user; a role list: signed-in users with one of these roles. */
export type Auth = "public" | "user" | readonly UserRole[];

type Schema = z.ZodType;
type Out<S extends Schema | undefined> = S extends Schema ? z.output<S> : undefined;

export type RouteContext<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  A extends Auth,
> = {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  user: A extends "public" ? SessionUser | null : SessionUser;
  session: A extends "public" ? ActiveSession | null : ActiveSession;
  request: FastifyRequest;
  reply: FastifyReply;
  deps: AppDeps;
};

export type RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema | undefined,
  A extends Auth,
> = {
  method: Method;
  /** Fastify syntax, e.g. /api/users/:id */
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body; omit for 204 No Content. */
  response?: R;
  /** Success status; 200 with a response, 204 without. */
  status?: number;
  /** Media type of the success body; JSON unless the route serves a page or a file (see fileSchema). */
  produces?: Produces;
  /** Take the body as raw bytes of any content type (a Buffer), up to this many bytes, e.g. file uploads. */
  rawBody?: { maxBytes: number };
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<R extends Schema ? z.input<R> : undefined>;
};

/** A route with its types erased, as the app and the OpenAPI generator see it. */
export type Route = {
  method: Method;
  url: string;
  summary: string;
  description: string | undefined;
  tags: string[];
  auth: Auth;
  params: Schema | undefined;
  query: Schema | undefined;
  body: Schema | undefined;
  response: Schema | undefined;
  status: number;
  produces: Produces;
  rawBody: { maxBytes: number } | undefined;
  run: (ctx: RouteContext<Schema, Schema, Schema, Auth>) => Promise<unknown>;
};

export function defineRoute<
  A extends Auth,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R, A>): Route {
  return {
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    auth: spec.auth,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    response: spec.response,
    status: spec.status ?? (spec.response ? 200 : 204),
    produces: spec.produces ?? "application/json",
    rawBody: spec.rawBody,
    // The pipeline in registerRoute establishes exactly the types the spec's handler declares.
    run: spec.handler as unknown as Route["run"],
  };
}

/**
 * The path of the first string (or key) in value holding a NUL character, e.g. ["q"], or null.
 * PostgreSQL text cannot hold U+0000, so such input would fail deep in a query; it is refused here,
 * for every route at once, naming the field.
 */
function nulPath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null || depth > 64 || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A query parameter sent without a value (`?dueFrom=&plan=8`) means the same as one not sent: forms and links
 * built from unset state send them, and no route gives "" a meaning of its own.
 */
export function withoutEmptyParams(query: unknown): unknown {
  if (!query || typeof query !== "object") return query;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const cleaned = Array.isArray(value) ? value.filter((v) => v !== "") : value;
    if (cleaned === "" || (Array.isArray(cleaned) && cleaned.length === 0)) continue;
    kept[key] = Array.isArray(cleaned) && cleaned.length === 1 ? cleaned[0] : cleaned;
  }
  return kept;
}

function parsePart(part: "params" | "query" | "body", schema: Schema | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const nul = nulPath(value);
  if (nul) {
    const field = [part, ...nul].join(".").replaceAll("\u0000", "\\u0000");
    const message = "must not contain a NUL character (\\u0000)";
    throw badRequest(`Invalid request: ${field}: ${message}`, [{ path: field, message }]);
  }
  const result = schema.safeParse(part === "query" ? withoutEmptyParams(value) : value);
  if (!result.success) throw validationProblem(part, result.error);
  return result.data;
}

function authorize(auth: Auth, session: ActiveSession | null): void {
  if (auth === "public") return;
  if (!session) throw unauthorized();
  if (auth !== "user" && !auth.includes(session.user.role)) throw forbidden();
}

export function registerRoute(app: FastifyInstance, route: Route, deps: AppDeps): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await authenticate(deps, request);
    if (session) checkCsrf(request, session);
    authorize(route.auth, session);
    const ctx: RouteContext<Schema, Schema, Schema, Auth> = {
      params: parsePart("params", route.params, request.params),
      query: parsePart("query", route.query, request.query),
      body: parsePart("body", route.body, request.body),
      user: session?.user ?? null,
      session,
      request,
      reply,
      deps,
    } as RouteContext<Schema, Schema, Schema, Auth>;
    const result = await route.run(ctx);
    reply.code(route.status);
    if (!route.response) return reply.send();
    // Parsing (not just checking) strips fields the schema does not list, e.g. a password hash.
    const body = route.response.parse(result);
    if (route.produces === "text/html") return reply.type("text/html; charset=utf-8").send(body);
    if (route.produces === "application/octet-stream") {
      const file = fileSchema.parse(body);
      reply.header("content-disposition", attachment(file.fileName));
      return reply.type(file.contentType).send(Buffer.from(file.bytes));
    }
    return reply.type("application/json; charset=utf-8").send(body);
  };
  const raw = route.rawBody;
  if (!raw) {
    app.route({ method: route.method, url: route.url, handler });
    return;
  }
  // An encapsulated child, so that only this route takes any content type as bytes, with its own limit;
  // every other route keeps refusing non-JSON bodies.
  app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: raw.maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    child.route({ method: route.method, url: route.url, bodyLimit: raw.maxBytes, handler });
  });
}
