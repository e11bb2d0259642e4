// The parser's readings survive the import, corrections and shares are one transaction with their
// audit entry, and a share lets an org with no work in the plan report against it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import type { Store } from "../../store/db.ts";
import { ConflictError } from "../../store/errors.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan } from "../plans/import-plan.ts";
import { planIndicators, recordIndicatorValue } from "./indicators.ts";
import { correctIndicator, setTargetShares, targetShares } from "./targets.ts";

const PLAN = [
  "泰山区知识产权强县建设工作方案（2022—2025年）",
  "",
  "一、主要目标",
  "到2025年，万人高价值发明专利拥有量由2020年的3.2件提高到7件；累计培育知识产权贯标企业不少于35家。",
  "二、重点任务",
  "1.实施高价值专利培育计划。推进高价值专利培育。（区市场监管局负责）",
  "",
].join("\n");

async function imported(store: Store) {
  await loadReferenceDirectory(store.db);
  const org = (name: string) =>
    store.db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  const taian = (await org("泰安市市场监督管理局")).id;
  // A county office made for the test: no work in the plan.
  const taishan = (
    await store.db
      .insertInto("orgs")
      .values({ name: "测试县市场监督管理局", kind: "county", parent_id: taian, region_code: "370999" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const { planId } = await importPlan(store, {
    bytes: Buffer.from(PLAN),
    fileName: "plan.txt",
    orgId: taian,
    userId: null,
  });
  const user = await store.db
    .insertInto("users")
    .values({ username: "u", display_name: "统计员", password_hash: "x", role: "plan_office", org_id: taian })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { planId, taian, taishan, userId: user.id };
}

for (const kind of storeKinds()) {
  describe(`indicator pace on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("the import keeps the base year and value, the running total and the sentence", async () => {
      const store = await open();
      const { planId } = await imported(store);
      const items = await planIndicators(store.db, planId, undefined, undefined, { today: "2024-06-30" });
      const perCapita = items.find((i) => i.name === "万人高价值发明专利拥有量");
      assert.deepEqual(perCapita?.baseline, { year: 2020, value: 3.2 });
      assert.equal(perCapita?.kind, "stock");
      assert.match(perCapita?.rawText ?? "", /由2020年的3\.2件提高到7件/);
      assert.equal(perCapita?.pace.additive, false);
      assert.equal(perCapita?.pace.headline.pace.gap, "no_values");
      // the course from 3.2 (2020) to 7 (2025) stands at 3.2 · (7/3.2)^(4/5) = 5.9 at the end of 2024
      const needed = perCapita?.pace.headline.pace.neededThisYear?.value ?? 0;
      assert.ok(Math.abs(needed - 3.2 * (7 / 3.2) ** 0.8) < 1e-9, String(needed));
      const firms = items.find((i) => i.name.includes("贯标企业"));
      assert.equal(firms?.cumulative, true);
      assert.equal(firms?.kind, "stock", "a running total is reported as the total so far");
    });

    test("a correction checks the row version and is audited; a share lets the county report", async () => {
      const store = await open();
      const { planId, taishan, userId } = await imported(store);
      const [first] = await planIndicators(store.db, planId, undefined, undefined, { today: "2024-06-30" });
      assert.ok(first);
      const at = new Date("2024-06-30T08:00:00Z");
      const { rowVersion } = await correctIndicator(store.db, {
        indicatorId: first.id,
        rowVersion: first.rowVersion,
        changes: {
          targetPath: [
            { year: 2025, value: 7 },
            { year: 2023, value: 5 },
          ],
        },
        userId,
        at,
      });
      assert.equal(rowVersion, first.rowVersion + 1);
      await assert.rejects(
        correctIndicator(store.db, {
          indicatorId: first.id,
          rowVersion: first.rowVersion,
          changes: { kind: "flow" },
          userId,
          at,
        }),
        ConflictError,
      );
      const [after] = await planIndicators(store.db, planId, undefined, undefined, { today: "2024-06-30" });
      assert.deepEqual(after?.targetPath, [
        { year: 2023, value: 5 },
        { year: 2025, value: 7 },
      ]);
      assert.equal(after?.kind, "stock", "the refused correction changed nothing");

      // The county holds no work in this plan; with a share it may report against it.
      const report = () =>
        recordIndicatorValue(store.db, {
          indicatorId: first.id,
          orgId: taishan,
          value: 4.1,
          asOf: "2023-12-31",
          source: "区统计",
          userId,
          today: "2024-06-30",
          at,
        });
      await assert.rejects(report(), /share/);
      await setTargetShares(store.db, {
        indicatorId: first.id,
        year: 2025,
        shares: [{ orgId: taishan, target: 7 }],
        userId,
        at,
      });
      await report();
      assert.deepEqual(
        (await targetShares(store.db, first.id)).map((s) => [s.orgId, s.year, s.target]),
        [[taishan, 2025, 7]],
      );
      await setTargetShares(store.db, {
        indicatorId: first.id,
        year: 2025,
        shares: [{ orgId: taishan, target: null }],
        userId,
        at,
      });
      assert.deepEqual(await targetShares(store.db, first.id), []);
      const audit = await store.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "indicator")
        .where("entity_id", "=", String(first.id))
        .execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        "indicator.update",
        "indicator_targets.set",
        "indicator_targets.set",
      ]);
    });

    test("orgs rank achieved first, then by score, and past the score's cap of 5 by the ratio itself", async () => {
      const store = await open();
      const { planId, taian, userId } = await imported(store);
      const county = async (name: string, region: string) =>
        (
          await store.db
            .insertInto("orgs")
            .values({ name, kind: "county", parent_id: taian, region_code: region })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      // By name (zh) 丙 < 甲 < 乙; by pace 丙 has met its share, 乙 is far ahead of its course, 甲 ahead of it.
      const bing = await county("丙县", "370981");
      const jia = await county("甲县", "370982");
      const yi = await county("乙县", "370983");
      const items = await planIndicators(store.db, planId, undefined, undefined, { today: "2024-06-30" });
      const firms = items.find((i) => i.name.includes("贯标企业"));
      assert.ok(firms, items.map((i) => i.name).join(","));
      const at = new Date("2024-01-10T00:00:00Z");
      await setTargetShares(store.db, {
        indicatorId: firms.id,
        year: 2025,
        shares: [bing, jia, yi].map((orgId) => ({ orgId, target: 10 })),
        userId,
        at,
      });
      const figures: [number, number, number][] = [
        [bing, 5, 10],
        [jia, 2, 4],
        [yi, 2, 9],
      ];
      for (const [orgId, first, second] of figures)
        for (const [asOf, value] of [
          ["2022-12-31", first],
          ["2023-12-31", second],
        ] as const)
          await recordIndicatorValue(store.db, {
            indicatorId: firms.id,
            orgId,
            value,
            asOf,
            source: "区统计",
            userId,
            today: "2024-06-30",
            at,
          });
      const judged = (await planIndicators(store.db, planId, undefined, undefined, { today: "2024-06-30" })).find(
        (i) => i.id === firms.id,
      );
      const ranked = judged?.pace.orgs.filter((o) => o.targets.length > 0) ?? [];
      assert.deepEqual(
        ranked.map((o) => [o.orgName, o.pace.band, o.pace.score]),
        [
          ["丙县", "target_achieved", 5],
          ["乙县", "on_track", 5],
          ["甲县", "on_track", 5],
        ],
      );
      const [, ahead, behind] = ranked;
      assert.ok((ahead?.pace.ratio ?? 0) > (behind?.pace.ratio ?? 0), "乙县's ratio is the larger");
    });
  });
}
