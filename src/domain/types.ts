// Plain input and output shapes of the domain rules. Nothing here knows about the database or HTTP;
// the store maps its rows onto these, so the rules can be tested with literals.

/** A calendar date as "YYYY-MM-DD". "Today" is always passed in as one of these, never read from a clock. */
export type IsoDate = string;

export type Cadence = "monthly" | "quarterly";

/** A plan's span in whole years, inclusive: a five-year plan is {from: 2021, to: 2025}, an annual one {from: y, to: y}. */
export type PlanSpan = { from: number; to: number };

/** One reporting period: "2024-Q1" or "2024-03", with its first and last day. */
export type Period = { label: string; start: IsoDate; end: IsoDate };

// Roles and scopes mirror the parser's (src/parse/types.ts) so a ParsedPlan's units pass in unchanged.
export type Role = "lead" | "support" | "owner";
export type Scope = "issuer" | "all-subordinates" | "some-subordinates";
export type UnitRef = { name: string; role: Role; fanout: boolean };

export type ReportStatus = "not_started" | "in_progress" | "done" | "blocked";

/** A filed progress report; reportedAt is the day it was filed (a timestamp's date part is fine). */
export type ReportRecord = { period: string; status: ReportStatus; reportedAt: IsoDate };

export type AssignmentStatus =
  | "done"
  | "unfinished"
  | "overdue"
  | "report_missing"
  | "due_soon"
  | "not_started"
  | "on_track";
export type StatusColour = "green" | "yellow" | "red" | "grey";

/** What status evaluation needs to know about one assignment. */
export type AssignmentFacts = {
  dueOn: IsoDate | null;
  ongoing: boolean;
  /** The printed deadline, when known: "…完成并持续推进" keeps reporting past the due date. */
  deadlineRaw?: string | null;
  /** The assignment is closed: its unit's sign-off approved by the office (办结, migration 013). */
  signedOff: boolean;
  /** The day of the sign-off, for judging a past day by what was known then; unknown when absent. */
  signedOffOn?: IsoDate | null;
  reports: ReportRecord[];
  cadence: Cadence;
  plan: PlanSpan;
  /** Days before the due date when an assignment turns "due soon"; the plan's setting, default 14. */
  dueSoonDays?: number;
  /** Reports whose deadline fell before this day are not required (the assignment did not exist yet). */
  since?: IsoDate | null;
};

export type OrgKind = "national" | "province" | "city" | "county" | "township" | "division" | "department" | "other";

export type DirectoryOrg = {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  regionCode: string;
  isRegionOffice: boolean;
};

export type Directory = {
  orgs: DirectoryOrg[];
  /** scopeOrgId: where a person taught the alias; it applies to imports by that org and those under it. */
  aliases: { orgId: number; alias: string; scopeOrgId?: number | null }[];
  groups: { ownerOrgId: number; name: string; memberOrgIds: number[] }[];
};

export type Assignment = { orgId: number; role: Role; via: string | null };

export type UnresolvedReason = "unknown" | "ambiguous" | "no-group" | "no-subordinates";
export type UnresolvedUnit = { name: string; role: Role; reason: UnresolvedReason };

/**
 * A printed scope that is not everyone (有关地区, 有条件的地区, 各有关市, 有关单位): the orgs it could mean,
 * for the plan office to choose from (or to offer for 领办); never assigned to all of them silently.
 */
export type SelectiveScope = { via: string; role: Role; candidateOrgIds: number[] };

export type FanoutResult = { assignments: Assignment[]; unresolved: UnresolvedUnit[]; selective: SelectiveScope[] };

export type IndicatorOp = ">=" | ">" | "=" | "<=" | "range";

export type ScoreWeights = { onTime: number; timeliness: number; overdue: number; indicators: number };
