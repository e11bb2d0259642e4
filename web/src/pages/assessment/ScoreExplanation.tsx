// How the score is made, in the offices' words, with this plan's weights (domain/scoring.ts is the rule).
import { Card, Typography } from "antd";
import { fill, useText } from "../../i18n/lang.tsx";
import { type Assessment, COMPONENT_TEXT } from "./ScoreTable.tsx";

type Weights = Assessment["weights"];

const text = {
  zh: {
    title: "评分说明",
    onTime: "已到报送时间的各期进展中，在报送期结束后 5 天内报送的比例；迟报不得分。",
    timeliness: "已完成且有完成时限的任务：按期完成得满分，逾期完成按逾期天数递减，逾期 30 天及以上不得分。",
    overdue: "已过完成时限的任务中，没有仍未完成的比例：100 ×（1 − 逾期未完成数 ÷ 已到期数）。",
    indicators: "本单位填报的指标值对照目标值的平均达成程度；未填报的指标计 0 分。",
    total:
      "综合得分 = 各项得分按权重加权平均（各项满分 100）。某项没有可考核的内容时不计入，按其余各项权重折算；各项都没有可考核内容的单位不参与排名。得分相同则名次相同。",
    item: "{name}（权重 {w}%）：{rule}",
  },
  en: {
    title: "How the score is made",
    onTime:
      "Of the progress reports due so far, the share filed within 5 days after their period ended; late ones earn nothing.",
    timeliness:
      "Work done that had a due date: full credit when done on time, less for each day late, nothing from 30 days late.",
    overdue: "Of the work past its due date, the share not still open: 100 × (1 − overdue open ÷ past due).",
    indicators:
      "How close the unit's reported indicator values are to their targets, on average; unreported ones count 0.",
    total:
      "Score = the weighted mean of the components (each out of 100). A component with nothing to judge is left out and the rest re-weighted; a unit with nothing to judge at all is not ranked. Equal scores share a rank.",
    item: "{name} (weight {w}%): {rule}",
  },
};

const KEYS = ["onTime", "timeliness", "overdue", "indicators"] as const;

export function ScoreExplanation({ weights }: { weights: Weights }) {
  const t = useText(text);
  const names = useText(COMPONENT_TEXT);
  return (
    <Card size="small" title={t.title} style={{ marginTop: 16 }} data-testid="score-explanation">
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {KEYS.map((key) => (
          <li key={key}>{fill(t.item, { name: names[key], w: Math.round(weights[key] * 100), rule: t[key] })}</li>
        ))}
      </ul>
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t.total}</Typography.Paragraph>
    </Card>
  );
}
