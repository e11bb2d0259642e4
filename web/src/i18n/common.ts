// Strings many pages share: statuses, roles, navigation. The values themselves come from the server, through
// the generated API types: a status or role added there fails the type check here until it has its words.
import type { BodyOf, ResponseOf } from "../api/types.ts";
import type { Lang } from "./lang.tsx";

type AssignmentItem = ResponseOf<"/api/assignments">["items"][number];
export type AssignmentStatus = AssignmentItem["status"];
export type ReportStatus = BodyOf<"/api/assignments/{id}/reports", "post">["status"];
export type UserRole = ResponseOf<"/api/users">["items"][number]["role"];
export type UnitRole = AssignmentItem["role"];

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
