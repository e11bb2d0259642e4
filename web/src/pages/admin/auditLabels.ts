// Readable names for what the audit log records: actions, entities and the fields of their JSON.
import type { Lang } from "../../i18n/lang.tsx";

export const ACTION_LABEL: Record<Lang, Record<string, string>> = {
  zh: {
    "user.create": "新建用户",
    "user.update": "修改用户",
    "user.update+password": "修改用户并重置密码",
    "org.create": "新建单位",
    "org.update": "修改单位",
    "org.alias.add": "添加别名",
    "org.alias.remove": "删除别名",
    "org.import": "导入组织机构表",
    "org.import.create": "导入新建单位",
    "org.import.update": "导入修改单位",
    "org_group.create": "新建单位组",
    "org_group.member.add": "单位组添加成员",
    "org_group.member.remove": "单位组移除成员",
    "plan.import": "导入计划",
    "plan.update": "修改计划",
    "plan.settings": "修改计划设置",
    "plan.unresolved.resolve": "确认单位名称",
    "report.create": "报送进展",
    "report.update": "修改进展",
    "evidence.add": "上传佐证材料",
    "measure.sign_off": "确认完成",
    "measure.reopen": "重新打开",
    "notice.issue": "下发督办单",
    "notice.respond": "答复督办单",
    "notice.escalate": "督办升级",
  },
  en: {
    "user.create": "User created",
    "user.update": "User changed",
    "user.update+password": "User changed, password reset",
    "org.create": "Unit created",
    "org.update": "Unit changed",
    "org.alias.add": "Alias added",
    "org.alias.remove": "Alias removed",
    "org.import": "Directory imported",
    "org.import.create": "Unit created by import",
    "org.import.update": "Unit changed by import",
    "org_group.create": "Group created",
    "org_group.member.add": "Group member added",
    "org_group.member.remove": "Group member removed",
    "plan.import": "Plan imported",
    "plan.update": "Plan changed",
    "plan.settings": "Plan settings changed",
    "plan.unresolved.resolve": "Unit name resolved",
    "report.create": "Progress reported",
    "report.update": "Progress report changed",
    "evidence.add": "Evidence uploaded",
    "measure.sign_off": "Signed off",
    "measure.reopen": "Reopened",
    "notice.issue": "Notice issued",
    "notice.respond": "Notice answered",
    "notice.escalate": "Notice escalated",
  },
};

/** The entities the log knows, in the order the filter offers them. */
export const ENTITIES = [
  "user",
  "org",
  "org_group",
  "org_directory",
  "plan",
  "measure",
  "progress_report",
  "evidence_file",
  "notice",
] as const;

export const ENTITY_LABEL: Record<Lang, Record<string, string>> = {
  zh: {
    user: "用户",
    org: "单位",
    org_group: "单位组",
    org_directory: "组织机构表",
    plan: "计划",
    measure: "落实举措",
    progress_report: "进展报送",
    evidence_file: "佐证材料",
    notice: "督办单",
  },
  en: {
    user: "User",
    org: "Unit",
    org_group: "Group",
    org_directory: "Directory",
    plan: "Plan",
    measure: "Measure",
    progress_report: "Progress report",
    evidence_file: "Evidence",
    notice: "Notice",
  },
};

export const FIELD_LABEL: Record<Lang, Record<string, string>> = {
  zh: {
    name: "名称",
    kind: "类型",
    parentId: "上级单位",
    regionCode: "区划代码",
    isRegionOffice: "本级区域局",
    aliases: "别名",
    alias: "别名",
    username: "用户名",
    displayName: "姓名",
    role: "角色",
    orgId: "单位",
    disabled: "已停用",
    createdAt: "创建时间",
    title: "标题",
    status: "状态",
    narrative: "进展情况",
    percent: "完成比例",
    period: "报送期",
    cadence: "报送周期",
    members: "成员",
    fileName: "文件名",
    counts: "数量",
    "counts.tasks": "任务数",
    "counts.measures": "举措数",
    "counts.indicators": "指标数",
    "counts.unresolved": "待确认单位",
    "counts.assignments": "分解任务数",
    aliasesAdded: "新增别名",
    changes: "修订内容",
    measures: "涉及举措",
    assignmentsCreated: "新增分解任务",
    orgCreated: "新建了单位",
    measureIds: "涉及举措编号",
    resolvedOrgId: "对应单位",
    aliasAdded: "记为别名",
    assignmentIds: "新增分解任务编号",
    ownerOrgId: "所属单位",
    created: "新建",
    updated: "修改",
  },
  en: {},
};

/** Chinese from the table; English from the field's own name ("counts.unresolved" → "Counts › unresolved"). */
export function fieldLabel(lang: Lang, field: string): string {
  const known = FIELD_LABEL[lang][field];
  if (known) return known;
  const words = field
    .split(".")
    .map((part) => part.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase())
    .join(" › ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
