// Where all the work stands: done, open and overdue — the same three parts as the completion bars beside it —
// with the open part's statuses (report missing, due soon, on track, not started) in its tooltip; each slice
// is a link to its list.
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { type AssignmentStatus, STATUS_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import { PART_TEXT, PARTS } from "./CompletionBars.tsx";
import type { Summary } from "./data.ts";
import { type ChartClick, type ChartOption, EChart } from "./EChart.tsx";
import { type AssignmentQuery, drillHref, OPEN_STATUSES } from "./links.ts";
import { AXIS_TEXT, PART_FILL } from "./palette.ts";

const text = {
  zh: {
    title: "任务状态分布",
    hint: "点击扇区查看该状态的任务。",
    empty: "所选范围内没有任务。",
    label: "任务状态分布：{parts}",
    part: "{status} {n} 项",
  },
  en: {
    title: "Where the work stands",
    hint: "Click a slice to list its assignments.",
    empty: "Nothing to show for this selection.",
    label: "Assignments by status: {parts}",
    part: "{status} {n}",
  },
};

type Props = { summary: Summary | undefined; loading: boolean; error: unknown };

export function StatusPie({ summary, loading, error }: Props) {
  const t = useText(text);
  const { lang } = useLang();
  const navigate = useNavigate();
  const slices = useMemo(() => {
    const byStatus = summary?.byStatus ?? [];
    const bucket = (status: string) => byStatus.find((b) => b.status === status);
    const count = (status: string) => bucket(status)?.count ?? 0;
    const open = OPEN_STATUSES.split(",");
    // Any bucket's query names the scope; the open slice lists every open status of it.
    const { status: _status, ...scope } = (byStatus[0]?.query ?? {}) as AssignmentQuery;
    const query = (part: (typeof PARTS)[number]): AssignmentQuery =>
      part === "open" ? { ...scope, status: OPEN_STATUSES } : { ...scope, status: part };
    return PARTS.map((part) => ({
      part,
      count: part === "open" ? open.reduce((sum, s) => sum + count(s), 0) : count(part),
      statuses: part === "open" ? open.filter((s) => count(s) > 0).map((s) => ({ status: s, n: count(s) })) : [],
      query: query(part),
    })).filter((slice) => slice.count > 0);
  }, [summary]);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (item: { dataIndex: number; name: string; value: number; percent: number }) => {
          const slice = slices[item.dataIndex];
          const lines = (slice?.statuses ?? []).map(
            (s) => `${STATUS_LABEL[lang][s.status as AssignmentStatus]}：${s.n}`,
          );
          return [`<b>${item.name}</b>：${item.value} (${item.percent}%)`, ...lines].join("<br/>");
        },
      },
      legend: { bottom: 0, textStyle: { color: AXIS_TEXT } },
      series: [
        {
          type: "pie",
          radius: ["42%", "70%"],
          center: ["50%", "45%"],
          // Short names, never cut: the label breaks onto a second line before it would be truncated.
          label: { formatter: "{b}\n{c}", color: AXIS_TEXT, overflow: "break" },
          data: slices.map((slice) => ({
            name: PART_TEXT[lang][slice.part],
            value: slice.count,
            itemStyle: { color: PART_FILL[slice.part] },
          })),
        },
      ],
    }),
    [slices, lang],
  );
  const onClick = (event: ChartClick) => {
    const slice = slices[event.dataIndex];
    if (slice) navigate(drillHref(slice.query));
  };
  const label = fill(t.label, {
    parts: slices
      .map((slice) => {
        const part = fill(t.part, { status: PART_TEXT[lang][slice.part], n: slice.count });
        const detail = slice.statuses.map((s) =>
          fill(t.part, { status: STATUS_LABEL[lang][s.status as AssignmentStatus], n: s.n }),
        );
        return detail.length > 0 ? `${part}（${detail.join("、")}）` : part;
      })
      .join(", "),
  });
  return (
    <ChartCard
      title={t.title}
      hint={t.hint}
      loading={loading}
      error={error}
      empty={slices.length === 0 ? t.empty : null}
      testId="chart-status"
    >
      <EChart option={option} height={300} label={label} onClick={onClick} testId="status-chart" />
    </ChartCard>
  );
}
