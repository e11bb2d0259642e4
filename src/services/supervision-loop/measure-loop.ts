// A measure's assignments in the loop, for its detail page: each one's state and what the caller may do.
import { NotFoundError } from "../../store/errors.ts";
import { type Db, type LoopActor, loadAssignment, mayReview, sees } from "./access.ts";
import { type LoopState, loopStates } from "./state.ts";

export type MeasureLoopItem = {
  state: LoopState;
  can: { acknowledge: boolean; requestExtension: boolean; withdrawExtension: boolean; review: boolean };
};

export async function measureLoop(db: Db, actor: LoopActor, measureId: number): Promise<MeasureLoopItem[]> {
  const rows = await db
    .selectFrom("assignments")
    .select("id")
    .where("measure_id", "=", measureId)
    .orderBy("id")
    .execute();
  const loaded = (await Promise.all(rows.map((r) => loadAssignment(db, r.id)))).filter((a) => a !== undefined);
  // Visible as GET /api/measures/:id is: the caller's scope, or all of it for the measure's reviewer; and
  // the sub-assignments the caller reviews as the unit holding their parent (a city reporter's counties).
  const reviewer = loaded.some((a) => mayReview(actor, a) && sees(actor, a.orgId));
  const visible = loaded.filter(
    (a) => sees(actor, a.orgId) || reviewer || (a.parentOrgId !== null && mayReview(actor, a)),
  );
  if (visible.length === 0) throw new NotFoundError("No such measure.");
  const states = await loopStates(
    db,
    visible.map((a) => a.id),
  );
  return states.map((state) => {
    const a = visible.find((v) => v.id === state.assignmentId) as (typeof visible)[number];
    const ownUnit = actor.orgId === a.orgId && (actor.role === "plan_office" || actor.role === "reporter");
    return {
      state,
      can: {
        acknowledge: a.planActive && ownUnit && state.acknowledgedAt === null,
        requestExtension:
          a.planActive &&
          ownUnit &&
          state.closure !== "approved" &&
          !state.extensions.some((e) => e.state === "pending"),
        withdrawExtension: ownUnit && state.extensions.some((e) => e.state === "pending"),
        review: a.planActive && mayReview(actor, a),
      },
    };
  });
}
