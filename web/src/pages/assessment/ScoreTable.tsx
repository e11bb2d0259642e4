// The ranked table: rank, unit, weighted score and its four components, each with the counts behind it.
import { Empty, Table, Typography } from "antd";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";

export type Assessment = ResponseOf<"/api/plans/{id}/assessment">;
type OrgScore = Assessment["orgs"][number];
type Component = keyof OrgScore["components"];

export const COMPONENT_TEXT = {
  zh: {
    onTime: "按时报送",
    timeliness: "按期完成",
    overdue: "逾期控制",
    indicators: "指标达成",
  },
  en: {
    onTime: "Reports on time",
    timeliness: "Completed on time",
    overdue: "Nothing overdue",
    indicators: "Indicators met",
  },
};

const text = {
  zh: {
    rank: "排名",
    org: "单位",
    score: "综合得分",
    assignments: "任务数",
    loop: "审核·延期",
    loopCounts: "通过 {a} · 退回 {r} · 延期 {e}",
    weight: "权重 {w}%",
    notRanked: "未排名",
    none: "无",
    reports: "按时 {a} / 应报 {b}",
    late: "逾期完成 {n}",
    overdueOpen: "逾期未完成 {a} / 已到期 {b}",
    empty: "该计划尚未分解到任何单位，没有可考核的内容。",
  },
  en: {
    rank: "Rank",
    org: "Unit",
    score: "Score",
    assignments: "Items",
    loop: "Reviews · extensions",
    loopCounts: "accepted {a} · returned {r} · extended {e}",
    weight: "weight {w}%",
    notRanked: "Not ranked",
    none: "n/a",
    reports: "{a} on time of {b} owed",
    late: "{n} done late",
    overdueOpen: "{a} overdue of {b} past due",
    empty: "This plan assigns no work to any unit yet, so there is nothing to assess.",
  },
};

const COMPONENTS: Component[] = ["onTime", "timeliness", "overdue", "indicators"];
/** Unscored (null) sorts below every score in either direction's natural reading: worst. */
const byNumber = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

export function ScoreTable({ assessment }: { assessment: Assessment }) {
  const t = useText(text);
  const names = useText(COMPONENT_TEXT);
  const detail = (key: Component, row: OrgScore): string | null => {
    const c = row.counts;
    if (key === "onTime") return fill(t.reports, { a: c.reportsOnTime, b: c.reportsOwed });
    if (key === "timeliness") return c.doneLate > 0 ? fill(t.late, { n: c.doneLate }) : null;
    if (key === "overdue") return fill(t.overdueOpen, { a: c.overdueOpen, b: c.pastDue });
    return null;
  };
  return (
    <Table<OrgScore>
      rowKey="orgId"
      size="middle"
      data-testid="assessment-table"
      dataSource={assessment.orgs}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty description={t.empty} /> }}
      scroll={{ x: 960 }}
      columns={[
        {
          title: t.rank,
          dataIndex: "rank",
          width: 80,
          defaultSortOrder: "ascend",
          sorter: (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
          render: (rank: number | null) => rank ?? <Typography.Text type="secondary">{t.notRanked}</Typography.Text>,
        },
        {
          title: t.org,
          dataIndex: "orgName",
          sorter: (a, b) => a.orgName.localeCompare(b.orgName, "zh-CN"),
        },
        {
          title: t.score,
          dataIndex: "score",
          width: 110,
          sorter: (a, b) => byNumber(a.score, b.score),
          render: (score: number | null) =>
            score === null ? t.none : <Typography.Text strong>{score.toFixed(1)}</Typography.Text>,
        },
        ...COMPONENTS.map((key) => ({
          key,
          title: (
            <>
              {names[key]}
              <div>
                <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
                  {fill(t.weight, { w: Math.round(assessment.weights[key] * 100) })}
                </Typography.Text>
              </div>
            </>
          ),
          width: 150,
          sorter: (a: OrgScore, b: OrgScore) => byNumber(a.components[key], b.components[key]),
          render: (_: unknown, row: OrgScore) => {
            const value = row.components[key];
            const more = detail(key, row);
            return (
              <>
                <div>{value === null ? t.none : value.toFixed(1)}</div>
                {more && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {more}
                  </Typography.Text>
                )}
              </>
            );
          },
        })),
        {
          title: t.assignments,
          dataIndex: "assignments",
          width: 90,
          sorter: (a, b) => a.assignments - b.assignments,
        },
        {
          // The supervision loop's counts (issue 10): reports accepted and returned, extensions granted.
          title: t.loop,
          key: "loop",
          width: 170,
          render: (_, row) => (
            <span data-testid={`loop-counts-${row.orgId}`}>
              {fill(t.loopCounts, {
                a: row.counts.reportsAccepted,
                r: row.counts.reportsReturned,
                e: row.counts.extensions,
              })}
            </span>
          ),
        },
      ]}
    />
  );
}
