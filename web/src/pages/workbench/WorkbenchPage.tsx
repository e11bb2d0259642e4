// 工作台: what the signed-in unit owes, worst first, with the progress report form one click away.
import { useQueries, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Empty, Grid, Row, Spin, Statistic, Table, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { can, useSession, useUser } from "../../auth/session.ts";
import { STATUS_COLOURS, StatusTag } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, STATUS_LABEL, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";

// The form (upload, number input, drawer) loads on first use, keeping it out of the first page's JavaScript.
const ReportDrawer = lazy(() => import("./ReportDrawer.tsx").then((m) => ({ default: m.ReportDrawer })));
// So do the phone's cards (a desk shows the table).
const AssignmentCards = lazy(() => import("./AssignmentCards.tsx"));

// So does the calendar subscription (its button has no icon: the first load is within a few KB of its budget).
import { LoopQueue } from "../supervision/LoopQueue.tsx";
import { ScopeOffers } from "./ScopeOffers.tsx";

const DecomposeDrawer = lazy(() => import("./Decompose.tsx").then((m) => ({ default: m.DecomposeDrawer })));

const CalendarDialog = lazy(() => import("./CalendarDialog.tsx").then((m) => ({ default: m.CalendarDialog })));

export type Assignment = ResponseOf<"/api/assignments">["items"][number];

const GROUPS: AssignmentStatus[] = ["unfinished", "overdue", "due_soon", "report_missing", "on_track"];
/** Everything not yet done: what a unit still owes. */
const OPEN: AssignmentStatus[] = ["unfinished", "overdue", "due_soon", "report_missing", "not_started", "on_track"];
const PAGE_SIZE = 20;

const text = {
  zh: {
    title: "工作台",
    intro: "本单位承担的任务，按紧急程度排列。点“填报进展”即可报送本期进展并上传佐证材料。",
    measure: "落实举措",
    plan: "计划",
    role: "职责",
    due: "完成时限",
    status: "状态",
    latest: "最近报送",
    action: "操作",
    report: "填报进展",
    decompose: "分解",
    none: "暂无",
    empty: "本单位目前没有需要落实的任务。计划导入后，分解到本单位的举措会出现在这里。",
    all: "全部 {n} 项",
    notStarted: "未开始",
    done: "已完成",
    calendar: "订阅截止日历",
  },
  en: {
    title: "Workbench",
    intro: "What your unit owes, most urgent first. Use “Report progress” to file this period's report with evidence.",
    measure: "Measure",
    plan: "Plan",
    role: "Role",
    due: "Due",
    status: "Status",
    latest: "Latest report",
    action: "Action",
    report: "Report progress",
    decompose: "Decompose",
    none: "None",
    empty: "Your unit has nothing to deliver yet. Measures assigned to it appear here once a plan is imported.",
    all: "All {n}",
    notStarted: "Not started",
    done: "Done",
    calendar: "Subscribe to deadlines",
  },
};

export default function WorkbenchPage() {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const [filter, setFilter] = useState<AssignmentStatus | null>(null);
  const [page, setPage] = useState(1);
  const [reporting, setReporting] = useState<Assignment | null>(null);
  const [subscribing, setSubscribing] = useState(false);
  const [decomposing, setDecomposing] = useState<Assignment | null>(null);
  const orgName = useSession().data?.org.name ?? "";
  // Counts per group from the totals, so a unit with thousands of items still loads one page of rows.
  const counts = useQueries({
    queries: GROUPS.map((status) => ({
      queryKey: ["assignments", "workbench", user.orgId, "count", status],
      queryFn: () => unwrap(api.GET("/api/assignments", { params: { query: { org: user.orgId, status, limit: 1 } } })),
    })),
  });
  const owed = useQuery({
    queryKey: ["assignments", "workbench", user.orgId, filter ?? "open", page],
    queryFn: () =>
      unwrap(
        api.GET("/api/assignments", {
          params: {
            query: {
              org: user.orgId,
              status: filter ?? OPEN.join(","),
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            },
          },
        }),
      ),
  });
  // On a phone each assignment is a card with its action at hand; a table would scroll sideways.
  const narrow = Grid.useBreakpoint().md === false;
  const reportButton = (row: Assignment) =>
    can.report(user.role) && row.status !== "done" ? (
      <span style={{ display: "inline-flex", flexWrap: "wrap", gap: 4 }}>
        <Button size={narrow ? "middle" : "small"} type="primary" onClick={() => setReporting(row)}>
          {t.report}
        </Button>
        {/* 分解: the holding unit breaks its assignment down to units under it. */}
        <Button
          size={narrow ? "middle" : "small"}
          onClick={() => setDecomposing(row)}
          data-testid={`decompose-${row.id}`}
        >
          {t.decompose}
        </Button>
      </span>
    ) : null;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: owed.data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    showTotal: (n: number) => fill(t.all, { n }),
  };
  // Until the first page arrives the list says it is loading, not that the unit owes nothing.
  const emptyText = owed.isPending ? <Spin /> : <Empty description={t.empty} />;
  const choose = (status: AssignmentStatus) => {
    setFilter(filter === status ? null : status);
    setPage(1);
  };
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", flexWrap: "wrap", gap: 8 }}>
        <Typography.Title level={2}>{t.title}</Typography.Title>
        <Button onClick={() => setSubscribing(true)}>{t.calendar}</Button>
      </div>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {owed.error && <Alert type="error" showIcon title={errorMessage(owed.error)} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {GROUPS.map((status, index) => (
          <Col key={status} xs={12} md={6}>
            <Card
              hoverable
              size="small"
              onClick={() => choose(status)}
              style={{ borderColor: filter === status ? "#b71c1c" : undefined }}
              data-testid={`group-${status}`}
            >
              <Statistic
                title={STATUS_LABEL[lang][status]}
                value={counts[index]?.data?.total ?? "—"}
                valueStyle={{ color: STATUS_COLOURS[status].text }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {narrow ? (
        <Suspense fallback={emptyText}>
          <AssignmentCards
            items={owed.data?.items ?? []}
            pagination={owed.data ? pagination : false}
            emptyText={emptyText}
            labels={{ due: t.due, latest: t.latest, none: t.none }}
            action={reportButton}
          />
        </Suspense>
      ) : (
        <Table<Assignment>
          rowKey="id"
          loading={owed.isFetching && !owed.isPending}
          dataSource={owed.data?.items ?? []}
          size="middle"
          pagination={pagination}
          locale={{ emptyText }}
          columns={[
            {
              title: t.measure,
              dataIndex: "measureText",
              render: (value: string, row) => (
                <>
                  <Link to={`/measures/${row.measureId}`}>{value}</Link>
                  <div>
                    <Typography.Text type="secondary">
                      <Link to={`/plans/${row.planId}`}>{row.planTitle}</Link> · {row.taskTitle}
                    </Typography.Text>
                  </div>
                </>
              ),
            },
            {
              title: t.role,
              dataIndex: "role",
              width: 72,
              render: (role: Assignment["role"]) => UNIT_ROLE_LABEL[lang][role],
            },
            {
              title: t.due,
              dataIndex: "dueOn",
              width: 120,
              render: (dueOn: string | null, row) => (
                <span title={row.deadlineRaw ?? undefined}>{dueOn ?? row.deadlineRaw ?? t.none}</span>
              ),
            },
            {
              title: t.status,
              dataIndex: "status",
              width: 112,
              render: (status: AssignmentStatus) => <StatusTag status={status} />,
            },
            {
              title: t.latest,
              width: 140,
              render: (_: unknown, row) =>
                row.latestReport ? `${row.latestReport.period} · ${row.latestReport.percent ?? "—"}%` : t.none,
            },
            {
              title: t.action,
              width: 190,
              render: (_: unknown, row) => reportButton(row),
            },
          ]}
        />
      )}
      {/* The loop's waiting items (签收, 退回, 延期, 办结), below what the unit owes. */}
      <div style={{ marginTop: 16 }}>
        <LoopQueue compact />
      </div>
      <ScopeOffers />
      {reporting && (
        <Suspense fallback={null}>
          <ReportDrawer assignment={reporting} onClose={() => setReporting(null)} />
        </Suspense>
      )}
      {decomposing && (
        <Suspense fallback={null}>
          <DecomposeDrawer assignment={decomposing} onClose={() => setDecomposing(null)} />
        </Suspense>
      )}
      {subscribing && (
        <Suspense fallback={null}>
          <CalendarDialog user={user} orgName={orgName} onClose={() => setSubscribing(false)} />
        </Suspense>
      )}
    </>
  );
}
