// Each export as a file: its bytes, media type and a name an office can file as it is
// (任务台账-<plan>-<date>.xlsx). Routes hand these straight to the client.
import type { Kysely } from "kysely";
import type { ReportSpan } from "../../domain/report-span.ts";
import type { Database } from "../../store/schema.ts";
import type { Coverage } from "../links/trace.ts";
import { ICS_TYPE, orgCalendar } from "./calendar.ts";
import { coverageWorkbook } from "./coverage-xlsx.ts";
import { buildProgressReport } from "./progress-report.ts";
import { buildRegister } from "./register.ts";
import { registerWorkbook, XLSX_TYPE } from "./register-xlsx.ts";
import { DOCX_TYPE, documentTitle, progressReportDocx } from "./report-docx.ts";

export type ExportFile = { contentType: string; fileName: string; bytes: Buffer };

type Db = Kysely<Database>;
type PlanRef = { id: number; title: string };
type Scoped = {
  plan: PlanRef;
  orgIds: number[] | undefined;
  scopeLabel: string;
  /** Put in the file name when the file is one org's. */
  fileLabel?: string | undefined;
};
const joinName = (...parts: (string | undefined)[]) => parts.filter(Boolean).join("-");

/** Characters Windows refuses in file names, and runs of space, become one underscore or space. */
export const safeFileName = (name: string): string =>
  name
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, "_")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150);

export async function registerFile(db: Db, input: Scoped & { today: string; now: Date }): Promise<ExportFile> {
  const register = await buildRegister(db, { planId: input.plan.id, orgIds: input.orgIds }, input.today);
  const bytes = await registerWorkbook(register, {
    planTitle: input.plan.title,
    scopeLabel: input.scopeLabel,
    asOf: input.today,
    createdAt: input.now,
  });
  return {
    contentType: XLSX_TYPE,
    fileName: safeFileName(`${joinName("任务台账", input.plan.title, input.fileLabel, input.today)}.xlsx`),
    bytes,
  };
}

export async function progressReportFile(
  db: Db,
  input: Scoped & { span: ReportSpan; now: Date; timeZone: string },
): Promise<ExportFile> {
  const report = await buildProgressReport(db, {
    planId: input.plan.id,
    orgIds: input.orgIds,
    scopeLabel: input.scopeLabel,
    span: input.span,
  });
  return {
    contentType: DOCX_TYPE,
    fileName: safeFileName(`${joinName(input.plan.title, documentTitle(report), input.span.asOf)}.docx`),
    bytes: await progressReportDocx(report, input.now, input.timeZone),
  };
}

export async function calendarFile(db: Db, orgId: number, now: Date, timeZone: string): Promise<ExportFile> {
  const { orgName, ics } = await orgCalendar(db, orgId, now, timeZone);
  return { contentType: ICS_TYPE, fileName: safeFileName(`${orgName}-任务期限.ics`), bytes: Buffer.from(ics, "utf8") };
}

export async function coverageFile(
  coverage: Coverage,
  input: { plan: PlanRef; today: string; now: Date },
): Promise<ExportFile> {
  const bytes = await coverageWorkbook(coverage, {
    planTitle: input.plan.title,
    asOf: input.today,
    createdAt: input.now,
  });
  return {
    contentType: XLSX_TYPE,
    fileName: safeFileName(`${joinName("落实情况", input.plan.title, input.today)}.xlsx`),
    bytes,
  };
}
