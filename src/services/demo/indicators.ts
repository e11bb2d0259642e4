// Demo indicator values (指标值): what each issuing office has reported against its plan's targets, so the
// dashboards, the plan's indicator page and the report draft have progress to show. Plausible year-end
// figures (and a mid-year one where an office reports twice a year), some targets met, some not yet, one
// indicator left unreported. Where the office split a target among the orgs under it (指标分解), each org's
// share and its own figures, so the plan's indicators rank those orgs by pace and the roll-up has parts.
// Reported through the service, so each value is validated and audited.
import { addDays, minDate } from "../../domain/dates.ts";
import type { Store } from "../../store/db.ts";
import { recordIndicatorValue } from "../indicators/indicators.ts";
import { correctIndicator, setTargetShares } from "../indicators/targets.ts";

type Series = { name: string; values: [asOf: string, value: number][] };
/** Per seed plan: the indicators' names as the parser reads them, the office's account and source. */
type PlanFigures = {
  reporter: string;
  source: string;
  series: Series[];
  /** The base-year figures the office sets for pace (the plan prints none): name → [year, value]. */
  baselines?: Record<string, [year: number, value: number]>;
  /**
   * Targets split among orgs under the office: indicator name → the target year and, per org's name, its
   * share and its year-end figures (YEAR_ENDS order). The office files them days before its own figure.
   */
  shares?: Record<string, { year: number; orgs: Record<string, [share: number, figures: number[]]> }>;
};

const YEAR_ENDS = ["2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"];
const yearly = (name: string, figures: number[]): Series => ({
  name,
  values: figures.map((value, i) => [YEAR_ENDS[i] as string, value]),
});

export const DEMO_INDICATOR_VALUES: Record<string, PlanFigures> = {
  "cnipa-2021-national-task-list": {
    reporter: "cnipa",
    source: "国家知识产权局年度统计",
    series: [
      {
        name: "技术与创新支持中心",
        values: [
          ["2021-06-30", 82],
          ["2021-12-31", 106],
        ],
      },
    ],
  },
  "sd-2021-provincial-task-list": {
    reporter: "shandong",
    source: "省局知识产权保护处统计（16市汇总）",
    series: [
      {
        name: "市级人民调解组织覆盖率",
        values: [
          ["2021-06-30", 75],
          ["2021-12-31", 93.8],
        ],
      },
      {
        name: "仲裁组织覆盖率",
        values: [
          ["2021-06-30", 50],
          ["2021-12-31", 68.8],
        ],
      },
    ],
  },
  "sd-14th-fyp-ip-plan": {
    reporter: "shandong",
    source: "省局年度知识产权发展状况报告",
    series: [
      {
        name: "国家级知识产权保护中心、快速维权中心",
        values: [
          ["2021-12-31", 2],
          ["2022-12-31", 3],
          ["2023-12-31", 4],
          ["2024-12-31", 4],
        ],
      },
    ],
  },
  "sd-2023-2025-protection-plan": {
    reporter: "shandong",
    source: "省局知识产权保护处统计",
    // 战略性新兴产业服务领域 is left unreported: an indicator still waiting for its first figure.
    series: [
      {
        name: "新建国家级知识产权保护中心、快速维权中心",
        values: [
          ["2023-12-31", 0],
          ["2024-12-31", 1],
        ],
      },
    ],
  },
  "taishan-2022-2025-county-plan": {
    reporter: "taishan",
    source: "区市场监管局知识产权统计报表",
    baselines: {
      高价值发明专利: [2021, 411],
      万人高价值发明专利拥有量: [2021, 5],
      有效发明专利: [2021, 1300],
      侵犯知识产权行政处罚案件结案率: [2021, 88],
    },
    series: [
      // As of the end of 2024 the bands differ: 高价值发明专利 needs acceleration (at 6.6% a year 498 becomes
      // 531 in 2025, short of 560), 万人… makes limited progress, 结案率 falls back, 有效发明专利 is on track,
      // 审结率 has reached its target; by 2026 each target year is over (achieved or not).
      yearly("高价值发明专利", [438, 467, 498, 531]),
      yearly("万人高价值发明专利拥有量", [5.2, 5.3, 5.4, 5.5]),
      yearly("有效发明专利", [1516, 1804, 2107, 2236]),
      yearly("万人有效发明专利拥有量", [15.8, 18.9, 22.1, 23.2]),
      yearly("有效注册商标", [1.52, 1.71, 1.93, 2.04]),
      yearly("中国驰名商标", [10, 11, 12, 12]),
      yearly("地理标志证明商标", [2, 3, 3, 3]),
      yearly("办理知识产权质押融资登记", [12, 26, 38, 44]),
      yearly("质押额", [1.1, 2.6, 3.9, 4.5]),
      yearly("国家知识产权优势示范企业", [5, 7, 8, 9]),
      yearly("侵犯知识产权行政处罚案件结案率", [87, 86.5, 85.9, 87.2]),
      yearly("涉及知识产权纠纷行政裁决案件审结率", [92, 96, 100, 100]),
      yearly("培育知识产权贯标企业", [14, 23, 31, 33]),
    ],
    // The office's 35 enterprises by 2025 split among the towns and the development zone; their figures add
    // up to the office's each year. As of the end of 2024: 省庄镇 has met its share, the zone and 邱家店镇 are
    // on track, 岱庙街道 (flat) makes limited progress.
    shares: {
      培育知识产权贯标企业: {
        year: 2025,
        orgs: {
          泰山区经济开发区管委会: [15, [5, 9, 14, 15]],
          省庄镇: [8, [3, 6, 8, 8]],
          邱家店镇: [6, [2, 4, 5, 6]],
          岱庙街道: [6, [4, 4, 4, 4]],
        },
      },
    },
  },
};

