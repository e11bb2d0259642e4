// The task register as an .xlsx workbook, laid out the way offices keep one by hand: a title, a
// styled header frozen above the rows with a filter on it, statuses coloured, dates and percentages as
// real Excel values (so they sort and sum); a second sheet with the counts per responsible org.
import ExcelJS from "exceljs";
import { STATUS_LABEL, SUMMARY_ORDER } from "../../domain/labels.ts";
import { STATUS_COLOUR } from "../../domain/status.ts";
import type { AssignmentStatus, StatusColour } from "../../domain/types.ts";
import { inertCell } from "../../store/spreadsheet-cells.ts";
import type { Register, RegisterRow } from "./register.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const REGISTER_SHEET = "任务台账";
export const ROLL_UP_SHEET = "按单位汇总";
export const PACE_SHEET = "指标进度";
/** The header is on this row of both sheets; the rows follow it. */
export const HEADER_ROW = 3;

type Column = { header: string; width: number; value: (r: RegisterRow) => ExcelJS.CellValue; numFmt?: string };

const day = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export const REGISTER_COLUMNS: readonly Column[] = [
  { header: "序号", width: 6, value: (r) => r.seq },
  { header: "部分", width: 16, value: (r) => r.section },
  { header: "任务", width: 28, value: (r) => [r.taskKey, r.taskTitle].filter(Boolean).join(" ") },
  { header: "落实举措", width: 60, value: (r) => r.measureText },
  { header: "责任单位", width: 24, value: (r) => r.orgName },
  { header: "角色", width: 7, value: (r) => r.roleLabel },
  { header: "完成时限", width: 14, value: (r) => r.deadlineRaw ?? "" },
  { header: "截止日期", width: 12, value: (r) => day(r.dueOn), numFmt: "yyyy-mm-dd" },
  { header: "状态", width: 11, value: (r) => r.statusLabel },
  { header: "最新进展", width: 50, value: (r) => r.latestReport?.narrative ?? "" },
  {
    header: "完成进度",
    width: 10,
    value: (r) => (r.latestReport?.percent == null ? null : r.latestReport.percent / 100),
    numFmt: "0%",
  },
  { header: "报送期次", width: 10, value: (r) => r.latestReport?.period ?? "" },
  { header: "报送日期", width: 12, value: (r) => day(r.latestReport?.reportedOn ?? null), numFmt: "yyyy-mm-dd" },
  { header: "指标进度", width: 30, value: (r) => r.indicatorPace },
];

const STATUS_COLUMN = REGISTER_COLUMNS.findIndex((c) => c.header === "状态") + 1;

// Excel's own "good / neutral / bad" cell styles, which every office user reads at a glance.
const FILLS: Record<StatusColour, { fill: string; font: string }> = {
  green: { fill: "FFC6EFCE", font: "FF006100" },
  yellow: { fill: "FFFFEB9C", font: "FF9C5700" },
  red: { fill: "FFFFC7CE", font: "FF9C0006" },
  grey: { fill: "FFF2F2F2", font: "FF595959" },
};
export const HEADER_FILL = "FF1F4E79";
const THIN = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const FONT = "宋体";

export type RegisterMeta = {
  planTitle: string;
  /** Whose work the register holds, e.g. an org's name or 全部单位. */
  scopeLabel: string;
  asOf: string;
  createdAt: Date;
  /** The second line in place of 责任单位… (other workbooks built on these sheets). */
  info?: string;
};

