// What runs inside a parsing worker: the parse of one uploaded document, with the document limits. Kept free of
// worker plumbing so that it reads (and is tested) as plain functions; worker.ts only carries messages.
import type { SourceDocument } from "../../parse/blocks.ts";
import { PlanInputError, PlanLimitError } from "../../parse/errors.ts";
import { parseDocument, readDocument } from "../../parse/index.ts";
import { DOCUMENT_LIMITS, type DocumentLimits, ReadBudget } from "../../parse/readers/limits.ts";
import { checkedWorkbook } from "../../parse/readers/xlsx.ts";
import { ZipArchive } from "../../parse/readers/zip.ts";
import type { ParsedPlan } from "../../parse/types.ts";
import { ImportError, type ImportIssue } from "../../store/errors.ts";
import { type OrgSheetRow, readOrgSheet, type TransferFormat } from "../orgs/sheet.ts";

export type ParseJob =
  | { kind: "plan"; bytes: Uint8Array; fileName: string; year?: number }
  | { kind: "orgSheet"; bytes: Uint8Array; fileName: string; format: TransferFormat };

export type PlanParse = { plan: ParsedPlan; doc: SourceDocument };

/** An org directory is one row per org: a province's, with its townships, runs to tens of thousands. */
export const ORG_SHEET_LIMITS: Readonly<DocumentLimits> = Object.freeze({ ...DOCUMENT_LIMITS, rows: 50_000 });

export async function parsePlanJob(job: { bytes: Uint8Array; fileName: string; year?: number }): Promise<PlanParse> {
  const doc = await readDocument(job.bytes, job.fileName);
  const plan = parseDocument(doc, job.year === undefined ? {} : { year: job.year });
  if (plan.tasks.length === 0) {
    throw new PlanInputError(job.fileName, "no tasks recognized: expected a task table or numbered task items");
  }
  return { plan, doc };
}

export async function readOrgSheetJob(job: {
  bytes: Uint8Array;
  fileName: string;
  format: TransferFormat;
}): Promise<OrgSheetRow[]> {
  const budget = new ReadBudget(job.fileName, ORG_SHEET_LIMITS);
  if (job.format === "csv") {
    budget.cap("rows", countLines(job.bytes));
    return readOrgSheet(job.bytes, "csv");
  }
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(job.bytes, budget);
  } catch (error) {
    if (error instanceof PlanLimitError || !(error instanceof PlanInputError)) throw error;
    // The sheet's own wording for a file that is not a workbook, as before the limits.
    throw new ImportError([
      { row: 0, field: "file", message: `not a readable .xlsx workbook (${error.problem.replace(/^is /, "")})` },
    ]);
  }
  return readOrgSheet(await checkedWorkbook(zip, budget), "xlsx");
}

function countLines(bytes: Uint8Array): number {
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

export function runJob(job: ParseJob): Promise<PlanParse | OrgSheetRow[]> {
  return job.kind === "plan" ? parsePlanJob(job) : readOrgSheetJob(job);
}

/** An error as it crosses the thread boundary: the kinds callers tell apart, rebuilt on the other side. */
export type JobFailure =
  | { type: "limit"; file: string; limit: string; problem: string }
  | { type: "input"; file: string; problem: string }
  | { type: "import"; issues: ImportIssue[] }
  | { type: "internal"; message: string; stack?: string };

export function toFailure(error: unknown): JobFailure {
  if (error instanceof PlanLimitError)
    return { type: "limit", file: error.file, limit: error.limit, problem: error.problem };
  if (error instanceof PlanInputError) return { type: "input", file: error.file, problem: error.problem };
  if (error instanceof ImportError) return { type: "import", issues: error.issues };
  if (error instanceof Error)
    return { type: "internal", message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { type: "internal", message: String(error) };
}

export function fromFailure(failure: JobFailure): Error {
  switch (failure.type) {
    case "limit":
      return new PlanLimitError(failure.file, failure.limit, failure.problem);
    case "input":
      return new PlanInputError(failure.file, failure.problem);
    case "import":
      return new ImportError(failure.issues);
    case "internal": {
      const error = new Error(failure.message);
      if (failure.stack) error.stack = failure.stack;
      return error;
    }
  }
}
