// Status as data (issue 11, migration 017): each assignment row keeps the status rule's answer as of a
// day (status, status_missing_period, status_as_of), so that lists, counts and roll-ups read a column.
//
// The answer is always the rule's: resolveStatuses (status.ts), the same code a roll-up used to run per
// request. It is stored
// - by every write that changes a status, in the write's own transaction (refreshStatus);
// - by the daily run, for the rows whose day moved, in bounded batches (refreshStatuses);
// - before a read as of today, for the rows of the read's scope whose status_as_of is not that day
//   (freshenStatuses), so an answer is never stale when the daily run has not run yet or a write path
//   only marked its rows (the triggers of migration 017 set status_as_of to NULL whenever a fact the
//   rule reads changes, whoever writes it).
// A recompute locks its rows first, as the latest-report trigger does (migration 006): a concurrent
// report then either commits before the facts are read or waits and marks the rows stale again after.
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from "kysely";
import { DEFAULT_TIME_ZONE, dayIn } from "../../domain/today.ts";
import type { Database } from "../../store/schema.ts";
import { loadMeasureFacts, readStatusRows, resolveStatuses, statusRows } from "./status.ts";

type Db = Kysely<Database>;

/**
 * The day a write at `at` recomputes statuses for: "today" in the app's time zone (domain/today.ts), the
 * day the routes read as of and the daily run stores, so a read after the write finds its rows fresh.
 */
export const statusDay = (at: Date, timeZone: string | undefined): string => dayIn(timeZone ?? DEFAULT_TIME_ZONE, at);

/** Every assignment of these plans (an import, a revision): its stored status recomputed as of `today`. */
export async function refreshPlanStatuses(db: Db, planIds: readonly number[], today: string): Promise<number> {
  if (planIds.length === 0) return 0;
  const rows = await db
    .selectFrom("assignments")
    .select("id")
    .where(sql<SqlBool>`plan_id = any(${[...planIds]}::bigint[])`)
    .execute();
  return refreshStatus(
    db,
    rows.map((r) => r.id),
    today,
  );
}

/** Rows recomputed per statement: the arrays handed to the database stay small. */
const CHUNK = 5000;

/** In the caller's transaction when `db` is one, else in a new one. */
function inTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}

async function recompute(tx: Transaction<Database>, ids: readonly number[], today: string): Promise<number> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  await sql`select 1 from assignments where id = any(${sorted}::bigint[]) order by id for update`.execute(tx);
  const rows = await readStatusRows(
    tx,
    statusRows(tx.selectFrom("assignments as a").where(sql<SqlBool>`a.id = any(${sorted}::bigint[])`)),
  );
  if (rows.length === 0) return 0;
  const facts = await loadMeasureFacts(tx, { measureIds: rows.map((r) => r.measure_id) });
  const known = await resolveStatuses(tx, rows, facts, today);
  const id: number[] = [];
  const status: string[] = [];
  const missing: (string | null)[] = [];
  for (const [key, result] of known) {
    id.push(key);
    status.push(result.status);
    missing.push(result.missingPeriod);
  }
  await sql`update assignments a
       set status = x.status, status_missing_period = x.missing, status_as_of = ${today}::date
      from unnest(${id}::bigint[], ${status}::text[], ${missing}::text[]) as x(id, status, missing)
     where a.id = x.id`.execute(tx);
  return id.length;
}

/**
 * Recomputes the stored status of these assignments as of `today` by the status rule. Call it inside the
 * transaction of a write that changes their status, after the write.
 */
export async function refreshStatus(db: Db, assignmentIds: readonly number[], today: string): Promise<number> {
  if (assignmentIds.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    let n = 0;
    for (let i = 0; i < assignmentIds.length; i += CHUNK)
      n += await recompute(tx, assignmentIds.slice(i, i + CHUNK), today);
    return n;
  });
}

/**
 * The stored answer is not for `today`: never computed, marked stale, or computed for another day. The day
 * is written into the statement, not passed as a parameter: a prepared statement's generic plan (store/
 * prepared.ts) cannot tell that almost no row is stale and would read every row of the scope to find out,
 * where the plan for the day itself probes assignments_status_as_of. The text changes once a day.
 */
const staleOn = (today: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`not an ISO date: ${today}`);
  const day = sql`${sql.lit(today)}::date`;
  return sql<SqlBool>`(a.status_as_of is null or a.status_as_of < ${day} or a.status_as_of > ${day})`;
};

async function staleIds(db: Db, today: string, scope: RawBuilder<SqlBool> | undefined, after: number, limit: number) {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .select("a.id")
    .where("p.status", "=", "active")
    .where(staleOn(today))
    .where(scope ?? sql<SqlBool>`true`)
    .where("a.id", ">", after)
    .orderBy("a.id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The daily run's step: every assignment of an active plan whose stored status is not for `today`
 * (the date moved, so due soon may now be overdue and a period's report missing) is recomputed, in
 * batches of `batchSize`, each its own transaction unless `db` already is one; a crash loses at most
 * the batch under way, and the next run (or read) picks up where it stopped. Returns the rows recomputed.
 */
export async function refreshStatuses(
  db: Db,
  today: string,
  { batchSize = 5000 }: { batchSize?: number } = {},
): Promise<number> {
  let total = 0;
  let after = 0;
  for (;;) {
    const ids = await staleIds(db, today, undefined, after, batchSize);
    if (ids.length === 0) break;
    total += await refreshStatus(db, ids, today);
    after = ids[ids.length - 1] as number;
  }
  // Every row recomputed leaves its old version's entry in assignments_status_as_of until a vacuum, and a
  // read's stale-row probe visits each of those on the heap (≈250 ms per request at 500k rows): clean the
  // table now rather than when autovacuum comes round. Not possible inside a transaction.
  if (total > 0 && !db.isTransaction) await sql`vacuum analyze assignments`.execute(db);
  return total;
}

/**
 * Before a read as of `today`: the stale rows of the read's scope (a condition on `assignments as a`,
 * or everything), recomputed first. When the daily run and the writes have kept up this is one index
 * probe finding nothing. Returns the rows recomputed.
 */
export async function freshenStatuses(db: Db, today: string, scope?: RawBuilder<SqlBool>): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const ids = await staleIds(db, today, scope, after, CHUNK);
    if (ids.length === 0) return total;
    total += await refreshStatus(db, ids, today);
    after = ids[ids.length - 1] as number;
  }
}

/**
 * Whether any row of the scope (as for freshenStatuses) is stale for `today`: the same probe, as a column
 * a read selects beside its own, so that a read that finds nothing stale costs no round trip of its own
 * (listAssignments reads first and, when this says so, freshens and reads again).
 */
export function anyStale(today: string, scope?: RawBuilder<SqlBool>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from assignments a join plans p on p.id = a.plan_id
    where p.status = ${"active"} and ${staleOn(today)} and ${scope ?? sql<SqlBool>`true`})`;
}
