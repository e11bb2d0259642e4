// 指标分解 as a sheet: the template an office fills in (every org directly under it, with the shares it
// holds for the year) and reading a filled one back — every row checked, every problem named by row and
// column in Chinese and English, nothing kept unless every row is right.
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { ImportError, type ImportIssue, NotFoundError } from "../../../store/errors.ts";
import type { Database } from "../../../store/schema.ts";
import { fromInertCell, inertCell } from "../../../store/spreadsheet-cells.ts";

type Db = Kysely<Database>;

export const SPLIT_SHEET = "指标分解";
export const SPLIT_HEADER_ROW = 3;
export const SPLIT_COLUMNS = ["单位ID", "单位名称", "目标年度", "目标值", "目标上限（区间指标）"] as const;
const MAX_ROWS = 2000;

export type SplitTemplateInput = {
  indicatorId: number;
  /** The office splitting: the template lists the orgs directly under it. */
  parentOrgId: number;
  year: number;
  /** The office's own target for the year, shown above the rows. */
  upperTarget: number | null;
};

/** The orgs directly under `parentOrgId`, by name. */
export async function childOrgs(db: Db, parentOrgId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db.selectFrom("orgs").select(["id", "name"]).where("parent_id", "=", parentOrgId).execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.id - b.id);
}

