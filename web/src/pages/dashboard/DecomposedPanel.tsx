// 分解任务 (issue 10): the work in view that was decomposed to units below, with how many are at risk
// because of their subtree (something below overdue) — often while their own status still looks fine.
// Each count opens its list; each item leads to its measure page, where the 分解情况 card shows the units.
import { Alert, Card, List, Space, Statistic, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { StatusTag, toneStyle } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import { useDecomposed } from "./data.ts";
import type { Scope } from "./links.ts";

const text = {
  zh: {
    title: "分解任务下级落实",
    decomposed: "已分解任务",
    atRisk: "因下级逾期有风险",
    hidden: "其中本级状态正常",
    below: "下级任务（逾期）",
    subtree: "下级 {total} 项：逾期 {overdue}，完成 {done}",
    risk: "下级有逾期",
    onTrack: "下级正常",
    done: "下级已完成",
  },
  en: {
    title: "Decomposed work below",
    decomposed: "Decomposed",
    atRisk: "At risk below",
    hidden: "of them own status fine",
    below: "Sub-assignments (overdue)",
    subtree: "{total} below: {overdue} overdue, {done} done",
    risk: "Overdue below",
    onTrack: "On track below",
    done: "Done below",
  },
};

type Shown = "all" | "at_risk" | null;
const PLAIN = { background: "none", border: 0, padding: 0, cursor: "pointer", textAlign: "left" } as const;

export function DecomposedPanel({ scope }: { scope: Scope }) {
  const t = useText(text);
  const data = useDecomposed(scope);
  const [shown, setShown] = useState<Shown>(null);
  if (data.error) return <Alert type="error" showIcon title={errorMessage(data.error)} />;
  const d = data.data;
  if (!d || d.decomposed === 0) return null;
  const items = shown === "at_risk" ? d.items.filter((i) => i.subtree.status === "at_risk") : d.items;
  const toggle = (what: Exclude<Shown, null>) => setShown(shown === what ? null : what);
  const tag = (status: string) =>
    status === "at_risk" ? (
      <Tag style={toneStyle("overdue")}>{t.risk}</Tag>
    ) : status === "done" ? (
      <Tag style={toneStyle("done")}>{t.done}</Tag>
    ) : (
      <Tag>{t.onTrack}</Tag>
    );
  return (
    <Card size="small" title={t.title} data-testid="decomposed-panel">
      <Space size={32} wrap>
        <button type="button" style={PLAIN} onClick={() => toggle("all")} data-testid="decomposed-count">
          <Statistic title={t.decomposed} value={d.decomposed} />
        </button>
        <button type="button" style={PLAIN} onClick={() => toggle("at_risk")} data-testid="decomposed-at-risk">
          <Statistic
            title={t.atRisk}
            value={d.atRisk}
            valueStyle={d.atRisk > 0 ? { color: "#cf1322" } : undefined}
            suffix={
              d.hiddenRisk > 0 ? (
                <Typography.Text type="secondary">
                  （{t.hidden} {d.hiddenRisk}）
                </Typography.Text>
              ) : null
            }
          />
        </button>
        <Statistic title={t.below} value={d.below} suffix={`(${d.belowOverdue})`} />
      </Space>
      {shown && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          dataSource={items}
          data-testid="decomposed-list"
          renderItem={(i) => (
            <List.Item>
              <Space wrap>
                <Link to={`/measures/${i.measureId}`}>{i.measureText.slice(0, 50)}</Link>
                <Typography.Text>{i.orgName}</Typography.Text>
                <StatusTag status={i.status} />
                {tag(i.subtree.status)}
                <Typography.Text type="secondary">{fill(t.subtree, i.subtree)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
