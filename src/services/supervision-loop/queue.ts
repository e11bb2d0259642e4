// What waits in the loop, for the caller: the unit's own waiting work (unacknowledged, returned reports,
// extension requests, closure applications) and, for a reviewer, what waits for its decision. The
// supervision page and the workbench show it; each group is capped at `limit` rows, newest first.
import { sql } from "kysely";
import type { Db, LoopActor } from "./access.ts";
import { mayReview, scopeList } from "./access.ts";
import { type ClosureState, closureOf, type Extension, extensionsQuery, toExtension } from "./state.ts";

export type QueueItem = {
  assignmentId: number;
  measureId: number;
  planId: number;
  planTitle: string;
  taskKey: string;
  measureText: string;
  orgId: number;
  orgName: string;
  dueOn: string | null;
  originalDueOn: string | null;
  /** The caller may decide it (review, approve, reject). */
  canDecide: boolean;
};

export type LoopQueue = {
  unacknowledged: (QueueItem & { assignedAt: Date; daysWaiting: number; chased: boolean })[];
  toReview: (QueueItem & { reportId: number; period: string; status: string; reportedAt: Date; version: number })[];
  returned: (QueueItem & { reportId: number; period: string; note: string | null; reviewedAt: Date | null })[];
  extensions: (QueueItem & { extension: Extension })[];
  closures: (QueueItem & { closure: ClosureState; signedOffAt: Date | null; note: string | null })[];
};

/**
 * The assignments the caller's queue reads: its scope's, and — with `reviewing` — also the sub-assignments
 * whose parent its scope holds (the unit above reviews them, reviewerOf: a city reporter its counties').
 * `reviewing: "only"` is just those sub-assignments (a reporter's reports to review).
 */
function base(db: Db, actor: LoopActor, reviewing: boolean | "only" = false) {
  const ids = scopeList(actor);
  let q = db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .innerJoin("measures as m", "m.id", "a.measure_id")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .leftJoin("assignments as parent", "parent.id", "a.parent_assignment_id")
    .where("p.status", "=", "active")
    .select([
      "a.id as assignment_id",
      "a.measure_id",
      "a.plan_id",
      "p.title as plan_title",
      "p.org_id as plan_org_id",
      "parent.org_id as parent_org_id",
      "t.key as task_key",
      "m.text as measure_text",
      "a.org_id",
      "o.name as org_name",
      "a.due_on",
      "a.original_due_on",
    ]);
  if (reviewing === "only") q = q.where(sql<boolean>`parent.org_id = any(${ids ?? [actor.orgId]}::bigint[])`);
  else if (ids && reviewing)
    q = q.where(sql<boolean>`(a.org_id = any(${ids}::bigint[]) or parent.org_id = any(${ids}::bigint[]))`);
  else if (ids) q = q.where(sql<boolean>`a.org_id = any(${ids}::bigint[])`);
  return q;
}

type BaseRow = {
  assignment_id: number;
  measure_id: number;
  plan_id: number;
  plan_title: string;
  plan_org_id: number;
  parent_org_id: number | null;
  task_key: string;
  measure_text: string;
  org_id: number;
  org_name: string;
  due_on: string | null;
  original_due_on: string | null;
};

const item = (actor: LoopActor, r: BaseRow): QueueItem => ({
  assignmentId: r.assignment_id,
  measureId: r.measure_id,
  planId: r.plan_id,
  planTitle: r.plan_title,
  taskKey: r.task_key,
  measureText: r.measure_text,
  orgId: r.org_id,
  orgName: r.org_name,
  dueOn: r.due_on,
  originalDueOn: r.original_due_on,
  canDecide: mayReview(actor, { planOrgId: r.plan_org_id, parentOrgId: r.parent_org_id }),
});

const DAY = 86_400_000;

export async function loopQueue(
  db: Db,
  actor: LoopActor,
  options: { now: Date; limit?: number; planId?: number | undefined },
): Promise<LoopQueue> {
  const limit = options.limit ?? 200;
  const q = (reviewing: boolean | "only" = false) =>
    options.planId === undefined
      ? base(db, actor, reviewing)
      : base(db, actor, reviewing).where("a.plan_id", "=", options.planId);
  const unack = await q()
    .select(["a.assigned_at", "p.acknowledge_days"])
    .where("a.acknowledged_at", "is", null)
    .orderBy("a.assigned_at")
    .orderBy("a.id")
    .limit(limit)
    .execute();
  // An office reviews in its scope and the sub-assignments below it; a reporter only its sub-units' reports.
  const office = actor.role === "admin" || actor.role === "plan_office";
  const toReview =
    office || actor.role === "reporter"
      ? await q(office ? true : "only")
          .innerJoin("progress_reports as r", "r.assignment_id", "a.id")
          .select(["r.id as report_id", "r.period", "r.status", "r.reported_at", "r.row_version"])
          .where("r.review_state", "is", null)
          .orderBy("r.reported_at", "desc")
          .orderBy("r.id", "desc")
          .limit(limit * 2)
          .execute()
      : [];
  const returned = await q()
    .innerJoin("progress_reports as r", "r.assignment_id", "a.id")
    .select(["r.id as report_id", "r.period", "r.review_note", "r.reviewed_at"])
    .where("r.review_state", "=", "returned")
    .orderBy("r.reviewed_at", "desc")
    .limit(limit)
    .execute();
  const pending = await q(true)
    .innerJoin("extension_requests as e", "e.assignment_id", "a.id")
    .select("e.id as extension_id")
    .where("e.state", "=", "pending")
    .orderBy("e.requested_at")
    .limit(limit)
    .execute();
  const extensions =
    pending.length === 0
      ? []
      : await extensionsQuery(db)
          .where(
            "id",
            "in",
            pending.map((p) => p.extension_id),
          )
          .execute();
  const closures = await q(true)
    .select(["a.signed_off_at", "a.closed_at", "a.closure_rejected_at", "a.closure_note"])
    .where((eb) =>
      eb.or([
        eb.and([eb("a.signed_off_at", "is not", null), eb("a.closed_at", "is", null)]),
        eb.and([eb("a.closure_rejected_at", "is not", null), eb("a.signed_off_at", "is", null)]),
      ]),
    )
    .orderBy("a.signed_off_at", "desc")
    .limit(limit)
    .execute();
  const now = options.now.getTime();
  return {
    unacknowledged: unack.map((r) => {
      const days = Math.floor((now - new Date(r.assigned_at).getTime()) / DAY);
      return {
        ...item(actor, r),
        assignedAt: new Date(r.assigned_at),
        daysWaiting: days,
        chased: days >= r.acknowledge_days,
      };
    }),
    toReview: toReview
      .map((r) => ({
        ...item(actor, r),
        reportId: r.report_id,
        period: r.period,
        status: r.status,
        reportedAt: new Date(r.reported_at),
        version: r.row_version,
      }))
      .filter((r) => r.canDecide)
      .slice(0, limit),
    returned: returned.map((r) => ({
      ...item(actor, r),
      reportId: r.report_id,
      period: r.period,
      note: r.review_note,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
    })),
    extensions: pending.flatMap((p) => {
      const e = extensions.find((x) => x.id === p.extension_id);
      return e ? [{ ...item(actor, p), extension: toExtension(e) }] : [];
    }),
    closures: closures.map((r) => ({
      ...item(actor, r),
      closure: closureOf(r),
      signedOffAt: r.signed_off_at ? new Date(r.signed_off_at) : null,
      note: r.closure_note,
    })),
  };
}
