// Search text is matched literally: % _ and \ are characters to find, not LIKE wildcards.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Kysely } from "kysely";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { listAssignments } from "../services/assignments/assignments.ts";
import { listPlans } from "../services/plans/plans.ts";
import { escapeLike } from "./like.ts";
import type { Database } from "./schema.ts";

async function planWithMeasure(db: Kysely<Database>, orgId: number, title: string, text: string): Promise<void> {
  const plan = await db
    .insertInto("plans")
    .values({ org_id: orgId, region_code: "370000", title, lineage_key: title, cadence: "quarterly" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto("tasks")
    .values({
      plan_id: plan.id,
      region_code: "370000",
      key: "一/1",
      section: "一",
      title: "任务",
      position: 0,
      source: JSON.stringify({ line: 1 }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const measure = await db
    .insertInto("measures")
    .values({
      plan_id: plan.id,
      task_id: task.id,
      region_code: "370000",
      position: 0,
      text,
      source: JSON.stringify({ line: 2 }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("assignments")
    .values({ measure_id: measure.id, plan_id: plan.id, org_id: orgId, region_code: "370000", role: "lead" })
    .execute();
}

test("escapeLike escapes the wildcards and the escape character", () => {
  assert.equal(escapeLike("50%_a\\b"), "50\\%\\_a\\\\b");
});

for (const kind of storeKinds())
  describe(`search wildcards, on ${kind.name}`, () => {
    const open = storesFor(kind);
    test("plan titles and measure texts match % _ and \\ literally", async () => {
      const { db } = await open();
      const org = await db
        .insertInto("orgs")
        .values({ name: "省局", kind: "province", region_code: "370000" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await planWithMeasure(db, org.id, "覆盖率100%计划", "专利_商标举措");
      await planWithMeasure(db, org.id, "普通计划", "普通举措");
      const titles = async (q: string) => (await listPlans(db, { q })).map((p) => p.title);
      assert.deepEqual(await titles("%"), ["覆盖率100%计划"]);
      assert.deepEqual(await titles("_"), []);
      assert.deepEqual(await titles("\\"), []);
      assert.deepEqual(await titles("计划"), ["普通计划", "覆盖率100%计划"]);
      const texts = async (q: string) =>
        (await listAssignments(db, { q }, "2025-03-01")).items.map((a) => a.measureText).sort();
      assert.deepEqual(await texts("_"), ["专利_商标举措"]);
      assert.deepEqual(await texts("%"), []);
      assert.deepEqual(await texts("利_商"), ["专利_商标举措"]);
    });
  });
