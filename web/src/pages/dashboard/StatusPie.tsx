// Where all the work stands: one slice per status, worst first, each slice a link to its list.
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { type AssignmentStatus, STATUS_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import type { Summary } from "./data.ts";
import { type ChartClick, type ChartOption, EChart } from "./EChart.tsx";
import { drillHref } from "./links.ts";
import { AXIS_TEXT, STATUS_FILL } from "./palette.ts";

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
  const slices = useMemo(() => (summary?.byStatus ?? []).filter((b) => b.count > 0), [summary]);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: "item", formatter: "{b}：{c} ({d}%)" },
      legend: { bottom: 0, textStyle: { color: AXIS_TEXT } },
      series: [
        {
          type: "pie",
          radius: ["42%", "70%"],
          center: ["50%", "45%"],
          label: { formatter: "{b}\n{c}", color: AXIS_TEXT },
          data: slices.map((b) => ({
            name: STATUS_LABEL[lang][b.status as AssignmentStatus],
            value: b.count,
            itemStyle: { color: STATUS_FILL[b.status as AssignmentStatus] },
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
      .map((b) => fill(t.part, { status: STATUS_LABEL[lang][b.status as AssignmentStatus], n: b.count }))
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
