// The one read model of an assignment: the row shape every list, detail and export shows
// (AssignmentView), the columns that describe it besides its status, and the mapper from those columns.
// Lists as of today (assignments.ts) and histories for any day (history.ts) both read these columns and
// map them here, so the shape cannot drift between them.
import type { AssignmentStatus, StatusColour } from "../../domain/types.ts";

export type AssignmentView = {
  id: number;
  measureId: number;
  planId: number;
  planTitle: string;
  taskKey: string;
  section: string;
  taskTitle: string;
  measureText: string;
  orgId: number;
  orgName: string;
  role: "lead" | "support" | "owner";
  via: string | null;
  dueOn: string | null;
  ongoing: boolean;
  deadlineRaw: string | null;
  status: AssignmentStatus;
  colour: StatusColour;
  missingPeriod: string | null;
  latestReport: { period: string; status: string; percent: number | null; reportedAt: string } | null;
};

/** What describes an assignment, without its status and latest report. */
export type AssignmentFacts = Omit<AssignmentView, "status" | "colour" | "missingPeriod" | "latestReport">;

/** What the status rules read of a measure and its plan (beside the assignment's own due date and sign-off). */
export const RULE_COLUMNS = [
  "m.deadline_raw",
  "p.cadence",
  "p.period_from",
  "p.period_to",
  "p.plan_year",
  "p.due_soon_days",
] as const;

/**
 * The view's columns over query.ts's joined() (assignments a, plans p, measures m, tasks t, orgs o), besides
 * the assignment's own a.id, a.measure_id, a.org_id, a.due_on and a.ongoing that the status rows carry too.
 * The plan's cadence, span and due-soon days are what its status needs.
 */
export const VIEW_COLUMNS = [
  "a.plan_id",
  "p.title as plan_title",
  "t.key as task_key",
  "t.section",
  "t.title as task_title",
  "m.text as measure_text",
  ...RULE_COLUMNS,
  "o.name as org_name",
  "a.role",
  "a.via",
] as const;

/** A row with the view's columns and the assignment's own. */
export type ViewColumnsRow = {
  id: number;
  measure_id: number;
  org_id: number;
  due_on: string | null;
  ongoing: boolean;
  plan_id: number;
  plan_title: string;
  task_key: string;
  section: string;
  task_title: string;
  measure_text: string;
  deadline_raw: string | null;
  org_name: string;
  role: AssignmentView["role"];
  via: string | null;
};

/** A view of a row and its status, in one object literal: a list maps every row of its page through this. */
export function assignmentView(
  r: ViewColumnsRow,
  state: Pick<AssignmentView, "status" | "colour" | "missingPeriod" | "latestReport">,
): AssignmentView {
  // The facts spelled out rather than spread in: a spread copies them into a new object shape and then
  // extends it, ≈5 µs a row, a third of mapping a page (the busiest reporter's, issue 11).
  return {
    id: r.id,
    measureId: r.measure_id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    taskKey: r.task_key,
    section: r.section,
    taskTitle: r.task_title,
    measureText: r.measure_text,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role,
    via: r.via,
    dueOn: r.due_on,
    ongoing: r.ongoing,
    deadlineRaw: r.deadline_raw,
    status: state.status,
    colour: state.colour,
    missingPeriod: state.missingPeriod,
    latestReport: state.latestReport,
  };
}

export function assignmentFacts(r: ViewColumnsRow): AssignmentFacts {
  return {
    id: r.id,
    measureId: r.measure_id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    taskKey: r.task_key,
    section: r.section,
    taskTitle: r.task_title,
    measureText: r.measure_text,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role,
    via: r.via,
    dueOn: r.due_on,
    ongoing: r.ongoing,
    deadlineRaw: r.deadline_raw,
  };
}
