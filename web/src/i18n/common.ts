// Strings many pages share: statuses, roles, navigation.
import type { Lang } from "./lang.tsx";

export type AssignmentStatus =
  | "done"
  | "unfinished"
  | "overdue"
  | "report_missing"
  | "due_soon"
  | "not_started"
  | "on_track";
export type ReportStatus = "not_started" | "in_progress" | "done" | "blocked";
export type UserRole = "admin" | "plan_office" | "reporter" | "viewer";
export type UnitRole = "lead" | "support" | "owner";

export const STATUS_LABEL: Record<Lang, Record<AssignmentStatus, string>> = {
  zh: {
    done: "已完成",
    on_track: "正常推进",
    not_started: "未开始",
    due_soon: "即将到期",
    report_missing: "本期未报送",
    overdue: "已逾期",
    unfinished: "未办结",
  },
  en: {
    done: "Done",
    on_track: "On track",
    not_started: "Not started",
    due_soon: "Due soon",
    report_missing: "Report missing",
    overdue: "Overdue",
    unfinished: "Unfinished",
  },
};

/** Worst first: the order lists and legends use. */
export const STATUS_ORDER: AssignmentStatus[] = [
  "unfinished",
  "overdue",
  "report_missing",
  "due_soon",
  "not_started",
  "on_track",
  "done",
];

export const REPORT_STATUS_LABEL: Record<Lang, Record<ReportStatus, string>> = {
  zh: { not_started: "未开始", in_progress: "推进中", done: "已完成", blocked: "受阻" },
  en: { not_started: "Not started", in_progress: "In progress", done: "Done", blocked: "Blocked" },
};

export const UNIT_ROLE_LABEL: Record<Lang, Record<UnitRole, string>> = {
  zh: { lead: "牵头", support: "配合", owner: "负责" },
  en: { lead: "Lead", support: "Support", owner: "Owner" },
};

export const USER_ROLE_LABEL: Record<Lang, Record<UserRole, string>> = {
  zh: { admin: "系统管理员", plan_office: "计划管理处室", reporter: "责任单位填报员", viewer: "领导查看" },
  en: { admin: "Administrator", plan_office: "Plan office", reporter: "Unit reporter", viewer: "Viewer" },
};
