// Full logical backup: every table's rows as JSON lines, gzip-compressed, in an order that respects
// foreign keys. Restoring into an empty database (same migrations) reproduces it exactly, ids included.
import { gunzipSync, gzipSync } from "node:zlib";
import { type Kysely, sql } from "kysely";
import { ConflictError, InputError } from "./errors.ts";
import type { Database } from "./schema.ts";

/**
 * The rows of each table, checked against the header before anything is written: every line a record
 * of a known table, and as many of each table as the header counted (a truncated or edited file is
 * refused, not half restored). Line numbers are the file's, the header being line 1.
 */
function readRecords(lines: string[], header: Header): Map<string, Record<string, unknown>[]> {
  const byTable = new Map<string, Record<string, unknown>[]>(TABLES.map((t) => [t, []]));
  lines.forEach((line, i) => {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new InputError(`line ${i + 2} is not a JSON record (the file is damaged)`, "file");
    }
    const { t, r } = (record ?? {}) as { t?: unknown; r?: unknown };
    if (typeof t !== "string" || typeof r !== "object" || r === null || Array.isArray(r))
      throw new InputError(`line ${i + 2} is not a backup record ({"t": table, "r": row})`, "file");
    const rows = byTable.get(t);
    if (!rows) throw new InputError(`line ${i + 2}: unknown table "${t}" in the backup`, "file");
    rows.push(r as Record<string, unknown>);
  });
  const promised = header.tables;
  if (typeof promised !== "object" || promised === null)
    throw new InputError("the backup's header has no row counts (tables)", "file");
  for (const table of TABLES) {
    const expected = promised[table] ?? 0;
    const found = byTable.get(table)?.length ?? 0;
    if (found !== expected)
      throw new InputError(
        `the header counts ${expected} rows of ${table} but the file holds ${found} (the file is incomplete or was edited)`,
        "file",
      );
  }
  for (const table of Object.keys(promised))
    if (!byTable.has(table)) throw new InputError(`the header names an unknown table "${table}"`, "file");
  return byTable;
}

/** Parents before children, so a restore never points at a row that is not there yet. */
export const TABLES = [
  "orgs",
  "org_aliases",
  "org_groups",
  "org_group_members",
  "users",
  "sessions",
  "calendar_tokens",
  "login_attempts",
  "plans",
  "plan_files",
  "tasks",
  "measures",
  "assignments",
  "selective_scopes",
  "unresolved_units",
  "indicators",
  "progress_reports",
  "extension_requests",
  "indicator_values",
  "indicator_targets",
  "notices",
  "notice_items",
  "evidence_files",
  "task_links",
  "plan_upper_plans",
  "reminders",
  "notifications",
  "indicator_reminders",
  "audit_log",
  "job_runs",
  "job_run_steps",
] as const;

/** Tables the database derives from the others (their triggers rebuild them as a restore inserts rows): not copied. */
export const DERIVED_TABLES = ["status_counts", "status_org_totals", "status_section_totals"] as const;

const FORMAT = "luoshi-backup/1";
type Header = { format: string; migrations: string[]; tables: Record<string, number> };

export async function backup(db: Kysely<Database>): Promise<Buffer> {
  return db.transaction().execute(async (tx) => {
    // One snapshot for every table: a backup taken while people work is still consistent.
    await sql`set transaction isolation level repeatable read`.execute(tx).catch(() => undefined);
    const migrations = (
      await sql<{ name: string }>`select name from schema_migrations order by name`.execute(tx)
    ).rows.map((r) => r.name);
    const lines: string[] = [];
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      // row_to_json keeps every column as PostgreSQL renders it; bytea becomes \x… hex text.
      const rows = (
        await sql<{
          row: Record<string, unknown>;
        }>`select row_to_json(t) as row from ${sql.table(table)} t order by row_to_json(t)::text`.execute(tx)
      ).rows;
      counts[table] = rows.length;
      for (const r of rows) lines.push(JSON.stringify({ t: table, r: r.row }));
    }
    const header: Header = { format: FORMAT, migrations, tables: counts };
    return gzipSync(`${JSON.stringify(header)}\n${lines.join("\n")}\n`);
  });
}

export async function restore(db: Kysely<Database>, file: Buffer): Promise<Record<string, number>> {
  let text: string;
  try {
    text = gunzipSync(file).toString("utf8");
  } catch {
    throw new InputError("not a Luoshi backup (not gzip-compressed)", "file");
  }
  const [first = "", ...rest] = text.split("\n").filter((l) => l !== "");
  let header: Header;
  try {
    header = JSON.parse(first) as Header;
  } catch {
    throw new InputError("not a Luoshi backup (no header line)", "file");
  }
  if (header?.format !== FORMAT)
    throw new InputError(`not a Luoshi backup (format "${header?.format}", expected "${FORMAT}")`, "file");
  if (!Array.isArray(header.migrations)) throw new InputError("the backup's header names no migrations", "file");
  const byTable = readRecords(rest, header);
  return db.transaction().execute(async (tx) => {
    const migrations = (
      await sql<{ name: string }>`select name from schema_migrations order by name`.execute(tx)
    ).rows.map((r) => r.name);
    if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
      throw new ConflictError(
        `the backup was taken at schema ${header.migrations.at(-1)}, this database is at ${migrations.at(-1)}`,
      );
    }
    for (const table of TABLES) {
      const n = Number(
        (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(tx)).rows[0]?.n ?? 0,
      );
      if (n > 0) throw new ConflictError(`restore needs an empty database, but ${table} has ${n} rows`);
    }
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const rows = byTable.get(table) ?? [];
      // A sub-assignment names its parent, always an older (smaller) id: parents go first.
      if (table === "assignments") rows.sort((a, b) => Number(a.id) - Number(b.id));
      for (let i = 0; i < rows.length; i += 500) {
        // json_populate_recordset turns JSON back into the table's own column types (dates, bytea, jsonb…).
        const batch = JSON.stringify(rows.slice(i, i + 500));
        try {
          await sql`insert into ${sql.table(table)} overriding system value select * from json_populate_recordset(null::${sql.table(table)}, ${batch}::json)`.execute(
            tx,
          );
        } catch (error) {
          // Data exceptions (class 22) and integrity violations (23): the file's rows, not the database.
          const code = String((error as { code?: unknown }).code ?? "");
          if (!/^2[23]/.test(code)) throw error;
          const message = error instanceof Error ? error.message : String(error);
          throw new InputError(`rows ${i + 1}–${i + 500} of ${table} cannot be restored: ${message}`, "file");
        }
      }
      counts[table] = rows.length;
    }
    // The stored statuses (migration 017) as backed up: the reports' triggers marked them stale while
    // the rows went in, but the answers were computed from exactly the facts now restored.
    const assignments = byTable.get("assignments") ?? [];
    for (let i = 0; i < assignments.length; i += 500) {
      const batch = JSON.stringify(assignments.slice(i, i + 500));
      await sql`update assignments a
           set status = x.status, status_missing_period = x.status_missing_period, status_as_of = x.status_as_of
          from json_populate_recordset(null::assignments, ${batch}::json) x
         where a.id = x.id`.execute(tx);
    }
    // Identity counters continue after the restored ids.
    for (const table of TABLES) {
      const hasId = (
        await sql<{
          n: string;
        }>`select count(*) as n from information_schema.columns where table_name = ${table} and column_name = 'id'`.execute(
          tx,
        )
      ).rows[0];
      if (Number(hasId?.n ?? 0) === 0) continue;
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        tx,
      );
    }
    return counts;
  });
}
