// The typed API client: types generated from the server's OpenAPI document (schema.d.ts), the CSRF token sent on
// every write, and problem+json errors turned into ApiError with the server's plain-language message.
import createClient, { createQuerySerializer, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Problem = components["schemas"]["Problem"];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

let csrfToken: string | null = null;
/** Set from the session (sign-in or GET /api/session); every non-GET request carries it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a write made outside the typed client (e.g. an upload that reports its progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "x-csrf-token": csrfToken } : {};
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && request.method !== "HEAD" && csrfToken)
      request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
};

const serialize = createQuerySerializer<Record<string, unknown>>();
/**
 * Query parameters without a value are left out (`dueFrom: ""` means "no bound", not an empty date), so a page
 * that builds a query from unset state never sends `?dueFrom=&…`.
 */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const kept = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== "" && value !== undefined));
  return serialize(kept);
}

export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: "same-origin",
  querySerializer: queryString,
});
api.use(csrf);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a call, or an ApiError carrying the server's problem (status and message). */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const problem = error && typeof error === "object" && "title" in error ? (error as Problem) : undefined;
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

/** Same-origin raw request for what the typed client does not cover (binary uploads). */
export async function sendRaw(method: "POST" | "PUT", path: string, body: Blob, contentType: string): Promise<unknown> {
  const headers: Record<string, string> = { "content-type": contentType };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const response = await fetch(path, { method, body, headers, credentials: "same-origin" });
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  const payload: unknown = isJson ? await response.json() : undefined;
  if (!response.ok) throw new ApiError(response.status, payload as Problem | undefined);
  return payload;
}

/** Message for any error a page shows: the server's own words when there are some. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const details = error.problem?.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
    return details ? `${error.message} (${details})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
