// Errors as RFC 9457 problem documents (application/problem+json). Routes throw HttpProblem; everything
// else that escapes a handler becomes a 500 whose detail says nothing about the internals.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { PlanInputError } from "../parse/errors.ts";
import { OutsideRegionError } from "../services/plans/import-names.ts";
import { ConflictError, ImportError, InputError, NotAllowedError, NotFoundError } from "../store/errors.ts";

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        row: z.number().int().optional().describe("An uploaded spreadsheet's row number, as Excel shows it"),
        column: z.string().optional().describe("An uploaded spreadsheet's column header"),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
export type FieldError = { path: string; message: string; row?: number; column?: string };

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ["bad-request", "Bad request"],
  401: ["unauthorized", "Not signed in"],
  403: ["forbidden", "Forbidden"],
  404: ["not-found", "Not found"],
  405: ["method-not-allowed", "Method not allowed"],
  409: ["conflict", "Conflict"],
  413: ["payload-too-large", "Request body too large"],
  415: ["unsupported-media-type", "Unsupported media type"],
  422: ["unprocessable", "The content cannot be processed"],
  429: ["too-many-requests", "Too many requests"],
  500: ["internal", "Internal server error"],
  503: ["unavailable", "Service unavailable"],
};

function problemType(slug: string): string {
  return `urn:luoshi:problem:${slug}`;
}

export class HttpProblem extends Error {
  readonly headers: Record<string, string>;
  readonly errors: FieldError[] | undefined;
  readonly type: string;
  constructor(
    readonly status: number,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; type?: string } = {},
  ) {
    super(detail);
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.type = problemType(options.type ?? TITLES[status]?.[0] ?? "error");
  }

  toJSON(): Problem {
    return {
      type: this.type,
      title: TITLES[this.status]?.[1] ?? "Error",
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, detail, errors ? { errors, type: "validation" } : {});
export const unauthorized = (detail = "Sign in first.") => new HttpProblem(401, detail);
export const forbidden = (detail = "Your role does not allow this.") => new HttpProblem(403, detail);
export const notFound = (detail = "No such resource.") => new HttpProblem(404, detail);
export const conflict = (detail: string) => new HttpProblem(409, detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, detail, { headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) } });

/** A zod failure on one part of the request, with each field named as e.g. "body.username". */
export function validationProblem(part: "params" | "query" | "body", error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
  return badRequest(`Invalid request: ${detail}`, errors);
}

export function sendProblem(
  reply: { code(n: number): unknown; header(k: string, v: string): unknown; send(p: unknown): unknown },
  problem: HttpProblem,
) {
  reply.code(problem.status);
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  reply.header("content-type", "application/problem+json; charset=utf-8");
  return reply.send(JSON.stringify(problem.toJSON()));
}

/** A single-page app's fallback: unknown page URLs get its index.html instead of a 404 problem. */
export type PageFallback = { isPage(request: FastifyRequest): boolean; send(reply: FastifyReply): FastifyReply };

export function installProblemHandlers(app: FastifyInstance, pages?: PageFallback): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    const translated = fromStoreError(error);
    if (translated) return sendProblem(reply, translated);
    const status = error.statusCode ?? 500;
    // Fastify's own 4xx errors (bad JSON, body too large, wrong content type) have messages safe to show.
    if (status >= 400 && status < 500) return sendProblem(reply, new HttpProblem(status, error.message));
    request.log.error({ err: error }, "request failed");
    return sendProblem(reply, new HttpProblem(500, "Something went wrong on the server; it has been logged."));
  });
  app.setNotFoundHandler((request, reply) => {
    if (pages?.isPage(request)) return pages.send(reply);
    return sendProblem(reply, notFound(`No route for ${request.method} ${request.url.split("?")[0]}.`));
  });
}

/** Services throw store errors (they know no HTTP); this is the one place they become problems. */
export function fromStoreError(error: unknown): HttpProblem | undefined {
  // An unreadable plan document: the request was understood, its content could not be processed.
  if (error instanceof PlanInputError) return new HttpProblem(422, error.message);
  // A spreadsheet with bad rows: every problem names its row and column; nothing was written.
  if (error instanceof ImportError)
    return new HttpProblem(422, error.message, {
      type: "import-rows",
      errors: error.issues.map((i) => ({
        path: `file.row${i.row}.${i.field}`,
        message: i.message,
        row: i.row,
        column: i.field,
      })),
    });
  // Work that would go to another region's orgs: each printed name and org, for the wizard to show.
  if (error instanceof OutsideRegionError)
    return new HttpProblem(409, error.message, {
      type: "outside-region",
      errors: error.items.map((i) => ({
        path: `names.${i.name}`,
        // The org and its region as data (the detail explains), so either language's UI can show it.
        message: `${i.orgName}${i.regionName ? `（${i.regionName}）` : ""}`,
      })),
    });
  if (error instanceof ConflictError) return conflict(error.message);
  if (error instanceof NotFoundError) return notFound(error.message);
  if (error instanceof NotAllowedError) return forbidden(error.message);
  if (error instanceof InputError) {
    const path = `body.${error.field}`;
    if (error.status === 413) return new HttpProblem(413, error.message);
    return badRequest(`Invalid request: ${path}: ${error.message}`, [{ path, message: error.message }]);
  }
  return undefined;
}
