// 逾期与风险: overdue, report-missing and due-soon work over the caller's subtree, one collapsible group per unit,
// worst unit first, with a supervision notice one click away on every item.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Collapse, Empty, Input, Segmented, Select, Space, Spin, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { STATUS_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { NoticeModal, type NoticeTarget, targetOf } from "./NoticeModal.tsx";
import { RiskTable } from "./RiskTable.tsx";
import { fetchAtRisk, groupByOrg, RISK_CAP, RISK_STATUSES, type RiskStatus } from "./risk.ts";

const text = {
  zh: {
    allPlans: "全部计划",
    plan: "计划",
    status: "状态",
    all: "全部",
    search: "按单位名称查找",
    expandAll: "全部展开",
    collapseAll: "全部收起",
    summary: "{orgs} 个单位共 {n} 项需要督办",
    capped: "共 {total} 项，只列出前 {shown} 项。请选择一个计划缩小范围。",
    empty: "没有逾期、未报送或即将到期的任务。各单位都在按期推进。",
    noMatch: "没有符合筛选条件的单位。清除筛选条件可查看全部。",
    loading: "正在汇总各单位的逾期与风险任务…",
  },
  en: {
    allPlans: "All plans",
    plan: "Plan",
    status: "Status",
    all: "All",
    search: "Find a unit by name",
    expandAll: "Expand all",
    collapseAll: "Collapse all",
    summary: "{n} items to chase across {orgs} units",
    capped: "{total} items; only the first {shown} are listed. Pick a plan to narrow the list.",
    empty: "Nothing overdue, missing a report or due soon. Every unit is on schedule.",
    noMatch: "No unit matches the filters. Clear them to see all.",
    loading: "Gathering overdue and at-risk work by unit…",
  },
};

function CountTag({ status, count }: { status: RiskStatus; count: number }) {
  const { lang } = useLang();
  if (count === 0) return null;
  const colours = STATUS_COLOURS[status];
  return (
    <Tag style={{ color: colours.text, background: colours.tint, borderColor: colours.border }}>
      {STATUS_LABEL[lang][status]} {count}
    </Tag>
  );
}

export function RiskTab() {
  const t = useText(text);
  const { lang } = useLang();
  const [plan, setPlan] = useState<number | undefined>(undefined);
  const [status, setStatus] = useState<RiskStatus | "all">("all");
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState<string[] | null>(null);
  const [target, setTarget] = useState<NoticeTarget | null>(null);
  const plans = useQuery({
    queryKey: ["plans", "active"],
    queryFn: () => unwrap(api.GET("/api/plans", { params: { query: { status: "active" } } })),
  });
  const atRisk = useQuery({ queryKey: ["assignments", "at-risk", plan ?? "all"], queryFn: () => fetchAtRisk(plan) });
  // Open notices mark the items already chased, so nobody sends the same unit a second one by mistake.
  const openNotices = useQuery({
    queryKey: ["notices", "open", "all"],
    queryFn: () => unwrap(api.GET("/api/notices", { params: { query: { open: "true", limit: 200 } } })),
  });
  const chased = useMemo(
    () => new Set((openNotices.data?.items ?? []).flatMap((n) => n.items.map((i) => `${i.measureId}:${n.orgId}`))),
    [openNotices.data],
  );
  const groups = useMemo(() => {
    const items = (atRisk.data?.items ?? []).filter((a) => status === "all" || a.status === status);
    const needle = search.trim();
    return groupByOrg(items).filter((g) => !needle || g.orgName.includes(needle));
  }, [atRisk.data, status, search]);
  const expanded = open ?? groups.slice(0, 1).map((g) => String(g.orgId));
  const shownItems = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t.plan}
          allowClear
          placeholder={t.allPlans}
          style={{ width: 320 }}
          value={plan}
          onChange={(value: number | undefined) => setPlan(value)}
          loading={plans.isPending}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
        />
        <Segmented<RiskStatus | "all">
          aria-label={t.status}
          value={status}
          onChange={setStatus}
          options={[
            { value: "all", label: t.all },
            ...RISK_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[lang][s] })),
          ]}
        />
        <Input.Search
          aria-label={t.search}
          placeholder={t.search}
          allowClear
          onSearch={setSearch}
          onChange={(e) => e.target.value === "" && setSearch("")}
          style={{ width: 240 }}
        />
        <Button onClick={() => setOpen(groups.map((g) => String(g.orgId)))}>{t.expandAll}</Button>
        <Button onClick={() => setOpen([])}>{t.collapseAll}</Button>
      </Space>
      {atRisk.error && <Alert type="error" showIcon title={errorMessage(atRisk.error)} />}
      {atRisk.data && atRisk.data.items.length < atRisk.data.total && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={fill(t.capped, { total: atRisk.data.total, shown: Math.min(atRisk.data.items.length, RISK_CAP) })}
        />
      )}
      {atRisk.isPending ? (
        <Spin description={t.loading}>
          <div style={{ minHeight: 120 }} />
        </Spin>
      ) : groups.length === 0 ? (
        <Empty description={atRisk.data?.items.length ? t.noMatch : t.empty} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="risk-summary">
            {fill(t.summary, { orgs: groups.length, n: shownItems })}
          </Typography.Paragraph>
          <Collapse
            activeKey={expanded}
            onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
            items={groups.map((g) => ({
              key: String(g.orgId),
              label: (
                <Space wrap data-testid="risk-group">
                  <Typography.Text strong>{g.orgName}</Typography.Text>
                  {RISK_STATUSES.map((s) => (
                    <CountTag key={s} status={s} count={g.counts[s]} />
                  ))}
                </Space>
              ),
              children: <RiskTable items={g.items} chased={chased} onChase={(items) => setTarget(targetOf(items))} />,
            }))}
          />
        </>
      )}
      {target && <NoticeModal target={target} onClose={() => setTarget(null)} />}
    </>
  );
}
