// How far a plan, section or task has come: share done as a bar in its red/yellow/green colour, and the
// counts that need attention beside it.
import { Progress, Space, Typography } from "antd";
import type { ResponseOf } from "../../api/types.ts";
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, STATUS_LABEL, STATUS_ORDER } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";

export type RollUp = ResponseOf<"/api/plans">["items"][number]["rollUp"];

/** Bar colours: the spreadsheet red/yellow/green, dark enough to read against white. */
export const COLOUR: Record<string, string> = {
  green: "#389e0d",
  yellow: "#d48806",
  red: "#cf1322",
  grey: "#8c8c8c",
};

const text = {
  zh: { none: "暂无分解任务", done: "完成 {done}/{total}", label: "完成率" },
  en: { none: "No assignments", done: "{done}/{total} done", label: "Completion" },
};

/** Statuses worth naming next to the bar: what needs attention. */
const ATTENTION: AssignmentStatus[] = ["overdue", "report_missing", "due_soon"];

export function RollUpBar({ rollUp, compact = false }: { rollUp: RollUp; compact?: boolean }) {
  const t = useText(text);
  const { lang } = useLang();
  if (rollUp.total === 0)
    return (
      <Typography.Text type="secondary" data-colour="grey">
        {t.none}
      </Typography.Text>
    );
  const done = rollUp.counts.done ?? 0;
  const percent = Math.round((rollUp.completionRate ?? 0) * 100);
  return (
    <div data-colour={rollUp.colour} style={{ minWidth: compact ? 140 : 200 }}>
      <Progress
        percent={percent}
        size="small"
        strokeColor={COLOUR[rollUp.colour]}
        aria-label={`${t.label} ${percent}%`}
        format={(p) => `${p}%`}
        status="normal"
      />
      <Space size={8} wrap style={{ fontSize: 12 }}>
        <span>{fill(t.done, { done, total: rollUp.total })}</span>
        {ATTENTION.filter((s) => (rollUp.counts[s] ?? 0) > 0).map((s) => (
          <span key={s} style={{ color: STATUS_COLOURS[s].text }}>
            {STATUS_LABEL[lang][s]} {rollUp.counts[s]}
          </span>
        ))}
      </Space>
    </div>
  );
}

/** The worst status present, for sorting rows worst first. */
export const severity = (rollUp: RollUp): number =>
  rollUp.worst ? STATUS_ORDER.indexOf(rollUp.worst as AssignmentStatus) : STATUS_ORDER.length;
