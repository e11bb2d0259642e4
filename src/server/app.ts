// The HTTP application, built but not listening: tests drive it with app.inject(), serve.ts listens.
import { hostname } from "node:os";
import Fastify, { type FastifyInstance } from "fastify";
import { dayIn, isTimeZone } from "../domain/today.ts";
import type { Store } from "../store/db.ts";
import { assessmentRoutes } from "./assessment/routes.ts";
import { auditRoutes } from "./audit/routes.ts";
import { sessionRoutes } from "./auth/routes.ts";
import { type AppDeps, DEFAULT_CONFIG, type ServerConfig } from "./context.ts";
import { dashboardRoutes } from "./dashboard/routes.ts";
import { decomposeRoutes } from "./decompose/routes.ts";
import { exportRoutes } from "./exports/routes.ts";
import { indicatorRoutes } from "./indicators/routes.ts";
import { jobRoutes } from "./jobs/routes.ts";
import { linkRoutes } from "./links/routes.ts";
import { measureRoutes } from "./measures/routes.ts";
import { metaRoutes } from "./meta/routes.ts";
import { buildOpenApi, type OpenApiDocument } from "./openapi.ts";
import { orgRoutes } from "./orgs/routes.ts";
import { planRoutes } from "./plans/routes.ts";
import { installProblemHandlers } from "./problem.ts";
import type { Route } from "./route.ts";
import { registerRoute } from "./route.ts";
import { scopeRoutes } from "./scopes/routes.ts";
import { installSecurityHeaders } from "./security-headers.ts";
import { loopRoutes } from "./supervision-loop/routes.ts";
import { assignmentRoutes } from "./tracking/assignment-routes.ts";
import { noticeRoutes } from "./tracking/notice-routes.ts";
import { reportRoutes } from "./tracking/report-routes.ts";
import { userRoutes } from "./users/routes.ts";
import { isPageRequest, sendIndex, serveWebApp } from "./web.ts";

export const API_VERSION = "0.1.0";

export type AppOptions = {
  store: Store;
  now?: () => Date;
  config?: Partial<ServerConfig>;
};

export function buildApp(options: AppOptions): FastifyInstance {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options.config };
  if (!isTimeZone(config.timeZone))
    throw new RangeError(`timeZone must be an IANA time zone such as Asia/Shanghai, not "${config.timeZone}"`);
  const app = Fastify({
    logger: config.logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
  });
  const now = options.now ?? (() => new Date());
  const deps: AppDeps = {
    store: options.store,
    db: options.store.db,
    now,
    today: () => dayIn(config.timeZone, now()),
    config,
    publicUrl: () => config.publicUrl ?? listenUrl(app),
  };
  installSecurityHeaders(app, { https: config.cookieSecure });
  installProblemHandlers(app, config.webRoot ? { isPage: isPageRequest, send: sendIndex } : undefined);
  if (config.webRoot) serveWebApp(app, config.webRoot);
  app.addHook("onSend", async (_request, reply, payload) => {
    // API responses are per user and often private: never let a proxy or the browser cache keep them.
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
    return payload;
  });

  for (const route of allRoutes()) registerRoute(app, route, deps);
  return app;
}

/**
 * The server's own listen address, for absolute URLs when no public URL is configured: never the Host
 * header, which any client can set (a feed URL with a live token on an attacker's host).
 */
function listenUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === "string") return "http://localhost";
  // Listening on every interface names no address a client could use; the machine's name is one.
  const host = address.address === "0.0.0.0" || address.address === "::" ? hostname() : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

/** The API's routes with the meta routes that describe them. */
function allRoutes(): Route[] {
  let document: OpenApiDocument | undefined;
  const routes = apiRoutes();
  routes.push(...metaRoutes(() => (document ??= buildOpenApi(routes, API_VERSION))));
  return routes;
}

/** The OpenAPI document, without building an app (the web client's types are generated from it). */
export function describeApi(): OpenApiDocument {
  return buildOpenApi(allRoutes(), API_VERSION);
}

/** Every documented API route; the OpenAPI document (and the web app's typed client) is built from these. */
export function apiRoutes(): Route[] {
  const routes: Route[] = [];
  routes.push(...sessionRoutes, ...userRoutes, ...auditRoutes, ...orgRoutes, ...planRoutes);
  routes.push(...assignmentRoutes, ...reportRoutes, ...noticeRoutes, ...assessmentRoutes, ...jobRoutes);
  routes.push(...dashboardRoutes);
  routes.push(...measureRoutes);
  routes.push(...linkRoutes);
  routes.push(...loopRoutes);
  routes.push(...decomposeRoutes);
  routes.push(...scopeRoutes);
  routes.push(...indicatorRoutes, ...exportRoutes);
  return routes;
}
