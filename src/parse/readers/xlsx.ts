// Excel workbooks: the task table lives on one sheet (others hold notes, indicators or nothing);
// we pick it by its header words and read every row that has content, expanding merged ranges.
import ExcelJS from "exceljs";
import type { Block, Cell, SourceDocument } from "../blocks.ts";
import { countTags, type ReadBudget } from "./limits.ts";
import { hasContent } from "./table-grid.ts";
import type { ZipArchive } from "./zip.ts";

export const HEADER_WORDS = [
  "任务",
  "落实举措",
  "具体措施",
  "重点任务",
  "工作措施",
  "主要内容",
  "责任单位",
  "责任部门",
  "牵头单位",
  "配合单位",
  "完成时间",
  "完成时限",
  "时间节点",
  "序号",
] as const;

export async function readXlsx(zip: ZipArchive, budget: ReadBudget): Promise<SourceDocument> {
  const bytes = await checkedWorkbook(zip, budget);
  const workbook = new ExcelJS.Workbook();
  // exceljs' typings want its own Buffer flavour; the bytes are the same.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  budget.checkTime("loading the workbook");
  let grid = 0;
  const sheets = workbook.worksheets.map((sheet) => {
    // The reader walks every row × column of a sheet's used range: one cell at XFD1048576 would make that billions.
    grid += sheet.rowCount * sheet.columnCount;
    budget.cap("rows", sheet.rowCount, () => `${sheet.rowCount.toLocaleString("en-US")} in sheet "${sheet.name}"`);
    budget.cap(
      "cells",
      grid,
      () =>
        `a used range of ${sheet.rowCount.toLocaleString("en-US")} rows × ${sheet.columnCount.toLocaleString("en-US")} columns`,
    );
    budget.checkTime(`reading sheet "${sheet.name}"`);
    return readSheet(sheet);
  });
  const best = sheets.reduce<SheetRows | undefined>((a, b) => (!a || b.score > a.score ? b : a), undefined);
  if (!best) return { format: "xlsx", blocks: [] };
  const blocks: Block[] = best.rows.map(({ row, cells }) => ({
    kind: "row",
    cells: cells.slice(best.firstColumn, best.lastColumn + 1),
    loc: { sheet: best.name, row },
  }));
  return { format: "xlsx", blocks };
}

/**
 * Counts sheets, rows and cells in the package's XML before exceljs builds its (large) model of them, and returns
 * the workbook repacked with only the parts that were measured. Used for the org directory's sheets, too.
 */
export async function checkedWorkbook(zip: ZipArchive, budget: ReadBudget): Promise<Uint8Array> {
  const sheets = zip.entries.filter((e) => /^xl\/(worksheets|chartsheets|dialogsheets)\/[^/]+\.xml$/i.test(e.name));
  budget.cap("sheets", sheets.length);
  let cells = 0;
  for (const entry of sheets) {
    const xml = zip.read(entry.name) ?? new Uint8Array();
    const name = entry.name.slice(entry.name.lastIndexOf("/") + 1);
    const rows = countTags(xml, "row");
    budget.cap("rows", rows, () => `${rows.toLocaleString("en-US")} in ${name}`);
    cells += countTags(xml, "c");
    budget.cap("cells", cells);
    budget.checkTime("counting rows");
  }
  const strings = zip.read("xl/sharedStrings.xml");
  if (strings)
    budget.cap(
      "cells",
      countTags(strings, "si"),
      () => `${countTags(strings, "si").toLocaleString("en-US")} shared strings`,
    );
  // Embedded objects are never read; everything else (parts and the few media files drawings name) is kept.
  return zip.repack((entry) => !/^xl\/embeddings\//i.test(entry.name));
}

type SheetRows = {
  name: string;
  rows: { row: number; cells: Cell[] }[];
  score: number;
  firstColumn: number;
  lastColumn: number;
};

function readSheet(sheet: ExcelJS.Worksheet): SheetRows {
  const rows: SheetRows["rows"] = [];
  const width = sheet.columnCount;
  let firstColumn = Number.POSITIVE_INFINITY;
  let lastColumn = -1;
  let headerHits = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(readCell(sheet.getCell(r, c)));
    if (!hasContent(cells)) continue;
    cells.forEach((cell, i) => {
      if (cell.paragraphs.length === 0) return;
      firstColumn = Math.min(firstColumn, i);
      lastColumn = Math.max(lastColumn, i);
    });
    // Header words count only in short cells, so a long measure mentioning 任务 does not score.
    if (rows.length < 15) {
      for (const cell of cells) {
        const text = cell.paragraphs.join("");
        if (!cell.spanned && text.length <= 12 && HEADER_WORDS.some((w) => text.includes(w))) headerHits++;
      }
    }
    rows.push({ row: r, cells });
  }
  const hidden = sheet.state !== "visible" ? -1000 : 0;
  return {
    name: sheet.name,
    rows,
    score: headerHits * 100 + Math.min(rows.length, 99) + hidden,
    firstColumn: Number.isFinite(firstColumn) ? firstColumn : 0,
    lastColumn,
  };
}

function readCell(cell: ExcelJS.Cell): Cell {
  if (cell.isMerged && cell.master !== cell) {
    const master = cell.master;
    // Only the column under the master repeats it; cells right of the master stay empty.
    if (master.col === cell.col && master.row !== cell.row) return { paragraphs: paragraphsOf(master), spanned: true };
    return { paragraphs: [] };
  }
  return { paragraphs: paragraphsOf(cell) };
}

function paragraphsOf(cell: ExcelJS.Cell): string[] {
  return valueText(cell.value, cell.numFmt)
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function valueText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return "";
  if ("formula" in value || "sharedFormula" in value) {
    const result: unknown = value.result;
    if (result === null || result === undefined || typeof result === "object") {
      return result instanceof Date ? dateText(result) : "";
    }
    return typeof result === "number" ? numberText(result, numFmt) : String(result);
  }
  if ("text" in value) return typeof value.text === "string" ? value.text : "";
  return "";
}

function numberText(n: number, numFmt: string | undefined): string {
  // Binary floating point leaks (0.30000000000000004) never reach the user.
  const tidy = (x: number) => String(Number(x.toPrecision(12)));
  if (numFmt?.includes("%")) return `${tidy(n * 100)}%`;
  return tidy(n);
}

function dateText(date: Date): string {
  // exceljs reads spreadsheet dates as UTC midnight.
  const iso = date.toISOString();
  const time = iso.slice(11, 16);
  return time === "00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
