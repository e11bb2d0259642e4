// The Chinese words the offices use for statuses and roles, shared by every export and message so a
// register, a report draft and a calendar entry call the same thing by the same name.
import type { AssignmentStatus, ReportStatus, Role } from "./types.ts";

export const STATUS_LABEL: Record<AssignmentStatus, string> = {
  done: "已完成",
  unfinished: "未办结",
  on_track: "正常推进",
  due_soon: "即将到期",
  overdue: "已逾期",
  report_missing: "本期未报送",
  not_started: "未开始",
};

export const ROLE_LABEL: Record<Role, string> = { lead: "牵头", support: "配合", owner: "负责" };

export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  not_started: "未启动",
  in_progress: "推进中",
  done: "已完成",
  blocked: "受阻",
};

/** Order in summaries: finished first, then the healthy, then what needs attention. */
export const SUMMARY_ORDER: readonly AssignmentStatus[] = [
  "done",
  "on_track",
  "not_started",
  "due_soon",
  "report_missing",
  "overdue",
  "unfinished",
];
