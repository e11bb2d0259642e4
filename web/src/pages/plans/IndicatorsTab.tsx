// 指标: the plan's quantitative targets with the values recorded against them, how far the latest value
// is toward each target, the history on expand, and recording a new value for roles that may.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Grid, Progress, Space, Table, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import { IndicatorHistory } from "./IndicatorHistory.tsx";
import { PaceCell, PaceChart } from "./IndicatorPace.tsx";
import type { Indicator } from "./indicatorData.ts";
import { attainmentPercent, describeTarget, formatValue, type Standing, standingOf } from "./indicators.ts";
import { PaceRanking } from "./PaceRanking.tsx";
import { RecordValueModal } from "./RecordValueModal.tsx";

// The correction and split forms load only when opened.
const CorrectIndicatorModal = lazy(() => import("./CorrectIndicatorModal.tsx"));
const SplitTargetModal = lazy(() => import("./SplitTargetModal.tsx"));

const text = {
  zh: {
    intro: "计划原文中的量化指标，以及各单位登记的统计数值。达成率按最近截至日期的数值计算；点左侧“+”查看历次登记。",
    name: "指标",
    target: "目标",
    dueBy: "（{y}年）",
    baseline: "基线",
    baseYear: "{y}年（基期）",
    latest: "最新数值",
    asOf: "截至 {date}",
    attainment: "达成率",
    action: "操作",
    record: "登记数值",
    correct: "校正",
    split: "分解",
    charts: "全部指标图表",
    met: "已达标",
    short: "未达标",
    none: "尚未登记",
    notJudged: "无法判断",
    empty:
      "本计划原文中没有识别出量化指标（如“有效发明专利达到2300件”）。指标在导入计划时从原文提取；原文如有指标而这里没有，请核对原文写法，修订后重新导入。",
    noValues: "还没有登记任何数值。点“登记数值”填报最新统计数，达成率会随之计算。",
    noValuesReadOnly: "还没有登记任何数值。责任单位或计划管理处室登记后，这里会显示最新数值和达成率。",
    loading: "正在加载指标…",
    pace: "进度研判",
    paceAsOf: "按 {date} 的数据研判（Open SDG 进度测度：观测年均增速 ÷ 达标所需增速）。",
    paceHelp:
      "进度研判采用 Open SDG 进度测度：观测年均增速 ÷ 按期达标所需增速，≥95% 为进度正常，60%–95% 需加快进度，0–60% 进展有限，<0 出现倒退。",
  },
  en: {
    intro:
      "The plan's quantitative targets and the figures units recorded. Attainment uses the value with the latest as-of date; expand a row (+) for its history.",
    name: "Indicator",
    target: "Target",
    dueBy: " (by {y})",
    baseline: "Baseline",
    baseYear: "base year {y}",
    latest: "Latest value",
    asOf: "as of {date}",
    attainment: "Attainment",
    action: "Action",
    record: "Record value",
    correct: "Correct",
    split: "Split",
    charts: "All indicator charts",
    met: "Met",
    short: "Not met",
    none: "Nothing recorded",
    notJudged: "Cannot be judged",
    empty:
      "No quantitative indicators were found in this plan's text (such as “valid invention patents reach 2,300”). They are taken from the document on import; if the text has some that are missing here, check their wording and import a revised file.",
    noValues: "No values recorded yet. Use “Record value” to file the latest figure; attainment follows from it.",
    noValuesReadOnly:
      "No values recorded yet. Once a unit or the plan office records one, the latest value and attainment show here.",
    loading: "Loading the indicators…",
    pace: "Pace",
    paceAsOf: "Judged on the figures as of {date} (Open SDG progress measure: observed ÷ required annual growth).",
    paceHelp:
      "Pace uses Open SDG's progress measure: observed annual growth ÷ the growth needed to reach the target on time; ≥95% on track, 60–95% acceleration needed, 0–60% limited progress, below 0 deterioration.",
  },
};

