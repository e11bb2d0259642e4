// Unit names resolve within the importing office's region: a Hunan office's 省公安厅 is Hunan's, never
// Shandong's (whose reference data carries 省公安厅 as an alias), and an alias a Fujian office taught is
// not used by a Shandong county.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { addFujian, addHunan, HUNAN_BUREAU } from "../../../test/support/regions.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import type { Store } from "../../store/db.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { OutsideRegionError } from "./import-names.ts";
import { importPlan, previewImport } from "./import-plan.ts";

const HUNAN_TABLE = readFileSync(
  join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "layouts", "hunan-provincial-task-table.txt"),
);

const COUNTY_PLAN = Buffer.from(
  [
    "2025年县域知识产权工作任务清单",
    "",
    "任务清单\t落实举措\t责任单位\t完成时间",
    "一、提升知识产权服务能力\t\t\t",
    "1. 建设知识产权服务网点\t建设乡镇知识产权服务站点，开展专利导航服务。\t县市场监管局牵头，县知识产权服务中心配合\t2025年12月底前",
    "\t组织企业参加知识产权培训。\t县市场监管局\t全年",
  ].join("\n"),
);

const idOf = async (store: Store, name: string) =>
  (await store.db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

async function assignedNames(store: Store, planId: number): Promise<Map<string, string[]>> {
  const rows = await store.db
    .selectFrom("assignments as a")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["m.stated_units", "o.name"])
    .where("a.plan_id", "=", planId)
    .orderBy("a.id")
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.name, [...(out.get(r.name) ?? []), r.stated_units]);
  return out;
}

