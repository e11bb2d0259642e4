// 落实链条 Trace: a task's place in the cascade. Up: the chain of upper tasks it implements, to the top. Down:
// every lower plan's implementing tasks grouped by region, with units, status and latest report, the counts
// line (国家 四/10：12个地区，31项落实任务…), and the regions handed the work that have no implementing task.
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Spin, Tag, Typography } from "antd";
import { Link, useParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { isNotFound, NoAccess } from "../../components/NoAccess.tsx";
import { REPORT_STATUS_LABEL, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { RollUpBar } from "../plans/RollUpBar.tsx";

type Trace = ResponseOf<"/api/tasks/{id}/trace">;
type Node = Trace["down"][number];

const text = {
  zh: {
    title: "落实链条",
    up: "上级任务",
    top: "这是链条的最上一级任务。",
    own: "本级分工",
    down: "下级落实",
    counts: "{task}：{regions}个地区，{tasks}项落实任务，{onTrack}项正常，{overdue}项逾期，{none}个地区未落实",
    noDown: "还没有下级任务落实这项任务。",
    missing: "未落实的地区",
    handedDown: "已部署",
    lowerPlan: "有对照计划",
    latest: "最新进展",
    noReport: "暂无报送",
    via: "经 {key} 落实",
    related: "相关",
    units: "责任单位",
    national: "全国",
    regionCounts: "{tasks}项落实任务 · {onTrack}项正常 · {overdue}项逾期",
  },
  en: {
    title: "Trace",
    up: "Upper tasks",
    top: "This is the top task of its chain.",
    own: "Own assignments",
    down: "Implemented below",
    counts:
      "{task}: {regions} regions, {tasks} implementing tasks, {onTrack} on track, {overdue} overdue, {none} regions none",
    noDown: "No lower task implements this task yet.",
    missing: "Regions with none",
    handedDown: "Handed down",
    lowerPlan: "Has an aligned plan",
    latest: "Latest progress",
    noReport: "No report yet",
    via: "via {key}",
    related: "Related",
    units: "Units",
    national: "National",
    regionCounts: "{tasks} implementing · {onTrack} on track · {overdue} overdue",
  },
};

export default function TracePage() {
  const { taskId } = useParams();
  const id = Number(taskId);
  if (!Number.isInteger(id) || id <= 0) return <NoAccess />;
  return <TraceView taskId={id} />;
}

function TraceView({ taskId }: { taskId: number }) {
  const t = useText(text);
  const trace = useQuery({
    queryKey: ["trace", taskId],
    queryFn: () => unwrap(api.GET("/api/tasks/{id}/trace", { params: { path: { id: taskId } } })),
  });
  if (trace.error && isNotFound(trace.error)) return <NoAccess />;
  if (trace.error) return <Alert type="error" showIcon title={errorMessage(trace.error)} />;
  if (!trace.data) return <Spin />;
  const d = trace.data;
  const c = d.counts;
  const byId = new Map(d.down.map((n) => [n.taskId, n]));
  const chain = [...d.up].reverse();
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        <Link to={`/plans/${d.task.planId}`}>{d.task.planTitle}</Link> · {d.task.orgName}
      </Typography.Paragraph>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t.title}：{d.task.key} {d.task.title}
      </Typography.Title>
      <Card size="small" title={t.up} style={{ marginBottom: 16 }}>
        {chain.length === 0 ? (
          <Typography.Text type="secondary">{t.top}</Typography.Text>
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="trace-up">
            {chain.map((u) => (
              <li key={u.taskId}>
                {u.readable ? (
                  <Link to={`/tasks/${u.taskId}/trace`}>
                    {u.key} {u.title}
                  </Link>
                ) : (
                  <Typography.Text data-readable="false">
                    {u.key} {u.title}
                  </Typography.Text>
                )}{" "}
                <Typography.Text type="secondary">
                  {u.planTitle} · {u.orgName}
                </Typography.Text>
              </li>
            ))}
          </ol>
        )}
      </Card>
      {d.status && (
        <Card size="small" title={t.own} style={{ marginBottom: 16 }}>
          <RollUpBar rollUp={d.status} />
        </Card>
      )}
      <Card size="small" title={t.down}>
        <Typography.Paragraph strong data-testid="trace-counts">
          {fill(t.counts, {
            task: `${d.task.orgName} ${d.task.key}`,
            regions: c.regions,
            tasks: c.implementingTasks,
            onTrack: c.onTrack,
            overdue: c.overdue,
            none: c.regionsWithout,
          })}
        </Typography.Paragraph>
        {d.down.length === 0 && <Empty description={t.noDown} />}
        {d.regions.map((r) => (
          <section key={r.regionCode} style={{ marginBottom: 16 }} data-testid={`region-${r.regionCode}`}>
            <Typography.Title level={5} style={{ marginBottom: 8 }}>
              {r.regionName ?? r.regionCode}{" "}
              <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
                {fill(t.regionCounts, { tasks: r.implementingTasks, onTrack: r.onTrack, overdue: r.overdue })}
              </Typography.Text>
            </Typography.Title>
            {d.down
              .filter((n) => n.regionCode === r.regionCode)
              .map((n) => (
                <NodeCard key={n.taskId} node={n} upper={byId.get(n.upperTaskId)} />
              ))}
          </section>
        ))}
        {d.missing.length > 0 && (
          <div data-testid="trace-missing">
            <Typography.Title level={5}>{t.missing}</Typography.Title>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
              {d.missing.map((m) => (
                <Tag key={m.regionCode} title={m.orgName}>
                  {m.regionName ?? m.orgName}（{m.reason === "handed_down" ? t.handedDown : t.lowerPlan}）
                </Tag>
              ))}
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}

function NodeCard({ node, upper }: { node: Node; upper: Node | undefined }) {
  const t = useText(text);
  const { lang } = useLang();
  const report = node.latestReport;
  return (
    <div
      data-testid="trace-node"
      data-task={node.taskId}
      style={{
        border: "1px solid #f0f0f0",
        borderRadius: 6,
        padding: "8px 12px",
        marginBottom: 8,
        marginInlineStart: Math.min(node.depth - 1, 3) * 16,
      }}
    >
      <div>
        <Link to={`/tasks/${node.taskId}/trace`}>
          {node.key} {node.title}
        </Link>{" "}
        {node.kind === "related" && <Tag>{t.related}</Tag>}
        {upper && <Typography.Text type="secondary">{fill(t.via, { key: upper.key })}</Typography.Text>}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Link to={`/plans/${node.planId}`}>{node.planTitle}</Link> · {node.orgName}
      </Typography.Text>
      {node.status && (
        <div style={{ maxWidth: 420, marginTop: 4 }}>
          <RollUpBar rollUp={node.status} compact />
        </div>
      )}
      {node.measures.length > 0 && (
        <ol style={{ margin: "4px 0 0", paddingInlineStart: 20, fontSize: 12 }}>
          {node.measures.slice(0, 5).map((m) => (
            <li key={m.id}>
              <Link to={`/measures/${m.id}`} data-testid="trace-measure">
                {m.text.length > 80 ? `${m.text.slice(0, 80)}…` : m.text}
              </Link>
            </li>
          ))}
          {node.measures.length > 5 && <li>…</li>}
        </ol>
      )}
      {node.units.length > 0 && (
        <div style={{ fontSize: 12, marginTop: 4 }}>
          {t.units}：
          {node.units
            .slice(0, 6)
            .map((u) => `${u.orgName}（${UNIT_ROLE_LABEL[lang][u.role]}）`)
            .join("、")}
          {node.units.length > 6 ? ` +${node.units.length - 6}` : ""}
        </div>
      )}
      <div style={{ fontSize: 12, marginTop: 4 }}>
        {t.latest}：
        {report ? (
          <>
            {report.period} · {REPORT_STATUS_LABEL[lang][report.status]}
            {report.percent === null ? "" : ` · ${report.percent}%`} · {report.orgName}
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2, expandable: true }}
              style={{ marginBottom: 0, fontSize: 12 }}
            >
              {report.narrative}
            </Typography.Paragraph>
          </>
        ) : (
          <Typography.Text type="secondary">{t.noReport}</Typography.Text>
        )}
      </div>
    </div>
  );
}
