// The headline numbers; each (but the rate) is a link to the list it counts.
import { Card, Col, Row, Statistic } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Summary } from "./data.ts";
import { drillHref, noticesHref, type Scope, scopeQuery } from "./links.ts";

const text = {
  zh: {
    total: "任务总数",
    done: "已完成",
    overdue: "已逾期",
    rate: "完成率",
    rateOf: "{done} / {total} 项",
    escalated: "升级督办",
    escalatedHint: "逾期未答复的督办单",
    items: "项",
  },
  en: {
    total: "Assignments",
    done: "Done",
    overdue: "Overdue",
    rate: "Completion",
    rateOf: "{done} of {total}",
    escalated: "Escalated notices",
    escalatedHint: "Notices not answered in time",
    items: "",
  },
};

function Kpi({ id, to, children }: { id: string; to?: string; children: ReactNode }) {
  const card = (
    <Card size="small" hoverable={to !== undefined} data-testid={`kpi-${id}`} style={{ height: "100%" }}>
      {children}
    </Card>
  );
  return (
    <Col flex="1 1 180px">
      {to ? (
        <Link to={to} style={{ display: "block", height: "100%" }}>
          {card}
        </Link>
      ) : (
        card
      )}
    </Col>
  );
}

export function KpiCards({ summary, scope }: { summary: Summary; scope: Scope }) {
  const t = useText(text);
  const query = (status: string) => summary.byStatus.find((b) => b.status === status)?.query ?? { status };
  const rate = summary.completionRate === null ? "—" : `${Math.round(summary.completionRate * 1000) / 10}%`;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Kpi id="total" to={drillHref(scopeQuery(scope))}>
        <Statistic title={t.total} value={summary.total} suffix={t.items} />
      </Kpi>
      <Kpi id="done" to={drillHref(query("done"))}>
        <Statistic
          title={t.done}
          value={summary.done}
          suffix={t.items}
          styles={{ content: { color: STATUS_COLOURS.done.text } }}
        />
      </Kpi>
      <Kpi id="overdue" to={drillHref(query("overdue"))}>
        <Statistic
          title={t.overdue}
          value={summary.overdue}
          suffix={t.items}
          styles={{ content: { color: summary.overdue > 0 ? STATUS_COLOURS.overdue.text : undefined } }}
        />
      </Kpi>
      <Kpi id="rate">
        <Statistic title={t.rate} value={rate} />
        <div style={{ color: "rgba(0, 0, 0, 0.65)" }}>
          {fill(t.rateOf, { done: summary.done, total: summary.total })}
        </div>
      </Kpi>
      <Kpi id="escalated" to={noticesHref(summary.escalatedNotices.query)}>
        <Statistic
          title={t.escalated}
          value={summary.escalatedNotices.open}
          styles={{
            content: { color: summary.escalatedNotices.open > 0 ? STATUS_COLOURS.overdue.text : undefined },
          }}
        />
        <div style={{ color: "rgba(0, 0, 0, 0.65)" }}>{t.escalatedHint}</div>
      </Kpi>
    </Row>
  );
}
