// Progress reports: one per assignment and reporting period, filed again (updated) as work moves on.
// Every change carries the row_version the caller last saw, so two people editing the same report
// cannot silently overwrite each other: the second gets a ConflictError and reloads.
import type { Kysely, Transaction } from "kysely";
import { parsePeriodLabel } from "../../domain/periods.ts";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, isUniqueViolation, NotFoundError } from "../../store/errors.ts";
import type { Database, ReportStatus, ReviewState } from "../../store/schema.ts";
import { refreshStatus, statusDay } from "../assignments/stored-status.ts";
import { applyForClosureByReport } from "../supervision-loop/apply-by-report.ts";

type Db = Kysely<Database>;

export const REPORT_STATUSES: readonly ReportStatus[] = ["not_started", "in_progress", "done", "blocked"];
export const NARRATIVE_MAX_LENGTH = 20_000;

export type Report = {
  id: number;
  assignmentId: number;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent: number | null;
  reportedBy: number | null;
  reportedAt: Date;
  version: number;
  evidence: EvidenceSummary[];
  /** 审核 (migration 013): the reviewer's decision on the report as filed; null while it waits. */
  review: {
    state: ReviewState | null;
    note: string | null;
    reviewedBy: number | null;
    reviewedAt: Date | null;
    returnedCount: number;
  };
};

export type EvidenceSummary = { id: number; fileName: string; mimeType: string; size: number; sha256: string };

export type FileReportInput = {
  assignmentId: number;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent?: number | null | undefined;
  userId: number | null;
  /** Required to update an existing report: the version the caller last read. */
  expectedVersion?: number | undefined;
  at?: Date | undefined;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
};

type ReportRow = {
  id: number;
  assignment_id: number;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent: number | null;
  reported_by: number | null;
  reported_at: Date;
  row_version: number;
  review_state: ReviewState | null;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  returned_count: number;
};

const REPORT_COLUMNS = [
  "id",
  "assignment_id",
  "period",
  "status",
  "narrative",
  "percent",
  "reported_by",
  "reported_at",
  "row_version",
  "review_state",
  "review_note",
  "reviewed_by",
  "reviewed_at",
  "returned_count",
] as const;

function toReport(row: ReportRow, evidence: EvidenceSummary[] = []): Report {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    period: row.period,
    status: row.status,
    narrative: row.narrative,
    percent: row.percent,
    reportedBy: row.reported_by,
    reportedAt: new Date(row.reported_at),
    version: row.row_version,
    evidence,
    review: {
      state: row.review_state,
      note: row.review_note,
      reviewedBy: row.reviewed_by,
      reviewedAt: row.reviewed_at ? new Date(row.reviewed_at) : null,
      returnedCount: row.returned_count,
    },
  };
}

function validate(input: FileReportInput): void {
  if (!parsePeriodLabel(input.period))
    throw new InputError(`"${input.period}" is not a reporting period; use e.g. 2025-Q1 or 2025-03`, "period");
  if (!REPORT_STATUSES.includes(input.status))
    throw new InputError(`status must be one of ${REPORT_STATUSES.join(", ")}`, "status");
  if (input.narrative.length > NARRATIVE_MAX_LENGTH)
    throw new InputError(`narrative must be at most ${NARRATIVE_MAX_LENGTH} characters`, "narrative");
  const p = input.percent;
  if (p !== undefined && p !== null && (!Number.isInteger(p) || p < 0 || p > 100))
    throw new InputError("percent must be a whole number from 0 to 100", "percent");
}

/** Creates or updates the report of an assignment for a period, with its audit entry, in one transaction. */
export async function fileReport(db: Db, input: FileReportInput): Promise<Report> {
  validate(input);
  try {
    return await db.transaction().execute((tx) => fileReportIn(tx, input));
  } catch (error) {
    // Two first filings for the same period at once: the loser sees what a stale update sees.
    if (isUniqueViolation(error))
      throw new ConflictError(`A report for ${input.period} was filed meanwhile; reload it and try again.`);
    throw error;
  }
}

