// Step 4: how often units report (monthly or quarterly) and the plan year relative deadlines count from,
// then a last look at what the import will create before confirming.
import { Alert, Card, Descriptions, Form, InputNumber, Radio, Typography } from "antd";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { MeasureRow } from "./measures.ts";
import { assignmentCount, deadlineSpan } from "./summary.ts";
import type { Preview } from "./transfer.ts";

export type Cadence = "monthly" | "quarterly";

const text = {
  zh: {
    cadence: "报送周期",
    monthly: "按月报送",
    quarterly: "按季度报送",
    cadenceHint: "责任单位每个周期报送一次进展；到期未报会提醒和督办。",
    year: "计划年度",
    yearHint: "“10月份前”“全年”等相对时限按这一年计算。文件写明的年度：{year}。",
    yearNone: "“10月份前”“全年”等相对时限按这一年计算。文件未写明年度。",
    reparsing: "正在按新的年度重新计算完成时限…",
    summary: "将要导入",
    plan: "计划",
    version: "版本",
    newPlan: "新计划（第 1 版）",
    revision: "修订版：第 {v} 版，替换现行第 {p} 版",
    tasks: "任务 / 举措",
    tasksValue: "{t} 项任务，{m} 项举措",
    assignments: "分工",
    assignmentsValue: "{n} 条（含手动匹配的 {mapped} 个名称的分工）",
    assignmentsPlain: "{n} 条",
    review: "待核对",
    reviewValue: "{n} 个单位名称未匹配，导入后列入待核对清单",
    reviewNone: "无",
    deadlines: "完成时限",
    deadlinesValue: "{dated} 项有明确时限（{from} 至 {to}），{missing} 项未写明",
    deadlinesNone: "各项举措均未写明完成时限（{missing} 项）；计划期限：{period}",
    periodNone: "未写明",
  },
  en: {
    cadence: "Reporting cadence",
    monthly: "Monthly",
    quarterly: "Quarterly",
    cadenceHint: "Units report progress once per period; missing reports are reminded and supervised.",
    year: "Plan year",
    yearHint: "Relative deadlines (10月份前, 全年) count from this year. The file names: {year}.",
    yearNone: "Relative deadlines (10月份前, 全年) count from this year. The file names no year.",
    reparsing: "Recomputing deadlines for the new year…",
    summary: "About to import",
    plan: "Plan",
    version: "Version",
    newPlan: "New plan (version 1)",
    revision: "Revision: version {v}, replacing the current version {p}",
    tasks: "Tasks / measures",
    tasksValue: "{t} tasks, {m} measures",
    assignments: "Assignments",
    assignmentsValue: "{n} (including those of {mapped} names matched by hand)",
    assignmentsPlain: "{n}",
    review: "To review",
    reviewValue: "{n} unit names unmatched; they go to the review list after import",
    reviewNone: "none",
    deadlines: "Deadlines",
    deadlinesValue: "{dated} dated ({from} to {to}), {missing} not stated",
    deadlinesNone: "No measure states a deadline ({missing}); plan period: {period}",
    periodNone: "not stated",
  },
};

export function SettingsStep({
  preview,
  rows,
  mappings,
  cadence,
  onCadence,
  year,
  onYear,
  reparsing,
}: {
  preview: Preview;
  rows: MeasureRow[];
  mappings: Record<string, number>;
  cadence: Cadence;
  onCadence(c: Cadence): void;
  year: number;
  onYear(y: number): void;
  reparsing: boolean;
}) {
  const t = useText(text);
  const mapped = Object.keys(mappings).length;
  const open = preview.unresolved.filter((u) => mappings[u.name] === undefined).length;
  const dues = rows.map((r) => r.deadline?.due).filter((d): d is string => Boolean(d));
  const span = deadlineSpan(dues);
  const period = preview.plan.period;
  const revision = preview.revision;
  const lang = useLang().lang;
  return (
    <>
      {revision?.identical && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="identical-file"
          title={lang === "zh" ? revision.identical.message.zh : revision.identical.message.en}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label={t.cadence} extra={t.cadenceHint}>
            <Radio.Group
              value={cadence}
              onChange={(e) => onCadence(e.target.value === "monthly" ? "monthly" : "quarterly")}
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: "quarterly", label: t.quarterly },
                { value: "monthly", label: t.monthly },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t.year}
            htmlFor="import-year"
            extra={preview.plan.period ? fill(t.yearHint, { year: preview.plan.period.from }) : t.yearNone}
          >
            <InputNumber
              id="import-year"
              min={1949}
              max={2100}
              value={year}
              onChange={(v) => v !== null && onYear(v)}
              style={{ width: 120 }}
            />
          </Form.Item>
        </Form>
        {reparsing && <Alert type="info" showIcon title={t.reparsing} />}
      </Card>
      <Card size="small" title={t.summary}>
        <Descriptions size="small" column={1} data-testid="import-summary">
          <Descriptions.Item label={t.plan}>
            <Typography.Text strong>{preview.title}</Typography.Text>
            {preview.docNumber ? `（${preview.docNumber}）` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t.version}>
            {revision ? fill(t.revision, { v: revision.version, p: revision.previousVersion }) : t.newPlan}
          </Descriptions.Item>
          <Descriptions.Item label={t.tasks}>
            {fill(t.tasksValue, { t: preview.tasks, m: preview.measures })}
          </Descriptions.Item>
          <Descriptions.Item label={t.deadlines}>
            {span
              ? fill(t.deadlinesValue, {
                  dated: dues.length,
                  from: span.from,
                  to: span.to,
                  missing: rows.length - dues.length,
                })
              : fill(t.deadlinesNone, {
                  missing: rows.length,
                  period: period
                    ? period.from === period.to
                      ? `${period.from}`
                      : `${period.from}–${period.to}`
                    : t.periodNone,
                })}
          </Descriptions.Item>
          <Descriptions.Item label={t.assignments}>
            {mapped > 0
              ? fill(t.assignmentsValue, { n: assignmentCount(preview, mappings), mapped })
              : fill(t.assignmentsPlain, { n: assignmentCount(preview, mappings) })}
          </Descriptions.Item>
          <Descriptions.Item label={t.review}>
            {open > 0 ? fill(t.reviewValue, { n: open }) : t.reviewNone}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
