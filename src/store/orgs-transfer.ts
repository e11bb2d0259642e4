// The directory as a spreadsheet (.xlsx or .csv), so a plan office can review and extend it in Excel.
// One row per org: 名称, 类型, 上级, 区划代码, 是否本级区域局, 别名. An org is identified by its name under its
// parent; 上级 names the parent, or, when that name is not unique, the parent's path from the root (A/B/C).
// Import only adds and updates: it never deletes orgs or aliases and never moves an org to another parent.
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { z } from "zod";
import { CsvSyntaxError, decodeCsv, readCsv, writeCsv } from "./csv.ts";
import { ImportError, type ImportIssue } from "./errors.ts";
import { insertAliases } from "./org-aliases.ts";
import { normalizeOrgName, PATH_SEPARATOR } from "./org-names.ts";
import type { Database, OrgKind } from "./schema.ts";

export type TransferFormat = "xlsx" | "csv";
export type ImportSummary = { created: number; updated: number; aliasesAdded: number };

export const COLUMNS = ["名称", "类型", "上级", "区划代码", "是否本级区域局", "别名"] as const;
type Column = (typeof COLUMNS)[number];

const KIND_LABELS: Record<OrgKind, string> = {
  national: "国家",
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇街道",
  division: "内设机构",
  department: "部门",
  other: "其他",
};
const KIND_BY_TEXT = new Map<string, OrgKind>(
  Object.entries(KIND_LABELS).flatMap(([kind, label]) => [
    [label, kind as OrgKind],
    [kind, kind as OrgKind],
  ]),
);
const ALIAS_SEPARATOR = "、";
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
type ImportRow = z.infer<typeof RowSchema> & { row: number };

type DirectoryRow = {
  id: number;
  name: string;
  kind: OrgKind;
  parent_id: number | null;
  region_code: string;
  is_region_office: boolean;
};

