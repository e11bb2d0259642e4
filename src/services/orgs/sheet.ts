// Reading and writing the org directory spreadsheet (.xlsx or .csv): one row per org with the columns 名称, 类型, 上级,
// 区划代码, 是否本级区域局, 别名. Every row is checked before anything is written; a bad row raises an
// ImportError naming the row number (as Excel shows it) and the column.
import ExcelJS from "exceljs";
import { z } from "zod";
import { ORG_KIND_LABEL } from "../../domain/org-kinds.ts";
import { CsvSyntaxError, decodeCsv, readCsv, writeCsv } from "../../store/csv.ts";
import { ImportError, type ImportIssue } from "../../store/errors.ts";
import type { OrgKind } from "../../store/schema.ts";
import { fromInertCell, inertCell } from "../../store/spreadsheet-cells.ts";
import { normalizeOrgName, PATH_SEPARATOR } from "./names.ts";

export type TransferFormat = "xlsx" | "csv";

export const COLUMNS = ["名称", "类型", "上级", "区划代码", "是否本级区域局", "别名"] as const;
type Column = (typeof COLUMNS)[number];

/** The 类型 column's words (domain/org-kinds.ts, the same the web app shows in Chinese). */
export const KIND_LABELS: Record<OrgKind, string> = ORG_KIND_LABEL.zh;
const KIND_BY_TEXT = new Map<string, OrgKind>(
  Object.entries(KIND_LABELS).flatMap(([kind, label]) => [
    [label, kind as OrgKind],
    [kind, kind as OrgKind],
  ]),
);
export const ALIAS_SEPARATOR = "、";
const YES = new Set(["是", "true", "1", "y", "yes"]);
const NO = new Set(["否", "false", "0", "n", "no", ""]);

const RowSchema = z.object({
  名称: z
    .string()
    .transform(normalizeOrgName)
    .pipe(
      z
        .string()
        .min(1, "is empty")
        .refine((s) => !s.includes(PATH_SEPARATOR), `must not contain "${PATH_SEPARATOR}"`),
    ),
  类型: z
    .string()
    .transform((s) => KIND_BY_TEXT.get(s.trim()))
    .pipe(z.custom<OrgKind>((k) => k !== undefined, `must be one of ${Object.values(KIND_LABELS).join("、")}`)),
  上级: z.string().transform((s) =>
    s
      .split(PATH_SEPARATOR)
      .map(normalizeOrgName)
      .filter((p) => p.length > 0),
  ),
  区划代码: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, "must be a 6-, 9- or 12-digit region code")),
  是否本级区域局: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.string().refine((s) => YES.has(s) || NO.has(s), "must be 是 or 否"))
    .transform((s) => YES.has(s)),
  别名: z.string().transform((s) => [
    ...new Set(
      s
        .split(/[、,，;；\r\n]/)
        .map(normalizeOrgName)
        .filter((a) => a.length > 0),
    ),
  ]),
});
/** One checked row; `row` is its number in the file (the header is row 1). */
export type OrgSheetRow = z.infer<typeof RowSchema> & { row: number };

/** Reads and checks every row of the file; throws an ImportError listing every bad row and column. */
export async function readOrgSheet(bytes: Uint8Array, format: TransferFormat): Promise<OrgSheetRow[]> {
  return validate(format === "csv" ? readCsvRecords(bytes) : await readXlsxRecords(bytes));
}

/** By content, not name: an .xlsx is a zip ("PK"); anything else is read as CSV text. */
export function sniffSheetFormat(bytes: Uint8Array): TransferFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? "xlsx" : "csv";
}

/** The rows under the header, as a file; the caller has put the cells in COLUMNS order. */
export function writeOrgSheet(rows: string[][], format: TransferFormat): Promise<Buffer> | Buffer {
  const inert = rows.map((row) => row.map(inertCell));
  return format === "csv" ? writeCsv([[...COLUMNS], ...inert]) : writeXlsx(inert);
}

async function writeXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("组织机构", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((header) => ({
    header,
    width: header === "别名" ? 60 : header === "名称" || header === "上级" ? 36 : 14,
    // Text format keeps region codes like 370100 from turning into numbers when someone edits the cell.
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function readCsvRecords(bytes: Uint8Array): { row: number; cells: string[] }[] {
  try {
    return readCsv(decodeCsv(bytes)).map((cells, i) => ({ row: i + 1, cells }));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportError([{ row: 0, field: "file", message: error.message }]);
    throw error;
  }
}

async function readXlsxRecords(bytes: Uint8Array): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings want its own Buffer flavour; the bytes are the same.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportError([{ row: 0, field: "file", message: `not a readable .xlsx workbook (${message})` }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportError([{ row: 0, field: "file", message: "the workbook has no sheet" }]);
  const records: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    records.push({ row: rowNumber, cells });
  });
  return records;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result: unknown = value.result;
    return typeof result === "string" || typeof result === "number" ? String(result) : "";
  }
  if ("text" in value && typeof value.text === "string") return value.text;
  return "";
}

function validate(records: { row: number; cells: string[] }[]): OrgSheetRow[] {
  const [header, ...body] = records;
  const issues: ImportIssue[] = [];
  if (!header) throw new ImportError([{ row: 1, field: "header", message: "the file is empty" }]);
  const position = new Map(header.cells.map((cell, i) => [cell.trim(), i]));
  const missing = COLUMNS.filter((c) => !position.has(c));
  if (missing.length > 0) {
    throw new ImportError([
      {
        row: header.row,
        field: "header",
        message: `missing column(s) ${missing.join("、")}; expected ${COLUMNS.join("、")}`,
      },
    ]);
  }
  const rows: OrgSheetRow[] = [];
  for (const record of body) {
    if (record.cells.every((c) => c.trim() === "")) continue;
    const raw = Object.fromEntries(
      COLUMNS.map((c) => [c, fromInertCell(record.cells[position.get(c) ?? -1] ?? "")]),
    ) as Record<Column, string>;
    const parsed = RowSchema.safeParse(raw);
    if (parsed.success) rows.push({ ...parsed.data, row: record.row });
    else {
      for (const issue of parsed.error.issues) {
        issues.push({ row: record.row, field: String(issue.path[0] ?? "row"), message: issue.message });
      }
    }
  }
  if (issues.length > 0) throw new ImportError(issues);
  return rows;
}
