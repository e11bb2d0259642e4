// 审计日志: who changed what and when, newest first, with each change as before → after. Filters by person,
// kind of record (and one record, e.g. from an org's "history" link: ?entity=org&entityId=5) and dates.
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Input, Select, Space, Table, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { QueryOf, ResponseOf } from "../../api/types.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { AuditChanges } from "./AuditChanges.tsx";
import { ACTION_LABEL, ENTITIES, ENTITY_LABEL } from "./auditLabels.ts";
import { DateRange } from "./DateRange.tsx";
import { type Org, useOrgs, useUsers } from "./data.ts";

type Entry = ResponseOf<"/api/audit">["items"][number];
type Filters = QueryOf<"/api/audit">;

const PAGE = 50;

const text = {
  zh: {
    who: "操作人",
    anyone: "全部操作人",
    entity: "对象类型",
    anything: "全部对象",
    entityId: "对象编号",
    dates: "日期范围",
    from: "开始日期",
    to: "结束日期",
    clear: "清除筛选",
    at: "时间",
    action: "操作",
    target: "对象",
    changes: "变更内容（修改前 → 修改后）",
    system: "系统",
    more: "加载更早的记录",
    loaded: "已显示 {n} 条",
    end: "已显示全部 {n} 条",
    empty: "没有符合条件的记录。调整筛选条件，或在系统中做一次修改后再来查看。",
  },
  en: {
    who: "Who",
    anyone: "Anyone",
    entity: "Record type",
    anything: "Any record",
    entityId: "Record id",
    dates: "Dates",
    from: "From",
    to: "To",
    clear: "Clear filters",
    at: "When",
    action: "Action",
    target: "Record",
    changes: "Changes (before → after)",
    system: "System",
    more: "Load older entries",
    loaded: "{n} shown",
    end: "All {n} shown",
    empty: "No entry matches. Change the filters, or make a change and come back.",
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A link to the page of the record, where the app has one. */
function targetHref(entry: Entry): string | null {
  if (entry.entity === "plan") return `/plans/${entry.entityId}`;
  if (entry.entity === "measure") return `/measures/${entry.entityId}`;
  return null;
}

/** The record's own name from its JSON, so "单位 #96" reads "单位 泰安市知识产权保护中心". */
function targetName(entry: Entry, orgs: ReadonlyMap<number, Org>): string | null {
  // The printed unit name a review resolved, quoted so it does not read as the plan's own name.
  if (entry.action === "plan.unresolved.resolve" && isRecord(entry.after) && typeof entry.after.name === "string")
    return `“${entry.after.name}”`;
  if (entry.entity === "org") {
    const org = orgs.get(Number(entry.entityId));
    if (org) return org.name;
  }
  for (const side of [entry.after, entry.before]) {
    if (typeof side !== "object" || side === null) continue;
    for (const key of ["name", "username", "title", "alias"]) {
      const value = (side as Record<string, unknown>)[key];
      if (typeof value === "string") return value;
    }
  }
  return null;
}

export function AuditTab() {
  const t = useText(text);
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const users = useUsers();
  const { byId } = useOrgs();
  const [from, to] = [params.get("from"), params.get("to")];
  const filters: Filters = {
    ...(params.get("userId") ? { userId: Number(params.get("userId")) } : {}),
    ...(params.get("entity") ? { entity: params.get("entity") ?? "" } : {}),
    ...(params.get("entityId") ? { entityId: params.get("entityId") ?? "" } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const setFilter = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const log = useInfiniteQuery({
    queryKey: ["audit", filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/audit", {
          params: { query: { ...filters, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t.anyone}
          aria-label={t.who}
          style={{ width: 220 }}
          loading={users.isPending}
          value={filters.userId ?? null}
          onChange={(id: number | null) => setFilter({ userId: id ? String(id) : null })}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
        />
        <Select
          allowClear
          placeholder={t.anything}
          aria-label={t.entity}
          style={{ width: 160 }}
          value={filters.entity ?? null}
          onChange={(entity: string | null) => setFilter({ entity, entityId: null })}
          options={ENTITIES.map((entity) => ({ value: entity, label: ENTITY_LABEL[lang][entity] }))}
        />
        {filters.entity && (
          <Input
            allowClear
            placeholder={t.entityId}
            aria-label={t.entityId}
            style={{ width: 120 }}
            defaultValue={filters.entityId}
            onChange={(e) => setFilter({ entityId: e.target.value.trim() || null })}
          />
        )}
        <DateRange
          from={from}
          to={to}
          labels={[t.from, t.to]}
          onChange={(range) => setFilter({ from: range?.[0] ?? null, to: range?.[1] ?? null })}
        />
        {Object.keys(filters).length > 0 && (
          <Button onClick={() => setParams({ tab: "audit" }, { replace: true })}>{t.clear}</Button>
        )}
      </Space>
      {log.error && <Alert type="error" showIcon title={errorMessage(log.error)} style={{ marginBottom: 16 }} />}
      <Table<Entry>
        rowKey="id"
        size="middle"
        loading={log.isPending}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: <Empty description={t.empty} /> }}
        columns={[
          {
            title: t.at,
            dataIndex: "at",
            width: 170,
            render: (at: string) => new Date(at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { hour12: false }),
          },
          {
            title: t.who,
            dataIndex: "username",
            width: 120,
            render: (username: string | null) =>
              username ?? <Typography.Text type="secondary">{t.system}</Typography.Text>,
          },
          {
            title: t.action,
            dataIndex: "action",
            width: 150,
            render: (action: string) => ACTION_LABEL[lang][action] ?? action,
          },
          {
            title: t.target,
            width: 260,
            render: (_: unknown, entry) => {
              const name = targetName(entry, byId);
              const href = targetHref(entry);
              const label = `${ENTITY_LABEL[lang][entry.entity] ?? entry.entity} #${entry.entityId}`;
              return (
                <>
                  {href ? <Link to={href}>{label}</Link> : label}
                  {name && <div>{name}</div>}
                </>
              );
            },
          },
          {
            title: t.changes,
            render: (_: unknown, entry) => <AuditChanges before={entry.before} after={entry.after} orgs={byId} />,
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        {log.hasNextPage && (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t.more}
          </Button>
        )}
        {entries.length > 0 && (
          <Typography.Text type="secondary">
            {fill(log.hasNextPage ? t.loaded : t.end, { n: entries.length })}
          </Typography.Text>
        )}
      </Space>
    </>
  );
}
