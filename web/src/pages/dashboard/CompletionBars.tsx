// Completion as 100% bars, one per org, section or plan: done / still open / overdue shares, counts in the tooltip.
// A click on a part lists that part's assignments; a click on the row's name lists all of the row's.
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { fill, useText } from "../../i18n/lang.tsx";
import { type ChartClick, type ChartOption, EChart } from "./EChart.tsx";
import { type AssignmentQuery, drillHref, OPEN_STATUSES } from "./links.ts";
import { AXIS_TEXT, PART_FILL } from "./palette.ts";

export type CompletionRow = {
  key: string;
  label: string;
  total: number;
  done: number;
  overdue: number;
  query: AssignmentQuery;
};

/** The three parts of the work both the bars and the status pie split it into, so their legends agree. */
export const PART_TEXT = {
  zh: { done: "已完成", open: "推进中", overdue: "已逾期" },
  en: { done: "Done", open: "Open", overdue: "Overdue" },
};
export const PARTS = ["done", "open", "overdue"] as const;

const text = {
  zh: {
    ...PART_TEXT.zh,
    line: "{part}：{n} 项（{share}）",
    total: "共 {n} 项，完成率 {rate}",
    summary: "{label}（按完成占比绘制，前 {k} 行）：{rows}",
    summaryRow: "{name} 共 {n} 项、完成率 {rate}、逾期 {overdue} 项",
  },
  en: {
    ...PART_TEXT.en,
    line: "{part}: {n} ({share})",
    total: "{n} in all, {rate} done",
    summary: "{label} (shares of each row; first {k} rows): {rows}",
    summaryRow: "{name}: {n} in all, {rate} done, {overdue} overdue",
  },
};

const ROW_HEIGHT = 28;
const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Worst first: the largest overdue share, then the most overdue, then the least done. */
export function worstFirst(a: CompletionRow, b: CompletionRow): number {
  return (
    percent(b.overdue, b.total) - percent(a.overdue, a.total) ||
    b.overdue - a.overdue ||
    percent(a.done, a.total) - percent(b.done, b.total)
  );
}

type Props = { rows: CompletionRow[]; label: string; testId: string; labelWidth?: number };

export function CompletionBars({ rows, label, testId, labelWidth = 150 }: Props) {
  const t = useText(text);
  const navigate = useNavigate();
  const option = useMemo<ChartOption>(() => {
    const parts = (row: CompletionRow) => ({
      done: row.done,
      open: row.total - row.done - row.overdue,
      overdue: row.overdue,
    });
    return {
      animation: false,
      grid: { top: 28, bottom: 8, left: 8, right: 16, containLabel: true },
      legend: { top: 0, left: 0, data: PARTS.map((p) => t[p]), textStyle: { color: AXIS_TEXT } },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (items: { dataIndex: number }[]) => {
          const row = rows[items[0]?.dataIndex ?? 0];
          if (!row) return "";
          const counts = parts(row);
          const lines = PARTS.map((p) =>
            fill(t.line, { part: t[p], n: counts[p], share: `${percent(counts[p], row.total)}%` }),
          );
          const total = fill(t.total, { n: row.total, rate: `${percent(row.done, row.total)}%` });
          return [`<b>${escapeHtml(row.label)}</b>`, total, ...lines].join("<br/>");
        },
      },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%", color: AXIS_TEXT } },
      yAxis: {
        type: "category",
        inverse: true,
        triggerEvent: true,
        data: rows.map((r) => r.label),
        axisLabel: { width: labelWidth, overflow: "truncate", color: AXIS_TEXT },
      },
      series: PARTS.map((part) => ({
        name: t[part],
        type: "bar",
        stack: "all",
        barMaxWidth: 18,
        itemStyle: { color: PART_FILL[part] },
        data: rows.map((row) => percent(parts(row)[part], row.total)),
      })),
    };
  }, [rows, t, labelWidth]);

  const onClick = (event: ChartClick) => {
    if (event.componentType === "yAxis") {
      const row = rows.find((r) => r.label === event.value);
      if (row) navigate(drillHref(row.query));
      return;
    }
    const row = rows[event.dataIndex];
    const part = PARTS[event.seriesIndex ?? 0];
    if (!row || !part) return;
    const status = part === "open" ? OPEN_STATUSES : part;
    navigate(drillHref({ ...row.query, status }));
  };

  const described = fill(t.summary, {
    label,
    k: Math.min(rows.length, 5),
    rows: rows
      .slice(0, 5)
      .map((r) =>
        fill(t.summaryRow, { name: r.label, n: r.total, rate: `${percent(r.done, r.total)}%`, overdue: r.overdue }),
      )
      .join("; "),
  });
  return (
    <EChart
      option={option}
      height={rows.length * ROW_HEIGHT + 44}
      label={described}
      onClick={onClick}
      testId={testId}
    />
  );
}
