// 待确认单位: unit names imports could not match to any org, across every plan this user manages. Each is
// mapped to an org (or a new one) once; the name is remembered as an alias so later imports match it.
import { useQueries, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Progress, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { useUser } from "../../auth/session.ts";
import { UNIT_ROLE_LABEL, type UnitRole } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { type Plan, type Unresolved, unresolvedKey, useOrgs } from "./data.ts";
import { ResolveDrawer } from "./ResolveDrawer.tsx";
import { TONES } from "./tones.ts";

const text = {
  zh: {
    intro:
      "以下单位名称在导入计划时未能对应到组织机构中的单位，相关举措尚未分解。逐个确认后，任务即分解到所选单位，名称记为该单位的别名，以后导入自动识别。",
    loading: "正在检查 {done}/{total} 个计划…",
    name: "计划中的名称",
    roles: "职责",
    reason: "原因",
    measures: "涉及举措",
    action: "操作",
    resolve: "确认",
    empty: "没有待确认的单位名称。导入新计划时，未能识别的单位名称会出现在这里。",
    noPlans: "您管理的计划还没有导入。导入计划后，未能识别的单位名称会出现在这里。",
    count: "{n} 个名称待确认",
    unknown: "组织机构中没有这个名称",
    ambiguous: "有多个单位同名，无法确定",
    "no-group": "没有对应的单位组",
    "no-subordinates": "没有可下达的下级地区单位",
    suggestion: "现可识别为：{org}",
    more: "等 {n} 项",
  },
  en: {
    intro:
      "Imports could not match these unit names to the directory, so their measures are not assigned yet. Confirm each: the work goes to the unit you pick, and the name becomes its alias so later imports match it.",
    loading: "Checking {done}/{total} plans…",
    name: "Name in the plan",
    roles: "Role",
    reason: "Why",
    measures: "Measures",
    action: "Action",
    resolve: "Resolve",
    empty: "No unit names to review. Names an import cannot match will appear here.",
    noPlans: "No plan you manage has been imported yet. Names an import cannot match will appear here.",
    count: "{n} name(s) to review",
    unknown: "No unit has this name",
    ambiguous: "Several units have this name",
    "no-group": "No group of that name",
    "no-subordinates": "No subordinate region to hand it to",
    suggestion: "Now matches: {org}",
    more: "and {n} more",
  },
};

export function ReviewTab() {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const { byId, isPending: orgsPending } = useOrgs();
  const [resolving, setResolving] = useState<{ plan: Plan; entry: Unresolved } | null>(null);
  const plans = useQuery({
    queryKey: ["plans", "list", "active"],
    queryFn: () => unwrap(api.GET("/api/plans", { params: { query: { status: "active" } } })),
  });
  // A plan is reviewed by its own plan office (or an admin); other visible plans would answer 403.
  const managed = (plans.data?.items ?? []).filter((p) => user.role === "admin" || byId.has(p.orgId));
  const lists = useQueries({
    queries: managed.map((plan) => ({
      queryKey: unresolvedKey(plan.id),
      queryFn: () => unwrap(api.GET("/api/plans/{id}/unresolved", { params: { path: { id: plan.id } } })),
    })),
  });
  const done = lists.filter((q) => !q.isPending).length;
  const pending = plans.isPending || orgsPending || done < managed.length;
  const withNames = managed
    .map((plan, i) => ({ plan, items: lists[i]?.data?.items ?? [], error: lists[i]?.error }))
    .filter((p) => p.items.length > 0 || p.error);
  const total = withNames.reduce((n, p) => n + p.items.length, 0);

  return (
    <>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {plans.error && <Alert type="error" showIcon title={errorMessage(plans.error)} />}
      {pending && managed.length > 0 && (
        <Progress
          percent={Math.round((done / managed.length) * 100)}
          format={() => fill(t.loading, { done, total: managed.length })}
          style={{ maxWidth: 480 }}
        />
      )}
      {!pending && total > 0 && (
        <Typography.Paragraph strong data-testid="review-count">
          {fill(t.count, { n: total })}
        </Typography.Paragraph>
      )}
      {!pending && withNames.length === 0 && !plans.error && (
        <Card size="small">
          <Empty description={managed.length === 0 ? t.noPlans : t.empty} />
        </Card>
      )}
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {withNames.map(({ plan, items, error }) => (
          <Card
            key={plan.id}
            size="small"
            title={<Link to={`/plans/${plan.id}`}>{plan.title}</Link>}
            extra={<Typography.Text type="secondary">{plan.orgName}</Typography.Text>}
            data-testid={`review-plan-${plan.id}`}
          >
            {error && <Alert type="error" showIcon title={errorMessage(error)} />}
            <Table<Unresolved>
              rowKey="name"
              size="small"
              dataSource={items}
              pagination={items.length > 10 ? { pageSize: 10 } : false}
              columns={[
                {
                  title: t.name,
                  dataIndex: "name",
                  render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
                },
                {
                  title: t.roles,
                  dataIndex: "roles",
                  width: 100,
                  render: (roles: UnitRole[]) => roles.map((r) => UNIT_ROLE_LABEL[lang][r]).join("、"),
                },
                {
                  title: t.reason,
                  width: 220,
                  render: (_: unknown, entry) =>
                    entry.suggestion ? (
                      <Tag style={TONES.green}>{fill(t.suggestion, { org: entry.suggestion.orgName })}</Tag>
                    ) : (
                      <Tag style={TONES.orange}>{t[entry.reason ?? "unknown"]}</Tag>
                    ),
                },
                {
                  title: t.measures,
                  render: (_: unknown, entry) => (
                    <>
                      {entry.measures.slice(0, 2).map((m) => (
                        <div key={m.id}>
                          <Link to={`/measures/${m.id}`}>
                            {m.taskKey} · {m.text.length > 40 ? `${m.text.slice(0, 40)}…` : m.text}
                          </Link>
                        </div>
                      ))}
                      {entry.measures.length > 2 && (
                        <Typography.Text type="secondary">{fill(t.more, { n: entry.measures.length })}</Typography.Text>
                      )}
                    </>
                  ),
                },
                {
                  title: t.action,
                  width: 88,
                  render: (_: unknown, entry) => (
                    <Button size="small" type="primary" onClick={() => setResolving({ plan, entry })}>
                      {t.resolve}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        ))}
      </Space>
      {resolving && <ResolveDrawer plan={resolving.plan} entry={resolving.entry} onClose={() => setResolving(null)} />}
    </>
  );
}
