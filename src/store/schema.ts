// Kysely's view of the tables in migrations/. Keep in step with the SQL.
import type { ColumnType, Generated, JSONColumnType } from "kysely";
import type { OrgKindValue } from "../domain/org-kinds.ts";
import type { AssignmentStatus } from "../domain/types.ts";

type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A DATE column read as "YYYY-MM-DD". */
type DateString = ColumnType<string, string, string>;

/** The kinds of org, listed with their names in domain/org-kinds.ts. */
export type OrgKind = OrgKindValue;
export type UserRole = "admin" | "plan_office" | "reporter" | "viewer";
export type AssignmentRole = "lead" | "support" | "owner";
export type ReportStatus = "not_started" | "in_progress" | "done" | "blocked";
export type ReminderKind =
  | "due_soon"
  | "overdue"
  | "report_missing"
  | "unacknowledged"
  | "returned"
  | "extension_pending"
  | "closure_pending";
export type ReviewState = "accepted" | "returned";
export type ExtensionState = "pending" | "approved" | "rejected" | "withdrawn";
export type Cadence = "monthly" | "quarterly";
export type SourceLocation = Record<string, string | number>;
export type ScoreWeights = { onTime: number; timeliness: number; overdue: number; indicators: number };

export interface OrgsTable {
  id: Id;
  name: string;
  kind: OrgKind;
  parent_id: number | null;
  region_code: string;
  is_region_office: Generated<boolean>;
  row_version: Generated<number>;
  created_at: CreatedAt;
  /** "/1/24/301/": ids from the root down to the org; kept by triggers (migration 016), never written. */
  path: ColumnType<string | null, never, never>;
}

