// Errors the store raises for callers to present (HTTP 409/404/400, CLI exit 2), not bugs.

/** Someone else changed or removed the row since the caller read it; reload and retry. */
export class ConflictError extends Error {
  override name = "ConflictError";
}

export class NotFoundError extends Error {
  override name = "NotFoundError";
}

export type ImportIssue = { row: number; field: string; message: string };

/** An import file that cannot be taken as it is; nothing was written. */
export class ImportError extends Error {
  override name = "ImportError";
  constructor(readonly issues: ImportIssue[]) {
    const shown = issues.slice(0, 20).map((i) => `row ${i.row}, ${i.field}: ${i.message}`);
    if (issues.length > shown.length) shown.push(`… and ${issues.length - shown.length} more`);
    super(`the file was not imported (nothing written):\n  ${shown.join("\n  ")}`);
  }
}

/** PostgreSQL's unique_violation, the same code from PGlite and a server. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "23505";
}

/** PostgreSQL's foreign_key_violation: the row points at a parent that does not exist (any more). */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "23503";
}

/** A request the rules refuse, whoever retries it: bad input (400), a file too large (413). */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    /** The field at fault, e.g. "period", so that an API can name it. */
    readonly field: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

/** The caller can see the thing but its role in it does not allow the change (e.g. a support unit signing off). */
export class NotAllowedError extends Error {
  override name = "NotAllowedError";
}