/**
 * Reports a seed plan's demo figures as the issuing office's account, for the office's own org. Figures
 * dated after `today` are left out (a value cannot be as of a day still to come); so is an indicator
 * the parser no longer finds, rather than failing the whole demo.
 */
export async function reportDemoIndicatorValues(
  store: Store,
  seed: string,
  planId: number,
  today: string,
): Promise<void> {
  const figures = DEMO_INDICATOR_VALUES[seed];
  if (!figures) return;
  const reporter = await store.db
    .selectFrom("users")
    .select(["id", "org_id"])
    .where("username", "=", figures.reporter)
    .executeTakeFirstOrThrow();
  const indicators = await store.db
    .selectFrom("indicators")
    .select(["id", "name"])
    .where("plan_id", "=", planId)
    .execute();
  for (const [name, [year, value]] of Object.entries(figures.baselines ?? {})) {
    const indicator = await store.db
      .selectFrom("indicators")
      .select(["id", "row_version"])
      .where("plan_id", "=", planId)
      .where("name", "=", name)
      .executeTakeFirst();
    if (!indicator) continue;
    await correctIndicator(store.db, {
      indicatorId: indicator.id,
      rowVersion: indicator.row_version,
      changes: { baseline: { year, value } },
      userId: reporter.id,
      at: new Date(`${minDate("2022-01-20", today)}T02:00:00Z`),
    });
  }
  for (const [name, split] of Object.entries(figures.shares ?? {})) {
    const indicator = indicators.find((i) => i.name === name);
    if (!indicator) continue;
    const orgs = await store.db
      .selectFrom("orgs")
      .select(["id", "name"])
      .where("parent_id", "=", reporter.org_id)
      .where("name", "in", Object.keys(split.orgs))
      .execute();
    if (orgs.length === 0) continue;
    const share = (org: { name: string }) => split.orgs[org.name] as [number, number[]];
    await setTargetShares(store.db, {
      indicatorId: indicator.id,
      year: split.year,
      shares: orgs.map((o) => ({ orgId: o.id, target: share(o)[0] })),
      userId: reporter.id,
      at: new Date(`${minDate("2022-02-10", today)}T02:00:00Z`),
    });
    for (const org of orgs)
      for (const [i, value] of share(org)[1].entries()) {
        const asOf = YEAR_ENDS[i] as string;
        if (asOf > today) continue;
        await recordIndicatorValue(store.db, {
          indicatorId: indicator.id,
          orgId: org.id,
          value,
          asOf,
          source: figures.source,
          userId: reporter.id,
          today,
          at: new Date(`${minDate(addDays(asOf, 8), today)}T02:00:00Z`),
        });
      }
  }
  for (const series of figures.series) {
    const indicator = indicators.find((i) => i.name === series.name);
    if (!indicator) continue;
    for (const [asOf, value] of series.values) {
      if (asOf > today) continue;
      await recordIndicatorValue(store.db, {
        indicatorId: indicator.id,
        orgId: reporter.org_id,
        value,
        asOf,
        source: figures.source,
        userId: reporter.id,
        today,
        // Filed some days after the period closes, as offices do.
        at: new Date(`${minDate(addDays(asOf, 12), today)}T02:00:00Z`),
      });
    }
  }
}
