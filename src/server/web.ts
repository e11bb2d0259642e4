// Serves the built web app (web/dist) beside the API: hashed assets cached for good, index.html for every
// other non-API page so client-side routes survive a reload or a shared link.
import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` writes the app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

export function webRootIfBuilt(root: string = DEFAULT_WEB_ROOT): string | null {
  return existsSync(join(root, "index.html")) ? root : null;
}

export function serveWebApp(app: FastifyInstance, root: string): void {
  app.register(fastifyStatic, {
    root,
    prefix: "/",
    wildcard: false,
    index: false,
    // The build writes .br/.gz beside each asset (web/vite.config.ts); sent to browsers that accept them.
    preCompressed: true,
    // Our own headers below; the plugin's default (max-age=0) would overwrite them.
    cacheControl: false,
    setHeaders(reply, path) {
      // Vite puts a content hash in every asset name, so an asset never changes under its name.
      if (path.includes(`${sep}assets${sep}`)) reply.setHeader("cache-control", "public, max-age=31536000, immutable");
      else reply.setHeader("cache-control", "no-cache");
    },
  });
}

/**
 * A request for a page (a client-side route), as opposed to an API call or a missing asset: any GET outside
 * /api whose last segment is not a file name. Whatever it accepts (curl, a link checker, a health
 * monitor), it gets the app, the way a browser does.
 */
export function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url.split("?")[0] ?? "";
  if (path === "/api" || path.startsWith("/api/")) return false;
  const last = path.slice(path.lastIndexOf("/") + 1);
  return !path.startsWith("/assets/") && !/\.[A-Za-z0-9]{1,8}$/.test(last);
}

export function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-cache").sendFile("index.html");
}
