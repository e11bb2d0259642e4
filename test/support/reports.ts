// Filing progress reports straight into the database, for tests that need a history of reporting.
import type { Store } from "../../src/store/db.ts";
import type { ReportStatus } from "../../src/store/schema.ts";

/** Files a report for every assignment of `orgId` in `planId`: one period, one status, one day. */
export async function fileReports(
  store: Store,
  planId: number,
  orgId: number,
  period: string,
  reportedAt: string,
  status: ReportStatus = "in_progress",
): Promise<number> {
  const assignments = await store.db
    .selectFrom("assignments")
    .select(["id", "region_code"])
    .where("plan_id", "=", planId)
    .where("org_id", "=", orgId)
    .execute();
  if (assignments.length === 0) return 0;
  await store.db
    .insertInto("progress_reports")
    .values(
      assignments.map((a) => ({
        assignment_id: a.id,
        region_code: a.region_code,
        period,
        status,
        reported_at: `${reportedAt}T02:00:00Z`,
      })),
    )
    .execute();
  return assignments.length;
}

export async function orgIdByName(store: Store, name: string): Promise<number> {
  return (await store.db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}
