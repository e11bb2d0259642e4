// OpenAPI 3.1 from the routes' own zod schemas (3.1 speaks JSON Schema 2020-12, which z.toJSONSchema emits).
import { z } from "zod";
import { SESSION_COOKIE } from "./auth/sessions.ts";
import { problemSchema } from "./problem.ts";
import type { Route } from "./route.ts";

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, unknown>>;
  security: Record<string, string[]>[];
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // "any" rather than throwing: a schema we cannot describe should not take the whole document down.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Record<string, unknown>[] {
  if (!schema) return [];
  const json = jsonSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const problemRef = { $ref: "#/components/schemas/Problem" };
const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemRef } },
});

function operation(route: Route): Record<string, unknown> {
  const isPublic = route.auth === "public";
  const roles = route.auth === "public" ? [] : route.auth === "user" ? ["any signed-in user"] : [...route.auth];
  const access = isPublic ? "Public." : `Roles: ${roles.join(", ")}.`;
  const responses: Record<string, unknown> = {
    [String(route.status)]: route.response
      ? {
          description: "Success",
          content: {
            [route.produces]: {
              schema:
                route.produces === "application/octet-stream"
                  ? { type: "string", format: "binary" }
                  : jsonSchema(route.response, "output"),
            },
          },
        }
      : { description: "No content" },
  };
  if (route.params || route.query || route.body)
    responses["400"] = problemResponse("Invalid request; errors name the fields");
  if (!isPublic) responses["401"] = problemResponse("Not signed in");
  if (!isPublic || route.method !== "GET")
    responses["403"] = problemResponse("Role not allowed, or CSRF token missing");
  if (route.params) responses["404"] = problemResponse("No such resource (or not visible to you)");
  responses.default = problemResponse("Error");
  return {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: route.summary,
    description: [route.description, access].filter(Boolean).join("\n\n"),
    tags: route.tags,
    "x-roles": roles,
    ...(isPublic ? { security: [] } : {}),
    parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
    ...(route.rawBody
      ? {
          requestBody: {
            required: true,
            content: { "*/*": { schema: { type: "string", format: "binary", maxLength: route.rawBody.maxBytes } } },
          },
        }
      : route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(route.body, "input") } },
            },
          }
        : {}),
    responses,
  };
}

export function buildOpenApi(routes: readonly Route[], version: string): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Luoshi API",
      version,
      description:
        "Sign in with POST /api/session; the session lives in an HttpOnly cookie. Every non-GET request made " +
        "with a session must carry the x-csrf-token header from the sign-in response. Errors are " +
        "application/problem+json.",
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
      },
    },
    // The CSRF header only matters for non-GET requests; info.description says so.
    security: [{ session: [] }],
  };
}
