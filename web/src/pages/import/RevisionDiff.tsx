// A revised file of a plan already imported (same 文号 or title): what it adds, removes and rewords against
// the current version, and how much reported progress carries over, shown before anything is applied.
import { Alert, Card, Col, Row, Statistic, Table, Tabs, Typography } from "antd";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { Preview } from "./transfer.ts";

type Revision = NonNullable<Preview["revision"]>;

const text = {
  zh: {
    title: "这是已导入计划的修订版",
    intro:
      "确认导入后将成为第 {v} 版，现行第 {p} 版转为历史版本。未改动的举措沿用原有进展报送（约 {carried} 条）；修改和删除的举措，原有报送留在历史版本中。",
    unchanged: "未变",
    changed: "修改",
    added: "新增",
    removed: "删除",
    task: "任务",
    before: "原文（第 {p} 版）",
    after: "修订后",
    text: "举措",
    reports: "已有报送",
    none: "无",
    indicators: "指标",
    indicatorsSummary: "{u} 项未变，{c} 项修改，{a} 项新增，{r} 项删除；沿用已填报的指标值 {n} 条",
  },
  en: {
    title: "This is a revision of a plan already imported",
    intro:
      "On import it becomes version {v} and the current version {p} is kept as history. Unchanged measures keep their progress reports (about {carried}); reports on changed or removed measures stay with the old version.",
    unchanged: "Unchanged",
    changed: "Changed",
    added: "Added",
    removed: "Removed",
    task: "Task",
    before: "Before (version {p})",
    after: "After",
    text: "Measure",
    reports: "Reports filed",
    none: "None",
    indicators: "Indicators",
    indicatorsSummary: "{u} unchanged, {c} changed, {a} added, {r} removed; {n} recorded values carry over",
  },
};

const INS = { background: "#d9f7be", color: "#135200", textDecoration: "none" };
const DEL = { background: "#ffccc7", color: "#a8071a" };

/** The differing middle of two texts, between their common prefix and suffix: enough to spot an edit. */
export function middleDiff(
  before: string,
  after: string,
): { prefix: string; removed: string; added: string; suffix: string } {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return {
    prefix: a.slice(0, start).join(""),
    removed: a.slice(start, a.length - end).join(""),
    added: b.slice(start, b.length - end).join(""),
    suffix: a.slice(a.length - end).join(""),
  };
}

function Marked({ before, after, side }: { before: string; after: string; side: "before" | "after" }) {
  const d = middleDiff(before, after);
  return (
    <span>
      {d.prefix}
      {side === "before" ? <del style={DEL}>{d.removed}</del> : <ins style={INS}>{d.added}</ins>}
      {d.suffix}
    </span>
  );
}

export function RevisionDiff({ preview }: { preview: Preview }) {
  const t = useText(text);
  const { lang } = useLang();
  const revision = preview.revision;
  if (!revision) return null;
  const counts: [string, number][] = [
    [t.unchanged, revision.unchanged],
    [t.changed, revision.changed.length],
    [t.added, revision.added.length],
    [t.removed, revision.removed.length],
  ];
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="revision-diff">
      {revision.identical && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="revision-identical"
          title={lang === "zh" ? revision.identical.message.zh : revision.identical.message.en}
        />
      )}
      <Alert
        type="info"
        showIcon
        title={t.title}
        description={fill(t.intro, {
          v: revision.version,
          p: revision.previousVersion,
          carried: revision.carriedReports,
        })}
        style={{ marginBottom: 12 }}
      />
      <Row gutter={16} style={{ marginBottom: 8 }}>
        {counts.map(([label, value]) => (
          <Col key={label} xs={12} md={6}>
            <Statistic title={label} value={value} />
          </Col>
        ))}
      </Row>
      <Tabs
        items={[
          {
            key: "changed",
            label: `${t.changed} ${revision.changed.length}`,
            children: (
              <Table<Revision["changed"][number]>
                rowKey="measureId"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={revision.changed}
                locale={{ emptyText: t.none }}
                columns={[
                  { title: t.task, dataIndex: "taskKey", width: 80 },
                  {
                    title: fill(t.before, { p: revision.previousVersion }),
                    key: "before",
                    render: (_: unknown, c) => <Marked before={c.before} after={c.after} side="before" />,
                  },
                  {
                    title: t.after,
                    key: "after",
                    render: (_: unknown, c) => <Marked before={c.before} after={c.after} side="after" />,
                  },
                  { title: t.reports, dataIndex: "reports", width: 96 },
                ]}
              />
            ),
          },
          {
            key: "added",
            label: `${t.added} ${revision.added.length}`,
            children: (
              <Table<Revision["added"][number]>
                rowKey={(a) => `${a.taskKey}-${a.text}`}
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={revision.added}
                locale={{ emptyText: t.none }}
                columns={[
                  { title: t.task, dataIndex: "taskKey", width: 80 },
                  { title: t.text, dataIndex: "text", render: (s: string) => <ins style={INS}>{s}</ins> },
                ]}
              />
            ),
          },
          {
            key: "removed",
            label: `${t.removed} ${revision.removed.length}`,
            children: (
              <Table<Revision["removed"][number]>
                rowKey="measureId"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={revision.removed}
                locale={{ emptyText: t.none }}
                columns={[
                  { title: t.task, dataIndex: "taskKey", width: 80 },
                  {
                    title: t.text,
                    dataIndex: "text",
                    render: (s: string) => (
                      <Typography.Text>
                        <del style={DEL}>{s}</del>
                      </Typography.Text>
                    ),
                  },
                  { title: t.reports, dataIndex: "reports", width: 96 },
                ]}
              />
            ),
          },
          {
            key: "indicators",
            label: `${t.indicators} ${revision.indicators.changed.length + revision.indicators.added.length + revision.indicators.removed.length}`,
            children: (
              <div data-testid="revision-indicators">
                <Typography.Paragraph>
                  {fill(t.indicatorsSummary, {
                    u: revision.indicators.unchanged,
                    c: revision.indicators.changed.length,
                    a: revision.indicators.added.length,
                    r: revision.indicators.removed.length,
                    n: revision.indicators.carriedValues,
                  })}
                </Typography.Paragraph>
                <ul>
                  {revision.indicators.changed.map((c) => (
                    <li key={`c${c.indicatorId}`}>
                      {c.before.name} <del style={DEL}>{`${c.before.target}${c.before.unit}`}</del>{" "}
                      <ins style={INS}>{`${c.after.target}${c.after.unit}`}</ins>
                    </li>
                  ))}
                  {revision.indicators.added.map((a) => (
                    <li key={`a${a.name}`}>
                      <ins style={INS}>{`${a.name} ${a.target}${a.unit}`}</ins>
                    </li>
                  ))}
                  {revision.indicators.removed.map((r) => (
                    <li key={`r${r.indicatorId}`}>
                      <del style={DEL}>{`${r.name} ${r.target}${r.unit}`}</del>
                    </li>
                  ))}
                </ul>
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
