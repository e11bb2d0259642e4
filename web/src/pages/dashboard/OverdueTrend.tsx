// 逾期趋势: how many assignments were overdue and done on each day of a series, judged by what was on record
// then. Weekly over half a year, monthly over longer spans; a click on a point lists that day's assignments.
import { Segmented } from "antd";
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { fill, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import { useTrend } from "./data.ts";
import { monthsBefore } from "./dates.ts";
import { type ChartClick, type ChartOption, EChart } from "./EChart.tsx";
import { drillHref, type Scope, TREND_SPANS, type TrendSpan } from "./links.ts";
import { AXIS_TEXT, STATUS_FILL } from "./palette.ts";

const text = {
  zh: {
    title: "逾期与完成趋势",
    hint: "每个点按当天已有的报送和销号计算。点击数据点查看当天逾期或已完成的任务。",
    half: "近半年",
    year: "近一年",
    three: "近三年",
    all: "全部",
    overdue: "已逾期",
    done: "已完成",
    span: "时间范围",
    label: "逾期与完成趋势，{from} 至 {to}：逾期由 {o1} 项到 {o2} 项，完成由 {d1} 项到 {d2} 项",
  },
  en: {
    title: "Overdue and done over time",
    hint: "Each point counts the reports and sign-offs on record that day. Click a point to list that day's work.",
    half: "6 months",
    year: "1 year",
    three: "3 years",
    all: "All",
    overdue: "Overdue",
    done: "Done",
    span: "Time span",
    label: "Overdue and done from {from} to {to}: overdue {o1} → {o2}, done {d1} → {d2}",
  },
};

const MONTHS: Record<Exclude<TrendSpan, "all">, number> = { half: 6, year: 12, three: 36 };

/** The series' first day and step: weekly for half a year, monthly beyond. */
export function trendRange(span: TrendSpan, today: string, firstYear: number | undefined) {
  if (span === "all") {
    const year = Math.min(firstYear ?? Number(today.slice(0, 4)) - 5, Number(today.slice(0, 4)));
    return { from: `${year}-01-01`, step: "month" as const };
  }
  return { from: monthsBefore(today, MONTHS[span]), step: span === "half" ? ("week" as const) : ("month" as const) };
}

type Props = {
  scope: Scope;
  span: TrendSpan;
  onSpan(span: TrendSpan): void;
  /** The server's today (the summary's asOf); the series waits for it. */
  today: string | undefined;
  firstYear: number | undefined;
};

export function OverdueTrend({ scope, span, onSpan, today, firstYear }: Props) {
  const t = useText(text);
  const navigate = useNavigate();
  const range = useMemo(() => (today ? trendRange(span, today, firstYear) : undefined), [span, today, firstYear]);
  const trend = useTrend(scope, range);
  const points = trend.data?.points ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { top: 36, bottom: 8, left: 8, right: 16, containLabel: true },
      legend: { top: 0, textStyle: { color: AXIS_TEXT } },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map((p) => p.date), axisLabel: { color: AXIS_TEXT } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { color: AXIS_TEXT } },
      series: [
        { name: t.overdue, data: points.map((p) => p.overdue), color: STATUS_FILL.overdue },
        { name: t.done, data: points.map((p) => p.done), color: STATUS_FILL.done },
      ].map((s) => ({ ...s, type: "line", symbolSize: 7, showAllSymbol: true })),
    }),
    [points, t],
  );
  const onClick = (event: ChartClick) => {
    const point = points[event.dataIndex];
    if (point) navigate(drillHref(event.seriesIndex === 0 ? point.queries.overdue : point.queries.done));
  };
  const first = points[0];
  const last = points.at(-1);
  const label =
    first && last
      ? fill(t.label, {
          from: first.date,
          to: last.date,
          o1: first.overdue,
          o2: last.overdue,
          d1: first.done,
          d2: last.done,
        })
      : t.title;
  return (
    <ChartCard
      title={t.title}
      hint={t.hint}
      extra={
        <Segmented<TrendSpan>
          size="small"
          aria-label={t.span}
          value={span}
          onChange={onSpan}
          options={TREND_SPANS.map((s) => ({ value: s, label: t[s] }))}
        />
      }
      loading={!trend.data && !trend.error}
      error={trend.error}
      testId="chart-trend"
    >
      <EChart option={option} height={300} label={label} onClick={onClick} testId="trend-chart" />
    </ChartCard>
  );
}
