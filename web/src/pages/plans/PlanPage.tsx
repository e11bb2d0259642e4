// 计划详情: one plan's header, progress and exports, then two tabs: sections → tasks → measures with their
// units, due dates, statuses and latest progress (filters by unit, status and words live in the URL), and
// the plan's indicators (?tab=indicators).
import { useQuery } from "@tanstack/react-query";
import { Alert, Input, Select, Space, Spin, Tabs } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { can, useSession, useUser } from "../../auth/session.ts";
import { isNotFound, NoAccess } from "../../components/NoAccess.tsx";
import { STATUS_LABEL, STATUS_ORDER } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { usePlanCoverage } from "./Implementers.tsx";
import { recordingOrgs } from "./indicators.ts";
import { PlanHeader } from "./PlanHeader.tsx";
import { PlanOutline } from "./PlanOutline.tsx";
import { byMeasure, type Plan, rollUpOf, usePlan, usePlanAssignments } from "./planData.ts";
import { linksByTask, UpperPlansButton, usePlanLinks, useUpperPlans } from "./UpperTask.tsx";
import { readViewFilters, type ViewFilters, writeViewFilters } from "./viewFilters.ts";

// The settings form, the report dialog and the indicators load only when opened.
const SettingsDrawer = lazy(() => import("./SettingsDrawer.tsx").then((m) => ({ default: m.SettingsDrawer })));
const ReportModal = lazy(() => import("./ReportModal.tsx").then((m) => ({ default: m.ReportModal })));
const IndicatorsTab = lazy(() => import("./IndicatorsTab.tsx"));
const ReviewTab = lazy(() => import("./ReviewTab.tsx").then((m) => ({ default: m.ReviewTab })));

const text = {
  zh: {
    unit: "责任单位",
    allUnits: "全部责任单位",
    status: "状态",
    allStatuses: "全部状态",
    search: "搜索任务或举措",
    sort: "排序",
    byDocument: "按原文顺序",
    byDue: "按完成时限",
    byStatus: "按状态（问题在前）",
    loading: "正在加载任务分解…",
    tasks: "任务分解",
    indicators: "指标（{n}）",
    review: "待确认单位（{n}）",
  },
  en: {
    unit: "Unit",
    allUnits: "All units",
    status: "Status",
    allStatuses: "All statuses",
    search: "Search tasks and measures",
    sort: "Order",
    byDocument: "As in the document",
    byDue: "By due date",
    byStatus: "By status, worst first",
    loading: "Loading the assignments…",
    tasks: "Tasks",
    indicators: "Indicators ({n})",
    review: "Names to confirm ({n})",
  },
};

export default function PlanPage() {
  const { planId } = useParams();
  const id = Number(planId);
  if (!Number.isInteger(id) || id <= 0) return <NoAccess />;
  return <PlanView planId={id} />;
}

