// Status roll-up across levels: in the plan view an upper task shows its own assignments' progress (本级) and,
// separately, how far the lower plans' tasks that implement it have come (下级落实): how many implement it, in
// how many regions, on track and late, and their assignments rolled up into one bar. From the coverage API,
// so the numbers are the dashboard panel's and the trace's.
import { useQuery } from "@tanstack/react-query";
import { Typography } from "antd";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { type ClientRollUp, rollUpOfCounts } from "./planData.ts";
import { RollUpBar } from "./RollUpBar.tsx";

export type CoverageTask = ResponseOf<"/api/plans/{id}/coverage">["tasks"][number];

const text = {
  zh: {
    own: "本级",
    below: "下级落实",
    none: "暂无下级任务落实",
    counts: "{tasks}项任务 · {regions}个地区 · {onTrack}项正常 · {overdue}项逾期",
  },
  en: {
    own: "Own work",
    below: "Implemented below",
    none: "No lower task implements it yet",
    counts: "{tasks} tasks · {regions} regions · {onTrack} on track · {overdue} late",
  },
};

/** The plan's coverage by task id; undefined while loading or when no lower plan is aligned against it. */
export function usePlanCoverage(planId: number): Map<number, CoverageTask> | undefined {
  const coverage = useQuery({
    queryKey: ["coverage", planId],
    queryFn: () => unwrap(api.GET("/api/plans/{id}/coverage", { params: { path: { id: planId } } })),
  });
  const data = coverage.data;
  if (!data || (data.counts.lowerPlans === 0 && data.counts.covered === 0)) return undefined;
  return new Map(data.tasks.map((t) => [t.taskId, t]));
}

/** The implementers' assignments as one roll-up. */
export function implementersRollUp(task: CoverageTask): ClientRollUp {
  const counts: Record<string, number> = {};
  for (const i of task.implementers)
    for (const [status, n] of Object.entries(i.status?.counts ?? {})) counts[status] = (counts[status] ?? 0) + n;
  return rollUpOfCounts(counts);
}

export function OwnLabel() {
  const t = useText(text);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t.own}
    </Typography.Text>
  );
}

export function ImplementersSummary({ task }: { task: CoverageTask }) {
  const t = useText(text);
  const c = task.counts;
  return (
    <div style={{ marginTop: 8 }} data-testid={`implementers-${task.taskId}`} data-count={c.implementingTasks}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.below}
      </Typography.Text>
      {c.implementingTasks === 0 ? (
        <div>
          <Typography.Text type="secondary">{t.none}</Typography.Text>
        </div>
      ) : (
        <>
          <RollUpBar rollUp={implementersRollUp(task)} compact />
          <Link to={`/tasks/${task.taskId}/trace`} data-testid="implementers-counts" style={{ fontSize: 12 }}>
            {fill(t.counts, {
              tasks: c.implementingTasks,
              regions: c.regions,
              onTrack: c.onTrack,
              overdue: c.overdue,
            })}
          </Link>
        </>
      )}
    </div>
  );
}
