// What the parser read from the measure's line: its task, text, the units as printed, the deadline as
// printed and the due date it resolved to, and how far down the regions it reaches.
import { Card, Descriptions, Tag, Typography } from "antd";
import { Link } from "react-router";
import { fill, useText } from "../../i18n/lang.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

const text = {
  zh: {
    title: "解析结果",
    plan: "计划",
    task: "所属任务",
    text: "举措内容",
    units: "责任单位（原文）",
    deadline: "完成时限（原文）",
    due: "到期日",
    ongoing: "持续推进（每期报送）",
    scope: "范围",
    issuer: "印发单位本级",
    "all-subordinates": "各下级地区",
    "some-subordinates": "部分下级地区",
    none: "未注明",
    toConfirm: "待确认",
    dueOngoing: "{due}，之后持续推进",
  },
  en: {
    title: "As parsed",
    plan: "Plan",
    task: "Task",
    text: "Measure",
    units: "Units (as printed)",
    deadline: "Deadline (as printed)",
    due: "Due date",
    ongoing: "Ongoing (reported every period)",
    scope: "Scope",
    issuer: "The issuing office itself",
    "all-subordinates": "Every subordinate region",
    "some-subordinates": "Some subordinate regions",
    none: "Not stated",
    toConfirm: "To confirm",
    dueOngoing: "{due}, then ongoing",
  },
};

type ScopeKey = "issuer" | "all-subordinates" | "some-subordinates";
const SCOPES = new Set<string>(["issuer", "all-subordinates", "some-subordinates"]);

export function ParsedFields({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const d = measure.deadline;
  const due = !d
    ? t.none
    : d.due
      ? d.ongoing
        ? fill(t.dueOngoing, { due: d.due })
        : d.due
      : d.ongoing
        ? t.ongoing
        : t.none;
  const scope = measure.scope ? (SCOPES.has(measure.scope) ? t[measure.scope as ScopeKey] : measure.scope) : t.none;
  return (
    <Card size="small" title={t.title} style={{ height: "100%" }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: "plan",
            label: t.plan,
            children: <Link to={`/plans/${measure.plan.id}`}>{measure.plan.title}</Link>,
          },
          {
            key: "task",
            label: t.task,
            children: (
              <span>
                <Typography.Text type="secondary">{measure.task.key}</Typography.Text> {measure.task.title}
              </span>
            ),
          },
          { key: "text", label: t.text, children: measure.text },
          {
            key: "units",
            label: t.units,
            children: (
              <>
                {measure.statedUnits || t.none}
                {measure.unresolved.map((u) => (
                  <Tag
                    key={u.name}
                    data-testid="unit-to-confirm"
                    style={{ marginLeft: 8, color: "rgba(0, 0, 0, 0.55)", borderStyle: "dashed" }}
                  >
                    {u.name}（{t.toConfirm}）
                  </Tag>
                ))}
              </>
            ),
          },
          { key: "deadline", label: t.deadline, children: d?.raw ?? t.none },
          { key: "due", label: t.due, children: due },
          { key: "scope", label: t.scope, children: scope },
        ]}
      />
    </Card>
  );
}
