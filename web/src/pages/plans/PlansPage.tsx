// 计划任务: every plan the user may see, filtered by level, region, year and status (kept in the URL),
// each with its progress; a click opens the plan.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Space, Table, Tag, Typography } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { can, useUser } from "../../auth/session.ts";
import { StatusTag } from "../../components/StatusTag.tsx";
import type { AssignmentStatus } from "../../i18n/common.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { PlanFilters, type PlanFilterValues, readFilters, writeFilters } from "./PlanFilters.tsx";
import { periodOf } from "./planData.ts";
import { planEnded } from "./planEnded.ts";
import { RollUpBar, severity } from "./RollUpBar.tsx";
import { localToday } from "./reportPeriods.ts";

export type PlanRow = ResponseOf<"/api/plans">["items"][number];

const text = {
  zh: {
    title: "计划任务",
    intro: "本单位可查看的计划：本单位印发的，以及分解了任务给本单位的。点击计划查看任务分解和落实进展。",
    plan: "计划",
    docNumber: "文号",
    issuer: "印发单位",
    period: "年度/期限",
    version: "版本",
    progress: "落实进展",
    warning: "预警",
    superseded: "已被新版本取代",
    ended: "已结束",
    noneFiltered: "没有符合筛选条件的计划。",
    clear: "清除筛选",
    emptyOffice: "还没有计划。导入一份计划文件（Word、Excel、PDF 或文本），系统会自动分解任务到责任单位。",
    emptyOther: "还没有可查看的计划。计划由计划管理处室导入后，分解到本单位的计划会出现在这里。",
    importNow: "导入计划",
    all: "共 {n} 个计划",
    none: "—",
  },
  en: {
    title: "Plans",
    intro:
      "Plans your unit may see: those it issued and those that assign it work. Open a plan for its tasks and progress.",
    plan: "Plan",
    docNumber: "Doc. no.",
    issuer: "Issued by",
    period: "Year / period",
    version: "Version",
    progress: "Progress",
    warning: "Alert",
    superseded: "Superseded by a newer version",
    ended: "Ended",
    noneFiltered: "No plan matches these filters.",
    clear: "Clear filters",
    emptyOffice:
      "No plans yet. Import a plan document (Word, Excel, PDF or text) and its tasks are assigned to the units.",
    emptyOther: "No plans to show yet. Plans appear here once their plan office imports them.",
    importNow: "Import a plan",
    all: "{n} plans",
    none: "—",
  },
};

export default function PlansPage() {
  const t = useText(text);
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const plans = useQuery({
    queryKey: ["plans", filters],
    queryFn: () =>
      unwrap(
        api.GET("/api/plans", {
          params: {
            query: {
              ...(filters.status !== "all" ? { status: filters.status } : {}),
              ...(filters.level ? { level: filters.level } : {}),
              ...(filters.region ? { region: filters.region } : {}),
              ...(filters.year !== undefined ? { year: filters.year } : {}),
            },
          },
        }),
      ),
  });
  const change = (next: PlanFilterValues) => setParams(writeFilters(next), { replace: true });
  const filtered = Boolean(
    filters.level || filters.region || filters.year !== undefined || filters.status !== "active",
  );
  const empty = filtered ? (
    <Empty description={t.noneFiltered}>
      <Button onClick={() => change({ status: "active" })}>{t.clear}</Button>
    </Empty>
  ) : (
    <Empty description={can.importPlans(user.role) ? t.emptyOffice : t.emptyOther}>
      {can.importPlans(user.role) && (
        <Button type="primary" onClick={() => navigate("/import")}>
          {t.importNow}
        </Button>
      )}
    </Empty>
  );
  return (
    <>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <PlanFilters value={filters} onChange={change} />
      {plans.error && <Alert type="error" showIcon title={errorMessage(plans.error)} style={{ marginBottom: 16 }} />}
      <Table<PlanRow>
        rowKey="id"
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: empty }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => fill(t.all, { n }) }}
        onRow={(row) => ({ onClick: () => navigate(`/plans/${row.id}`), style: { cursor: "pointer" } })}
        columns={[
          {
            title: t.plan,
            dataIndex: "title",
            sorter: (a, b) => a.title.localeCompare(b.title, "zh"),
            render: (title: string, row) => (
              <>
                <Link to={`/plans/${row.id}`} onClick={(e) => e.stopPropagation()}>
                  {title}
                </Link>
                <div>
                  <Typography.Text type="secondary">{row.orgName}</Typography.Text>
                </div>
              </>
            ),
          },
          { title: t.docNumber, dataIndex: "docNumber", width: 170, render: (v: string | null) => v ?? t.none },
          { title: t.issuer, dataIndex: "issuer", width: 200, render: (v: string | null, row) => v ?? row.orgName },
          {
            title: t.period,
            key: "period",
            width: 110,
            sorter: (a, b) => (a.periodFrom ?? 0) - (b.periodFrom ?? 0) || (a.periodTo ?? 0) - (b.periodTo ?? 0),
            render: (_: unknown, row) => (
              <Space size={4} wrap>
                <span>{periodOf(row)}</span>
                {planEnded(row, localToday()) && <Tag>{t.ended}</Tag>}
              </Space>
            ),
          },
          {
            title: t.version,
            dataIndex: "version",
            width: 90,
            sorter: (a, b) => a.version - b.version,
            render: (version: number, row) => (
              <Space size={4} wrap>
                <span>v{version}</span>
                {row.status === "superseded" && <Tag>{t.superseded}</Tag>}
              </Space>
            ),
          },
          {
            title: t.progress,
            key: "progress",
            width: 260,
            sorter: (a, b) => (a.rollUp.completionRate ?? -1) - (b.rollUp.completionRate ?? -1),
            render: (_: unknown, row) => <RollUpBar rollUp={row.rollUp} />,
          },
          {
            title: t.warning,
            key: "warning",
            width: 110,
            sorter: (a, b) => severity(a.rollUp) - severity(b.rollUp),
            render: (_: unknown, row) =>
              row.rollUp.worst ? <StatusTag status={row.rollUp.worst as AssignmentStatus} /> : t.none,
          },
        ]}
      />
    </>
  );
}
