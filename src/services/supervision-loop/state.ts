// One assignment's place in the loop: acknowledged or not, its closure, its extensions, its returned reports.
import type { ExtensionState } from "../../store/schema.ts";
import type { Db } from "./access.ts";

export type ClosureState = "open" | "applied" | "approved" | "rejected";

export type Extension = {
  id: number;
  assignmentId: number;
  requestedBy: number | null;
  requestedAt: Date;
  currentDueOn: string | null;
  requestedDueOn: string;
  reason: string;
  state: ExtensionState;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
};

export type LoopState = {
  assignmentId: number;
  orgId: number;
  dueOn: string | null;
  /** The due date before the first approved extension; null when never extended. */
  originalDueOn: string | null;
  assignedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: number | null;
  closure: ClosureState;
  /** The office's note on approval, or the reason a closure was rejected. */
  closureNote: string | null;
  signedOffAt: Date | null;
  closedAt: Date | null;
  /** Every extension request, newest first. */
  extensions: Extension[];
  /** Reports currently returned (退回) and waiting to be filed again. */
  returnedReports: number;
};

export const closureOf = (r: {
  signed_off_at: Date | null;
  closed_at: Date | null;
  closure_rejected_at: Date | null;
}): ClosureState =>
  r.closed_at !== null
    ? "approved"
    : r.signed_off_at !== null
      ? "applied"
      : r.closure_rejected_at !== null
        ? "rejected"
        : "open";

const EXTENSION_COLUMNS = [
  "id",
  "assignment_id",
  "requested_by",
  "requested_at",
  "current_due_on",
  "requested_due_on",
  "reason",
  "state",
  "decided_by",
  "decided_at",
  "decision_note",
  "row_version",
] as const;

type ExtensionRow = {
  id: number;
  assignment_id: number;
  requested_by: number | null;
  requested_at: Date;
  current_due_on: string | null;
  requested_due_on: string;
  reason: string;
  state: ExtensionState;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  row_version: number;
};

export function toExtension(r: ExtensionRow): Extension {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at),
    currentDueOn: r.current_due_on,
    requestedDueOn: r.requested_due_on,
    reason: r.reason,
    state: r.state,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    decisionNote: r.decision_note,
    version: r.row_version,
  };
}

export function extensionsQuery(db: Db) {
  return db.selectFrom("extension_requests").select(EXTENSION_COLUMNS);
}

/** The loop states of some assignments, in the order given; unknown ids are left out. */
export async function loopStates(db: Db, ids: readonly number[]): Promise<LoopState[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("assignments")
    .select([
      "id",
      "org_id",
      "due_on",
      "original_due_on",
      "assigned_at",
      "acknowledged_at",
      "acknowledged_by",
      "signed_off_at",
      "closed_at",
      "closure_note",
      "closure_rejected_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("progress_reports as r")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("r.assignment_id", "=", "assignments.id")
        .where("r.review_state", "=", "returned")
        .as("returned"),
    )
    .where("id", "in", [...ids])
    .execute();
  const extensions = await extensionsQuery(db)
    .where("assignment_id", "in", [...ids])
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        assignmentId: r.id,
        orgId: r.org_id,
        dueOn: r.due_on,
        originalDueOn: r.original_due_on,
        assignedAt: new Date(r.assigned_at),
        acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
        acknowledgedBy: r.acknowledged_by,
        closure: closureOf(r),
        closureNote: r.closure_note,
        signedOffAt: r.signed_off_at ? new Date(r.signed_off_at) : null,
        closedAt: r.closed_at ? new Date(r.closed_at) : null,
        extensions: extensions.filter((e) => e.assignment_id === id).map(toExtension),
        returnedReports: Number(r.returned ?? 0),
      },
    ];
  });
}

export async function loopState(db: Db, id: number): Promise<LoopState> {
  const [state] = await loopStates(db, [id]);
  if (!state) throw new Error(`no assignment ${id}`);
  return state;
}
