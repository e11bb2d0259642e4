// 考核: a plan's responsible units ranked by score as of the end of a reporting period, with the four
// components of each score and the plan's weights. Plan and period live in the URL (?plan=&asOf=).
import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Result, Select, Space, Spin, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { can, useUser } from "../../auth/session.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { localToday, periodEnds } from "./periods.ts";
import { ScoreExplanation } from "./ScoreExplanation.tsx";
import { ScoreTable } from "./ScoreTable.tsx";

const text = {
  zh: {
    title: "考核",
    intro: "按计划对各责任单位的落实情况打分排名。选择计划和考核截止时点；点表头可按任一项排序。",
    plan: "计划",
    period: "考核截止",
    today: "截至今天",
    quarter: "{y}年第{i}季度末（{d}）",
    month: "{y}年{i}月末（{d}）",
    asOf: "考核截至 {d}，共 {n} 个单位，{r} 个参与排名",
    noPlans: "还没有可考核的计划。",
    importFirst: "先导入一个计划",
    noPlansViewer: "还没有可考核的计划。计划管理处室导入计划后即可查看考核结果。",
    forbidden: "考核结果仅供计划管理处室和领导查看。",
    loading: "正在计算各单位得分…",
  },
  en: {
    title: "Assessment",
    intro:
      "Each responsible unit of a plan scored and ranked. Pick a plan and the day to assess as of; click a heading to sort.",
    plan: "Plan",
    period: "As of",
    today: "Today",
    quarter: "End of Q{i} {y} ({d})",
    month: "End of {y}-{i} ({d})",
    asOf: "As of {d}: {n} units, {r} ranked",
    noPlans: "No plan to assess yet.",
    importFirst: "Import a plan first",
    noPlansViewer: "No plan to assess yet. Results appear once the plan office imports a plan.",
    forbidden: "Assessment results are for plan offices and leaders.",
    loading: "Scoring the units…",
  },
};

export default function AssessmentPage() {
  const t = useText(text);
  const user = useUser();
  if (!can.assess(user.role)) return <Result status="403" title={t.title} subTitle={t.forbidden} />;
  return <Assessment />;
}

function Assessment() {
  const t = useText(text);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const plans = useQuery({
    queryKey: ["plans", "active"],
    queryFn: () => unwrap(api.GET("/api/plans", { params: { query: { status: "active" } } })),
  });
  const asked = Number(params.get("plan")) || null;
  const plan = plans.data?.items.find((p) => p.id === asked) ?? plans.data?.items[0];
  const asOf = params.get("asOf") ?? "";
  const assessment = useQuery({
    queryKey: ["assessment", plan?.id, asOf],
    enabled: plan !== undefined,
    queryFn: () =>
      unwrap(
        api.GET("/api/plans/{id}/assessment", {
          params: { path: { id: plan?.id ?? 0 }, query: asOf ? { asOf } : {} },
        }),
      ),
  });
  const ends = plan ? periodEnds(plan, localToday()) : [];
  const periodLabel = (end: { year: number; index: number; asOf: string }) =>
    fill(plan?.cadence === "monthly" ? t.month : t.quarter, { y: end.year, i: end.index, d: end.asOf });

  const choose = (next: { plan?: number; asOf?: string }) => {
    const planId = next.plan ?? plan?.id;
    const day = "asOf" in next ? next.asOf : asOf;
    setParams({ ...(planId ? { plan: String(planId) } : {}), ...(day ? { asOf: day } : {}) });
  };

  return (
    <>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {plans.error && <Alert type="error" showIcon title={errorMessage(plans.error)} />}
      {plans.isPending ? (
        <Spin />
      ) : !plan ? (
        <Empty
          description={
            can.importPlans(user.role) ? (
              <>
                {t.noPlans} <Link to="/import">{t.importFirst}</Link>
              </>
            ) : (
              t.noPlansViewer
            )
          }
        />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Select
              aria-label={t.plan}
              style={{ width: 420 }}
              value={plan.id}
              onChange={(id: number) => choose({ plan: id, asOf: "" })}
              options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
              showSearch={{ optionFilterProp: "label" }}
            />
            <Select
              aria-label={t.period}
              style={{ width: 260 }}
              value={asOf}
              onChange={(day: string) => choose({ asOf: day })}
              options={[
                { value: "", label: t.today },
                ...ends.map((end) => ({ value: end.asOf, label: periodLabel(end) })),
                ...(asOf && !ends.some((e) => e.asOf === asOf) ? [{ value: asOf, label: asOf }] : []),
              ]}
            />
          </Space>
          {assessment.error && <Alert type="error" showIcon title={errorMessage(assessment.error)} />}
          {assessment.isPending ? (
            <Spin description={t.loading}>
              <div style={{ minHeight: 120 }} />
            </Spin>
          ) : (
            assessment.data && (
              <>
                <Typography.Paragraph data-testid="assessment-summary" data-plan={assessment.data.planId}>
                  {fill(t.asOf, {
                    d: assessment.data.asOf,
                    n: assessment.data.orgs.length,
                    r: assessment.data.orgs.filter((o) => o.rank !== null).length,
                  })}
                </Typography.Paragraph>
                <ScoreTable assessment={assessment.data} />
                <ScoreExplanation weights={assessment.data.weights} />
              </>
            )
          )}
        </>
      )}
    </>
  );
}