async function fileReportIn(tx: Transaction<Database>, input: FileReportInput): Promise<Report> {
  // The assignment row lock comes first: the insert's foreign-key check would otherwise take a share
  // lock on it and the latest-report trigger (migration 006) an exclusive one, and two filings holding
  // the share lock each wait for the other (PostgreSQL reports a deadlock). Filings for one assignment
  // now queue here instead.
  const assignment = await tx
    .selectFrom("assignments")
    .select(["id", "region_code"])
    .where("id", "=", input.assignmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!assignment) throw new NotFoundError("No such assignment.");
  const existing = await tx
    .selectFrom("progress_reports")
    .select(REPORT_COLUMNS)
    .where("assignment_id", "=", input.assignmentId)
    .where("period", "=", input.period)
    .forUpdate()
    .executeTakeFirst();
  const at = input.at ?? new Date();
  const values = {
    status: input.status,
    narrative: input.narrative,
    percent: input.percent ?? null,
    reported_by: input.userId,
    reported_at: at,
  };
  let row: ReportRow;
  if (!existing) {
    if (input.expectedVersion !== undefined)
      throw new ConflictError(`The report for ${input.period} no longer exists; reload and try again.`);
    row = await tx
      .insertInto("progress_reports")
      .values({
        ...values,
        assignment_id: input.assignmentId,
        region_code: assignment.region_code,
        period: input.period,
      })
      .returning(REPORT_COLUMNS)
      .executeTakeFirstOrThrow();
  } else {
    if (input.expectedVersion !== existing.row_version)
      throw new ConflictError(
        input.expectedVersion === undefined
          ? `A report for ${input.period} already exists (version ${existing.row_version}); send expectedVersion to update it.`
          : `The report for ${input.period} was changed by someone else (now version ${existing.row_version}, you had ${input.expectedVersion}); reload and try again.`,
      );
    row = await tx
      .updateTable("progress_reports")
      // Filing again answers a review: a returned (or accepted) report waits for review afresh.
      .set((eb) => ({
        ...values,
        review_state: null,
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        row_version: eb("row_version", "+", 1),
      }))
      .where("id", "=", existing.id)
      .where("row_version", "=", existing.row_version)
      .returning(REPORT_COLUMNS)
      .executeTakeFirstOrThrow();
  }
  const after = toReport(row);
  await writeAudit(tx, {
    userId: input.userId,
    action: existing ? "report.update" : "report.create",
    entity: "progress_report",
    entityId: row.id,
    ...(existing ? { before: auditView(toReport(existing)) } : {}),
    after: auditView(after),
    at,
  });
  // 申请办结: a report saying the work is done is the unit's application for closure.
  if (after.status === "done")
    await applyForClosureByReport(tx, {
      assignmentId: input.assignmentId,
      report: after,
      userId: input.userId,
      at,
      timeZone: input.timeZone,
    });
  await refreshStatus(tx, [input.assignmentId], statusDay(at, input.timeZone));
  return after;
}

const auditView = (r: Report) => ({
  assignmentId: r.assignmentId,
  period: r.period,
  status: r.status,
  narrative: r.narrative,
  percent: r.percent,
  version: r.version,
});

/** The reports of an assignment, oldest period first, each with its evidence files (not their bytes). */
export async function listReports(db: Db, assignmentId: number): Promise<Report[]> {
  const rows = await db
    .selectFrom("progress_reports")
    .select(REPORT_COLUMNS)
    .where("assignment_id", "=", assignmentId)
    .orderBy("period")
    .execute();
  if (rows.length === 0) return [];
  const files = await db
    .selectFrom("evidence_files")
    .select(["id", "report_id", "file_name", "mime_type", "size", "sha256"])
    .where(
      "report_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("id")
    .execute();
  return rows.map((r) =>
    toReport(
      r,
      files
        .filter((f) => f.report_id === r.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, mimeType: f.mime_type, size: f.size, sha256: f.sha256 })),
    ),
  );
}

/** The org a report belongs to (through its assignment), for permission checks; undefined if none. */
export async function reportOwner(db: Db, reportId: number): Promise<{ reportId: number; orgId: number } | undefined> {
  const row = await db
    .selectFrom("progress_reports as r")
    .innerJoin("assignments as a", "a.id", "r.assignment_id")
    .select(["r.id", "a.org_id"])
    .where("r.id", "=", reportId)
    .executeTakeFirst();
  return row ? { reportId: row.id, orgId: row.org_id } : undefined;
}
