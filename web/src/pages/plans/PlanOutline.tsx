// Sections → tasks → measures in one table (a table per task would cost a layout pass each): a row per
// section with its progress, then each task spanning its measures' rows, narrowed by the view's filters.
import { useQuery } from "@tanstack/react-query";
import { Empty, Space, Table, Tag, Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import { useMemo } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { StatusTag } from "../../components/StatusTag.tsx";
import { type SectionLabel, sectionLabel } from "../../components/sectionLabel.ts";
import { type AssignmentStatus, STATUS_ORDER } from "../../i18n/common.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { type ScopeItem, ScopeStateTag } from "../scopes/ScopeList.tsx";
import { type CoverageTask, ImplementersSummary, OwnLabel } from "./Implementers.tsx";
import { DueCell, LatestCell, UnitsCell } from "./MeasureCells.tsx";
import {
  type ClientRollUp,
  type Measure,
  measureStatus,
  type Plan,
  type PlanAssignment,
  rollUpOf,
  type Task,
} from "./planData.ts";
import { RollUpBar } from "./RollUpBar.tsx";
import { type PlanLink, UpperTaskCell } from "./UpperTask.tsx";
import type { ViewFilters } from "./viewFilters.ts";

const text = {
  zh: {
    section: "第{s}部分",
    other: "其他任务",
    tasks: "{n} 项任务",
    task: "任务",
    no: "序号",
    measure: "落实举措",
    units: "责任单位",
    subtreeRisk: "下级有逾期",
    due: "完成时限",
    status: "状态",
    latest: "最新进展",
    upper: "上级任务",
    trace: "落实链条",
    none: "暂无",
    empty: "没有符合筛选条件的举措。",
    noTasks: "这份计划没有识别出任务。",
  },
  en: {
    section: "Part {s}",
    other: "Other tasks",
    tasks: "{n} tasks",
    task: "Task",
    no: "No.",
    measure: "Measure",
    units: "Responsible units",
    subtreeRisk: "Overdue below",
    due: "Due",
    status: "Status",
    latest: "Latest progress",
    upper: "Upper task",
    trace: "Trace",
    none: "None",
    empty: "No measure matches these filters.",
    noTasks: "No tasks were recognised in this plan.",
  },
};

type SectionRow = {
  kind: "section";
  key: string;
  section: string;
  label: SectionLabel | null;
  tasks: number;
  rollUp: ClientRollUp;
};
type MeasureRow = {
  kind: "measure";
  key: string;
  task: Task;
  taskRollUp: ClientRollUp;
  /** Rows the task cell spans: its measure count on the first, 0 on the others. */
  taskSpan: number;
  measure: Measure;
  index: number;
  /** Every assignment of the measure the user may see, for the units column. */
  assignments: PlanAssignment[];
  /** Those the filter is about (one unit's, or all): status and latest progress come from these. */
  focus: PlanAssignment[];
  status: AssignmentStatus | null;
};
type Row = SectionRow | MeasureRow;
type Candidate = Omit<MeasureRow, "key" | "kind" | "task" | "taskRollUp" | "taskSpan">;

const rankOf = (status: AssignmentStatus | null) => (status ? STATUS_ORDER.indexOf(status) : STATUS_ORDER.length);
const ORDER: Record<NonNullable<ViewFilters["sort"]>, (a: Candidate, b: Candidate) => number> = {
  due: (a, b) => (a.measure.deadline?.due ?? "9999").localeCompare(b.measure.deadline?.due ?? "9999"),
  status: (a, b) => rankOf(a.status) - rankOf(b.status),
};

function buildRows(
  plan: Plan,
  grouped: Map<number, PlanAssignment[]>,
  filters: ViewFilters,
  onlyAssigned: boolean,
): Row[] {
  const q = filters.q?.toLowerCase();
  const rows: Row[] = [];
  let section: { row: SectionRow; focus: PlanAssignment[] } | undefined;
  const closeSection = () => {
    if (section) section.row.rollUp = rollUpOf(section.focus);
  };
  for (const task of plan.tasks) {
    const taskMatches = q ? task.title.toLowerCase().includes(q) : true;
    const kept: Candidate[] = [];
    task.measures.forEach((measure, i) => {
      const assignments = grouped.get(measure.id) ?? [];
      if (onlyAssigned && assignments.length === 0) return;
      const focus = filters.org === undefined ? assignments : assignments.filter((a) => a.orgId === filters.org);
      if (filters.org !== undefined && focus.length === 0) return;
      if (filters.status && !focus.some((a) => a.status === filters.status)) return;
      if (q && !taskMatches && !measure.text.toLowerCase().includes(q)) return;
      kept.push({ measure, index: i + 1, assignments, focus, status: measureStatus(measure, focus) });
    });
    if (kept.length === 0) continue;
    if (filters.sort) kept.sort(ORDER[filters.sort]);
    if (!section || section.row.section !== task.section) {
      closeSection();
      const row: SectionRow = {
        kind: "section",
        key: `s:${rows.length}`,
        section: task.section,
        label: sectionLabel(plan.headings, task.section),
        tasks: 0,
        rollUp: rollUpOf([]),
      };
      section = { row, focus: [] };
      rows.push(row);
    }
    const taskFocus = kept.flatMap((k) => k.focus);
    section.row.tasks += 1;
    section.focus.push(...taskFocus);
    const taskRollUp = rollUpOf(taskFocus);
    for (const [i, k] of kept.entries())
      rows.push({
        ...k,
        kind: "measure",
        key: `m:${k.measure.id}`,
        task,
        taskRollUp,
        taskSpan: i === 0 ? kept.length : 0,
      });
  }
  closeSection();
  return rows;
}

type Props = {
  plan: Plan;
  grouped: Map<number, PlanAssignment[]>;
  filters: ViewFilters;
  /** Leave out measures none of the user's units holds (for units that see their share of a plan). */
  onlyAssigned: boolean;
  /** Each task's links to upper tasks (confirmed or suggested). */
  links: Map<number, PlanLink[]>;
  /** The plan's office: may accept, reject and add links. */
  mayDecide: boolean;
  /** The plan is aligned against upper plans, or has links: the 上级任务 column is shown. */
  showUpper: boolean;
  /** Lower plans' tasks implementing each task, when any lower plan is aligned against this one. */
  coverage: Map<number, CoverageTask> | undefined;
};

export function PlanOutline(props: Props) {
  const { plan, grouped, filters, onlyAssigned, links, mayDecide, showUpper, coverage } = props;
  const t = useText(text);
  const rows = useMemo(() => buildRows(plan, grouped, filters, onlyAssigned), [plan, grouped, filters, onlyAssigned]);
  // Selective scopes (有关地区, 各有关市): a measure not yet decided shows 待选定 beside its units.
  const scopes = useQuery({
    queryKey: ["scopes", plan.id],
    queryFn: () => unwrap(api.GET("/api/plans/{id}/scopes", { params: { path: { id: plan.id }, query: {} } })),
  });
  // 分解: a measure whose assignments were decomposed shows 下级有逾期 when anything below is overdue (the
  // dashboard's roll-up, GET /api/dashboard/decomposed, narrowed to this plan and the caller's view).
  const decomposed = useQuery({
    queryKey: ["dashboard", "decomposed", "plan", plan.id],
    queryFn: () => unwrap(api.GET("/api/dashboard/decomposed", { params: { query: { planId: plan.id } } })),
  });
  const overdueBelow = useMemo(() => {
    const ids = new Set<number>();
    for (const i of decomposed.data?.items ?? []) if (i.subtree.status === "at_risk") ids.add(i.measureId);
    return ids;
  }, [decomposed.data]);
  const scopesOf = useMemo(() => {
    const by = new Map<number, ScopeItem[]>();
    for (const s of scopes.data?.items ?? []) by.set(s.measureId, [...(by.get(s.measureId) ?? []), s]);
    return by;
  }, [scopes.data]);
  if (plan.tasks.length === 0) return <Empty description={t.noTasks} />;
  const inSection = (row: Row) => (row.kind === "section" ? { colSpan: 0 } : {});
  const measureCell = <T,>(render: (row: MeasureRow) => T) => ({
    onCell: inSection,
    render: (_: unknown, row: Row) => (row.kind === "measure" ? render(row) : null),
  });
  const upperColumn: ColumnType<Row> = {
    title: t.upper,
    key: "upper",
    width: 200,
    onCell: (row) =>
      row.kind === "section" ? { colSpan: 0 } : { rowSpan: row.taskSpan, style: { verticalAlign: "top" } },
    render: (_: unknown, row) =>
      row.kind === "measure" && row.taskSpan > 0 ? (
        <UpperTaskCell planId={plan.id} task={row.task} links={links.get(row.task.id) ?? []} mayDecide={mayDecide} />
      ) : null,
  };
  return (
    <Table<Row>
      rowKey="key"
      dataSource={rows}
      size="small"
      bordered
      pagination={false}
      // The measure text needs room beside the fixed columns: below that the table scrolls inside itself.
      scroll={{ x: (showUpper ? 1018 : 818) + 260 }}
      locale={{ emptyText: <Empty description={t.empty} /> }}
      onRow={(row) => (row.kind === "section" ? { style: { background: "#f5f5f5" } } : {})}
      columns={[
        {
          title: t.task,
          key: "task",
          width: 220,
          onCell: (row) =>
            row.kind === "section"
              ? { colSpan: showUpper ? 8 : 7 }
              : { rowSpan: row.taskSpan, style: { verticalAlign: "top" } },
          render: (_: unknown, row) =>
            row.kind === "section" ? (
              <div style={{ display: "flex", alignItems: "center", gap: 16 }}>
                <Typography.Text strong style={{ flex: 1 }}>
                  {row.label ? (
                    <>
                      {row.label.parent && (
                        <Typography.Text type="secondary" style={{ fontWeight: "normal", marginInlineEnd: 8 }}>
                          {row.label.parent} ›
                        </Typography.Text>
                      )}
                      {row.label.title}
                    </>
                  ) : row.section ? (
                    fill(t.section, { s: row.section })
                  ) : (
                    t.other
                  )}
                  <Typography.Text type="secondary" style={{ fontWeight: "normal", marginInlineStart: 12 }}>
                    {fill(t.tasks, { n: row.tasks })}
                  </Typography.Text>
                </Typography.Text>
                <div style={{ width: 280 }}>
                  <RollUpBar rollUp={row.rollUp} compact />
                </div>
              </div>
            ) : (
              <>
                <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                  {row.task.key}
                </Typography.Text>
                <Typography.Text strong>{row.task.title}</Typography.Text>
                <div style={{ marginTop: 8 }}>
                  {coverage && <OwnLabel />}
                  <RollUpBar rollUp={row.taskRollUp} compact />
                </div>
                {coverage?.get(row.task.id) && <ImplementersSummary task={coverage.get(row.task.id) as CoverageTask} />}
                <Link to={`/tasks/${row.task.id}/trace`} data-testid={`trace-${row.task.id}`}>
                  {t.trace}
                </Link>
              </>
            ),
        },
        ...(showUpper ? [upperColumn] : []),
        { title: t.no, key: "no", width: 48, ...measureCell((row) => row.index) },
        {
          title: t.measure,
          key: "measure",
          ...measureCell((row) => (
            <Link to={`/measures/${row.measure.id}`} data-testid={`measure-${row.measure.id}`}>
              {row.measure.text}
            </Link>
          )),
        },
        {
          title: t.units,
          key: "units",
          width: 220,
          ...measureCell((row) => (
            <Space direction="vertical" size={4}>
              <UnitsCell measure={row.measure} assignments={row.assignments} highlightOrg={filters.org} />
              {overdueBelow.has(row.measure.id) && (
                <Tag color="red" data-testid={`subtree-risk-${row.measure.id}`}>
                  {t.subtreeRisk}
                </Tag>
              )}
              {(scopesOf.get(row.measure.id) ?? [])
                .filter((s) => s.state !== "decided")
                .map((s) => (
                  <span key={s.id}>
                    {s.via} <ScopeStateTag scope={s} />
                  </span>
                ))}
            </Space>
          )),
        },
        { title: t.due, key: "due", width: 100, ...measureCell((row) => <DueCell measure={row.measure} />) },
        {
          title: t.status,
          key: "status",
          width: 90,
          ...measureCell((row) => (row.status ? <StatusTag status={row.status} /> : t.none)),
        },
        { title: t.latest, key: "latest", width: 140, ...measureCell((row) => <LatestCell assignments={row.focus} />) },
      ]}
    />
  );
}
