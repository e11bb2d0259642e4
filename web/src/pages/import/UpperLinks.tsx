// The cascade as the import would suggest it: which upper plans the new plan will be aligned against, and
// for each task the upper task it most likely implements — shown before anything is saved, so the office
// sees the links it will confirm in the plan view afterwards.
import { Card, Table, Tag, Typography } from "antd";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Preview } from "./transfer.ts";

type PreviewLinks = Preview["links"];
type Row = PreviewLinks["links"][number] & { title: string };

const text = {
  zh: {
    title: "上级任务建议",
    intro: "将对照以下上级计划生成建议，导入后在计划页“上级任务”一栏采纳或不采纳：",
    none: "尚无可对照的上级计划（上级机关的计划、文中引用的计划或下达本单位的计划导入后将自动对照）。",
    task: "任务",
    upper: "建议的上级任务",
    score: "相似度",
    abstain: "无相近的上级任务",
    shared: "共同词语：{words}",
    summary: "{n} 项任务中 {s} 项有建议",
    cited: "文中引用",
    ancestor: "上级机关",
    handed_down: "下达本单位",
    manual: "手动添加",
  },
  en: {
    title: "Suggested upper tasks",
    intro:
      "Suggestions will be made against these upper plans; after the import, accept or reject them in the plan's “Upper task” column:",
    none: "No upper plan to align against yet (plans of the offices above, plans the text cites or plans handed down to this office are used once imported).",
    task: "Task",
    upper: "Suggested upper task",
    score: "Score",
    abstain: "No close upper task",
    shared: "Shared words: {words}",
    summary: "{s} of {n} tasks have a suggestion",
    cited: "cited",
    ancestor: "issued above",
    handed_down: "handed down",
    manual: "added by hand",
  },
};

function sharedWords(evidence: unknown): string[] {
  if (typeof evidence !== "object" || evidence === null || !("shared" in evidence)) return [];
  const shared = (evidence as { shared: unknown }).shared;
  return Array.isArray(shared)
    ? shared
        .filter((w): w is string => typeof w === "string")
        .map((w) => w.replace(/^#/, ""))
        .slice(0, 6)
    : [];
}

export function UpperLinks({ preview }: { preview: Preview }) {
  const t = useText(text);
  const { upperPlans, links } = preview.links;
  const rows: Row[] = links.map((l) => ({ ...l, title: preview.plan.tasks[l.taskIndex]?.title ?? "" }));
  const suggested = rows.filter((r) => r.suggestion !== null).length;
  return (
    <Card size="small" title={t.title} style={{ marginBottom: 16 }} data-testid="preview-upper-links">
      {upperPlans.length === 0 ? (
        <Typography.Text type="secondary">{t.none}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t.intro}{" "}
            {upperPlans.map((p) => (
              <Tag key={p.planId}>
                {p.title}（{t[p.reason]}）
              </Tag>
            ))}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" data-testid="preview-upper-summary">
            {fill(t.summary, { n: rows.length, s: suggested })}
          </Typography.Paragraph>
          <div style={{ overflowX: "auto" }}>
            <Table<Row>
              rowKey={(r) => r.taskIndex}
              size="small"
              pagination={rows.length > 20 ? { pageSize: 20 } : false}
              dataSource={rows}
              columns={[
                {
                  title: t.task,
                  key: "task",
                  render: (_: unknown, r) => `${r.lowerKey} ${r.title}`,
                },
                {
                  title: t.upper,
                  key: "upper",
                  render: (_: unknown, r) => {
                    if (!r.suggestion) return <Typography.Text type="secondary">{t.abstain}</Typography.Text>;
                    const words = sharedWords(r.suggestion.evidence);
                    return (
                      <>
                        <div>
                          {r.suggestion.upperKey} {r.suggestion.upperTitle}
                        </div>
                        {words.length > 0 && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {fill(t.shared, { words: words.join("、") })}
                          </Typography.Text>
                        )}
                      </>
                    );
                  },
                },
                {
                  title: t.score,
                  key: "score",
                  width: 80,
                  render: (_: unknown, r) => (r.suggestion ? r.suggestion.score.toFixed(2) : "—"),
                },
              ]}
            />
          </div>
        </>
      )}
    </Card>
  );
}
