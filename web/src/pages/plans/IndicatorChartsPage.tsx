// 指标图表 (small multiples): every indicator of a plan as its own small chart — values, baseline, target
// path and forecast — with its Open SDG band and the forecast in words, so a leader sees at a glance which
// targets are off pace. `?asOf=` judges as the figures stood that day, as on the indicators tab.
import { useQuery } from "@tanstack/react-query";
import { Alert, Breadcrumb, Card, Col, Empty, Flex, Row, Segmented, Spin, Typography } from "antd";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { PaceCell, PaceChart } from "./IndicatorPace.tsx";

const text = {
  zh: {
    plans: "计划任务",
    title: "指标图表",
    intro:
      "每项指标一张小图：实线为报送数值（汇总口径时为下级合计或加权值），菱形为基线，虚线为目标路径，点线为按所注方法的预测。标签为 Open SDG 进度研判。",
    asOf: "按 {date} 的数据研判。",
    all: "全部",
    offPace: "仅看进度滞后",
    empty: "本计划没有量化指标。",
    noneOff: "没有进度滞后的指标。",
    back: "返回指标列表",
    loading: "正在加载指标…",
  },
  en: {
    plans: "Plans",
    title: "Indicator charts",
    intro:
      "One small chart per indicator: the solid line is the reported figure (the lower units' sum or weighted mean where rolled up), the diamond the baseline, the dashed line the target path, the dotted line the forecast by the method named. The tag is Open SDG's progress band.",
    asOf: "Judged on the figures as of {date}.",
    all: "All",
    offPace: "Off pace only",
    empty: "This plan has no quantitative indicators.",
    noneOff: "No indicator is off pace.",
    back: "Back to the indicator list",
    loading: "Loading the indicators…",
  },
};

export default function IndicatorChartsPage() {
  const t = useText(text);
  const planId = Number(useParams().planId);
  const [params] = useSearchParams();
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get("asOf") ?? "") ? (params.get("asOf") as string) : undefined;
  const [only, setOnly] = useState<"all" | "offPace">("all");
  const indicators = useQuery({
    queryKey: ["indicators", planId, asOf ?? null],
    queryFn: () =>
      unwrap(api.GET("/api/plans/{id}/indicators", { params: { path: { id: planId }, query: asOf ? { asOf } : {} } })),
    enabled: Number.isInteger(planId) && planId > 0,
  });
  const plan = useQuery({
    queryKey: ["plan-title", planId],
    queryFn: () => unwrap(api.GET("/api/plans/{id}", { params: { path: { id: planId } } })),
    enabled: Number.isInteger(planId) && planId > 0,
  });
  const items = (indicators.data?.items ?? []).filter((i) => only === "all" || i.pace.headline.pace.offPace);
  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to="/plans">{t.plans}</Link> },
          { title: <Link to={`/plans/${planId}?tab=indicators`}>{plan.data?.title ?? String(planId)}</Link> },
          { title: t.title },
        ]}
      />
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t.intro} {asOf && fill(t.asOf, { date: asOf })}
      </Typography.Paragraph>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Segmented
          value={only}
          onChange={(v) => setOnly(v as "all" | "offPace")}
          options={[
            { value: "all", label: t.all },
            { value: "offPace", label: t.offPace },
          ]}
        />
        <Link to={`/plans/${planId}?tab=indicators${asOf ? `&asOf=${asOf}` : ""}`}>{t.back}</Link>
      </Flex>
      {indicators.error && <Alert type="error" showIcon title={errorMessage(indicators.error)} />}
      {indicators.isPending && <Spin tip={t.loading} />}
      {indicators.data && items.length === 0 && (
        <Empty description={indicators.data.items.length === 0 ? t.empty : t.noneOff} />
      )}
      <Row gutter={[16, 16]} data-testid="small-multiples">
        {items.map((i) => (
          <Col xs={24} md={12} xl={8} key={i.id}>
            <Card size="small" title={i.name} data-testid={`multiple-${i.id}`} data-band={i.pace.headline.pace.band}>
              <PaceCell indicator={i} />
              <PaceChart indicator={i} />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
