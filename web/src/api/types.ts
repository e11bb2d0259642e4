// Shorthands over the generated API types, so pages name what they render without repeating the schema.
import type { paths } from "./schema";

type JsonOf<R> = R extends { content: { "application/json": infer D } } ? D : never;
type Method = "get" | "post" | "patch" | "put" | "delete";

/** The JSON a successful call to `path` with `method` returns. */
export type ResponseOf<P extends keyof paths, M extends Method = "get"> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonOf<R[Extract<keyof R, 200 | 201>]>
  : never;

/** The JSON body `path` with `method` accepts. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** The query parameters of `path` with `method`. */
export type QueryOf<P extends keyof paths, M extends Method = "get"> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;
