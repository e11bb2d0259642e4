// 指标进展: the chosen plan's quantitative targets, each with the latest reported value against it (values of
// the chosen unit's subtree). Without a plan there is nothing to show but how to get there; without values, who
// records them and where. Every indicator opens the plan's indicator page.
import { Col, Flex, Row, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { can, useUser } from "../../auth/session.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import { useIndicators } from "./data.ts";
import { IndicatorRow, STATE_COLOURS } from "./IndicatorRow.tsx";
import { INDICATOR_STATES, indicatorState } from "./indicatorFigures.ts";
import type { Scope } from "./links.ts";

const text = {
  zh: {
    title: "指标进展（对照目标）",
    hint: "条形为最新报送值对照目标的达成度；基期为最早报送值。点击指标打开计划的指标页。",
    pickPlan: "在上方“计划”中选择一个计划，查看其量化指标对照目标的进展。",
    noIndicators: "这份计划没有列出量化指标（如“达到……家”“……%以上”）。请选择其他计划查看。",
    noValues: "这份计划的 {n} 项指标还没有报送数值。",
    noValuesUnit: "所选单位还没有报送这份计划的指标值。",
    recordThem: "请在计划的指标页录入各指标的最新数值。",
    othersRecord: "指标值由计划处室和承担单位在计划的指标页报送。",
    record: "去录入指标值",
    openPage: "打开计划的指标页",
    count: "共 {n} 项",
    met: "已达标 {n}",
    open: "推进中 {n}",
    missed: "到期未达标 {n}",
    unreported: "尚未报送 {n}",
    unjudged: "无法判断 {n}",
    offPace: "进度滞后 {n}",
    asOf: "进度按 {date} 的数值研判",
  },
  en: {
    title: "Indicators against targets",
    hint: "Bars show how far the latest value has come toward the target; “first” is the earliest value reported. Click an indicator to open the plan's indicator page.",
    pickPlan: "Choose a plan above to see its indicators against their targets.",
    noIndicators: "This plan states no quantitative targets (such as “reach 30” or “above 90%”). Choose another plan.",
    noValues: "No values have been reported for this plan's {n} indicators yet.",
    noValuesUnit: "The chosen unit has reported no values for this plan's indicators yet.",
    recordThem: "Record the latest figures on the plan's indicator page.",
    othersRecord: "Plan offices and the units doing the work record them on the plan's indicator page.",
    record: "Record indicator values",
    openPage: "Open the plan's indicators",
    count: "{n} in all",
    met: "{n} met",
    open: "{n} in progress",
    missed: "{n} not met in time",
    unreported: "{n} not reported",
    unjudged: "{n} not judgeable",
    offPace: "{n} off pace",
    asOf: "Pace judged on the figures as of {date}",
  },
};

type Props = { scope: Scope; today: string | undefined };

export function IndicatorPanel({ scope, today }: Props) {
  const t = useText(text);
  const user = useUser();
  // ?asOf=2024-12-31 judges pace as the figures stood that day, as on the plan's indicators tab.
  const [params] = useSearchParams();
  const asOfParam = params.get("asOf") ?? "";
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : undefined;
  const indicators = useIndicators(scope, asOf);
  if (scope.planId === undefined)
    return (
      <ChartCard title={t.title} testId="chart-indicators">
        <Typography.Text type="secondary">{t.pickPlan}</Typography.Text>
      </ChartCard>
    );

  const href = `/plans/${scope.planId}?tab=indicators${asOf ? `&asOf=${asOf}` : ""}`;
  const items = indicators.data?.items ?? [];
  const states = items.map((i) => indicatorState(i, asOf ?? today));
  const reportedBy = new Set(items.flatMap((i) => i.values.map((v) => v.orgId)));
  let empty: ReactNode = null;
  if (items.length === 0) empty = t.noIndicators;
  else if (reportedBy.size === 0)
    empty = (
      <Space orientation="vertical" size={4}>
        <span>{scope.orgId !== undefined ? t.noValuesUnit : fill(t.noValues, { n: items.length })}</span>
        <span>{can.report(user.role) ? t.recordThem : t.othersRecord}</span>
        <Link to={href}>{can.report(user.role) ? t.record : t.openPage}</Link>
      </Space>
    );
  return (
    <ChartCard
      title={t.title}
      hint={t.hint}
      extra={<Link to={href}>{t.openPage}</Link>}
      loading={indicators.isPending}
      error={indicators.error}
      empty={empty}
      testId="chart-indicators"
    >
      <Flex wrap gap={16} style={{ marginBottom: 4 }} data-testid="indicator-counts">
        <span>{fill(t.count, { n: items.length })}</span>
        {asOf && (
          <span data-testid="indicator-as-of" style={{ color: "rgba(0,0,0,0.65)" }}>
            {fill(t.asOf, { date: asOf })}
          </span>
        )}
        {items.some((i) => i.pace.headline.pace.offPace) && (
          <span data-testid="indicator-off-pace-count" style={{ color: STATE_COLOURS.missed.text, fontWeight: 500 }}>
            {fill(t.offPace, { n: items.filter((i) => i.pace.headline.pace.offPace).length })}
          </span>
        )}
        {INDICATOR_STATES.map((state) => {
          const n = states.filter((s) => s === state).length;
          return n === 0 ? null : (
            <span key={state} data-state={state} style={{ color: STATE_COLOURS[state].text }}>
              {fill(t[state], { n })}
            </span>
          );
        })}
      </Flex>
      <Row gutter={[32, 0]}>
        {items.map((indicator, i) => (
          <Col xs={24} lg={12} key={indicator.id}>
            <IndicatorRow
              indicator={indicator}
              state={states[i] ?? "unreported"}
              href={href}
              showOrg={reportedBy.size > 1}
            />
          </Col>
        ))}
      </Row>
    </ChartCard>
  );
}
