// Large results read column by column. node-postgres parses a result field by field into one object per
// row, which for the ten thousand rows of a plan roll-up costs more CPU than the query itself; the same
// values as one JSON object of arrays (one array per column) cost PostgreSQL little more to build and
// JSON.parse reads them in a fraction of the time.
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "./schema.ts";

export type Columns<O, K extends keyof O> = { length: number; values: { [C in K]: O[C][] } };

/**
 * The query's rows, as one array per column (the caller builds its rows from them with a literal, which
 * keeps one object shape). `columns` names every column wanted; each value must come through JSON
 * unchanged: numbers (bigint ids too), booleans, text, dates (as "YYYY-MM-DD") or null — not timestamps
 * or numerics, which JSON would turn into other strings than node-postgres does.
 */
export async function selectColumnar<DB, TB extends keyof DB, O, K extends keyof O & string>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<DB, TB, O>,
  columns: readonly K[],
): Promise<Columns<O, K>> {
  // All the aggregates read the same rows in the same order, so the arrays line up.
  const arrays = columns.map((c) => sql`${sql.lit(c)}, coalesce(json_agg(q.${sql.ref(c)}), '[]'::json)`);
  const result = await sql<{ columns: { [C in K]: O[C][] } }>`
    select json_build_object(${sql.join(arrays)}) as columns from ${query} as q`.execute(db);
  const values = result.rows[0]?.columns;
  if (!values) throw new Error("no columns read");
  const first = columns[0];
  return { length: first === undefined ? 0 : values[first].length, values };
}
