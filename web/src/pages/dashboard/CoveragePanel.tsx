// 下级落实情况 Coverage: for a chosen upper plan, each task's implementers in lower plans and how far they are,
// and the tasks nobody picked up. Every number opens its list (tasks or implementing tasks, each leading to
// its trace); the whole is downloadable as .xlsx (GET /api/plans/:id/coverage.xlsx).
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Drawer, Empty, Select, Skeleton, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { downloadFile } from "../plans/download.ts";
import { RollUpBar } from "../plans/RollUpBar.tsx";

type Coverage = ResponseOf<"/api/plans/{id}/coverage">;
type CoverageTask = Coverage["tasks"][number];
type Implementer = CoverageTask["implementers"][number];
type ListItem = {
  key: string;
  taskId: number;
  title: string;
  planTitle?: string;
  orgName?: string;
  status?: Implementer["status"];
};

const text = {
  zh: {
    title: "下级落实情况",
    pick: "选择上级计划",
    tasks: "任务",
    covered: "有下级落实",
    uncovered: "无人落实",
    lowerPlans: "下级计划",
    task: "任务",
    own: "本级进度",
    implementers: "落实任务",
    onTrack: "正常",
    overdue: "逾期",
    regions: "地区",
    export: "导出 Excel",
    exported: "已下载 {name}",
    noneYet: "还没有下级计划的任务确认落实本计划的任务。",
    listTitle: "{what}（{n}）",
    choose: "在上方选择一个计划，或在此选择，查看下级计划的落实情况。",
  },
  en: {
    title: "Implementation below",
    pick: "Choose an upper plan",
    tasks: "Tasks",
    covered: "Implemented below",
    uncovered: "Nobody picked up",
    lowerPlans: "Lower plans",
    task: "Task",
    own: "Own progress",
    implementers: "Implementing",
    onTrack: "On track",
    overdue: "Overdue",
    regions: "Regions",
    export: "Export Excel",
    exported: "Downloaded {name}",
    noneYet: "No lower plan's task is confirmed as implementing this plan's tasks yet.",
    listTitle: "{what} ({n})",
    choose: "Choose a plan above, or here, to see how lower plans implement it.",
  },
};

type Props = {
  planId: number | undefined;
  plans: readonly { id: number; title: string; orgId: number }[];
  /** The user's org: with no plan chosen, the panel opens on a plan that org issued. */
  orgId: number;
};

