import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { ConflictError } from "../../store/errors.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan } from "./import-plan.ts";
import { listUnresolved, resolveUnitName } from "./unresolved-units.ts";

const plan = (title: string, unit: string) =>
  Buffer.from(
    [
      title,
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、加强海洋知识产权保护\t\t\t",
      `1. 建立海洋知识产权保护机制\t制定海洋领域知识产权保护工作指引。\t${unit}牵头，知识产权保护处配合\t6月底前`,
      `\t开展海洋知识产权保护专项行动。\t知识产权保护处牵头，${unit}配合\t全年`,
    ].join("\n"),
  );

const orgId = orgIdByName;

for (const kind of storeKinds()) {
  describe(`resolving unit names on ${kind.name}`, () => {
    const fresh = storesFor(kind);
    const actor = { userId: null, at: new Date("2025-03-01T08:00:00Z") };

    test("mapping a name assigns its measures and is remembered for the next import", async () => {
      const store = await fresh();
      await loadReferenceDirectory(store.db);
      const province = await orgId(store, "山东省市场监督管理局");
      const center = await orgId(store, "山东省知识产权事业发展中心");
      const first = await importPlan(store, {
        bytes: plan("2025年海洋知识产权工作任务清单", "省海洋发展研究院"),
        fileName: "a.txt",
        orgId: province,
        userId: null,
      });
      const [entry] = await listUnresolved(store.db, first.planId);
      assert.deepEqual(entry?.roles, ["lead", "support"]);
      const result = await resolveUnitName(store.db, actor, first.planId, "省海洋发展研究院", { orgId: center });
      assert.deepEqual([result.assignmentsCreated, result.aliasAdded, result.remaining], [2, true, 0]);
      const roles = await store.db
        .selectFrom("assignments")
        .select("role")
        .where("plan_id", "=", first.planId)
        .where("org_id", "=", center)
        .orderBy("measure_id")
        .execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ["lead", "support"],
      );
      await assert.rejects(
        resolveUnitName(store.db, actor, first.planId, "省海洋发展研究院", { orgId: center }),
        ConflictError,
      );
      const second = await importPlan(store, {
        bytes: plan("2026年海洋知识产权工作任务清单", "省海洋发展研究院"),
        fileName: "b.txt",
        orgId: province,
        userId: null,
      });
      assert.deepEqual(second.unresolved, []);
    });

    test("a failure midway leaves nothing: an org that cannot be created rolls the resolution back", async () => {
      const store = await fresh();
      await loadReferenceDirectory(store.db);
      const province = await orgId(store, "山东省市场监督管理局");
      const { planId } = await importPlan(store, {
        bytes: plan("2025年海洋知识产权工作任务清单", "省海洋发展研究院"),
        fileName: "a.txt",
        orgId: province,
        userId: null,
      });
      const before = await store.db.selectFrom("audit_log").select("id").execute();
      // An org of that name exists under that parent: the insert fails after nothing else was kept.
      const division = await store.db
        .selectFrom("orgs")
        .select("parent_id")
        .where("name", "=", "法规处")
        .executeTakeFirstOrThrow();
      const taken = { name: "法规处", kind: "division" as const, parentId: division.parent_id, regionCode: "370000" };
      await assert.rejects(
        resolveUnitName(store.db, actor, planId, "省海洋发展研究院", { newOrg: taken }),
        ConflictError,
      );
      assert.equal((await listUnresolved(store.db, planId)).length, 1);
      assert.equal((await store.db.selectFrom("audit_log").select("id").execute()).length, before.length);
    });
  });
}