export async function exportOrgs(db: Kysely<Database>, format: TransferFormat): Promise<Buffer> {
  const orgs = await db
    .selectFrom("orgs")
    .select(["id", "name", "kind", "parent_id", "region_code", "is_region_office"])
    .orderBy("id")
    .execute();
  const aliases = await db.selectFrom("org_aliases").select(["org_id", "alias"]).orderBy("id").execute();
  const aliasesOf = new Map<number, string[]>();
  for (const a of aliases) aliasesOf.set(a.org_id, [...(aliasesOf.get(a.org_id) ?? []), a.alias]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const nameCount = new Map<string, number>();
  for (const o of orgs) nameCount.set(o.name, (nameCount.get(o.name) ?? 0) + 1);
  const parentRef = (parentId: number | null): string => {
    const parent = parentId === null ? undefined : byId.get(parentId);
    if (!parent) return "";
    return nameCount.get(parent.name) === 1 ? parent.name : pathOf(parent, byId).join(PATH_SEPARATOR);
  };
  const rows = treeOrder(orgs).map((o) => [
    o.name,
    KIND_LABELS[o.kind],
    parentRef(o.parent_id),
    o.region_code,
    o.is_region_office ? "是" : "否",
    (aliasesOf.get(o.id) ?? []).join(ALIAS_SEPARATOR),
  ]);
  return format === "csv" ? writeCsv([[...COLUMNS], ...rows]) : writeXlsx(rows);
}

/** Parents before children, siblings in id order: the order a person reads a directory in. */
function treeOrder(orgs: DirectoryRow[]): DirectoryRow[] {
  const children = new Map<number | null, DirectoryRow[]>();
  for (const o of orgs) children.set(o.parent_id, [...(children.get(o.parent_id) ?? []), o]);
  const out: DirectoryRow[] = [];
  const visit = (parentId: number | null) => {
    for (const child of children.get(parentId) ?? []) {
      out.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return out;
}

function pathOf(org: DirectoryRow, byId: Map<number, DirectoryRow>): string[] {
  const path: string[] = [];
  for (let o: DirectoryRow | undefined = org; o; o = o.parent_id === null ? undefined : byId.get(o.parent_id)) {
    path.unshift(o.name);
  }
  return path;
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

/**
 * Validates every row, then applies the whole file in one transaction. Any bad row raises an ImportError
 * naming the row and the field, and nothing is written.
 */
export async function importOrgs(
  db: Kysely<Database>,
  bytes: Uint8Array,
  format: TransferFormat,
): Promise<ImportSummary> {
  const records = format === "csv" ? readCsvRecords(bytes) : await readXlsxRecords(bytes);
  const rows = validate(records);
  return db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom("orgs")
      .select(["id", "name", "kind", "parent_id", "region_code", "is_region_office"])
      .execute();
    const byPath = indexByPath(existing);
    const planned = resolveParents(rows, byPath);
    const summary: ImportSummary = { created: 0, updated: 0, aliasesAdded: 0 };
    const ids = new Map([...byPath].map(([path, org]) => [path, org.id]));
    for (const { row, path, parentPath } of planned) {
      const current = byPath.get(path);
      let id: number;
      if (current) {
        id = current.id;
        const changed =
          current.kind !== row.类型 ||
          current.region_code !== row.区划代码 ||
          current.is_region_office !== row.是否本级区域局;
        if (changed) {
          await tx
            .updateTable("orgs")
            .set((eb) => ({
              kind: row.类型,
              region_code: row.区划代码,
              is_region_office: row.是否本级区域局,
              row_version: eb("row_version", "+", 1),
            }))
            .where("id", "=", id)
            .execute();
          summary.updated++;
        }
      } else {
        const parentId = parentPath === null ? null : ids.get(parentPath);
        if (parentId === undefined) throw new Error(`parent of "${path}" was not written before it`);
        const inserted = await tx
          .insertInto("orgs")
          .values({
            name: row.名称,
            kind: row.类型,
            parent_id: parentId,
            region_code: row.区划代码,
            is_region_office: row.是否本级区域局,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        id = inserted.id;
        ids.set(path, id);
        summary.created++;
      }
      summary.aliasesAdded += await insertAliases(
        tx,
        id,
        row.别名.filter((a) => a !== row.名称),
      );
    }
    return summary;
  });
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

function validate(records: { row: number; cells: string[] }[]): ImportRow[] {
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
  const rows: ImportRow[] = [];
  for (const record of body) {
    if (record.cells.every((c) => c.trim() === "")) continue;
    const raw = Object.fromEntries(COLUMNS.map((c) => [c, record.cells[position.get(c) ?? -1] ?? ""])) as Record<
      Column,
      string
    >;
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

type Planned = { row: ImportRow; path: string; parentPath: string | null };

function indexByPath(orgs: DirectoryRow[]): Map<string, DirectoryRow> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return new Map(orgs.map((o) => [pathOf(o, byId).join(PATH_SEPARATOR), o]));
}

/**
 * Turns each row's 上级 into the full path of its parent, looking at the database and at the file's other
 * rows (a parent may come later in the file), and orders rows so parents are written first.
 */
function resolveParents(rows: ImportRow[], byPath: Map<string, DirectoryRow>): Planned[] {
  const issues: ImportIssue[] = [];
  const pathOfRow = new Map<ImportRow, string | null>();
  const visiting = new Set<ImportRow>();
  const existingByName = new Map<string, string[]>();
  for (const [path, org] of byPath) existingByName.set(org.name, [...(existingByName.get(org.name) ?? []), path]);
  const rowsByName = new Map<string, ImportRow[]>();
  for (const r of rows) rowsByName.set(r.名称, [...(rowsByName.get(r.名称) ?? []), r]);

  // Returns the row's own path, or null when its parent cannot be settled (an issue is recorded).
  const resolve = (row: ImportRow): string | null => {
    if (pathOfRow.has(row)) return pathOfRow.get(row) ?? null;
    if (visiting.has(row)) {
      issues.push({ row: row.row, field: "上级", message: "the parent chain loops back to this row" });
      pathOfRow.set(row, null);
      return null;
    }
    visiting.add(row);
    const parentPath = resolveParentRef(row);
    visiting.delete(row);
    const path = parentPath === undefined ? null : parentPath === null ? row.名称 : `${parentPath}/${row.名称}`;
    pathOfRow.set(row, path);
    return path;
  };

  // undefined: unresolved; null: a root org.
  const resolveParentRef = (row: ImportRow): string | null | undefined => {
    const ref = row.上级;
    if (ref.length === 0) return null;
    const refText = ref.join(PATH_SEPARATOR);
    if (ref.length > 1) {
      const inFile = rows.some((r) => r !== row && resolve(r) === refText);
      if (byPath.has(refText) || inFile) return refText;
      issues.push({ row: row.row, field: "上级", message: `no org at path "${refText}"` });
      return undefined;
    }
    const name = ref[0] ?? "";
    const candidates = new Set(existingByName.get(name) ?? []);
    for (const r of rowsByName.get(name) ?? []) {
      if (r === row) continue;
      const p = resolve(r);
      if (p !== null) candidates.add(p);
    }
    if (candidates.size === 1) return [...candidates][0];
    issues.push({
      row: row.row,
      field: "上级",
      message:
        candidates.size === 0
          ? `no org named "${name}" in the directory or in this file`
          : `"${name}" names ${candidates.size} orgs (${[...candidates].join("; ")}); write the parent's full path`,
    });
    return undefined;
  };

  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const path = resolve(row);
    if (path === null) continue;
    const earlier = seen.get(path);
    if (earlier !== undefined) {
      issues.push({ row: row.row, field: "名称", message: `the same org as row ${earlier} (${path})` });
      continue;
    }
    seen.set(path, row.row);
    const cut = path.lastIndexOf(PATH_SEPARATOR);
    planned.push({ row, path, parentPath: cut < 0 ? null : path.slice(0, cut) });
  }
  if (issues.length > 0) throw new ImportError(dedupe(issues));
  return planned.sort((a, b) => depth(a.path) - depth(b.path));
}

const depth = (path: string) => path.split(PATH_SEPARATOR).length;

function dedupe(issues: ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const key = `${i.row}|${i.field}|${i.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.row - b.row);
}
