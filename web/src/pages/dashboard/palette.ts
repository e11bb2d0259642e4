// Chart fills: the same red / yellow / green the status tags use, at full strength for bars, days and slices.
import type { AssignmentStatus } from "../../i18n/common.ts";

export const STATUS_FILL: Record<AssignmentStatus, string> = {
  unfinished: "#a8071a",
  overdue: "#cf1322",
  report_missing: "#d46b08",
  due_soon: "#d4b106",
  not_started: "#8c8c8c",
  on_track: "#73d13d",
  done: "#389e0d",
};

/** The three parts of a completion bar. */
export const PART_FILL = { done: STATUS_FILL.done, open: "#faad14", overdue: STATUS_FILL.overdue };

export const AXIS_TEXT = "rgba(0, 0, 0, 0.65)";
