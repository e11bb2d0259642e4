// Pace to target (进度研判) for one indicator: Open SDG's band, the value due by the end of this year,
// the forecast to the target year with its method named, and a chart of the figure with its baseline,
// target path and forecast.
import { Space, Tag, Typography } from "antd";
import { useMemo } from "react";
import { fill, useText } from "../../i18n/lang.tsx";
import { type ChartOption, EChart } from "../dashboard/EChart.tsx";
import type { Indicator } from "./indicatorData.ts";
import { formatValue } from "./indicators.ts";
import { BAND_COLOURS } from "./paceBands.ts";

const text = {
  zh: {
    band_target_achieved: "已达标",
    band_on_track: "进度正常",
    band_acceleration_needed: "需加快进度",
    band_limited_progress: "进展有限",
    band_deterioration: "出现倒退",
    band_not_achieved: "到期未达标",
    band_unable_to_assess: "暂无法研判",
    forecast: "预计{year}年达到 {value}",
    compound: "按现增速，复合增长",
    linear: "按线性趋势",
    needed: "{year}年底应达 {value}",
    growth: "年均增速 {observed}，需 {required}",
    perYear: "每年 {observed}，需 {required}",
    gap_no_values: "尚无数值",
    gap_one_point: "仅一个数值，需基线或再一期数值",
    gap_no_target: "未设定目标值",
    chart: "{name}：数值、基线、目标路径与预测",
    values: "数值",
    baseline: "基线",
    path: "目标路径",
    forecastLine: "预测",
  },
  en: {
    band_target_achieved: "Target achieved",
    band_on_track: "On track",
    band_acceleration_needed: "Acceleration needed",
    band_limited_progress: "Limited progress",
    band_deterioration: "Deterioration",
    band_not_achieved: "Target missed",
    band_unable_to_assess: "Unable to assess",
    forecast: "forecast {value} in {year}",
    compound: "at the current rate, compound",
    linear: "on the linear trend",
    needed: "due by end of {year}: {value}",
    growth: "growth {observed} a year, {required} needed",
    perYear: "{observed} a year, {required} needed",
    gap_no_values: "No values yet",
    gap_one_point: "One value only: needs a baseline or a second figure",
    gap_no_target: "No target value",
    chart: "{name}: values, baseline, target path and forecast",
    values: "Values",
    baseline: "Baseline",
    path: "Target path",
    forecastLine: "Forecast",
  },
};

export { BAND_COLOURS };

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

export function PaceCell({ indicator }: { indicator: Indicator }) {
  const t = useText(text);
  const pace = indicator.pace.headline.pace;
  // Whole numbers from 100 up, as the report draft writes them; two decimals below.
  const v = (n: number) => formatValue(Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100, indicator.unit);
  const growth =
    pace.observedGrowth !== null && pace.requiredGrowth !== null
      ? pace.method === "compound"
        ? fill(t.growth, { observed: percent(pace.observedGrowth), required: percent(pace.requiredGrowth) })
        : fill(t.perYear, { observed: v(pace.observedGrowth), required: v(pace.requiredGrowth) })
      : null;
  return (
    <Space orientation="vertical" size={0} data-testid={`pace-${indicator.id}`} data-band={pace.band}>
      <Tag
        style={{
          color: BAND_COLOURS[pace.band].text,
          background: BAND_COLOURS[pace.band].tint,
          borderColor: BAND_COLOURS[pace.band].border,
        }}
        data-testid={`band-${indicator.id}`}
      >
        {t[`band_${pace.band}`]}
      </Tag>
      {pace.gap && <Typography.Text type="secondary">{t[`gap_${pace.gap}`]}</Typography.Text>}
      {pace.forecast && (
        <Typography.Text data-testid={`forecast-${indicator.id}`}>
          {fill(t.forecast, { year: String(pace.forecast.year), value: v(pace.forecast.value) })}
          <Typography.Text type="secondary">
            （{pace.forecast.method === "compound" ? t.compound : t.linear}）
          </Typography.Text>
        </Typography.Text>
      )}
      {pace.neededThisYear && pace.band !== "target_achieved" && (
        <Typography.Text type="secondary">
          {fill(t.needed, { year: String(pace.neededThisYear.year), value: v(pace.neededThisYear.value) })}
        </Typography.Text>
      )}
      {growth && <Typography.Text type="secondary">{growth}</Typography.Text>}
    </Space>
  );
}

/** Year-end time as the server counts it: 31 Dec 2024 is 2024, 30 Jun 2025 about 2024.5. */
function yearEnd(date: string): number {
  const year = Number(date.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  return year - 1 + ((Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000 + 1) / days;
}

export function PaceChart({ indicator }: { indicator: Indicator }) {
  const t = useText(text);
  const { headline, path, rollUp } = indicator.pace;
  const pace = headline.pace;
  const option = useMemo<ChartOption>(() => {
    const round = (n: number) => Math.round(n * 1000) / 1000;
    const values =
      headline.figure === "roll_up"
        ? rollUp.years.map((y) => [round(yearEnd(y.asOf)), y.value])
        : indicator.values.filter((x) => x.orgId === headline.orgId).map((x) => [round(yearEnd(x.asOf)), x.value]);
    const base = pace.base ? [[pace.base.t, pace.base.value]] : [];
    const course = pace.base
      ? [[pace.base.t, pace.base.value], ...path.map((p) => [p.year, p.value])]
      : path.map((p) => [p.year, p.value]);
    const forecast =
      pace.latest && pace.forecast
        ? [
            [pace.latest.t, pace.latest.value],
            [pace.forecast.year, round(pace.forecast.value)],
          ]
        : [];
    return {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 48, right: 24, top: 16, bottom: 48 },
      xAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { formatter: (y: number) => String(Math.round(y * 10) / 10) },
        scale: true,
      },
      yAxis: { type: "value", scale: true, name: indicator.unit },
      series: [
        { name: t.values, type: "line", data: values, symbolSize: 8 },
        { name: t.baseline, type: "line", data: base, symbol: "diamond", symbolSize: 12 },
        { name: t.path, type: "line", data: course, lineStyle: { type: "dashed" } },
        { name: t.forecastLine, type: "line", data: forecast, lineStyle: { type: "dotted" } },
      ],
    };
  }, [indicator, headline, path, rollUp, pace, t]);
  return (
    <EChart
      option={option}
      height={240}
      label={fill(t.chart, { name: indicator.name })}
      testId={`pace-chart-${indicator.id}`}
    />
  );
}
