/** A write lost a race or found the record changed since it was read: the caller should reload and retry. */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
}

/** A record that does not exist, or that the caller may not see. */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
}

/** Postgres unique_violation, from either driver. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
