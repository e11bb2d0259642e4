// 举措详情: the original text beside the parsed measure, its units with their progress timelines (the lead
// unit sees its support units' too) and the lead unit's sign-off.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Row, Space, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { useUser } from "../../auth/session.ts";
import { isNotFound, NoAccess } from "../../components/NoAccess.tsx";
import { StatusTag } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, REPORT_STATUS_LABEL, STATUS_ORDER, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { DecomposePanel } from "../workbench/Decompose.tsx";
import { ChangeUnits } from "./ChangeUnits.tsx";
import { LoopPanel } from "./LoopPanel.tsx";
import { MeasureScopes } from "./MeasureScopes.tsx";
import { OriginalText } from "./OriginalText.tsx";
import { ParsedFields } from "./ParsedFields.tsx";
import { AssignmentTimeline } from "./ProgressTimeline.tsx";
import { SignOff } from "./SignOff.tsx";
import { SuperviseButton } from "./SuperviseButton.tsx";

export type MeasureDetail = ResponseOf<"/api/measures/{id}">;
type Assignment = MeasureDetail["assignments"][number];

/** Up to this many units, every timeline starts open; beyond it, the user's own and the lead's. */
const OPEN_ALL_UP_TO = 10;

const text = {
  zh: {
    plans: "计划任务",
    trace: "落实链条",
    title: "落实举措",
    superseded: "这条举措属于已被取代的旧版本计划，落实进展在新版本中跟踪。",
    units: "责任单位与进展",
    unitsHint: "点击单位查看其历次报送的进展和佐证材料。",
    unit: "单位",
    role: "职责",
    status: "状态",
    due: "完成时限",
    latest: "最近报送",
    none: "暂无",
    expandAll: "全部展开",
    collapseAll: "全部收起",
    noUnits: "您可查看的单位中没有承担这条举措的。",
  },
  en: {
    plans: "Plans",
    trace: "Trace",
    title: "Measure",
    superseded: "This measure belongs to a superseded plan version; its progress is tracked in the newer version.",
    units: "Units and progress",
    unitsHint: "Open a unit to see its reports and evidence files.",
    unit: "Unit",
    role: "Role",
    status: "Status",
    due: "Due",
    latest: "Latest report",
    none: "None",
    expandAll: "Expand all",
    collapseAll: "Collapse all",
    noUnits: "None of the units you may see holds this measure.",
  },
};

export default function MeasurePage() {
  const { measureId } = useParams();
  const id = Number(measureId);
  if (!Number.isInteger(id) || id <= 0) return <NoAccess />;
  return <MeasureView measureId={id} />;
}

function MeasureView({ measureId }: { measureId: number }) {
  const t = useText(text);
  const measure = useQuery({
    queryKey: ["measure", measureId],
    queryFn: () => unwrap(api.GET("/api/measures/{id}", { params: { path: { id: measureId } } })),
  });
  if (measure.error && isNotFound(measure.error)) return <NoAccess />;
  if (measure.error) return <Alert type="error" showIcon title={errorMessage(measure.error)} />;
  if (!measure.data) return <Spin />;
  const m = measure.data;
  const statuses = new Set(m.assignments.map((a) => a.status));
  const overall: AssignmentStatus | undefined =
    m.state.status === "done" ? "done" : STATUS_ORDER.find((s) => statuses.has(s));
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to="/plans">{t.plans}</Link> / <Link to={`/plans/${m.plan.id}`}>{m.plan.title}</Link> / {m.task.key}{" "}
        <Link to={`/tasks/${m.task.id}/trace`} data-testid="measure-trace">
          {t.trace}
        </Link>
      </Typography.Paragraph>
      <div style={{ display: "flex", gap: 16, alignItems: "flex-start", flexWrap: "wrap" }}>
        <div style={{ flex: "1 1 480px" }}>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {t.title} {overall && <StatusTag status={overall} />}
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 16 }}>{m.text}</Typography.Paragraph>
        </div>
        <Space align="start" wrap>
          <SuperviseButton measure={m} />
          <ChangeUnits measure={m} />
          <SignOff measure={m} />
        </Space>
      </div>
      {m.plan.status === "superseded" && (
        <Alert type="warning" showIcon title={t.superseded} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <OriginalText measure={m} />
        </Col>
        <Col xs={24} lg={12}>
          <ParsedFields measure={m} />
        </Col>
      </Row>
      <MeasureScopes planId={m.plan.id} measureId={m.id} />
      <LoopPanel measure={m} />
      {m.plan.status !== "superseded" && (
        <DecomposePanel assignments={m.assignments.map((a) => ({ id: a.id, orgId: a.orgId, measureText: m.text }))} />
      )}
      <Units measure={m} />
    </>
  );
}

function Units({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const all = measure.assignments.map((a) => a.id);
  const initial =
    all.length <= OPEN_ALL_UP_TO
      ? all
      : measure.assignments.filter((a) => a.orgId === user.orgId || a.role === "lead").map((a) => a.id);
  const [open, setOpen] = useState<number[]>(initial);
  const everyOpen = open.length === all.length;
  return (
    <Card
      size="small"
      title={t.units}
      extra={
        all.length > 1 && (
          <Button size="small" onClick={() => setOpen(everyOpen ? [] : all)}>
            {everyOpen ? t.collapseAll : t.expandAll}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t.unitsHint}</Typography.Paragraph>
      <Table<Assignment>
        rowKey="id"
        size="small"
        dataSource={measure.assignments}
        pagination={false}
        locale={{ emptyText: t.noUnits }}
        expandable={{
          expandedRowKeys: open,
          onExpandedRowsChange: (keys) => setOpen(keys.map(Number)),
          expandedRowRender: (a) => <AssignmentTimeline assignment={a} />,
          expandRowByClick: true,
        }}
        columns={[
          { title: t.unit, dataIndex: "orgName", sorter: (a, b) => a.orgName.localeCompare(b.orgName, "zh") },
          {
            title: t.role,
            dataIndex: "role",
            width: 80,
            render: (role: Assignment["role"]) => UNIT_ROLE_LABEL[lang][role],
            sorter: (a, b) => a.role.localeCompare(b.role),
          },
          {
            title: t.status,
            dataIndex: "status",
            width: 120,
            render: (status: AssignmentStatus) => <StatusTag status={status} />,
            sorter: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
          },
          {
            title: t.due,
            dataIndex: "dueOn",
            width: 120,
            render: (dueOn: string | null, a) => (
              <span title={a.deadlineRaw ?? undefined}>{dueOn ?? a.deadlineRaw ?? t.none}</span>
            ),
          },
          {
            title: t.latest,
            key: "latest",
            width: 200,
            render: (_: unknown, a) => {
              const r = a.reports.at(-1);
              if (!r) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
              return (
                <Space size={4}>
                  {r.period} · {REPORT_STATUS_LABEL[lang][r.status]}
                  {r.percent !== null && ` · ${fill("{p}%", { p: r.percent })}`}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
