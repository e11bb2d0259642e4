// Step 2: what the parser read — the plan's metadata, counts, warnings, every measure beside its original
// text, and the indicators — so a person can check it before anything is saved.
import { Alert, Card, Col, List, Row, Statistic, Table, Typography } from "antd";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { MeasureTable, SourceText } from "./MeasureTable.tsx";
import { type MetadataCorrections, MetadataEditor } from "./MetadataEditor.tsx";
import type { MeasureRow } from "./measures.ts";
import { RevisionDiff } from "./RevisionDiff.tsx";
import { describeLoc, locKey, type Preview } from "./transfer.ts";
import { UpperLinks } from "./UpperLinks.tsx";

const text = {
  zh: {
    meta: "计划信息",
    tasks: "任务",
    measures: "落实举措",
    indicators: "指标",
    warnings: "解析提示",
    unresolved: "待匹配单位名称",
    warningsTitle: "以下 {n} 处内容未能完全解析，请对照原文核对：",
    indicatorName: "指标",
    target: "目标值",
    by: "期限",
    items: "逐项核对",
    source: "原文",
  },
  en: {
    meta: "Plan",
    tasks: "Tasks",
    measures: "Measures",
    indicators: "Indicators",
    warnings: "Parser notes",
    unresolved: "Unit names to match",
    warningsTitle: "{n} passage(s) could not be fully parsed; check them against the original:",
    indicatorName: "Indicator",
    target: "Target",
    by: "By",
    items: "Item by item",
    source: "Original text",
  },
};

type Indicator = Preview["plan"]["indicators"][number];

const OP_TEXT: Record<Indicator["op"], string> = { ">=": "≥", ">": ">", "=": "=", "<=": "≤", range: "" };

export function PreviewStep({
  preview,
  rows,
  corrections,
  onCorrect,
}: {
  preview: Preview;
  rows: MeasureRow[];
  corrections: MetadataCorrections;
  onCorrect(corrections: MetadataCorrections): void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const { plan } = preview;
  const sources = new Map(preview.sources.map((s) => [locKey(s.loc), s.text]));
  const counts: [string, number, boolean][] = [
    [t.tasks, preview.tasks, false],
    [t.measures, preview.measures, false],
    [t.indicators, plan.indicators.length, false],
    [t.warnings, preview.warnings.length, preview.warnings.length > 0],
    [t.unresolved, preview.unresolved.length, preview.unresolved.length > 0],
  ];
  return (
    <>
      <Card size="small" title={t.meta} style={{ marginBottom: 16 }}>
        <MetadataEditor plan={plan} corrections={corrections} onChange={onCorrect} />
        <Row gutter={16} style={{ marginTop: 8 }}>
          {counts.map(([label, value, alarming]) => (
            <Col key={label} xs={12} md={4}>
              <Statistic title={label} value={value} valueStyle={alarming ? { color: "#873800" } : undefined} />
            </Col>
          ))}
        </Row>
      </Card>
      <RevisionDiff preview={preview} />
      {preview.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={fill(t.warningsTitle, { n: preview.warnings.length })}
          description={
            <List
              size="small"
              dataSource={preview.warnings}
              renderItem={(w) => (
                <List.Item>
                  <div style={{ width: "100%" }}>
                    <Typography.Text strong>{lang === "zh" ? (w.messageZh ?? w.message) : w.message}</Typography.Text>
                    <SourceText loc={describeLoc(w.source, lang)} text={sources.get(locKey(w.source)) ?? w.text} />
                  </div>
                </List.Item>
              )}
            />
          }
        />
      )}
      <Card size="small" title={t.items} style={{ marginBottom: 16 }}>
        <MeasureTable rows={rows} />
      </Card>
      <UpperLinks preview={preview} />
      {plan.indicators.length > 0 && (
        <Card size="small" title={t.indicators} style={{ marginBottom: 16 }}>
          <Table<Indicator>
            rowKey={(i) => `${i.name}-${locKey(i.source)}`}
            size="small"
            pagination={false}
            dataSource={plan.indicators}
            columns={[
              { title: t.indicatorName, dataIndex: "name" },
              {
                title: t.target,
                key: "target",
                width: 160,
                render: (_: unknown, i) =>
                  i.op === "range"
                    ? `${i.target}–${i.targetHigh ?? ""} ${i.unit}`
                    : `${OP_TEXT[i.op]} ${i.target} ${i.unit}`,
              },
              { title: t.by, dataIndex: "by", width: 120, render: (by: string | null) => by ?? "—" },
              {
                title: t.source,
                key: "source",
                width: "40%",
                render: (_: unknown, i) => (
                  <SourceText loc={describeLoc(i.source, lang)} text={sources.get(locKey(i.source)) ?? null} />
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
