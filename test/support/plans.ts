// A real plan in a fresh database: the reference org directory plus Shandong's 2021 provincial task
// list, imported as the provincial bureau. Shared by the jobs and assessment tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadReferenceDirectory } from "../../src/services/orgs/queries.ts";
import { importPlan } from "../../src/services/plans/import-plan.ts";
import type { Store } from "../../src/store/db.ts";

export const PROVINCE_BUREAU = "山东省市场监督管理局（山东省知识产权局）";

export async function importSeedPlan(store: Store): Promise<{ planId: number; provinceId: number }> {
  await loadReferenceDirectory(store.db);
  const province = await store.db
    .selectFrom("orgs")
    .select("id")
    .where("name", "=", PROVINCE_BUREAU)
    .executeTakeFirstOrThrow();
  const bytes = readFileSync(join(import.meta.dirname, "..", "fixtures", "seeds", "sd-2021-provincial-task-list.txt"));
  const result = await importPlan(store, { bytes, fileName: "sd-2021.txt", orgId: province.id, userId: null });
  return { planId: result.planId, provinceId: province.id };
}

/** How many assignments the active plans hold: what a day's reminders are counted against, whatever the fan-out. */
export async function activeAssignmentCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .where("p.status", "=", "active")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
