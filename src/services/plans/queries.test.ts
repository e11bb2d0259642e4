import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { parsePlanBytes } from "../../parse/index.ts";
import type { Store } from "../../store/db.ts";
import { insertPlan, type PlanDraft } from "./queries.ts";

const seed = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "test",
  "fixtures",
  "seeds",
  "sd-2021-provincial-task-list.txt",
);

/** A draft from the real seed, every measure assigned to the one org (resolution is not under test here). */
async function draftFor(orgId: number, assignTo: number = orgId): Promise<PlanDraft> {
  const bytes = readFileSync(seed);
  const plan = await parsePlanBytes(bytes, "seed.txt");
  return {
    orgId,
    userId: null,
    cadence: "quarterly",
    meta: {
      title: plan.title,
      docNumber: plan.docNumber,
      issuer: plan.issuer,
      issuedOn: plan.issuedOn,
      period: plan.period,
      planYear: 2021,
    },
    file: { name: "seed.txt", format: plan.format, bytes, sourceText: bytes.toString("utf8") },
    headings: plan.headings,
    tasks: plan.tasks.map((t) => ({
      key: t.key,
      title: t.title,
      source: t.source,
      searchText: t.title,
      measures: t.measures.map((m) => ({
        text: m.text,
        scope: m.scope,
        statedUnits: m.units.map((u) => u.name).join("、"),
        deadline: m.deadline,
        source: m.source,
        assignments: [{ orgId: assignTo, role: "owner" as const, via: null }],
        unresolved: m.units.filter((u) => u.fanout).map((u) => ({ name: u.name, role: u.role, reason: "no-group" })),
      })),
    })),
    indicators: plan.indicators,
  };
}

async function provincialOffice(store: Store): Promise<number> {
  const row = await store.db
    .insertInto("orgs")
    .values({ name: "山东省市场监督管理局", kind: "province", region_code: "370000", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

for (const kind of storeKinds()) {
  describe(`plans on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("a plan is written whole: tasks, measures with due dates, assignments, indicators, the file", async () => {
      const store = await open();
      const orgId = await provincialOffice(store);
      const result = await store.db.transaction().execute((tx) => draftFor(orgId).then((d) => insertPlan(tx, d)));
      assert.deepEqual(result.counts, {
        tasks: 25,
        measures: 85,
        assignments: 85,
        unresolved: result.counts.unresolved,
        indicators: 2,
        selectivePending: 0,
      });
      assert.ok(result.counts.unresolved > 0);
      const first = await store.db
        .selectFrom("measures")
        .select(["due_on", "ongoing", "deadline_raw"])
        .where("plan_id", "=", result.planId)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      assert.deepEqual(first, { due_on: "2021-09-30", ongoing: false, deadline_raw: "10月份前" });
      const file = await store.db
        .selectFrom("plan_files")
        .select(["sha256", "size"])
        .where("plan_id", "=", result.planId)
        .executeTakeFirstOrThrow();
      assert.match(file.sha256, /^[0-9a-f]{64}$/);
    });

    test("the same plan imported again is its next version and supersedes the first", async () => {
      const store = await open();
      const orgId = await provincialOffice(store);
      const v1 = await store.db.transaction().execute(async (tx) => insertPlan(tx, await draftFor(orgId)));
      const v2 = await store.db.transaction().execute(async (tx) => insertPlan(tx, await draftFor(orgId)));
      assert.equal(v2.version, 2);
      assert.equal(v2.previousPlanId, v1.planId);
      const statuses = await store.db.selectFrom("plans").select(["version", "status"]).orderBy("version").execute();
      assert.deepEqual(statuses, [
        { version: 1, status: "superseded" },
        { version: 2, status: "active" },
      ]);
    });

    test("a failure midway leaves nothing: no plan, no tasks, no measures", async () => {
      const store = await open();
      const orgId = await provincialOffice(store);
      const bad = await draftFor(orgId, 999_999); // assignments to an org that does not exist
      await assert.rejects(store.db.transaction().execute((tx) => insertPlan(tx, bad)));
      for (const table of ["plans", "plan_files", "tasks", "measures", "assignments", "indicators"] as const) {
        const rows = await store.db.selectFrom(table).select("id").execute();
        assert.equal(rows.length, 0, `${table} is empty`);
      }
    });
  });
}
