// Re-importing a plan: an identical file (same bytes, or the same parse) changes nothing and creates no
// version; a real revision carries recorded indicator values to the indicators it continues.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import type { Store } from "../../store/db.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan, previewImport } from "./import-plan.ts";

const V1 = [
  "2025年全市知识产权工作任务清单",
  "",
  "任务清单\t落实举措\t责任单位\t完成时间",
  "一、提升知识产权创造质量\t\t\t",
  "1. 提高专利质量\t全市发明专利授权量达到2000件以上。\t知识产权保护处\t年底前",
  "\t每万人口高价值发明专利拥有量达到12件。\t知识产权保护处\t年底前",
  "2. 加强商标品牌建设\t新增地理标志商标10件以上。\t知识产权保护处\t全年",
].join("\n");
const V2 = V1.replace("2000件", "2500件").replace("新增地理标志商标10件以上。", "新增商标注册量达到5000件以上。");

async function province(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("orgs")
    .select("id")
    .where("name", "=", "山东省市场监督管理局（山东省知识产权局）")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function recordValues(store: Store, planId: number, orgId: number): Promise<void> {
  const indicators = await store.db
    .selectFrom("indicators")
    .select(["id", "target"])
    .where("plan_id", "=", planId)
    .execute();
  await store.db
    .insertInto("indicator_values")
    .values(
      indicators.flatMap((i) => [
        {
          indicator_id: i.id,
          org_id: orgId,
          region_code: "370000",
          value: i.target / 2,
          as_of: "2025-03-31",
          source: "一季度统计",
        },
        { indicator_id: i.id, org_id: orgId, region_code: "370000", value: i.target * 0.9, as_of: "2025-06-30" },
      ]),
    )
    .execute();
}

for (const kind of storeKinds()) {
  describe(`re-importing a plan on ${kind.name}`, () => {
    const fresh = storesFor(kind);
    const open = async () => {
      const s = await fresh();
      await loadReferenceDirectory(s.db);
      return s;
    };

    test("the identical file, or the same content re-saved, is 'nothing changed' and creates no version", async () => {
      const store = await open();
      const orgId = await province(store);
      const first = await importPlan(store, { bytes: Buffer.from(V1), fileName: "a.txt", orgId, userId: null });
      assert.equal(first.nothingChanged, null);

      const preview = await previewImport(store, { bytes: Buffer.from(V1), fileName: "a.txt", orgId, userId: null });
      assert.equal(preview.revision?.identical?.reason, "checksum");
      const same = await importPlan(store, { bytes: Buffer.from(V1), fileName: "a.txt", orgId, userId: null });
      assert.deepEqual(
        { planId: same.planId, version: same.version, reason: same.nothingChanged?.reason },
        { planId: first.planId, version: 1, reason: "checksum" },
      );
      assert.match(same.nothingChanged?.message.zh ?? "", /没有变化/);
      assert.match(same.nothingChanged?.message.en ?? "", /Nothing changed/);

      // Windows line endings and a BOM: other bytes, the same plan.
      const resaved = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(V1.replaceAll("\n", "\r\n"))]);
      const again = await importPlan(store, { bytes: resaved, fileName: "a-copy.txt", orgId, userId: null });
      assert.equal(again.nothingChanged?.reason, "content");

      const plans = await store.db.selectFrom("plans").select(["id", "version", "status"]).execute();
      assert.deepEqual(plans, [{ id: first.planId, version: 1, status: "active" }]);
      const audits = await store.db.selectFrom("audit_log").select("id").where("action", "=", "plan.import").execute();
      assert.equal(audits.length, 1);
    });

    test("a revision carries indicator values to matching indicators and previews what changed", async () => {
      const store = await open();
      const orgId = await province(store);
      const v1 = await importPlan(store, { bytes: Buffer.from(V1), fileName: "v1.txt", orgId, userId: null });
      assert.equal(v1.counts.indicators, 3);
      await recordValues(store, v1.planId, orgId);

      const preview = await previewImport(store, { bytes: Buffer.from(V2), fileName: "v2.txt", orgId, userId: null });
      const ind = preview.revision?.indicators;
      assert.equal(preview.revision?.identical, null);
      assert.equal(ind?.unchanged, 1);
      assert.deepEqual(
        ind?.changed.map((c) => [c.before.name, c.before.target, c.after.target, c.values]),
        [["发明专利授权量", 2000, 2500, 2]],
      );
      assert.deepEqual(
        ind?.added.map((a) => [a.name, a.target]),
        [["新增商标注册量", 5000]],
      );
      assert.deepEqual(
        ind?.removed.map((r) => [r.name, r.values]),
        [["新增地理标志商标", 2]],
      );
      assert.equal(ind?.carriedValues, 4);

      const v2 = await importPlan(store, { bytes: Buffer.from(V2), fileName: "v2.txt", orgId, userId: null });
      assert.equal(v2.version, 2);
      assert.deepEqual(v2.changes?.indicators, { unchanged: 1, changed: 1, added: 1, removed: 1, carriedValues: 4 });
      const carried = await store.db
        .selectFrom("indicator_values as v")
        .innerJoin("indicators as i", "i.id", "v.indicator_id")
        .select(["i.name", "i.target", "v.value", "v.as_of", "v.source"])
        .where("i.plan_id", "=", v2.planId)
        .orderBy("i.id")
        .orderBy("v.as_of")
        .execute();
      assert.deepEqual(carried, [
        { name: "发明专利授权量", target: 2500, value: 1000, as_of: "2025-03-31", source: "一季度统计" },
        { name: "发明专利授权量", target: 2500, value: 1800, as_of: "2025-06-30", source: "" },
        { name: "每万人口高价值发明专利拥有量", target: 12, value: 6, as_of: "2025-03-31", source: "一季度统计" },
        { name: "每万人口高价值发明专利拥有量", target: 12, value: 10.8, as_of: "2025-06-30", source: "" },
      ]);
    });
  });
}