export async function splitTemplate(db: Db, input: SplitTemplateInput): Promise<Buffer> {
  const indicator = await db
    .selectFrom("indicators")
    .select(["id", "name", "unit"])
    .where("id", "=", input.indicatorId)
    .executeTakeFirst();
  if (!indicator) throw new NotFoundError("No such indicator.");
  const parent = await db.selectFrom("orgs").select("name").where("id", "=", input.parentOrgId).executeTakeFirst();
  const orgs = await childOrgs(db, input.parentOrgId);
  const shares = new Map(
    (
      await db
        .selectFrom("indicator_targets")
        .select(["org_id", "target", "target_high"])
        .where("indicator_id", "=", indicator.id)
        .where("target_year", "=", input.year)
        .execute()
    ).map((s) => [s.org_id, s]),
  );
  const book = new ExcelJS.Workbook();
  book.creator = "落实 Luoshi";
  const sheet = book.addWorksheet(SPLIT_SHEET, { views: [{ state: "frozen", ySplit: SPLIT_HEADER_ROW }] });
  sheet.columns = [{ width: 10 }, { width: 36 }, { width: 10 }, { width: 12 }, { width: 18 }];
  sheet.addRow([inertCell(`${indicator.name}（${indicator.unit}）${input.year}年目标分解`)]).font = {
    bold: true,
    size: 14,
  };
  sheet.mergeCells(1, 1, 1, SPLIT_COLUMNS.length);
  const upper = input.upperTarget === null ? "未设定" : `${input.upperTarget}${indicator.unit}`;
  sheet.addRow([
    inertCell(`上级单位：${parent?.name ?? ""}　本级目标：${upper}　填写“目标值”列后上传；留空的单位不设分解目标。`),
  ]);
  sheet.mergeCells(2, 1, 2, SPLIT_COLUMNS.length);
  const header = sheet.addRow([...SPLIT_COLUMNS]);
  header.font = { bold: true };
  for (const org of orgs) {
    const share = shares.get(org.id);
    sheet.addRow([org.id, inertCell(org.name), input.year, share?.target ?? null, share?.target_high ?? null]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export type SheetShare = { orgId: number; target: number | null; targetHigh: number | null };

function cellValue(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return fromInertCell(value).trim() === "" ? null : fromInertCell(value).trim();
  if (typeof value === "object" && "richText" in value)
    return value.richText
      .map((r) => r.text)
      .join("")
      .trim();
  if (typeof value === "object" && "result" in value) {
    const result: unknown = value.result;
    return typeof result === "number" || typeof result === "string" ? result : null;
  }
  return String(value);
}

const asNumber = (v: string | number | null): number | null | "bad" => {
  if (v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : "bad";
  const n = Number(v.replace(/[,，\s]/g, ""));
  return v.trim() !== "" && Number.isFinite(n) ? n : "bad";
};

/**
 * Reads a filled template. `orgs` are the orgs the office may split to (id → name); every row must be
 * one of them, once, for one year. Throws ImportError listing every bad row and column.
 */
export async function readSplitSheet(
  bytes: Uint8Array,
  orgs: ReadonlyMap<number, string>,
): Promise<{ year: number; shares: SheetShare[] }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ImportError([
      { row: 0, field: "file", message: `不是可读的 .xlsx 工作簿 / not a readable .xlsx workbook (${why})` },
    ]);
  }
  const sheet = book.getWorksheet(SPLIT_SHEET) ?? book.worksheets[0];
  if (!sheet)
    throw new ImportError([{ row: 0, field: "file", message: "工作簿没有工作表 / the workbook has no sheet" }]);
  const header = SPLIT_COLUMNS.map((_, i) => cellValue(sheet.getCell(SPLIT_HEADER_ROW, i + 1).value));
  const missing = SPLIT_COLUMNS.filter((name, i) => header[i] !== name);
  if (missing.length > 0)
    throw new ImportError([
      {
        row: SPLIT_HEADER_ROW,
        field: "header",
        message: `第${SPLIT_HEADER_ROW}行应为表头 ${SPLIT_COLUMNS.join("、")}（缺 ${missing.join("、")}）/ row ${SPLIT_HEADER_ROW} must be the template's header (missing ${missing.join(", ")}); download the template again`,
      },
    ]);
  const issues: ImportIssue[] = [];
  const shares: SheetShare[] = [];
  const years = new Set<number>();
  const seen = new Map<number, number>();
  const bad = (row: number, column: string, zh: string, en: string) =>
    issues.push({ row, field: column, message: `第${row}行“${column}”：${zh} / row ${row}, ${column}: ${en}` });
  for (let r = SPLIT_HEADER_ROW + 1; r <= Math.min(sheet.rowCount, SPLIT_HEADER_ROW + MAX_ROWS); r++) {
    const cells = SPLIT_COLUMNS.map((_, i) => cellValue(sheet.getCell(r, i + 1).value));
    if (cells.every((c) => c === null)) continue;
    const [idCell, nameCell, yearCell, targetCell, highCell] = cells;
    const id = asNumber(idCell ?? null);
    if (id === null || id === "bad" || !Number.isInteger(id)) {
      bad(r, "单位ID", `应为单位编号，实为“${idCell ?? ""}”`, `expected the org's id, got "${idCell ?? ""}"`);
      continue;
    }
    const name = orgs.get(id);
    if (name === undefined) {
      bad(r, "单位ID", `单位 ${id} 不是本单位的下级单位`, `org ${id} is not directly under your office`);
      continue;
    }
    if (nameCell !== null && String(nameCell) !== name)
      bad(r, "单位名称", `与单位ID ${id}（${name}）不符`, `does not match org ${id} (${name})`);
    if (seen.has(id)) bad(r, "单位ID", `与第${seen.get(id)}行重复`, `repeats row ${seen.get(id)}`);
    seen.set(id, r);
    const year = asNumber(yearCell ?? null);
    if (year === null || year === "bad" || !Number.isInteger(year) || year < 1949 || year > 2100)
      bad(
        r,
        "目标年度",
        `应为年份（如2025），实为“${yearCell ?? ""}”`,
        `expected a year like 2025, got "${yearCell ?? ""}"`,
      );
    else years.add(year);
    const target = asNumber(targetCell ?? null);
    const high = asNumber(highCell ?? null);
    if (target === "bad") bad(r, "目标值", `应为数字，实为“${targetCell}”`, `expected a number, got "${targetCell}"`);
    if (high === "bad")
      bad(r, "目标上限（区间指标）", `应为数字，实为“${highCell}”`, `expected a number, got "${highCell}"`);
    if (typeof target === "number" && typeof high === "number" && high < target)
      bad(r, "目标上限（区间指标）", `${high} 小于目标值 ${target}`, `${high} is below the target ${target}`);
    if (target === null && typeof high === "number")
      bad(r, "目标值", "填了上限却没有目标值", "a high end without a target");
    if (target !== "bad" && high !== "bad")
      shares.push({ orgId: id, target, targetHigh: target === null ? null : high });
  }
  if (years.size > 1)
    issues.push({
      row: SPLIT_HEADER_ROW + 1,
      field: "目标年度",
      message: `一张表只能分解一个年度，表中有 ${[...years].sort().join("、")} / one sheet splits one year; it has ${[...years].sort().join(", ")}`,
    });
  if (issues.length === 0 && shares.length === 0)
    issues.push({
      row: SPLIT_HEADER_ROW + 1,
      field: "目标值",
      message: "表中没有任何单位的行 / the sheet has no org rows",
    });
  if (issues.length > 0) throw new ImportError(issues);
  return { year: [...years][0] as number, shares };
}
