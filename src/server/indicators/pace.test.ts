// Pace through the API: a province target split down to cities and a county, values rolled up, the
// plan's figure and each org's judged by Open SDG's measure; corrections and shares audited.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Branches, setUpBranches } from "../../../test/support/two-branches.ts";
import { type Agent, closeTemplate, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`indicators/pace over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let b: Branches;
    let indicatorId = 0;
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    type PaceJson = {
      band: string;
      latest?: { t: number; value: number } | null;
      ratio: number | null;
      method: string | null;
      observedGrowth: number | null;
      requiredGrowth: number | null;
      neededThisYear: { year: number; value: number } | null;
      forecast: { year: number; value: number; method: string; meetsTarget: boolean } | null;
    };
    type IndicatorJson = {
      id: number;
      rowVersion: number;
      baseline: { year: number; value: number } | null;
      pace: {
        direction: string;
        additive: boolean;
        path: { year: number; value: number }[];
        headline: { orgName: string; figure: string; pace: PaceJson };
        orgs: { orgName: string; figure: string; targets: { year: number; value: number }[]; pace: PaceJson }[];
        splitChecks: { orgId: number; year: number; check: { status: string; difference?: number } }[];
      };
    };

    const close = (actual: number | null | undefined, expected: number, digits = 3) =>
      assert.ok(
        actual !== null && actual !== undefined && Math.abs(actual - expected) < 10 ** -digits,
        `${actual} ≠ ${expected}`,
      );

    before(async () => {
      env = await testEnvOn(kind); // today is 2025-03-01
      b = await setUpBranches(env.store);
      const row = await env.store.db
        .insertInto("indicators")
        .values({
          plan_id: b.planId,
          region_code: "370000",
          name: "高价值发明专利",
          op: ">=",
          target: 560,
          unit: "件",
          due_by: "2025",
          source: "{}",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      indicatorId = row.id;
      const values: [number, string, number][] = [
        [b.orgs.jinan, "2023-12-31", 250],
        [b.orgs.jinan, "2024-12-31", 270],
        [b.orgs.taishan, "2023-12-31", 80],
        [b.orgs.taishan, "2024-12-31", 100],
      ];
      for (const [org, asOf, value] of values)
        await env.store.db
          .insertInto("indicator_values")
          .values({ indicator_id: indicatorId, org_id: org, region_code: "370000", value, as_of: asOf, source: "统计" })
          .execute();
      for (const name of ["admin", "province_office", "office_jinan", "office_taian", "reporter_taian"])
        agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const view = async (who: string, query = ""): Promise<IndicatorJson> => {
      const res = await as(who).request("GET", `/api/plans/${b.planId}/indicators${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const item = (res.json() as { items: IndicatorJson[] }).items.find((i) => i.id === indicatorId);
      assert.ok(item);
      return item;
    };

    describe("indicator pace", () => {
      test("the plan's office sets the baseline; others may not; a stale version is refused", async () => {
        const before = await view("province_office");
        assert.equal(before.baseline, null);
        const patch = (who: string, body: Record<string, unknown>) =>
          as(who).request("PATCH", `/api/indicators/${indicatorId}`, body);
        assert.equal((await patch("office_jinan", { rowVersion: before.rowVersion, baseline: null })).statusCode, 403);
        const bad = await patch("province_office", {
          rowVersion: before.rowVersion,
          targetPath: [
            { year: 2025, value: 500 },
            { year: 2025, value: 560 },
          ],
        });
        assert.equal(bad.statusCode, 400, bad.body);
        assert.match(bad.body, /2025 twice/);
        const ok = await patch("province_office", {
          rowVersion: before.rowVersion,
          baseline: { year: 2022, value: 300 },
        });
        assert.equal(ok.statusCode, 200, ok.body);
        const after = ok.json() as IndicatorJson;
        assert.deepEqual(after.baseline, { year: 2022, value: 300 });
        assert.equal(after.rowVersion, before.rowVersion + 1);
        const stale = await patch("province_office", { rowVersion: before.rowVersion, kind: "flow" });
        assert.equal(stale.statusCode, 409, stale.body);
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select(["action", "after"])
          .where("entity", "=", "indicator")
          .where("entity_id", "=", String(indicatorId))
          .execute();
        assert.ok(audit.some((a) => a.action === "indicator.update"));
      });

      test("shares split down the levels; sums that fall short are flagged, not refused", async () => {
        const put = (who: string, body: Record<string, unknown>) =>
          as(who).request("PUT", `/api/indicators/${indicatorId}/targets`, body);
        const province = await put("province_office", {
          year: 2025,
          shares: [
            { orgId: b.orgs.jinan, target: 300 },
            { orgId: b.orgs.taian, target: 200 },
          ],
        });
        assert.equal(province.statusCode, 200, province.body);
        const checks = (province.json() as { checks: IndicatorJson["pace"]["splitChecks"] }).checks;
        assert.deepEqual(
          checks.find((c) => c.orgId === b.orgs.province),
          { orgId: b.orgs.province, year: 2025, check: { status: "short", total: 500, difference: -60 } },
        );
        // 泰安's office splits its own share among its counties, but may not set its own.
        assert.equal(
          (await put("office_taian", { year: 2025, shares: [{ orgId: b.orgs.taian, target: 250 }] })).statusCode,
          403,
        );
        assert.equal(
          (await put("office_jinan", { year: 2025, shares: [{ orgId: b.orgs.taishan, target: 1 }] })).statusCode,
          404,
        );
        assert.equal(
          (await put("reporter_taian", { year: 2025, shares: [{ orgId: b.orgs.taishan, target: 1 }] })).statusCode,
          403,
        );
        const county = await put("office_taian", { year: 2025, shares: [{ orgId: b.orgs.taishan, target: 150 }] });
        assert.equal(county.statusCode, 200, county.body);
        const countyChecks = (county.json() as { checks: IndicatorJson["pace"]["splitChecks"] }).checks;
        assert.equal(countyChecks.find((c) => c.orgId === b.orgs.taian)?.check.status, "short");
      });

      test("the province's figure is built from its cities', each org judged against its share", async () => {
        const item = await view("province_office");
        assert.equal(item.pace.additive, true);
        assert.equal(item.pace.direction, "increase");
        const headline = item.pace.headline;
        // 济南 270 + 泰安 (泰山区's 100) = 370 at the end of 2024, 330 a year before.
        assert.equal(headline.figure, "roll_up");
        // (370/300)^(1/2) − 1 = 11.06% against (560/300)^(1/3) − 1 = 23.14%: R = 0.478
        close(headline.pace.observedGrowth, 0.110555);
        close(headline.pace.requiredGrowth, 0.231443);
        close(headline.pace.ratio, 0.4777);
        assert.equal(headline.pace.band, "limited_progress");
        assert.deepEqual(headline.pace.neededThisYear, { year: 2025, value: 560 });
        // two reported years: compounding 370 · 1.1106 = 410.9, short of 560
        assert.equal(headline.pace.forecast?.method, "compound");
        close(headline.pace.forecast?.value, 410.905, 1);
        assert.equal(headline.pace.forecast?.meetsTarget, false);

        const org = (name: string) => item.pace.orgs.find((o) => o.orgName === name);
        // 济南 250 → 270 against 300: 8% against (300/250)^(1/2) − 1 = 9.54%: R = 0.838
        const jinan = org("济南市市场监督管理局");
        assert.equal(jinan?.figure, "own");
        assert.equal(jinan?.pace.band, "acceleration_needed");
        // 泰安 reports nothing itself: its county's figures, against its share of 200
        const taian = org("泰安市市场监督管理局");
        assert.equal(taian?.figure, "roll_up");
        assert.deepEqual(taian?.targets, [{ year: 2025, value: 200, high: null }]);
        assert.equal(taian?.pace.band, "limited_progress");
        // best pace first: 济南 (0.838) before 泰山区 (0.677) before 泰安 (0.43)
        assert.deepEqual(
          item.pace.orgs.map((o) => o.orgName),
          ["济南市市场监督管理局", "泰山区市场监督管理局", "泰安市市场监督管理局"],
        );
      });

      test("narrowed to a city, the city's figure heads against its share; other branches stay out", async () => {
        const item = await view("office_taian", `?under=${b.orgs.taian}`);
        assert.equal(item.pace.headline.orgName, "泰安市市场监督管理局");
        assert.equal(item.pace.headline.figure, "roll_up");
        // 80 → 100 against 200: 25% against (200/80)^(1/2) − 1 = 58.11%
        close(item.pace.headline.pace.ratio, 0.25 / 0.581139);
        assert.deepEqual(
          item.pace.orgs.map((o) => o.orgName),
          ["泰山区市场监督管理局"],
        );
      });
      test("a rate rolls up as the mean weighted by its weight indicator; without one, side by side", async () => {
        const insert = async (name: string, unit: string, target: number) =>
          (
            await env.store.db
              .insertInto("indicators")
              .values({
                plan_id: b.planId,
                region_code: "370000",
                name,
                op: ">=",
                target,
                unit,
                due_by: "2025",
                source: "{}",
              })
              .returning(["id", "row_version"])
              .executeTakeFirstOrThrow()
          ).id;
        const rate = await insert("万人高价值发明专利拥有量", "件", 7);
        const people = await insert("常住人口", "万人", 1500);
        const values: [number, number, string, number][] = [
          [rate, b.orgs.jinan, "2024-12-31", 12],
          [rate, b.orgs.taian, "2024-12-31", 6],
          [people, b.orgs.jinan, "2024-12-31", 900],
          [people, b.orgs.taian, "2024-12-31", 540],
        ];
        for (const [indicator, org, asOf, value] of values)
          await env.store.db
            .insertInto("indicator_values")
            .values({ indicator_id: indicator, org_id: org, region_code: "370000", value, as_of: asOf, source: "统计" })
            .execute();
        const read = async () => {
          const res = await as("province_office").request("GET", `/api/plans/${b.planId}/indicators`);
          const item = (res.json() as { items: (IndicatorJson & { weightIndicatorId: number | null })[] }).items.find(
            (i) => i.id === rate,
          );
          assert.ok(item);
          return item as IndicatorJson & {
            weightIndicatorId: number | null;
            pace: {
              rollUp: {
                method: string;
                years: { year: number; value: number; weight?: number }[];
                sideBySide: unknown[];
              };
            };
          };
        };
        const plain = await read();
        assert.equal(plain.pace.additive, false);
        assert.equal(plain.pace.rollUp.method, "side_by_side");
        assert.equal(plain.pace.rollUp.sideBySide.length, 2, "each city's rate, nothing summed");
        assert.equal(plain.pace.headline.figure, "none", "the province has no figure of its own for a rate");

        const patch = (body: Record<string, unknown>) =>
          as("province_office").request("PATCH", `/api/indicators/${rate}`, body);
        const self = await patch({ rowVersion: plain.rowVersion, weightIndicatorId: rate });
        assert.equal(self.statusCode, 400, self.body);
        assert.equal(self.json().errors[0].path, "body.weightIndicatorId");
        const ok = await patch({ rowVersion: plain.rowVersion, weightIndicatorId: people });
        assert.equal(ok.statusCode, 200, ok.body);
        const weighted = await read();
        assert.equal(weighted.weightIndicatorId, people);
        assert.equal(weighted.pace.rollUp.method, "weighted");
        // (12·900 + 6·540) / 1440 = (10800 + 3240) / 1440 = 9.75 — the plain mean would say 9.
        assert.deepEqual(
          weighted.pace.rollUp.years.map((y) => [y.year, y.value, y.weight]),
          [[2024, 9.75, 1440]],
        );
        assert.equal(weighted.pace.headline.figure, "roll_up");
        assert.equal(weighted.pace.headline.pace.latest?.value, 9.75);
        assert.equal(weighted.pace.headline.pace.band, "target_achieved");
      });

      test("off pace is a state of its own on every pace", async () => {
        const item = await view("province_office");
        const headline = item.pace.headline.pace as PaceJson & { offPace: boolean };
        assert.equal(headline.band, "limited_progress");
        assert.equal(headline.offPace, true);
      });
    });
  });
}
