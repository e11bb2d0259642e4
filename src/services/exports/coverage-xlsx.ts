// The coverage of an upper plan as an .xlsx workbook: a row per task with how many lower tasks implement
// it and how far they are, a row per implementing task, and the tasks nobody picked up. The same numbers
// as GET /api/plans/:id/coverage, laid out like the task register (title, frozen header, filters).
import ExcelJS from "exceljs";
import { STATUS_LABEL } from "../../domain/labels.ts";
import type { RollUp } from "../../domain/status.ts";
import type { Coverage } from "../links/trace.ts";
import { addSheet, BORDER, FONT, filterRows, inert, paintStatus } from "./register-xlsx.ts";

export const COVERAGE_SHEET = "任务落实情况";
export const IMPLEMENTERS_SHEET = "下级落实任务";
export const UNCOVERED_SHEET = "未落实任务";

type Meta = { planTitle: string; asOf: string; createdAt: Date };

const statusText = (s: RollUp | null) => (s?.worst ? STATUS_LABEL[s.worst] : "无分工");

export const COVERAGE_COLUMNS = [
  ["任务编号", 10],
  ["任务", 44],
  ["本级状态", 12],
  ["本级完成率", 10],
  ["落实任务数", 10],
  ["涉及地区数", 10],
  ["正常推进", 9],
  ["有逾期", 9],
  ["落实单位", 40],
] as const;

export const IMPLEMENTER_COLUMNS = [
  ["上级任务编号", 10],
  ["上级任务", 36],
  ["落实计划", 36],
  ["制定单位", 24],
  ["任务编号", 10],
  ["落实任务", 36],
  ["关系", 8],
  ["状态", 12],
  ["完成率", 9],
] as const;

function styleRow(line: ExcelJS.Row, columns: number, percentAt: readonly number[]): void {
  line.alignment = { vertical: "top", wrapText: true };
  line.font = { name: FONT, size: 10 };
  for (let i = 1; i <= columns; i++) line.getCell(i).border = BORDER;
  for (const i of percentAt) line.getCell(i).numFmt = "0.0%";
}

export async function coverageWorkbook(coverage: Coverage, meta: Meta): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "落实 Luoshi";
  book.created = meta.createdAt;
  book.modified = meta.createdAt;
  book.title = `${meta.planTitle} ${COVERAGE_SHEET}`;
  const c = coverage.counts;
  const info =
    `共${c.tasks}项任务，${c.covered}项有下级落实，${c.uncovered}项无人落实；下级计划${c.lowerPlans}个` +
    `　　统计截至：${meta.asOf}`;
  const sheetMeta = { planTitle: meta.planTitle, scopeLabel: "", asOf: meta.asOf, createdAt: meta.createdAt, info };

  const tasks = addSheet(book, COVERAGE_SHEET, COVERAGE_COLUMNS, sheetMeta);
  for (const t of coverage.tasks) {
    const orgs = [...new Set(t.implementers.map((i) => i.orgName))].join("、");
    const line = tasks.addRow(
      [
        t.key,
        t.title,
        statusText(t.status),
        t.status?.completionRate ?? null,
        t.counts.implementingTasks,
        t.counts.regions,
        t.counts.onTrack,
        t.counts.overdue,
        orgs,
      ].map(inert),
    );
    styleRow(line, COVERAGE_COLUMNS.length, [4]);
    if (t.status?.worst) paintStatus(line.getCell(3), t.status.worst);
  }
  filterRows(tasks, COVERAGE_COLUMNS.length);

  const lower = addSheet(book, IMPLEMENTERS_SHEET, IMPLEMENTER_COLUMNS, sheetMeta);
  for (const t of coverage.tasks)
    for (const i of t.implementers) {
      const line = lower.addRow(
        [
          t.key,
          t.title,
          i.planTitle,
          i.orgName,
          i.key,
          i.title,
          i.kind === "primary" ? "主要" : "相关",
          statusText(i.status),
          i.status?.completionRate ?? null,
        ].map(inert),
      );
      styleRow(line, IMPLEMENTER_COLUMNS.length, [9]);
      if (i.status?.worst) paintStatus(line.getCell(8), i.status.worst);
    }
  filterRows(lower, IMPLEMENTER_COLUMNS.length);

  const none = addSheet(
    book,
    UNCOVERED_SHEET,
    [
      ["任务编号", 10],
      ["任务", 60],
    ],
    sheetMeta,
  );
  for (const u of coverage.uncovered) styleRow(none.addRow([u.key, u.title].map(inert)), 2, []);
  filterRows(none, 2);
  return Buffer.from(await book.xlsx.writeBuffer());
}