for (const kind of storeKinds()) {
  describe(`unit names resolve within the importer's region on ${kind.name}`, () => {
    const fresh = storesFor(kind);
    const open = async () => {
      const s = await fresh();
      await loadReferenceDirectory(s.db);
      return s;
    };

    test("a Hunan provincial office's 省… names go to Hunan's orgs or stay unresolved, never Shandong's", async () => {
      const store = await open();
      const hunan = await addHunan(store);
      const bureau = hunan.get(HUNAN_BUREAU) as number;
      const group = await store.db
        .insertInto("org_groups")
        .values({ owner_org_id: bureau, name: "各市州市场监管局" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("org_group_members")
        .values(
          ["长沙市市场监督管理局", "株洲市市场监督管理局"].map((n) => ({
            group_id: group.id,
            org_id: hunan.get(n) as number,
          })),
        )
        .execute();
      const request = { bytes: HUNAN_TABLE, fileName: "hunan.txt", orgId: bureau, userId: null };

      const preview = await previewImport(store, request);
      const resolvedTo = new Map(preview.names.map((n) => [n.name, n.orgs.map((o) => `${o.orgName}@${o.regionName}`)]));
      assert.deepEqual(resolvedTo.get("省市场监督管理局"), [`${HUNAN_BUREAU}@湖南省`]);
      assert.deepEqual(resolvedTo.get("省公安厅"), ["湖南省公安厅@湖南省"]);
      assert.deepEqual(resolvedTo.get("省高级人民法院"), ["湖南省高级人民法院@湖南省"]);
      assert.deepEqual(resolvedTo.get("省农业农村厅"), ["湖南省农业农村厅@湖南省"]);
      assert.deepEqual(resolvedTo.get("各市州市场监管局"), [
        "长沙市市场监督管理局@湖南省长沙市",
        "株洲市市场监督管理局@湖南省株洲市",
      ]);
      assert.deepEqual(resolvedTo.get("省司法厅"), [], "Hunan has no 司法厅 in the directory: left for a person");
      assert.deepEqual(preview.outsideRegion, []);

      const result = await importPlan(store, request);
      assert.deepEqual(
        result.unresolved.map((u) => u.name),
        ["省司法厅"],
      );
      const assigned = await assignedNames(store, result.planId);
      const hunanNames = new Set(hunan.keys());
      assert.deepEqual(
        [...assigned.keys()].filter((n) => !hunanNames.has(n)),
        [],
        "every assignment is a Hunan org",
      );
      assert.equal(result.counts.assignments, 14);
      const shandongPlans = await store.db
        .selectFrom("assignments as a")
        .innerJoin("orgs as o", "o.id", "a.org_id")
        .select("a.id")
        .where("o.name", "like", "山东%")
        .execute();
      assert.equal(shandongPlans.length, 0);
    });

    test("an alias taught by a Fujian office is not applied to a Shandong county's import", async () => {
      const store = await open();
      const fujian = await addFujian(store);
      const quanzhou = fujian.get("泉州市市场监督管理局") as number;
      const anxi = fujian.get("安溪县市场监督管理局") as number;
      const anxiCentre = fujian.get("安溪县知识产权服务中心") as number;
      const taian = await idOf(store, "泰安市市场监督管理局");
      const ningyang = (
        await store.db
          .insertInto("orgs")
          .values({
            name: "宁阳县市场监督管理局",
            kind: "county",
            parent_id: taian,
            region_code: "370921",
            is_region_office: true,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;

      // 泉州 imports a county plan for 安溪 and maps its relative names by hand.
      const first = await importPlan(store, {
        bytes: COUNTY_PLAN,
        fileName: "anxi.txt",
        orgId: quanzhou,
        userId: null,
        mappings: { 县市场监管局: anxi, 县知识产权服务中心: anxiCentre },
      });
      assert.deepEqual(first.unresolved, []);
      const again = await previewImport(store, {
        bytes: COUNTY_PLAN,
        fileName: "anxi-2.txt",
        orgId: quanzhou,
        userId: null,
      });
      assert.deepEqual(
        again.names.map((n) => [n.name, n.orgs.map((o) => o.orgId)]),
        [
          ["县市场监管局", [anxi]],
          ["县知识产权服务中心", [anxiCentre]],
        ],
        "the office that taught the aliases keeps them",
      );

      const shandong = await importPlan(store, {
        bytes: COUNTY_PLAN,
        fileName: "ningyang.txt",
        orgId: ningyang,
        userId: null,
      });
      const assigned = await assignedNames(store, shandong.planId);
      assert.deepEqual([...assigned.keys()], ["宁阳县市场监督管理局"], "县市场监管局 is the county's own bureau");
      assert.deepEqual(
        shandong.unresolved.map((u) => u.name),
        ["县知识产权服务中心"],
        "Fujian's alias does not reach Shandong",
      );
    });

    test("an assignment outside the importer's region needs an explicit confirmation", async () => {
      const store = await open();
      const hunan = await addHunan(store);
      const bureau = hunan.get(HUNAN_BUREAU) as number;
      const shandongJustice = await idOf(store, "山东省司法厅");
      const request = {
        bytes: HUNAN_TABLE,
        fileName: "hunan.txt",
        orgId: bureau,
        userId: null,
        mappings: { 省司法厅: shandongJustice },
      };
      const preview = await previewImport(store, request);
      assert.deepEqual(
        preview.outsideRegion.map((o) => [o.name, o.orgName, o.regionName]),
        [["省司法厅", "山东省司法厅", "山东省"]],
      );
      const flagged = preview.names.find((n) => n.name === "省司法厅")?.orgs[0];
      assert.equal(flagged?.outsideRegion, true);
      await assert.rejects(importPlan(store, request), (error: unknown) => {
        assert.ok(error instanceof OutsideRegionError);
        assert.deepEqual(
          error.items.map((i) => i.orgId),
          [shandongJustice],
        );
        return true;
      });
      assert.equal((await store.db.selectFrom("plans").select("id").execute()).length, 0, "nothing written");
      const confirmed = await importPlan(store, { ...request, confirmOutsideRegion: true });
      assert.deepEqual(
        confirmed.unresolved.map((u) => u.name),
        ["各市州市场监管局"],
        "no group of that name in Hunan; Shandong's 各市… groups do not apply",
      );
    });
  });
}
