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
