// The workbench on a phone: each assignment as a card with its report button at hand, where a table would
// scroll sideways. Loaded only on narrow screens.
import { Card, Pagination, type PaginationProps, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { StatusTag } from "../../components/StatusTag.tsx";
import { UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { useLang } from "../../i18n/lang.tsx";
import type { Assignment } from "./WorkbenchPage.tsx";

type Props = {
  items: Assignment[];
  pagination: PaginationProps | false;
  emptyText: ReactNode;
  labels: { due: string; latest: string; none: string };
  action(row: Assignment): ReactNode;
};

export default function AssignmentCards({ items, pagination, emptyText, labels, action }: Props) {
  const { lang } = useLang();
  return (
    <>
      {items.length === 0 && emptyText}
      {items.map((row) => (
        <Card key={row.id} size="small" data-testid="assignment-card" style={{ marginBottom: 8 }}>
          <Link to={`/measures/${row.measureId}`}>{row.measureText}</Link>
          <div>
            <Typography.Text type="secondary">
              <Link to={`/plans/${row.planId}`}>{row.planTitle}</Link> · {row.taskTitle}
            </Typography.Text>
          </div>
          <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginTop: 8 }}>
            <StatusTag status={row.status} />
            <Typography.Text>{UNIT_ROLE_LABEL[lang][row.role]}</Typography.Text>
            <Typography.Text title={row.deadlineRaw ?? undefined}>
              {labels.due} {row.dueOn ?? row.deadlineRaw ?? labels.none}
            </Typography.Text>
            <Typography.Text type="secondary">
              {labels.latest}{" "}
              {row.latestReport ? `${row.latestReport.period} · ${row.latestReport.percent ?? "—"}%` : labels.none}
            </Typography.Text>
            <span style={{ marginLeft: "auto" }}>{action(row)}</span>
          </div>
        </Card>
      ))}
      {pagination && items.length > 0 && <Pagination {...pagination} size="small" align="center" />}
    </>
  );
}