function PlanView({ planId }: { planId: number }) {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const session = useSession();
  const plan = usePlan(planId);
  // Fetched alongside the plan: a plan the user may not see simply has no assignments for them.
  const assignments = usePlanAssignments(planId);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readViewFilters(params), [params]);
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const links = usePlanLinks(planId);
  const taskLinks = useMemo(() => linksByTask(links.data?.items), [links.data]);
  const uppers = useUpperPlans(planId);
  const coverage = usePlanCoverage(planId);
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => unwrap(api.GET("/api/orgs")), staleTime: 300_000 });
  const grouped = useMemo(() => byMeasure(assignments.data ?? []), [assignments.data]);
  const units = useMemo(() => {
    const seen = new Map<number, string>();
    for (const a of assignments.data ?? []) seen.set(a.orgId, a.orgName);
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "zh"));
  }, [assignments.data]);

  if (plan.error && isNotFound(plan.error)) return <NoAccess />;
  if (plan.error) return <Alert type="error" showIcon title={errorMessage(plan.error)} />;
  if (!plan.data) return <Spin />;

  const set = (patch: Partial<ViewFilters>) => {
    const next: ViewFilters = { ...filters, ...patch };
    for (const key of Object.keys(patch) as (keyof ViewFilters)[]) if (patch[key] === undefined) delete next[key];
    setParams(writeViewFilters(next), { replace: true });
  };
  // Whoever sees the issuing office sees the whole plan; a unit that only holds part of it sees its part.
  const sees = (p: Plan) => user.role === "admin" || (orgs.data?.items ?? []).some((o) => o.id === p.orgId);
  const orgName = filters.org === undefined ? undefined : units.find((u) => u.value === filters.org)?.label;
  const mayRecord = can.recordIndicators(user.role);
  const recorders = recordingOrgs({ ...user, mayRecord }, plan.data, units, sees(plan.data));
  // The plan's office corrects its indicators and splits targets among the orgs directly under it.
  const officeOrgId = user.role === "admin" ? plan.data.orgId : user.orgId;
  const indicatorOffice = canEditSettings(user, plan.data, orgs.data?.items)
    ? {
        officeOrgId,
        orgs: (orgs.data?.items ?? [])
          .filter((o) => o.parentId === officeOrgId)
          .map((o) => ({ id: o.id, name: o.name }))
          .sort((a, b) => a.name.localeCompare(b.name, "zh")),
      }
    : undefined;
  const focus = filters.org === undefined ? undefined : (assignments.data ?? []).filter((a) => a.orgId === filters.org);
  return (
    <>
      <PlanHeader
        plan={plan.data}
        rollUp={focus ? rollUpOf(focus) : plan.data.rollUp.plan}
        orgName={orgName}
        orgId={filters.org}
        partial={!sees(plan.data)}
        status={filters.status}
        onStatus={(status) => set({ status, tab: undefined })}
        onSettings={canEditSettings(user, plan.data, orgs.data?.items) ? () => setEditing(true) : undefined}
        onReport={() => setReporting(true)}
      />
      <Tabs
        activeKey={filters.tab ?? "tasks"}
        onChange={(key) => set({ tab: key === "indicators" || key === "review" ? key : undefined })}
        items={[
          {
            key: "tasks",
            label: t.tasks,
            children: (
              <>
                <Space wrap style={{ marginBottom: 16 }}>
                  <Select<number>
                    aria-label={t.unit}
                    placeholder={t.allUnits}
                    allowClear
                    showSearch={{ optionFilterProp: "label" }}
                    style={{ width: 260 }}
                    value={filters.org}
                    onChange={(org) => set({ org })}
                    options={units}
                    loading={assignments.isPending}
                    data-testid="unit-filter"
                  />
                  <Select
                    aria-label={t.status}
                    placeholder={t.allStatuses}
                    allowClear
                    style={{ width: 150 }}
                    value={filters.status}
                    onChange={(status) => set({ status })}
                    options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABEL[lang][s] }))}
                  />
                  <Select<"document" | "due" | "status">
                    aria-label={t.sort}
                    style={{ width: 170 }}
                    value={filters.sort ?? "document"}
                    onChange={(sort) => set({ sort: sort === "document" ? undefined : sort })}
                    options={[
                      { value: "document", label: t.byDocument },
                      { value: "due", label: t.byDue },
                      { value: "status", label: t.byStatus },
                    ]}
                  />
                  <Input.Search
                    aria-label={t.search}
                    placeholder={t.search}
                    allowClear
                    defaultValue={filters.q}
                    onSearch={(q) => set({ q: q.trim() || undefined })}
                    style={{ width: 260 }}
                  />
                  <UpperPlansButton planId={planId} mayDecide={canEditSettings(user, plan.data, orgs.data?.items)} />
                </Space>
                {assignments.error && <Alert type="error" showIcon title={errorMessage(assignments.error)} />}
                {assignments.isPending ? (
                  <Spin tip={t.loading}>
                    <div style={{ height: 120 }} />
                  </Spin>
                ) : (
                  <PlanOutline
                    plan={plan.data}
                    grouped={grouped}
                    filters={filters}
                    onlyAssigned={!sees(plan.data)}
                    links={taskLinks}
                    mayDecide={canEditSettings(user, plan.data, orgs.data?.items)}
                    showUpper={(uppers.data?.items.length ?? 0) > 0 || taskLinks.size > 0}
                    coverage={coverage}
                  />
                )}
              </>
            ),
          },
          {
            key: "indicators",
            label: fill(t.indicators, { n: plan.data.indicators.length }),
            children: (
              <Suspense fallback={<Spin />}>
                <IndicatorsTab planId={planId} recorders={recorders} manage={indicatorOffice} />
              </Suspense>
            ),
          },
          ...(canEditSettings(user, plan.data, orgs.data?.items)
            ? [
                {
                  key: "review",
                  label: fill(t.review, { n: pendingNames(plan.data) }),
                  children: (
                    <Suspense fallback={<Spin />}>
                      <ReviewTab plan={plan.data} />
                    </Suspense>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <Suspense fallback={null}>
          <SettingsDrawer plan={plan.data} onClose={() => setEditing(false)} />
        </Suspense>
      )}
      {reporting && (
        <Suspense fallback={null}>
          <ReportModal
            plan={plan.data}
            units={units}
            user={user}
            ownOrgName={session.data?.org.name}
            filteredOrg={filters.org}
            onClose={() => setReporting(false)}
          />
        </Suspense>
      )}
    </>
  );
}

/** Distinct unit names still to confirm, as the outline carries them per measure. */
function pendingNames(plan: Plan): number {
  return new Set(plan.tasks.flatMap((task) => task.measures.flatMap((m) => m.unresolved.map((u) => u.name)))).size;
}

/** Plan offices change the settings of plans their own orgs issued; admins of any (the server checks the same). */
function canEditSettings(user: { role: string }, plan: Plan, orgs: readonly { id: number }[] | undefined): boolean {
  if (user.role === "admin") return true;
  return user.role === "plan_office" && (orgs ?? []).some((o) => o.id === plan.orgId);
}
