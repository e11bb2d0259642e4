// The status counters (migrations 019 and 020) checked against the rows they count: what every suite that writes
// assignments can assert after a write.
import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../src/store/schema.ts";

/** status_counts equals a count of the assignment rows (every plan version), and sections follow the tasks. */
export async function assertCountersAreRows(db: Kysely<Database>, after: string): Promise<void> {
  const counters = await sql<{ key: string; n: string }>`
    select plan_id || '/' || org_id || '/' || section || '/' || status as key, n::text as n
      from status_counts where n <> 0 order by 1`.execute(db);
  const rows = await sql<{ key: string; n: string }>`
    select plan_id || '/' || org_id || '/' || section || '/' || coalesce(status, '') as key, count(*)::text as n
      from assignments group by 1 order by 1`.execute(db);
  assert.deepEqual(counters.rows, rows.rows, `status counters after ${after}`);
  // Their totals (migration 020): per org over the active plans, per plan section over every org.
  const orgTotals = await sql<{ key: string; n: string }>`
    select org_id || '/' || status as key, n::text as n from status_org_totals where n <> 0 order by 1`.execute(db);
  const orgRows = await sql<{ key: string; n: string }>`
    select a.org_id || '/' || coalesce(a.status, '') as key, count(*)::text as n
      from assignments a join plans p on p.id = a.plan_id where p.status = 'active' group by 1 order by 1`.execute(db);
  assert.deepEqual(orgTotals.rows, orgRows.rows, `org totals after ${after}`);
  const sectionTotals = await sql<{ key: string; n: string }>`
    select plan_id || '/' || section || '/' || status as key, n::text as n
      from status_section_totals where n <> 0 order by 1`.execute(db);
  const sectionRows = await sql<{ key: string; n: string }>`
    select plan_id || '/' || section || '/' || coalesce(status, '') as key, count(*)::text as n
      from assignments group by 1 order by 1`.execute(db);
  assert.deepEqual(sectionTotals.rows, sectionRows.rows, `section totals after ${after}`);
  const drifted = await sql<{ id: number }>`
    select a.id from assignments a join measures m on m.id = a.measure_id join tasks t on t.id = m.task_id
     where a.section <> t.section`.execute(db);
  assert.deepEqual(drifted.rows, [], `assignment sections after ${after}`);
}