export async function registerWorkbook(register: Register, meta: RegisterMeta): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "落实 Luoshi";
  book.created = meta.createdAt;
  book.modified = meta.createdAt;
  book.title = `${meta.planTitle} 任务台账`;

  const sheet = addSheet(
    book,
    REGISTER_SHEET,
    REGISTER_COLUMNS.map((c) => [c.header, c.width] as const),
    meta,
  );
  for (const row of register.rows) {
    const line = sheet.addRow(REGISTER_COLUMNS.map((c) => inert(c.value(row))));
    line.alignment = { vertical: "top", wrapText: true };
    line.font = { name: FONT, size: 10 };
    REGISTER_COLUMNS.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      cell.border = BORDER;
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
    paintStatus(line.getCell(STATUS_COLUMN), row.status);
  }
  filterRows(sheet, REGISTER_COLUMNS.length);

  const rollUpColumns = [
    ["责任单位", 30],
    ["任务数", 8],
    ...SUMMARY_ORDER.map((s) => [STATUS_LABEL[s], 10] as const),
    ["完成率", 9],
  ] as const;
  const summary = addSheet(book, ROLL_UP_SHEET, rollUpColumns, meta);
  const totals = [...register.byOrg.map((o) => [o.orgName, o.rollUp] as const), ["合计", register.total] as const];
  for (const [name, r] of totals) {
    const line = summary.addRow([inertCell(name), r.total, ...SUMMARY_ORDER.map((s) => r.counts[s]), r.completionRate]);
    line.font = { name: FONT, size: 10, bold: name === "合计" };
    line.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
    line.getCell(rollUpColumns.length).numFmt = "0.0%";
  }
  filterRows(summary, rollUpColumns.length);

  // 指标进度: every indicator for the plan's office and each org with a share, off pace in red.
  const paceColumns = [
    ["指标", 28],
    ["单位", 30],
    ["口径", 8],
    ["进度研判", 12],
    ["最新值", 10],
    ["目标年度", 9],
    ["目标值", 10],
    ["本年应达", 10],
    ["预测值", 10],
    ["预测方法", 18],
    ["研判说明", 60],
  ] as const;
  const pace = addSheet(book, PACE_SHEET, paceColumns, meta);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
  for (const p of register.indicators ?? []) {
    const line = pace.addRow([
      inertCell(`${p.indicatorName}（${p.unit}）`),
      inertCell(p.orgName),
      p.scope === "plan" ? "本级" : "分解",
      p.bandLabel,
      round(p.latest),
      p.targetYear,
      round(p.target),
      round(p.neededThisYear),
      round(p.forecast),
      p.forecastMethod,
      inertCell(p.sentence),
    ]);
    line.font = { name: FONT, size: 10 };
    line.alignment = { vertical: "top", wrapText: true };
    line.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
    const band = line.getCell(4);
    const colour = FILLS[p.offPace ? "red" : p.bandLabel === "暂无法研判" ? "grey" : "green"];
    band.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colour.fill } };
    band.font = { name: FONT, size: 10, color: { argb: colour.font } };
  }
  filterRows(pace, paceColumns.length);
  return Buffer.from(await book.xlsx.writeBuffer());
}

// Text from plans, orgs and reports is the user's: never let a spreadsheet run it as a formula.
export const inert = (value: ExcelJS.CellValue): ExcelJS.CellValue =>
  typeof value === "string" ? inertCell(value) : value;

/** A sheet with the title on row 1, what it covers on row 2 and a frozen header on row 3. */
export function addSheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: readonly (readonly [string, number])[],
  meta: RegisterMeta,
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map(([, width]) => ({ width }));
  const title = sheet.addRow([inertCell(`${meta.planTitle} ${name}`)]);
  title.font = { name: "黑体", size: 16, bold: true };
  title.height = 28;
  title.alignment = { horizontal: "center", vertical: "middle" };
  sheet.mergeCells(1, 1, 1, columns.length);
  const info = sheet.addRow([inertCell(meta.info ?? `责任单位：${meta.scopeLabel}　　统计截至：${meta.asOf}`)]);
  info.font = { name: FONT, size: 10, color: { argb: "FF595959" } };
  sheet.mergeCells(2, 1, 2, columns.length);
  const header = sheet.addRow(columns.map(([text]) => text));
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
  });
  return sheet;
}

/** The filter spans the header and every row under it, so Excel filters the rows, not just the header. */
export function filterRows(sheet: ExcelJS.Worksheet, columns: number): void {
  const last = Math.max(HEADER_ROW, sheet.rowCount);
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: columns } };
}

export function paintStatus(cell: ExcelJS.Cell, status: AssignmentStatus): void {
  const colours = FILLS[STATUS_COLOUR[status]];
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } };
  cell.font = { name: FONT, size: 10, bold: true, color: { argb: colours.font } };
  cell.alignment = { horizontal: "center", vertical: "top" };
}
