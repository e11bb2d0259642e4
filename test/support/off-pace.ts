// Two indicators on the two-branch plan (test/support/two-branches.ts), judged on 2025-03-01:
// - 高价值发明专利 ≥560 件 by 2025, split 济南 300 and 泰安 200. 济南 250 → 270 (2023 → 2024): 8% a year
//   against the 9.54% its share needs, R = 0.838, acceleration needed; 泰山区 80 → 100 rolls up to 泰安,
//   25% against the 58.1% its share needs, limited progress; the province's figure 330 → 370 against
//   560, limited progress. So three orgs are off pace on it.
// - 专利转化项目 ≥100 项 by 2025: the province reported 120 already, achieved, nobody off pace.
import type { Store } from "../../src/store/db.ts";
import type { Branches } from "./two-branches.ts";

export async function addOffPaceIndicators(store: Store, b: Branches): Promise<{ behind: number; met: number }> {
  const insert = async (name: string, target: number, unit: string) =>
    (
      await store.db
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
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const behind = await insert("高价值发明专利", 560, "件");
  const met = await insert("专利转化项目", 100, "项");
  const values: [number, number, string, number][] = [
    [behind, b.orgs.jinan, "2023-12-31", 250],
    [behind, b.orgs.jinan, "2024-12-31", 270],
    [behind, b.orgs.taishan, "2023-12-31", 80],
    [behind, b.orgs.taishan, "2024-12-31", 100],
    [met, b.orgs.province, "2024-12-31", 120],
  ];
  for (const [indicator, org, asOf, value] of values)
    await store.db
      .insertInto("indicator_values")
      .values({ indicator_id: indicator, org_id: org, region_code: "370000", value, as_of: asOf, source: "统计" })
      .execute();
  await store.db
    .insertInto("indicator_targets")
    .values([
      { indicator_id: behind, org_id: b.orgs.jinan, region_code: "370000", target: 300, target_year: 2025 },
      { indicator_id: behind, org_id: b.orgs.taian, region_code: "370000", target: 200, target_year: 2025 },
    ])
    .execute();
  return { behind, met };
}
