// The parser's public face: bytes or a file in, a ParsedPlan out. Depends on nothing else of ours.
import { readFile, stat } from "node:fs/promises";
import type { SourceDocument } from "./blocks.ts";
import { PlanInputError } from "./errors.ts";
import { parseDocument } from "./layout/plan.ts";
import { readDocument } from "./readers/index.ts";
import type { ParsedPlan, ParseOptions } from "./types.ts";

export type { SourceDocument } from "./blocks.ts";
export { PlanInputError } from "./errors.ts";
export { parseDocument } from "./layout/plan.ts";
export { readDocument } from "./readers/index.ts";
export type * from "./types.ts";

export async function parsePlanBytes(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
): Promise<ParsedPlan> {
  const doc: SourceDocument = await readDocument(bytes, fileName);
  const plan = parseDocument(doc, options);
  if (plan.tasks.length === 0) {
    throw new PlanInputError(fileName, "no tasks recognized: expected a task table or numbered task items");
  }
  return plan;
}

export async function parsePlanFile(path: string, options: ParseOptions = {}): Promise<ParsedPlan> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new PlanInputError(path, "is a directory, not a plan document");
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof PlanInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new PlanInputError(path, "no such file");
    if (code === "EACCES") throw new PlanInputError(path, "permission denied");
    throw error;
  }
  return parsePlanBytes(bytes, path, options);
}