export interface OrgAliasesTable {
  id: Id;
  org_id: number;
  alias: string;
  /** The office whose import taught the alias; it applies to that office's imports and those below (008). */
  scope_org_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface OrgGroupsTable {
  id: Id;
  owner_org_id: number;
  name: string;
}

export interface OrgGroupMembersTable {
  group_id: number;
  org_id: number;
}

export interface UsersTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: UserRole;
  org_id: number;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface CalendarTokensTable {
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
}

export interface LoginAttemptsTable {
  id: Id;
  username: string;
  /** The client address (null for attempts recorded before migration 007). */
  address: string | null;
  attempted_at: CreatedAt;
  succeeded: boolean;
}

/** A heading above tasks: its key as in the tasks' keys ("四/（一）") and its title. */
export type PlanHeading = { key: string; title: string };

export interface PlansTable {
  id: Id;
  org_id: number;
  region_code: string;
  title: string;
  doc_number: string | null;
  issuer: string | null;
  issued_on: DateString | null;
  period_from: number | null;
  period_to: number | null;
  plan_year: number | null;
  lineage_key: string;
  version: Generated<number>;
  status: Generated<"active" | "superseded">;
  cadence: Generated<Cadence>;
  due_soon_days: Generated<number>;
  /** Days after which unacknowledged work is chased (migration 013). */
  acknowledge_days: Generated<number>;
  weights: ColumnType<ScoreWeights, string | undefined, string>;
  headings: ColumnType<PlanHeading[], string | undefined, string>;
  row_version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface PlanFilesTable {
  id: Id;
  plan_id: number;
  file_name: string;
  format: string;
  size: number;
  sha256: string;
  content: Buffer;
  source_text: string;
}

export interface TasksTable {
  id: Id;
  plan_id: number;
  region_code: string;
  key: string;
  section: string;
  title: string;
  position: number;
  source: JSONColumnType<SourceLocation>;
  search_text: ColumnType<string, string | undefined, string>;
  /** to_tsvector('simple', search_text), kept by a trigger (migration 016), never written. */
  search_vector: ColumnType<string | null, never, never>;
}

export interface MeasuresTable {
  id: Id;
  plan_id: number;
  task_id: number;
  region_code: string;
  position: number;
  text: string;
  scope: string | null;
  stated_units: Generated<string>;
  deadline_raw: string | null;
  due_on: DateString | null;
  ongoing: Generated<boolean>;
  source: JSONColumnType<SourceLocation>;
  status: Generated<"open" | "done">;
  signed_off_by: number | null;
  signed_off_at: Timestamp | null;
  row_version: Generated<number>;
}

/**
 * Assignments per plan, org, section and stored status ('' not computed yet), kept by statement triggers
 * on assignments (migration 019): what summaries over many orgs add up instead of counting rows.
 */
export interface StatusCountsTable {
  plan_id: ColumnType<number, never, never>;
  org_id: ColumnType<number, never, never>;
  section: ColumnType<string, never, never>;
  status: ColumnType<string, never, never>;
  n: ColumnType<number, never, never>;
}

/** status_counts added up per org over the active plans (migration 020), kept by triggers, never written. */
export interface StatusOrgTotalsTable {
  org_id: ColumnType<number, never, never>;
  status: ColumnType<string, never, never>;
  n: ColumnType<number, never, never>;
}

/** status_counts added up per plan section over every org (migration 020), kept by triggers, never written. */
export interface StatusSectionTotalsTable {
  plan_id: ColumnType<number, never, never>;
  section: ColumnType<string, never, never>;
  status: ColumnType<string, never, never>;
  n: ColumnType<number, never, never>;
}

export interface AssignmentsTable {
  id: Id;
  measure_id: number;
  plan_id: number;
  org_id: number;
  region_code: string;
  role: AssignmentRole;
  via: string | null;
  due_on: DateString | null;
  ongoing: Generated<boolean>;
  /** The latest report's period, status and filing time, kept by the database (migration 006). */
  latest_period: ColumnType<string | null, never, never>;
  latest_status: ColumnType<ReportStatus | null, never, never>;
  latest_reported_at: ColumnType<Date | null, never, never>;
  /**
   * The status rule's answer as of status_as_of (migration 017), with its missing period; kept by
   * services/assignments/stored-status.ts. status_as_of NULL (set by triggers when a fact the rule
   * reads changes, and for new rows) or another day means the stored answer is to be recomputed.
   */
  status: ColumnType<AssignmentStatus | null, AssignmentStatus | null | undefined, AssignmentStatus | null>;
  status_missing_period: ColumnType<string | null, string | null | undefined, string | null>;
  status_as_of: ColumnType<string | null, string | null | undefined, string | null>;
  /** The task's section (tasks.section), copied by a trigger (migration 019) so status_counts needs no join. */
  section: ColumnType<string, never, never>;
  /** The unit's own sign-off (migration 009); the measure is done when every assignment is signed off. */
  signed_off_by: ColumnType<number | null, number | null | undefined, number | null>;
  signed_off_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 签收 (migration 013): when the assignment was made and when its unit acknowledged it. */
  assigned_at: ColumnType<Date, Date | string | undefined, Date | string>;
  acknowledged_by: ColumnType<number | null, number | null | undefined, number | null>;
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 办结 (migration 013): the office's approval of the unit's sign-off; a rejection's reason and time. */
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closure_note: ColumnType<string | null, string | null | undefined, string | null>;
  closure_rejected_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The due date before the first approved extension (migration 013). */
  original_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** The assignment this one was decomposed from (migration 012); null for work assigned at import. */
  parent_assignment_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The holder's instruction to the unit it decomposed to. */
  instruction: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
}

export type SelectiveScopeMode = "choose" | "opt_in";

/** A printed scope that is not everyone (有关地区, 各有关市), waiting for the office's choice (migration 012). */
export interface SelectiveScopesTable {
  id: Id;
  measure_id: number;
  plan_id: number;
  region_code: string;
  via: string;
  role: AssignmentRole;
  candidate_org_ids: JSONColumnType<number[]>;
  mode: ColumnType<SelectiveScopeMode, SelectiveScopeMode | undefined, SelectiveScopeMode>;
  opt_in_until: ColumnType<string | null, string | null | undefined, string | null>;
  state: ColumnType<"open" | "decided", "open" | "decided" | undefined, "open" | "decided">;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  row_version: Generated<number>;
}

export interface UnresolvedUnitsTable {
  id: Id;
  plan_id: number;
  name: string;
  role: AssignmentRole;
  measure_id: number;
  resolved_org_id: number | null;
}

export interface IndicatorsTable {
  id: Id;
  plan_id: number;
  region_code: string;
  name: string;
  op: string;
  target: number;
  target_high: number | null;
  unit: string;
  due_by: string | null;
  source: JSONColumnType<SourceLocation>;
  /** null: read from op and baseline (domain/indicator-series directionOf). */
  direction: ColumnType<string | null, string | null | undefined, string | null>;
  kind: Generated<"stock" | "flow">;
  cumulative: Generated<boolean>;
  baseline: ColumnType<number | null, number | null | undefined, number | null>;
  base_year: ColumnType<number | null, number | null | undefined, number | null>;
  target_path: ColumnType<TargetPathStep[] | null, string | null | undefined, string | null>;
  growth: ColumnType<IndicatorGrowth | null, string | null | undefined, string | null>;
  raw_text: ColumnType<string | null, string | null | undefined, string | null>;
  row_version: Generated<number>;
  /** A rate's weight (e.g. population): another indicator of the plan; null: none. */
  weight_indicator_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type TargetPathStep = { year: number; value: number; high?: number | null };
export type IndicatorGrowth = { by: number; unit: "%" | "个百分点"; baseYear: number | null; annual: boolean };

export interface IndicatorRemindersTable {
  id: Id;
  indicator_id: number;
  org_id: number;
  region_code: string;
  period: string;
  band: string;
  created_at: CreatedAt;
}

export interface IndicatorTargetsTable {
  id: Id;
  indicator_id: number;
  org_id: number;
  region_code: string;
  target: number;
  target_high: number | null;
  target_year: number;
  set_by: number | null;
  set_at: CreatedAt;
}

export interface ProgressReportsTable {
  id: Id;
  assignment_id: number;
  region_code: string;
  period: string;
  status: ReportStatus;
  narrative: Generated<string>;
  percent: number | null;
  reported_by: number | null;
  // Updated when a report is filed again for the same period, so not a plain CreatedAt.
  reported_at: ColumnType<Date, Date | string | undefined, Date | string>;
  row_version: Generated<number>;
  /** 审核 (migration 013): the reviewer's decision on the report as filed; filing again clears it. */
  review_state: ColumnType<ReviewState | null, ReviewState | null | undefined, ReviewState | null>;
  review_note: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_by: ColumnType<number | null, number | null | undefined, number | null>;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  returned_count: Generated<number>;
}

export interface ExtensionRequestsTable {
  id: Id;
  assignment_id: number;
  region_code: string;
  requested_by: number | null;
  requested_at: CreatedAt;
  current_due_on: string | null;
  requested_due_on: DateString;
  reason: string;
  state: Generated<ExtensionState>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  row_version: Generated<number>;
}

export interface EvidenceFilesTable {
  id: Id;
  /** Exactly one of report_id and notice_id (migration 009): a report's evidence or a notice answer's. */
  report_id: number | null;
  notice_id: ColumnType<number | null, number | null | undefined, number | null>;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_at: CreatedAt;
}

export interface IndicatorValuesTable {
  id: Id;
  indicator_id: number;
  org_id: number;
  region_code: string;
  value: number;
  as_of: DateString;
  source: Generated<string>;
  reported_by: number | null;
  reported_at: CreatedAt;
}

/** The measures a notice covers, in the order it lists them (migration 009). */
export interface NoticeItemsTable {
  notice_id: number;
  measure_id: number;
  position: number;
}

export interface NoticesTable {
  id: Id;
  measure_id: number;
  org_id: number;
  region_code: string;
  issued_by: number | null;
  issued_at: CreatedAt;
  message: string;
  respond_by: DateString;
  response: string | null;
  responded_by: number | null;
  responded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  row_version: Generated<number>;
}

export interface RemindersTable {
  id: Id;
  assignment_id: number;
  region_code: string;
  kind: ReminderKind;
  period: string;
  created_at: CreatedAt;
  email_sent_at: Timestamp | null;
  webhook_sent_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Id;
  org_id: number;
  reminder_id: number | null;
  notice_id: number | null;
  message: string;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Id;
  at: CreatedAt;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never> | null;
  after: ColumnType<unknown, string | null, never> | null;
}

export type LinkKind = "primary" | "related";
export type LinkState = "suggested" | "confirmed" | "rejected";
export type LinkOrigin = "import" | "on_demand" | "manual";
export type UpperPlanReason = "cited" | "ancestor" | "handed_down" | "manual";

export interface TaskLinksTable {
  id: Id;
  lower_task_id: number;
  upper_task_id: number;
  region_code: string;
  kind: LinkKind;
  state: LinkState;
  origin: LinkOrigin;
  score: number | null;
  evidence: ColumnType<unknown, string | null, string | null>;
  created_by: number | null;
  created_at: CreatedAt;
  decided_by: number | null;
  decided_at: Timestamp | null;
  row_version: Generated<number>;
}

export interface PlanUpperPlansTable {
  lower_plan_id: number;
  upper_plan_id: number;
  reason: UpperPlanReason;
  excluded: Generated<boolean>;
  added_by: number | null;
  added_at: CreatedAt;
}

export interface JobRunsTable {
  job: string;
  day: DateString;
  /** When every step of the day's run was done (migration 018); null while it can still be resumed. */
  finished_at: Generated<Date | null>;
}

/** How far one step of a day's run got (migration 018): resumable batches. */
export interface JobRunStepsTable {
  job: string;
  day: DateString;
  step: string;
  /** The last key (an assignment id) the step finished; null before its first batch. */
  cursor: number | null;
  done: Generated<boolean>;
  batches: Generated<number>;
  updated_at: Generated<Date>;
}

export interface Database {
  orgs: OrgsTable;
  org_aliases: OrgAliasesTable;
  org_groups: OrgGroupsTable;
  org_group_members: OrgGroupMembersTable;
  users: UsersTable;
  sessions: SessionsTable;
  calendar_tokens: CalendarTokensTable;
  login_attempts: LoginAttemptsTable;
  plans: PlansTable;
  plan_files: PlanFilesTable;
  tasks: TasksTable;
  measures: MeasuresTable;
  assignments: AssignmentsTable;
  status_counts: StatusCountsTable;
  status_org_totals: StatusOrgTotalsTable;
  status_section_totals: StatusSectionTotalsTable;
  selective_scopes: SelectiveScopesTable;
  unresolved_units: UnresolvedUnitsTable;
  indicators: IndicatorsTable;
  progress_reports: ProgressReportsTable;
  extension_requests: ExtensionRequestsTable;
  evidence_files: EvidenceFilesTable;
  notice_items: NoticeItemsTable;
  indicator_values: IndicatorValuesTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_reminders: IndicatorRemindersTable;
  notices: NoticesTable;
  reminders: RemindersTable;
  notifications: NotificationsTable;
  audit_log: AuditLogTable;
  job_runs: JobRunsTable;
  job_run_steps: JobRunStepsTable;
  task_links: TaskLinksTable;
  plan_upper_plans: PlanUpperPlansTable;
}
