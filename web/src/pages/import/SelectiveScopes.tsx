// Scopes that are not everyone (有关地区, 有条件的地区, 各有关市, 有关单位): the import assigns them to nobody
// unless the office says so here — choose the members, open a 领办 window in which they opt in, or leave the
// measure 待选定 and decide later on the plan's page.
import { Alert, Card, Input, List, Radio, Select, Space, Tag, Typography } from "antd";
import { toneStyle } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import { formatDay } from "../supervision/format.ts";
import type { ImportBody, Preview } from "./transfer.ts";

export type ScopeChoice = NonNullable<ImportBody["scopes"]>[number];
export type ScopeChoices = Record<string, ScopeChoice>;
type Item = Preview["selective"][number];

export const scopeKey = (s: Pick<Item, "taskIndex" | "measureIndex" | "via" | "role">) =>
  `${s.taskIndex}/${s.measureIndex}/${s.role}/${s.via}`;

const text = {
  zh: {
    title: "选定范围（{n}项举措面向“有关地区”等部分单位）",
    intro:
      "以下举措只交给部分单位。请选定承担单位，或开放领办由单位自行领取；暂不选择的举措导入后显示为“待选定”，不会分给任何单位。",
    pending: "暂不选定（待选定）",
    choose: "选定单位",
    optIn: "开放领办",
    until: "领办截止",
    pick: "选择承担单位",
    candidates: "候选 {n} 个",
  },
  en: {
    title: "Choose the scope ({n} measures address only some units)",
    intro:
      "These measures go to some units only. Choose them, or let them opt in (领办) until a date; measures left alone are imported as “scope pending” and assigned to nobody.",
    pending: "Decide later (pending)",
    choose: "Choose units",
    optIn: "Open for opt-in",
    until: "Opt-in until",
    pick: "Choose the units",
    candidates: "{n} candidates",
  },
};

export function SelectiveScopes(props: {
  preview: Preview;
  choices: ScopeChoices;
  onChoose: (key: string, choice: ScopeChoice | undefined) => void;
}) {
  const t = useText(text);
  const items = props.preview.selective;
  if (items.length === 0) return null;
  // The office's calendar day, as the server's (LUOSHI_TIME_ZONE, China's) is for an office in China: the
  // UTC date is a day behind it before 08:00 there, and the server refuses a 领办 window ending before today.
  const today = formatDay(new Date());
  return (
    <Card title={fill(t.title, { n: items.length })} style={{ marginTop: 16 }} data-testid="selective-scopes">
      <Alert type="info" showIcon message={t.intro} style={{ marginBottom: 12 }} />
      <List
        dataSource={items}
        renderItem={(item) => {
          const key = scopeKey(item);
          const choice = props.choices[key];
          const mode = choice?.orgIds ? "choose" : choice?.optInUntil ? "opt_in" : "pending";
          const measure = props.preview.plan.tasks[item.taskIndex]?.measures[item.measureIndex];
          const base = { via: item.via, role: item.role, taskIndex: item.taskIndex, measureIndex: item.measureIndex };
          return (
            <List.Item data-testid="selective-scope">
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Text>
                  <Tag style={toneStyle("due_soon")}>{item.via}</Tag>
                  {props.preview.plan.tasks[item.taskIndex]?.key} {measure?.text}
                </Typography.Text>
                <Radio.Group
                  value={mode}
                  onChange={(e) => {
                    const next = e.target.value as string;
                    if (next === "pending") props.onChoose(key, undefined);
                    else if (next === "choose") props.onChoose(key, { ...base, orgIds: [] });
                    else props.onChoose(key, { ...base, optInUntil: today });
                  }}
                  options={[
                    { value: "pending", label: t.pending },
                    { value: "choose", label: t.choose },
                    { value: "opt_in", label: t.optIn },
                  ]}
                />
                {mode === "choose" && (
                  <Select
                    mode="multiple"
                    style={{ width: "100%" }}
                    placeholder={t.pick}
                    aria-label={t.pick}
                    value={choice?.orgIds ?? []}
                    onChange={(orgIds: number[]) => props.onChoose(key, { ...base, orgIds })}
                    options={item.candidates.map((c) => ({ value: c.orgId, label: c.orgName }))}
                    optionFilterProp="label"
                  />
                )}
                {mode === "opt_in" && (
                  <Input
                    type="date"
                    aria-label={t.until}
                    addonBefore={t.until}
                    min={today}
                    style={{ maxWidth: 280 }}
                    value={choice?.optInUntil ?? today}
                    onChange={(e) => props.onChoose(key, { ...base, optInUntil: e.target.value })}
                  />
                )}
                <Typography.Text type="secondary">
                  {fill(t.candidates, { n: item.candidates.length })}：
                  {item.candidates.map((c) => c.orgName).join("、")}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
