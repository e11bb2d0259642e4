// 指标滞后: every org whose indicator is off pace (Open SDG band below on track, or a forecast short of the
// target) — a supervision state of its own beside overdue work. Each row opens the plan's indicators.
import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Grid, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { useText } from "../../i18n/lang.tsx";
import { BAND_COLOURS, useBandLabel } from "../plans/paceBands.ts";

type Item = ResponseOf<"/api/indicators/off-pace">["items"][number];

const text = {
  zh: {
    intro:
      "按 Open SDG 进度测度研判为“需加快进度”“进展有限”“出现倒退”“到期未达标”，或按现趋势预计到期达不到目标的指标。每日提醒会通知相应单位。",
    allPlans: "全部计划",
    org: "单位",
    indicator: "指标",
    scope: "口径",
    plan: "本级目标",
    share: "分解目标",
    band: "进度研判",
    sentence: "研判说明",
    empty: "没有进度滞后的指标。",
    loading: "正在研判各单位的指标进度…",
  },
  en: {
    intro:
      "Indicators judged by Open SDG's progress measure as acceleration needed, limited progress, deterioration or missed, or forecast to miss the target on the current trend. The daily run reminds each unit.",
    allPlans: "All plans",
    org: "Unit",
    indicator: "Indicator",
    scope: "Target",
    plan: "The plan's own",
    share: "Its share",
    band: "Pace",
    sentence: "Why",
    empty: "No indicator is off pace.",
    loading: "Judging the units' indicators…",
  },
};

export function OffPaceTab() {
  const t = useText(text);
  const bandLabel = useBandLabel();
  // Below 768 px each row is one cell: the indicator, its unit and target, the band and why.
  const wide = Grid.useBreakpoint().md !== false;
  const [plan, setPlan] = useState<number | undefined>(undefined);
  const list = useQuery({
    queryKey: ["indicators-off-pace", plan ?? null],
    queryFn: () =>
      unwrap(api.GET("/api/indicators/off-pace", { params: { query: plan === undefined ? {} : { planId: plan } } })),
  });
  const all = useQuery({
    queryKey: ["indicators-off-pace", null],
    queryFn: () => unwrap(api.GET("/api/indicators/off-pace", { params: { query: {} } })),
  });
  const band = (i: Item) => (
    <Tag
      data-testid="off-pace-band"
      data-band={i.band}
      style={{
        color: BAND_COLOURS[i.band].text,
        background: BAND_COLOURS[i.band].tint,
        borderColor: BAND_COLOURS[i.band].border,
      }}
    >
      {bandLabel(i.band)}
    </Tag>
  );
  const indicator = (i: Item) => (
    <Link to={`/plans/${i.planId}?tab=indicators`}>
      {i.indicatorName}
      <div>
        <Typography.Text type="secondary">{i.planTitle}</Typography.Text>
      </div>
    </Link>
  );
  const plans = [...new Map((all.data?.items ?? []).map((i) => [i.planId, i.planTitle])).entries()];
  if (list.error) return <Alert type="error" showIcon title={errorMessage(list.error)} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12}>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {plans.length > 1 && (
        <Select
          allowClear
          placeholder={t.allPlans}
          style={{ minWidth: 280 }}
          value={plan}
          onChange={(v) => setPlan(v)}
          options={plans.map(([id, title]) => ({ value: id, label: title }))}
        />
      )}
      <Table<Item>
        rowKey={(i) => `${i.indicatorId}-${i.orgId}`}
        size="middle"
        loading={list.isPending && { tip: t.loading }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t.empty} /> }}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
        data-testid="off-pace-table"
        columns={
          wide
            ? [
                {
                  title: t.org,
                  dataIndex: "orgName",
                  sorter: (a, b) => a.orgName.localeCompare(b.orgName, "zh"),
                },
                { title: t.indicator, key: "indicator", render: (_: unknown, i) => indicator(i) },
                {
                  title: t.scope,
                  key: "scope",
                  width: 100,
                  render: (_: unknown, i) => (i.scope === "plan" ? t.plan : t.share),
                },
                { title: t.band, key: "band", width: 130, render: (_: unknown, i) => band(i) },
                { title: t.sentence, dataIndex: "sentence" },
              ]
            : [
                {
                  title: t.indicator,
                  key: "all",
                  render: (_: unknown, i) => (
                    <Space orientation="vertical" size={2}>
                      {indicator(i)}
                      <Typography.Text>
                        {i.orgName} · {i.scope === "plan" ? t.plan : t.share}
                      </Typography.Text>
                      {band(i)}
                      <Typography.Text type="secondary">{i.sentence}</Typography.Text>
                    </Space>
                  ),
                },
              ]
        }
      />
    </Space>
  );
}
