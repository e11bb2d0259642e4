// Health and the API's own description.

import { z } from "zod";
import { pingDatabase } from "../../store/db.ts";
import { renderDocs } from "../docs.ts";
import type { OpenApiDocument } from "../openapi.ts";
import { HttpProblem } from "../problem.ts";
import { defineRoute, type Route } from "../route.ts";

export function metaRoutes(openApi: () => OpenApiDocument): Route[] {
  const health = defineRoute({
    method: "GET",
    url: "/api/health",
    summary: "Liveness and database check",
    tags: ["meta"],
    auth: "public",
    response: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }),
    handler: async ({ deps, request }) => {
      try {
        await pingDatabase(deps.db);
      } catch (error) {
        request.log.error({ err: error }, "health check: database unreachable");
        throw new HttpProblem(503, "The database does not answer.");
      }
      return { status: "ok" as const, database: deps.store.kind };
    },
  });

  const document = defineRoute({
    method: "GET",
    url: "/api/openapi.json",
    summary: "This API as an OpenAPI 3.1 document",
    tags: ["meta"],
    auth: "public",
    response: z.record(z.string(), z.unknown()),
    handler: async () => openApi(),
  });

  const docs = defineRoute({
    method: "GET",
    url: "/api/docs",
    summary: "This API as a browsable page",
    tags: ["meta"],
    auth: "public",
    response: z.string(),
    produces: "text/html",
    handler: async () => renderDocs(openApi()),
  });

  return [health, document, docs];
}
