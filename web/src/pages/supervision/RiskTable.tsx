// One unit's overdue and at-risk items: plan, measure, due date, status, and the notice action — for one
// item, or for every item ticked (one notice listing them all).
import { Button, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { StatusTag } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, STATUS_ORDER, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { Assignment } from "./risk.ts";

const text = {
  zh: {
    measure: "落实举措",
    plan: "计划",
    role: "职责",
    due: "完成时限",
    status: "状态",
    latest: "最近报送",
    none: "暂无",
    action: "操作",
    issue: "下发督办单",
    chased: "已督办，待答复",
    issueSelected: "为所选 {n} 项下发一份督办单",
    select: "选择",
  },
  en: {
    measure: "Measure",
    plan: "Plan",
    role: "Role",
    due: "Due",
    status: "Status",
    latest: "Latest report",
    none: "None",
    action: "Action",
    issue: "Issue notice",
    chased: "Notice open",
    issueSelected: "One notice for the {n} selected",
    select: "Select",
  },
};

export function RiskTable({
  items,
  chased,
  onChase,
}: {
  items: Assignment[];
  chased: ReadonlySet<string>;
  onChase(items: Assignment[]): void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const [selected, setSelected] = useState<number[]>([]);
  const isChased = (row: Assignment) => chased.has(`${row.measureId}:${row.orgId}`);
  const picked = items.filter((a) => selected.includes(a.id) && !isChased(a));
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {items.length > 1 && (
        <Button type="primary" size="small" disabled={picked.length === 0} onClick={() => onChase(picked)}>
          {fill(t.issueSelected, { n: picked.length })}
        </Button>
      )}
      <Table<Assignment>
        rowKey="id"
        size="small"
        dataSource={items}
        rowSelection={
          items.length > 1
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (row) => ({
                  disabled: isChased(row),
                  "aria-label": `${t.select} ${row.measureText}`,
                }),
              }
            : undefined
        }
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          {
            title: t.measure,
            dataIndex: "measureText",
            render: (value: string, row) => (
              <>
                <Link to={`/measures/${row.measureId}`}>{value}</Link>
                <div>
                  <Typography.Text type="secondary">{row.taskTitle}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: t.plan,
            dataIndex: "planTitle",
            width: 220,
            render: (value: string, row) => <Link to={`/plans/${row.planId}`}>{value}</Link>,
          },
          {
            title: t.role,
            dataIndex: "role",
            width: 64,
            render: (role: Assignment["role"]) => UNIT_ROLE_LABEL[lang][role],
          },
          {
            title: t.due,
            dataIndex: "dueOn",
            width: 112,
            sorter: (a, b) => (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999"),
            render: (dueOn: string | null, row) => (
              <span title={row.deadlineRaw ?? undefined}>{dueOn ?? row.deadlineRaw ?? t.none}</span>
            ),
          },
          {
            title: t.status,
            dataIndex: "status",
            width: 150,
            sorter: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
            render: (status: AssignmentStatus, row) => (
              <>
                <StatusTag status={status} />
                {row.missingPeriod && status === "report_missing" && (
                  <Typography.Text type="secondary">{row.missingPeriod}</Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t.latest,
            width: 120,
            render: (_: unknown, row) =>
              row.latestReport ? `${row.latestReport.period} · ${row.latestReport.percent ?? "—"}%` : t.none,
          },
          {
            title: t.action,
            width: 128,
            render: (_: unknown, row) =>
              isChased(row) ? (
                <Tag>{t.chased}</Tag>
              ) : (
                <Button size="small" onClick={() => onChase([row])}>
                  {t.issue}
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}
