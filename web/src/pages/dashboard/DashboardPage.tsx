// 数据看板: where the work of the plans the user may see stands, by unit, by part of the plan, over time and by
// deadline, and the chosen plan's indicators against their targets. Every number and chart leads to the list of
// assignments behind it (/dashboard/list); every indicator to the plan's indicator page.
import { Alert, Button, Col, Empty, Row, Skeleton, Typography } from "antd";
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { can, useUser } from "../../auth/session.ts";
import { useText } from "../../i18n/lang.tsx";
import { DeadlineCalendar } from "./DeadlineCalendar.tsx";
import { DecomposedPanel } from "./DecomposedPanel.tsx";
import { useOrgs, usePlans, useSummary } from "./data.ts";
import { Filters } from "./Filters.tsx";
import { IndicatorPanel } from "./IndicatorPanel.tsx";
import { KpiCards } from "./KpiCards.tsx";
import { useDashboardParams } from "./links.ts";
import { OrgCompletion } from "./OrgCompletion.tsx";
import { OverdueTrend } from "./OverdueTrend.tsx";
import { SectionCompletion } from "./SectionCompletion.tsx";
import { StatusPie } from "./StatusPie.tsx";

// The cascade's coverage panel loads with its own chunk.
const CoveragePanel = lazy(() => import("./CoveragePanel.tsx"));

const text = {
  zh: {
    title: "数据看板",
    intro: "本单位及下属单位承担的计划任务落实情况。点击任一数字、色块或日期，查看其背后的任务清单。",
    noPlanOffice: "还没有计划。导入一份计划文件后，这里会显示各单位的完成情况、逾期趋势和到期日历。",
    noPlan: "还没有可查看的计划。计划管理处室导入计划并把任务分解到本单位后，这里会显示统计。",
    importPlan: "导入计划",
    nothingHere: "所选计划和单位下没有分解到单位的任务。请换一个计划或单位，或清除筛选。",
  },
  en: {
    title: "Dashboard",
    intro:
      "How the plans' work of your unit and its sub-units stands. Click any number, bar or day to list the assignments behind it.",
    noPlanOffice:
      "No plan yet. Import a plan document and this page shows completion by unit, the overdue trend and the deadlines.",
    noPlan:
      "No plan to show yet. Once a plan office imports a plan and assigns work to your unit, its figures appear here.",
    importPlan: "Import a plan",
    nothingHere: "No work is assigned in this plan and unit. Choose another plan or unit, or clear the filters.",
  },
};

export default function DashboardPage() {
  const t = useText(text);
  const user = useUser();
  const { scope, span, month, setScope, setSpan, setMonth } = useDashboardParams();
  const plans = usePlans();
  const orgs = useOrgs();
  const summary = useSummary(scope);

  const header = (
    <>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
    </>
  );
  if (plans.error)
    return (
      <>
        {header}
        <Alert type="error" showIcon title={errorMessage(plans.error)} />
      </>
    );
  if (plans.isPending)
    return (
      <>
        {header}
        <Skeleton active />
      </>
    );
  if (plans.data.items.length === 0)
    return (
      <>
        {header}
        <Empty description={can.importPlans(user.role) ? t.noPlanOffice : t.noPlan}>
          {can.importPlans(user.role) && (
            <Link to="/import">
              <Button type="primary">{t.importPlan}</Button>
            </Link>
          )}
        </Empty>
      </>
    );

  const inScope = plans.data.items.filter((p) => scope.planId === undefined || p.id === scope.planId);
  const years = inScope.map((p) => p.periodFrom ?? Number((p.issuedOn ?? p.createdAt).slice(0, 4)));
  const firstYear = years.length > 0 ? Math.min(...years) : undefined;
  const today = summary.data?.asOf;
  const nothing = summary.data?.total === 0;
  const byUnit = (summary.data?.byOrg.length ?? 2) > 1;
  const panel = { loading: summary.isPending, error: summary.error };
  const coverage = (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
      <CoveragePanel planId={scope.planId} plans={plans.data.items} orgId={user.orgId} />
    </Suspense>
  );
  const sections = (
    <Col xs={24} xl={12}>
      <SectionCompletion summary={summary.data} scope={scope} {...panel} />
    </Col>
  );
  return (
    <>
      {header}
      <Filters scope={scope} plans={plans.data.items} orgs={orgs.data?.items ?? []} onChange={setScope} />
      {summary.error && (
        <Alert type="error" showIcon title={errorMessage(summary.error)} style={{ marginBottom: 16 }} />
      )}
      {summary.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {summary.data && <KpiCards summary={summary.data} scope={scope} />}
      {nothing ? (
        <>
          <Empty description={t.nothingHere} />
          {/* A plan's targets stand even where no work of it is assigned to the chosen unit. */}
          {scope.planId !== undefined && (
            <div style={{ marginTop: 16 }}>
              <IndicatorPanel scope={scope} today={today} />
            </div>
          )}
          <div style={{ marginTop: 16 }}>{coverage}</div>
        </>
      ) : (
        <Row gutter={[16, 16]}>
          {/* A unit alone (a reporter's) has no comparison by unit to make; its first row is status and sections. */}
          {byUnit && (
            <Col xs={24} xl={14}>
              <OrgCompletion summary={summary.data} {...panel} />
            </Col>
          )}
          <Col xs={24} xl={byUnit ? 10 : 12}>
            <StatusPie summary={summary.data} {...panel} />
          </Col>
          {!byUnit && sections}
          <Col xs={24}>
            <IndicatorPanel scope={scope} today={today} />
          </Col>
          <Col xs={24}>
            <DecomposedPanel scope={scope} />
          </Col>
          <Col xs={24}>{coverage}</Col>
          {byUnit && sections}
          <Col xs={24} xl={12}>
            <OverdueTrend scope={scope} span={span} onSpan={setSpan} today={today} firstYear={firstYear} />
          </Col>
          <Col xs={24}>
            <DeadlineCalendar scope={scope} month={month} onMonth={setMonth} today={today} />
          </Col>
        </Row>
      )}
    </>
  );
}
