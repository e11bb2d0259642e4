// The directory as a spreadsheet (.xlsx or .csv), so a plan office can review and extend it in Excel.
// One row per org (see orgs-sheet.ts). An org is identified by its name under its parent; 上级 names the
// parent, or, when that name is not unique, the parent's path from the root (A/B/C).
// Import only adds and updates: it never deletes orgs or aliases and never moves an org to another parent.
import type { Kysely, Transaction } from "kysely";
import { ImportError, type ImportIssue } from "../../store/errors.ts";
import type { Database, OrgKind } from "../../store/schema.ts";
import { insertAliases } from "./alias-queries.ts";
import { PATH_SEPARATOR } from "./names.ts";
import {
  ALIAS_SEPARATOR,
  KIND_LABELS,
  type OrgSheetRow,
  readOrgSheet,
  type TransferFormat,
  writeOrgSheet,
} from "./sheet.ts";

export { type OrgSheetRow, readOrgSheet, sniffSheetFormat, type TransferFormat } from "./sheet.ts";
export type ImportSummary = { created: number; updated: number; aliasesAdded: number };

type DirectoryRow = {
  id: number;
  name: string;
  kind: OrgKind;
  parent_id: number | null;
  region_code: string;
  is_region_office: boolean;
};

/** The directory, or only the orgs in `orgIds` (a user's scope), as a spreadsheet. */
export async function exportOrgs(
  db: Kysely<Database>,
  format: TransferFormat,
  options: { orgIds?: readonly number[] | undefined } = {},
): Promise<Buffer> {
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
  const only = options.orgIds && new Set(options.orgIds);
  const rows = treeOrder(only ? orgs.filter((o) => only.has(o.id)) : orgs).map((o) => [
    o.name,
    KIND_LABELS[o.kind],
    parentRef(o.parent_id),
    o.region_code,
    o.is_region_office ? "是" : "否",
    (aliasesOf.get(o.id) ?? []).join(ALIAS_SEPARATOR),
  ]);
  return writeOrgSheet(rows, format);
}

/**
 * Parents before children, siblings in id order: the order a person reads a directory in. An org whose
 * parent is not in the list (the top of a user's subtree) starts a tree of its own.
 */
function treeOrder(orgs: DirectoryRow[]): DirectoryRow[] {
  const listed = new Set(orgs.map((o) => o.id));
  const children = new Map<number | null, DirectoryRow[]>();
  for (const o of orgs) {
    const parent = o.parent_id !== null && listed.has(o.parent_id) ? o.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
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

/**
 * Validates every row, then applies the whole file in one transaction. Any bad row raises an ImportError
 * naming the row and the field, and nothing is written.
 */
export async function importOrgs(
  db: Kysely<Database>,
  bytes: Uint8Array,
  format: TransferFormat,
): Promise<ImportSummary> {
  const rows = await readOrgSheet(bytes, format);
  return db.transaction().execute((tx) => applyOrgSheet(tx, rows));
}

/**
 * Applies checked rows in the caller's transaction. With `writable` (a plan office's subtree), every row
 * must change an org inside it or add one under it; otherwise an ImportError names the rows, and the caller
 * rolls back.
 */
export async function applyOrgSheet(
  tx: Transaction<Database>,
  rows: OrgSheetRow[],
  options: { writable?: ReadonlySet<number> | undefined } = {},
): Promise<ImportSummary> {
  const existing = await tx
    .selectFrom("orgs")
    .select(["id", "name", "kind", "parent_id", "region_code", "is_region_office"])
    .execute();
  const byPath = indexByPath(existing);
  const planned = resolveParents(rows, byPath);
  if (options.writable) checkWritable(planned, byPath, options.writable);
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
}

/** Rows are in parent-first order, so a new row's parent has been judged before the row itself. */
function checkWritable(planned: Planned[], byPath: Map<string, DirectoryRow>, writable: ReadonlySet<number>): void {
  const issues: ImportIssue[] = [];
  const accepted = new Set<string>();
  for (const { row, path, parentPath } of planned) {
    const current = byPath.get(path);
    if (current) {
      if (writable.has(current.id)) accepted.add(path);
      else issues.push({ row: row.row, field: "名称", message: `"${path}" is outside your orgs; ask an admin` });
      continue;
    }
    const parent = parentPath === null ? undefined : byPath.get(parentPath);
    const ok = parentPath !== null && (parent ? writable.has(parent.id) : accepted.has(parentPath));
    if (ok) accepted.add(path);
    else
      issues.push({
        row: row.row,
        field: "上级",
        message:
          parentPath === null
            ? "only an admin can add a top-level org; name a parent among your orgs"
            : `"${parentPath}" is outside your orgs; a new org must go under one of yours`,
      });
  }
  if (issues.length > 0) throw new ImportError(issues);
}

type Planned = { row: OrgSheetRow; path: string; parentPath: string | null };

function indexByPath(orgs: DirectoryRow[]): Map<string, DirectoryRow> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return new Map(orgs.map((o) => [pathOf(o, byId).join(PATH_SEPARATOR), o]));
}

/**
 * Turns each row's 上级 into the full path of its parent, looking at the database and at the file's other
 * rows (a parent may come later in the file), and orders rows so parents are written first.
 */
function resolveParents(rows: OrgSheetRow[], byPath: Map<string, DirectoryRow>): Planned[] {
  const issues: ImportIssue[] = [];
  const pathOfRow = new Map<OrgSheetRow, string | null>();
  const visiting = new Set<OrgSheetRow>();
  const existingByName = new Map<string, string[]>();
  for (const [path, org] of byPath) existingByName.set(org.name, [...(existingByName.get(org.name) ?? []), path]);
  const rowsByName = new Map<string, OrgSheetRow[]>();
  for (const r of rows) rowsByName.set(r.名称, [...(rowsByName.get(r.名称) ?? []), r]);

  // Returns the row's own path, or null when its parent cannot be settled (an issue is recorded).
  const resolve = (row: OrgSheetRow): string | null => {
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
  const resolveParentRef = (row: OrgSheetRow): string | null | undefined => {
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
