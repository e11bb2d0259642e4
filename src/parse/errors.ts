/**
 * A problem with the input document itself (missing, empty, unreadable, unsupported, no tasks).
 * The CLI prints its message as one line and exits with 2; anything else is an internal error.
 */
export class PlanInputError extends Error {
  override readonly name = "PlanInputError";
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/**
 * A document refused because it is larger than a documented limit (README, "Document limits"): too many zip
 * entries, too much unpacked data, too many paragraphs, rows, cells, sheets or pages, or too long to parse.
 * It is a PlanInputError (exit 2, HTTP 422) whose `limit` names the limit, as the table does.
 */
export class PlanLimitError extends PlanInputError {
  constructor(
    file: string,
    readonly limit: string,
    problem: string,
  ) {
    super(file, problem);
  }
}
