import { Tag } from "antd";
import { type AssignmentStatus, STATUS_LABEL } from "../i18n/common.ts";
import { useLang } from "../i18n/lang.tsx";

// Red / yellow / green as the plan offices already colour their spreadsheets; grey for work not begun. The
// text shades are dark enough for WCAG AA contrast on their tints (antd's preset gold is not).
export const STATUS_COLOURS: Record<AssignmentStatus, { text: string; tint: string; border: string }> = {
  done: { text: "#135200", tint: "#f6ffed", border: "#b7eb8f" },
  on_track: { text: "#237804", tint: "#f6ffed", border: "#b7eb8f" },
  not_started: { text: "#434343", tint: "#fafafa", border: "#d9d9d9" },
  due_soon: { text: "#874d00", tint: "#fffbe6", border: "#ffe58f" },
  report_missing: { text: "#873800", tint: "#fff7e6", border: "#ffd591" },
  overdue: { text: "#a8071a", tint: "#fff1f0", border: "#ffa39e" },
  unfinished: { text: "#820014", tint: "#fff1f0", border: "#ff7875" },
};

/** A plain antd Tag in a status's colours, for tags that are not statuses (antd's preset green and orange fail
 * WCAG AA contrast on their tints). */
export function toneStyle(status: AssignmentStatus): { color: string; background: string; borderColor: string } {
  const colours = STATUS_COLOURS[status];
  return { color: colours.text, background: colours.tint, borderColor: colours.border };
}

export function StatusTag({ status }: { status: AssignmentStatus }) {
  const { lang } = useLang();
  const colours = STATUS_COLOURS[status];
  return (
    <Tag style={{ color: colours.text, background: colours.tint, borderColor: colours.border }} data-status={status}>
      {STATUS_LABEL[lang][status]}
    </Tag>
  );
}
