// What a drill-down list holds, in words: the plan, the unit, the statuses, the part, the due dates, the day.
import { Space, Typography } from "antd";
import { StatusTag } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, STATUS_ORDER } from "../../i18n/common.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { useOrgs, usePlans } from "./data.ts";
import type { AssignmentQuery } from "./links.ts";

const text = {
  zh: {
    everything: "您可查看的全部任务",
    plan: "计划：{name}",
    org: "责任单位：{name}",
    under: "单位：{name}及下属单位",
    section: "第{s}部分",
    noSection: "未分部分的任务",
    dueOn: "{date} 到期",
    dueFrom: "{date} 及以后到期",
    dueTo: "{date} 及以前到期",
    dueBetween: "{from} 至 {to} 到期",
    asOf: "状态截至 {date}（按当日已有的报送和销号计算）",
  },
  en: {
    everything: "All the assignments you may see",
    plan: "Plan: {name}",
    org: "Unit: {name}",
    under: "Unit: {name} and its sub-units",
    section: "Part {s}",
    noSection: "Tasks outside any part",
    dueOn: "Due {date}",
    dueFrom: "Due on or after {date}",
    dueTo: "Due on or before {date}",
    dueBetween: "Due {from} to {to}",
    asOf: "Status as of {date} (from the reports and sign-offs on record then)",
  },
};

function dueText(t: (typeof text)["zh"], from: string | undefined, to: string | undefined): string | null {
  if (from && to) return from === to ? fill(t.dueOn, { date: from }) : fill(t.dueBetween, { from, to });
  if (from) return fill(t.dueFrom, { date: from });
  if (to) return fill(t.dueTo, { date: to });
  return null;
}

export function BucketDescription({ query }: { query: AssignmentQuery }) {
  const t = useText(text);
  const plans = usePlans();
  const orgs = useOrgs();
  const planName = (id: number) => plans.data?.items.find((p) => p.id === id)?.title ?? `#${id}`;
  const orgName = (id: number) => orgs.data?.items.find((o) => o.id === id)?.name ?? `#${id}`;
  const statuses = (query.status ?? "")
    .split(",")
    .filter((s): s is AssignmentStatus => STATUS_ORDER.includes(s as AssignmentStatus));
  const parts = [
    query.plan !== undefined && fill(t.plan, { name: planName(query.plan) }),
    query.under !== undefined && query.org === undefined && fill(t.under, { name: orgName(query.under) }),
    query.org !== undefined && fill(t.org, { name: orgName(query.org) }),
    query.section !== undefined && (query.section ? fill(t.section, { s: query.section }) : t.noSection),
    dueText(t, query.dueFrom, query.dueTo),
    query.asOf !== undefined && fill(t.asOf, { date: query.asOf }),
  ].filter((p): p is string => typeof p === "string");
  if (parts.length === 0 && statuses.length === 0) parts.push(t.everything);
  return (
    <Space wrap size={[12, 4]} data-testid="drill-bucket">
      {statuses.map((s) => (
        <StatusTag key={s} status={s} />
      ))}
      {parts.map((p) => (
        <Typography.Text key={p}>{p}</Typography.Text>
      ))}
    </Space>
  );
}
