// 各单位完成情况: every visible org's own assignments, worst first; the worst few by default, all on request.
import { Button } from "antd";
import { useMemo, useState } from "react";
import { fill, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import { CompletionBars, type CompletionRow, worstFirst } from "./CompletionBars.tsx";
import type { Summary } from "./data.ts";

const FIRST = 15;

const text = {
  zh: {
    title: "各单位完成情况",
    hint: "按逾期占比从高到低排列。点击色块查看该单位相应的任务，点击单位名称查看其全部任务。",
    all: "显示全部 {n} 个单位",
    worst: "只看最靠后的 {n} 个",
    empty: "所选范围内还没有分解到单位的任务。",
  },
  en: {
    title: "Completion by unit",
    hint: "Largest overdue share first. Click a coloured part to list those assignments, a unit's name for all its work.",
    all: "Show all {n} units",
    worst: "Show the {n} worst only",
    empty: "No work has been assigned to units in this selection yet.",
  },
};

type Props = { summary: Summary | undefined; loading: boolean; error: unknown };

export function OrgCompletion({ summary, loading, error }: Props) {
  const t = useText(text);
  const [all, setAll] = useState(false);
  const rows = useMemo<CompletionRow[]>(
    () =>
      (summary?.byOrg ?? [])
        .map((o) => ({
          key: String(o.orgId),
          label: o.orgName,
          total: o.total,
          done: o.done,
          overdue: o.overdue,
          query: o.query,
        }))
        .sort(worstFirst),
    [summary],
  );
  const shown = all ? rows : rows.slice(0, FIRST);
  const extra =
    rows.length > FIRST ? (
      <Button type="link" onClick={() => setAll(!all)}>
        {all ? fill(t.worst, { n: FIRST }) : fill(t.all, { n: rows.length })}
      </Button>
    ) : null;
  return (
    <ChartCard
      title={t.title}
      hint={t.hint}
      extra={extra}
      loading={loading}
      error={error}
      empty={rows.length === 0 ? t.empty : null}
      testId="chart-orgs"
    >
      <CompletionBars rows={shown} label={t.title} testId="orgs-chart" />
    </ChartCard>
  );
}