export default function CoveragePanel(props: Props) {
  const t = useText(text);
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number>();
  // With no plan chosen, the panel shows the first plan the user's own office issued (its own plan's reach below).
  const planId = props.planId ?? picked ?? props.plans.find((p) => p.orgId === props.orgId)?.id;
  const [list, setList] = useState<{ title: string; items: ListItem[] }>();
  const coverage = useQuery({
    queryKey: ["coverage", planId],
    queryFn: () => unwrap(api.GET("/api/plans/{id}/coverage", { params: { path: { id: planId as number } } })),
    enabled: planId !== undefined,
  });
  const picker = props.planId === undefined && (
    <Select<number>
      aria-label={t.pick}
      placeholder={t.pick}
      showSearch={{ optionFilterProp: "label" }}
      style={{ width: "100%", maxWidth: 360 }}
      value={planId}
      onChange={setPicked}
      options={props.plans.map((p) => ({ value: p.id, label: p.title }))}
    />
  );
  const open = (what: string, items: ListItem[]) =>
    setList({ title: fill(t.listTitle, { what, n: items.length }), items });
  const number = (value: number, what: string, items: () => ListItem[], testId: string) => (
    <Button type="link" style={{ padding: 0, height: "auto" }} data-testid={testId} onClick={() => open(what, items())}>
      {value}
    </Button>
  );
  const ofTask = (task: CoverageTask): ListItem[] => [
    { key: `t${task.taskId}`, taskId: task.taskId, title: `${task.key} ${task.title}` },
  ];
  const asItems = (xs: readonly Implementer[]): ListItem[] =>
    xs.map((i) => ({
      key: `i${i.taskId}`,
      taskId: i.taskId,
      title: `${i.key} ${i.title}`,
      planTitle: i.planTitle,
      orgName: i.orgName,
      status: i.status,
    }));
  // As the server counts them: late is overdue or left unfinished when the plan ended.
  const isOverdue = (i: Implementer) => (i.status?.counts.overdue ?? 0) + (i.status?.counts.unfinished ?? 0) > 0;
  const isOnTrack = (i: Implementer) =>
    i.status !== null && i.status.total > 0 && !isOverdue(i) && !i.status.counts.report_missing;
  const c = coverage.data;
  const exportButton = planId !== undefined && (
    <Button
      size="small"
      data-testid="coverage-export"
      onClick={() =>
        downloadFile(`/api/plans/${planId}/coverage.xlsx`, "coverage.xlsx").then(
          (name) => message.success(fill(t.exported, { name })),
          (error: unknown) => message.error(errorMessage(error)),
        )
      }
    >
      {t.export}
    </Button>
  );
  return (
    <Card size="small" title={t.title} extra={exportButton} data-testid="coverage-panel">
      {picker}
      {planId === undefined && <Typography.Paragraph type="secondary">{t.choose}</Typography.Paragraph>}
      {coverage.error && <Alert type="error" showIcon title={errorMessage(coverage.error)} />}
      {coverage.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
      {c && (
        <>
          <Space wrap size={24} style={{ margin: "8px 0 12px" }}>
            <span>
              {t.tasks} {number(c.counts.tasks, t.tasks, () => c.tasks.flatMap(ofTask), "coverage-tasks")}
            </span>
            <span>
              {t.covered}{" "}
              {number(
                c.counts.covered,
                t.covered,
                () => c.tasks.filter((x) => x.implementers.length > 0).flatMap(ofTask),
                "coverage-covered",
              )}
            </span>
            <span>
              {t.uncovered}{" "}
              {number(
                c.counts.uncovered,
                t.uncovered,
                () => c.uncovered.map((u) => ({ key: `u${u.taskId}`, taskId: u.taskId, title: `${u.key} ${u.title}` })),
                "coverage-uncovered",
              )}
            </span>
            <span>
              {t.lowerPlans} <strong data-testid="coverage-lower-plans">{c.counts.lowerPlans}</strong>
            </span>
          </Space>
          {c.counts.covered === 0 && <Empty description={t.noneYet} />}
          {c.counts.covered > 0 && (
            <Table<CoverageTask>
              size="small"
              rowKey="taskId"
              pagination={false}
              scroll={{ x: 720 }}
              dataSource={c.tasks}
              columns={[
                {
                  title: t.task,
                  key: "task",
                  render: (_, x) => (
                    <Link to={`/tasks/${x.taskId}/trace`}>
                      {x.key} {x.title}
                    </Link>
                  ),
                },
                {
                  title: t.own,
                  key: "own",
                  width: 180,
                  render: (_, x) => (x.status ? <RollUpBar rollUp={x.status} compact /> : "—"),
                },
                {
                  title: t.implementers,
                  key: "implementers",
                  width: 80,
                  render: (_, x) =>
                    number(
                      x.counts.implementingTasks,
                      `${x.key} ${t.implementers}`,
                      () => asItems(x.implementers),
                      `coverage-impl-${x.taskId}`,
                    ),
                },
                {
                  title: t.onTrack,
                  key: "onTrack",
                  width: 70,
                  render: (_, x) =>
                    number(
                      x.counts.onTrack,
                      `${x.key} ${t.onTrack}`,
                      () => asItems(x.implementers.filter(isOnTrack)),
                      `coverage-ok-${x.taskId}`,
                    ),
                },
                {
                  title: t.overdue,
                  key: "overdue",
                  width: 70,
                  render: (_, x) =>
                    number(
                      x.counts.overdue,
                      `${x.key} ${t.overdue}`,
                      () => asItems(x.implementers.filter(isOverdue)),
                      `coverage-late-${x.taskId}`,
                    ),
                },
                { title: t.regions, key: "regions", width: 60, render: (_, x) => x.counts.regions },
              ]}
            />
          )}
        </>
      )}
      <Drawer
        open={list !== undefined}
        title={list?.title}
        onClose={() => setList(undefined)}
        size={Math.min(420, window.innerWidth)}
      >
        <div data-testid="coverage-list" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
          {list?.items.map((i) => (
            <div key={i.key} data-testid="coverage-item">
              <Link to={`/tasks/${i.taskId}/trace`}>{i.title}</Link>
              {i.planTitle && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.planTitle} · {i.orgName}
                  </Typography.Text>
                </div>
              )}
              {i.status && <RollUpBar rollUp={i.status} compact />}
            </div>
          ))}
          {list?.items.length === 0 && <Empty />}
        </div>
      </Drawer>
    </Card>
  );
}