type Props = {
  planId: number;
  /** Orgs the user may record values for; none hides the action. */
  recorders: { value: number; label: string }[];
  /** The plan's office (admins too): corrects indicators and splits targets among the orgs under it. */
  manage?: { officeOrgId: number; orgs: { id: number; name: string }[] } | undefined;
};

export function IndicatorsTab({ planId, recorders, manage }: Props) {
  const t = useText(text);
  const [recording, setRecording] = useState<Indicator | null>(null);
  const [correcting, setCorrecting] = useState<Indicator | null>(null);
  const [splitting, setSplitting] = useState<Indicator | null>(null);
  // Below 768 px the row keeps the name (with target and latest value under it), the pace and the actions.
  const wide = Grid.useBreakpoint().md !== false;
  // ?asOf=2024-12-31 judges pace as the figures stood that day ("how did it look at the end of 2024").
  const [params] = useSearchParams();
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get("asOf") ?? "") ? (params.get("asOf") as string) : undefined;
  const indicators = useQuery({
    queryKey: ["indicators", planId, asOf ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/plans/{id}/indicators", {
          params: { path: { id: planId }, query: asOf ? { asOf } : {} },
        }),
      ),
  });
  const items = indicators.data?.items ?? [];
  if (indicators.error) return <Alert type="error" showIcon title={errorMessage(indicators.error)} />;
  if (indicators.data && items.length === 0) return <Empty description={t.empty} data-testid="indicators-empty" />;
  const canRecord = recorders.length > 0;
  const hasActions = canRecord || manage !== undefined;
  const standingLabel: Record<Standing, string> = { met: t.met, short: t.short, none: t.none };
  return (
    <>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="pace-help">
        {asOf ? fill(t.paceAsOf, { date: asOf }) : t.paceHelp}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Link
          to={`/plans/${planId}/charts${asOf ? `?asOf=${asOf}` : ""}`}
          data-testid="charts-link"
          style={{ textDecoration: "underline" }}
        >
          {t.charts}
        </Link>
      </Typography.Paragraph>
      {indicators.data && items.every((i) => i.values.length === 0) && (
        <Alert type="info" showIcon title={canRecord ? t.noValues : t.noValuesReadOnly} style={{ marginBottom: 12 }} />
      )}
      <Table<Indicator>
        rowKey="id"
        size={wide ? "middle" : "small"}
        loading={indicators.isPending && { tip: t.loading }}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        expandable={{
          expandedRowRender: (i) => (
            <>
              <PaceChart indicator={i} />
              <PaceRanking indicatorId={i.id} unit={i.unit} asOf={asOf} />
              <IndicatorHistory indicator={i} />
            </>
          ),
        }}
        data-testid="indicators-table"
        columns={[
          {
            title: t.name,
            dataIndex: "name",
            sorter: (a, b) => a.name.localeCompare(b.name, "zh"),
            render: (name: string, i) =>
              wide ? (
                name
              ) : (
                <>
                  {name}
                  <div>
                    <Typography.Text type="secondary">
                      {t.target} {describeTarget(i)}
                      {i.dueBy && fill(t.dueBy, { y: i.dueBy })}
                    </Typography.Text>
                  </div>
                  {i.latest && (
                    <div>
                      <Typography.Text type="secondary">
                        {t.latest} {formatValue(i.latest.value, i.unit)}（{i.latest.asOf}）
                      </Typography.Text>
                    </div>
                  )}
                </>
              ),
          },
          {
            title: t.target,
            key: "target",
            width: 150,
            responsive: ["md"],
            render: (_: unknown, i) => (
              <>
                {describeTarget(i)}
                {i.dueBy && <Typography.Text type="secondary">{fill(t.dueBy, { y: i.dueBy })}</Typography.Text>}
              </>
            ),
          },
          {
            title: t.baseline,
            key: "baseline",
            width: 150,
            responsive: ["md"],
            render: (_: unknown, i) => {
              if (i.baseline)
                return (
                  <>
                    {formatValue(i.baseline.value, i.unit)}
                    <div>
                      <Typography.Text type="secondary">{fill(t.baseYear, { y: i.baseline.year })}</Typography.Text>
                    </div>
                  </>
                );
              const first = i.values[0];
              if (!first || i.values.length < 2) return "—";
              return (
                <>
                  {formatValue(first.value, i.unit)}
                  <div>
                    <Typography.Text type="secondary">{fill(t.asOf, { date: first.asOf })}</Typography.Text>
                  </div>
                </>
              );
            },
          },
          {
            title: t.latest,
            key: "latest",
            responsive: ["md"],
            render: (_: unknown, i) =>
              i.latest ? (
                <div data-testid={`latest-${i.id}`}>
                  <Typography.Text strong>{formatValue(i.latest.value, i.unit)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {fill(t.asOf, { date: i.latest.asOf })} · {i.latest.source} · {i.latest.orgName}
                    </Typography.Text>
                  </div>
                </div>
              ) : (
                <Typography.Text type="secondary">{t.none}</Typography.Text>
              ),
          },
          {
            title: t.attainment,
            key: "attainment",
            width: 190,
            responsive: ["md"],
            sorter: (a, b) => (attainmentPercent(a) ?? -1) - (attainmentPercent(b) ?? -1),
            filters: (["met", "short", "none"] as const).map((s) => ({ text: standingLabel[s], value: s })),
            onFilter: (value, i) => standingOf(i) === value,
            render: (_: unknown, i) => {
              const percent = attainmentPercent(i);
              if (!i.latest) return "—";
              if (percent === null) return <Typography.Text type="secondary">{t.notJudged}</Typography.Text>;
              const met = i.latest.attainment?.met === true;
              return (
                <Space orientation="vertical" size={0} style={{ width: "100%" }} data-testid={`attainment-${i.id}`}>
                  <Progress
                    percent={percent}
                    status={met ? "success" : "normal"}
                    size="small"
                    format={(p) => `${p}%`}
                    // antd's success green is too light for text (axe); the status tags' green is not.
                    styles={{ indicator: { color: met ? STATUS_COLOURS.done.text : undefined } }}
                    aria-label={`${t.attainment} ${percent}%`}
                  />
                  {met ? (
                    <Typography.Text style={{ color: STATUS_COLOURS.done.text }}>{t.met}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t.short}</Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: t.pace,
            key: "pace",
            width: wide ? 230 : 150,
            sorter: (a, b) => (a.pace.headline.pace.score ?? -99) - (b.pace.headline.pace.score ?? -99),
            render: (_: unknown, i) => <PaceCell indicator={i} />,
          },
          ...(hasActions
            ? [
                {
                  title: t.action,
                  key: "action",
                  width: wide ? 120 : 88,
                  render: (_: unknown, i: Indicator) => (
                    <Space orientation="vertical" size={4}>
                      {canRecord && (
                        <Button size="small" onClick={() => setRecording(i)}>
                          {t.record}
                        </Button>
                      )}
                      {manage && (
                        <Button size="small" onClick={() => setCorrecting(i)} data-testid={`correct-${i.id}`}>
                          {t.correct}
                        </Button>
                      )}
                      {manage && manage.orgs.length > 0 && (
                        <Button size="small" onClick={() => setSplitting(i)} data-testid={`split-${i.id}`}>
                          {t.split}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {recording && (
        <RecordValueModal planId={planId} indicator={recording} orgs={recorders} onClose={() => setRecording(null)} />
      )}
      <Suspense fallback={null}>
        {correcting && (
          <CorrectIndicatorModal
            planId={planId}
            indicator={correcting}
            others={items}
            onClose={() => setCorrecting(null)}
          />
        )}
        {splitting && manage && (
          <SplitTargetModal
            planId={planId}
            indicator={splitting}
            officeOrgId={manage.officeOrgId}
            orgs={manage.orgs}
            onClose={() => setSplitting(null)}
          />
        )}
      </Suspense>
    </>
  );
}

export default IndicatorsTab;
