// The Kysely types in schema.ts and the SQL in migrations/ are written by hand, side by side; this test
// fails when they disagree: a table or column on one side only, or a column nullable on one side only.
// The types are read with the TypeScript compiler (the `Database` interface as the checker resolves it),
// the tables from a fresh database after every migration (on each database, test/support/stores.ts), and
// backup.ts must copy every table there is.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import ts from "typescript";
import { storeKinds } from "../../test/support/stores.ts";
import { DERIVED_TABLES, TABLES } from "./backup.ts";
import type { Store } from "./db.ts";

type Columns = Map<string, { nullable: boolean }>;

/** table → column → nullable, from the `Database` interface of schema.ts. */
function schemaTypes(): Map<string, Columns> {
  const file = fileURLToPath(new URL("./schema.ts", import.meta.url));
  const program = ts.createProgram([file], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, "schema.ts was not read");
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Database",
  );
  assert.ok(database, "schema.ts declares no Database interface");
  // A column's type as read: ColumnType<S, I, U> (Generated, JSONColumnType…) is read as S.
  const selectMembers = (type: ts.Type): ts.Type[] =>
    (type.isUnion() ? type.types : [type]).flatMap((member) => {
      const select = member.getProperty("__select__");
      if (!select) return [member];
      return selectMembers(checker.getTypeOfSymbol(select));
    });
  const nullable = (type: ts.Type) =>
    selectMembers(type).some((t) => t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Unknown | ts.TypeFlags.Any));
  const tables = new Map<string, Columns>();
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const columns: Columns = new Map();
    for (const column of checker.getTypeOfSymbol(table).getProperties())
      columns.set(column.name, { nullable: nullable(checker.getTypeOfSymbol(column)) });
    tables.set(table.name, columns);
  }
  return tables;
}

/** schemaTypes(), compiled once for both databases' suites. */
let declaredOnce: Map<string, Columns> | undefined;
function declaredTypes(): Map<string, Columns> {
  declaredOnce ??= schemaTypes();
  return declaredOnce;
}

for (const kind of storeKinds()) {
  describe(`schema.ts against the migrated database on ${kind.name}`, () => {
    let store: Store;
    let migrated: Map<string, Columns>;

    before(async () => {
      store = await kind.open();
      const rows = await sql<{ table_name: string; column_name: string; is_nullable: "YES" | "NO" }>`
        select c.table_name, c.column_name, c.is_nullable
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`.execute(store.db);
      migrated = new Map();
      for (const row of rows.rows) {
        const columns = migrated.get(row.table_name) ?? new Map();
        columns.set(row.column_name, { nullable: row.is_nullable === "YES" });
        migrated.set(row.table_name, columns);
      }
      // The migrations' own bookkeeping is not application data.
      for (const name of [...migrated.keys()]) if (name === "schema_migrations") migrated.delete(name);
    });
    after(async () => {
      await store.close();
    });

    test("schema.ts declares exactly the tables and columns the migrations create, with the same nullability", () => {
      const declared = declaredTypes();
      assert.ok(declared.size > 10 && migrated.size > 10, "both sides list the tables");
      assert.deepEqual([...declared.keys()].sort(), [...migrated.keys()].sort(), "the same tables");
      const differences: string[] = [];
      for (const [table, columns] of migrated) {
        const types = declared.get(table) ?? new Map();
        for (const [column, { nullable }] of columns) {
          const type = types.get(column);
          if (!type) differences.push(`${table}.${column}: in the migrations, not in schema.ts`);
          else if (type.nullable !== nullable)
            differences.push(`${table}.${column}: ${nullable ? "nullable" : "not null"} in SQL, not in schema.ts`);
        }
        for (const column of types.keys())
          if (!columns.has(column)) differences.push(`${table}.${column}: in schema.ts, not in the migrations`);
      }
      assert.deepEqual(differences, []);
    });

    test("backup.ts copies every table the migrations create but the derived ones, and nothing else", () => {
      assert.deepEqual([...TABLES, ...DERIVED_TABLES].sort(), [...migrated.keys()].sort());
      assert.equal(new Set(TABLES).size, TABLES.length, "each table once");
    });
  });
}
