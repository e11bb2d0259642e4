// One indicator against its target: its pace band (Open SDG's measure), a bar of the latest value's attainment,
// the figures from the first reported value through the latest to the target, and the forecast to the target
// year with its method named. The whole row is one link to the plan's indicator page.
import { Flex, Progress, Tag, Typography, theme } from "antd";
import { Link } from "react-router";
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import { BAND_COLOURS, useBandLabel } from "../plans/paceBands.ts";
import type { Indicator } from "./data.ts";
import {
  baselineOf,
  formatNumber,
  type IndicatorState,
  type IndicatorValueLike,
  percentText,
  targetText,
} from "./indicatorFigures.ts";
import { PART_FILL, STATUS_FILL } from "./palette.ts";

const text = {
  zh: {
    met: "已达标",
    open: "达成 {p}",
    missed: "到期未达标 · 达成 {p}",
    unreported: "尚未报送",
    unjudged: "无法判断达成度",
    baseline: "基期 {v}（{date}）",
    latest: "最新 {v}（{date}）",
    latestOf: "最新 {v}（{date}，{org}）",
    target: "目标 {v}",
    due: "（{year}年）",
    noValue: "尚无报送值",
    bar: "{name}：{state}",
    offPace: "进度滞后 · {band}",
    forecast: "预计{year}年达到 {v}",
    compound: "（按现增速）",
    linear: "（按线性趋势）",
  },
  en: {
    met: "Target met",
    open: "{p} attained",
    missed: "Not met in time · {p} attained",
    unreported: "Not reported",
    unjudged: "Cannot be judged",
    baseline: "first {v} ({date})",
    latest: "latest {v} ({date})",
    latestOf: "latest {v} ({date}, {org})",
    target: "target {v}",
    due: " (by {year})",
    noValue: "no value reported yet",
    bar: "{name}: {state}",
    offPace: "Off pace · {band}",
    forecast: "forecast {v} in {year}",
    compound: " (at the current rate)",
    linear: " (on the linear trend)",
  },
};

/** Text colours dark enough for AA on white, and the bar's fill, per state. */
export const STATE_COLOURS: Record<IndicatorState, { text: string | undefined; fill: string }> = {
  met: { text: STATUS_COLOURS.done.text, fill: PART_FILL.done },
  open: { text: undefined, fill: PART_FILL.open },
  missed: { text: STATUS_COLOURS.overdue.text, fill: STATUS_FILL.overdue },
  unreported: { text: STATUS_COLOURS.not_started.text, fill: STATUS_FILL.not_started },
  unjudged: { text: STATUS_COLOURS.not_started.text, fill: STATUS_FILL.not_started },
};

type Props = { indicator: Indicator; state: IndicatorState; href: string; showOrg: boolean };

export function IndicatorRow({ indicator, state, href, showOrg }: Props) {
  const t = useText(text);
  const { token } = theme.useToken();
  const { latest, unit } = indicator;
  const ratio = latest?.attainment?.ratio ?? 0;
  const stateText = fill(t[state], { p: percentText(ratio) });
  const figure = (v: IndicatorValueLike) => `${formatNumber(v.value)}${unit}`;
  const baseline = baselineOf(indicator);
  const dueYear = /^\d{4}$/.test(indicator.dueBy ?? "") ? fill(t.due, { year: indicator.dueBy ?? "" }) : "";
  const parts = [
    baseline && fill(t.baseline, { v: figure(baseline), date: baseline.asOf }),
    latest
      ? fill(showOrg && latest.orgId !== indicator.pace.headline.orgId ? t.latestOf : t.latest, {
          v: figure(latest),
          date: latest.asOf,
          org: latest.orgName,
        })
      : t.noValue,
    fill(t.target, { v: targetText(indicator.op, indicator.target, indicator.targetHigh, unit) }) + dueYear,
  ].filter(Boolean);
  const colours = STATE_COLOURS[state];
  const pace = indicator.pace.headline.pace;
  const bandLabel = useBandLabel();
  const colour = BAND_COLOURS[pace.band];
  // Whole numbers from 100 up, as the report draft writes them; two decimals below.
  const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);
  return (
    <Link
      to={href}
      data-testid="indicator"
      data-indicator-id={indicator.id}
      data-state={state}
      style={{ display: "block", padding: "6px 0", color: "inherit" }}
    >
      <Flex justify="space-between" align="baseline" gap={12}>
        <span style={{ color: token.colorLink, fontWeight: 500 }}>{indicator.name}</span>
        <span>
          <Tag
            data-testid={pace.offPace ? "indicator-off-pace" : "indicator-band"}
            data-band={pace.band}
            style={{ color: colour.text, background: colour.tint, borderColor: colour.border }}
          >
            {pace.offPace ? fill(t.offPace, { band: bandLabel(pace.band) }) : bandLabel(pace.band)}
          </Tag>
          <span data-testid="indicator-state" style={{ color: colours.text, whiteSpace: "nowrap", fontSize: 13 }}>
            {stateText}
          </span>
        </span>
      </Flex>
      <Progress
        percent={Math.round(ratio * 1000) / 10}
        showInfo={false}
        size="small"
        status="normal"
        strokeColor={colours.fill}
        aria-label={fill(t.bar, { name: indicator.name, state: stateText })}
        style={{ margin: "2px 0" }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="indicator-figures">
        {parts.join(" → ")}
      </Typography.Text>
      {pace.forecast && pace.band !== "target_achieved" && (
        <Typography.Text
          type="secondary"
          style={{ display: "block", fontSize: 12 }}
          data-testid="indicator-forecast"
          data-method={pace.forecast.method}
        >
          {fill(t.forecast, {
            year: String(pace.forecast.year),
            v: `${formatNumber(round(pace.forecast.value))}${unit}`,
          })}
          {pace.forecast.method === "compound" ? t.compound : t.linear}
        </Typography.Text>
      )}
    </Link>
  );
}
