// The list behind a dashboard number: GET /api/assignments with exactly the bucket's query from the URL, sorted
// and paged on the server, each row a link to its measure. No chart code here: it is its own small chunk.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Input, Space, Table, type TableProps, Typography } from "antd";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { StatusTag } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { BucketDescription } from "./BucketDescription.tsx";
import { type AssignmentQuery, QUERY_KEYS } from "./links.ts";

type Assignment = ResponseOf<"/api/assignments">["items"][number];
const SORTS = ["due", "status", "org", "plan"] as const;
type SortKey = (typeof SORTS)[number];
const PAGE_SIZES = [20, 50, 100, 200];

const text = {
  zh: {
    title: "任务清单",
    back: "返回数据看板",
    search: "在清单中搜索任务或举措",
    measure: "落实举措",
    org: "责任单位",
    role: "职责",
    due: "完成时限",
    status: "状态",
    latest: "最近报送",
    none: "暂无",
    total: "共 {n} 项",
    totalCapped: "{n} 项以上（请缩小搜索范围）",
    empty: "这一类目前没有任务。",
    emptySearch: "没有符合“{q}”的任务。",
    byRelevance:
      "按相关度排列：举措原文含检索词的在前，其次任务标题含检索词的，同档按完成时限。点列标题可改按其他顺序。",
  },
  en: {
    title: "Assignments",
    back: "Back to the dashboard",
    search: "Search tasks and measures in this list",
    measure: "Measure",
    org: "Unit",
    role: "Role",
    due: "Due",
    status: "Status",
    latest: "Latest report",
    none: "None",
    total: "{n} in all",
    totalCapped: "More than {n} (narrow the search)",
    empty: "Nothing in this group right now.",
    emptySearch: "Nothing matches “{q}”.",
    byRelevance:
      "By relevance: measures whose own text has the words first, then those whose task title has them; ties by due date. Click a column title to order otherwise.",
  },
};

/** The bucket's query as the URL carries it; numbers where the API wants numbers. */
function bucketOf(params: URLSearchParams): AssignmentQuery {
  const query: Record<string, string | number> = {};
  for (const key of QUERY_KEYS) {
    const value = params.get(key);
    if (value === null || value === "") continue;
    query[key] = key === "plan" || key === "org" || key === "under" ? Number(value) : value;
  }
  return query as AssignmentQuery;
}

export default function DrillListPage() {
  const t = useText(text);
  const { lang } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const bucket = bucketOf(params);
  const q = params.get("q") ?? "";
  const sort = params.get("sort") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const size = PAGE_SIZES.includes(Number(params.get("size"))) ? Number(params.get("size")) : (PAGE_SIZES[0] ?? 20);
  const sortKey = SORTS.find((s) => sort === s || sort === `-${s}`);

  const list = useQuery({
    queryKey: ["assignments", "drill", bucket, q, sort, page, size],
    queryFn: () =>
      unwrap(
        api.GET("/api/assignments", {
          params: {
            query: {
              ...bucket,
              ...(q ? { q } : {}),
              ...(sortKey ? { sort: sort as `${"" | "-"}${SortKey}` } : {}),
              limit: size,
              offset: (page - 1) * size,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch))
          value === undefined || value === "" ? next.delete(key) : next.set(key, String(value));
        return next;
      },
      { replace: true },
    );
  const sortable = (key: SortKey) => ({
    key,
    sorter: true,
    sortOrder: sortKey === key ? (sort.startsWith("-") ? ("descend" as const) : ("ascend" as const)) : null,
  });
  const onChange: TableProps<Assignment>["onChange"] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = SORTS.find((s) => s === one?.columnKey);
    const nextSort = key && one?.order ? `${one.order === "descend" ? "-" : ""}${key}` : undefined;
    const resorted = nextSort !== (sortKey ? sort : undefined);
    update({
      sort: nextSort,
      page: resorted || pagination.current === 1 ? undefined : pagination.current,
      size: pagination.pageSize === PAGE_SIZES[0] ? undefined : pagination.pageSize,
    });
  };
  // Back to where the user came from (the dashboard with its filters), or to the dashboard when opened directly.
  const back = () => (location.key === "default" ? navigate("/dashboard") : navigate(-1));

  return (
    <>
      <Space align="center" style={{ marginBottom: 8 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t.back}
        </Button>
      </Space>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <BucketDescription query={bucket} />
      <div style={{ margin: "12px 0 16px" }}>
        <Input.Search
          aria-label={t.search}
          placeholder={t.search}
          allowClear
          defaultValue={q}
          onSearch={(value) => update({ q: value.trim(), page: undefined })}
          style={{ maxWidth: 420 }}
        />
        {q && !sortKey && (
          <Typography.Paragraph type="secondary" data-testid="drill-relevance" style={{ margin: "6px 0 0" }}>
            {t.byRelevance}
          </Typography.Paragraph>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<Assignment>
        rowKey="id"
        data-testid="drill-list"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        size="middle"
        onChange={onChange}
        pagination={{
          current: page,
          pageSize: size,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => (
            <span data-testid="drill-total">{fill(list.data?.totalCapped ? t.totalCapped : t.total, { n })}</span>
          ),
        }}
        locale={{ emptyText: <Empty description={q ? fill(t.emptySearch, { q }) : t.empty} /> }}
        columns={[
          {
            title: t.measure,
            dataIndex: "measureText",
            ...sortable("plan"),
            render: (value: string, row) => (
              <>
                <Link to={`/measures/${row.measureId}`}>{value}</Link>
                <div>
                  <Typography.Text type="secondary">
                    {/* Underlined: beside plain text a link must not rely on colour alone. */}
                    <Link to={`/plans/${row.planId}`} style={{ textDecoration: "underline" }}>
                      {row.planTitle}
                    </Link>{" "}
                    · {row.taskTitle}
                  </Typography.Text>
                </div>
              </>
            ),
          },
          { title: t.org, dataIndex: "orgName", width: 200, ...sortable("org") },
          {
            title: t.role,
            dataIndex: "role",
            width: 72,
            render: (role: Assignment["role"]) => UNIT_ROLE_LABEL[lang][role],
          },
          {
            title: t.due,
            dataIndex: "dueOn",
            width: 130,
            ...sortable("due"),
            render: (dueOn: string | null, row) => (
              <span title={row.deadlineRaw ?? undefined}>{dueOn ?? row.deadlineRaw ?? t.none}</span>
            ),
          },
          {
            title: t.status,
            dataIndex: "status",
            width: 120,
            ...sortable("status"),
            render: (status: AssignmentStatus) => <StatusTag status={status} />,
          },
          {
            title: t.latest,
            width: 150,
            render: (_: unknown, row) =>
              row.latestReport ? `${row.latestReport.period} · ${row.latestReport.percent ?? "—"}%` : t.none,
          },
        ]}
      />
    </>
  );
}
