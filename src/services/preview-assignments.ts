// Who each previewed measure would be assigned to, by org name, so the import wizard can show how printed
// unit names resolved and what group names fan out to before anything is written.
import type { Kysely, Transaction } from "kysely";
import type { PlanDraft } from "../store/plans.ts";
import type { AssignmentRole, Database } from "../store/schema.ts";

export type PreviewAssignment = {
  /** Positions in the parsed plan: tasks[taskIndex].measures[measureIndex]. */
  taskIndex: number;
  measureIndex: number;
  orgId: number;
  orgName: string;
  role: AssignmentRole;
  /** The group name or scope (各地区) the org was reached through; null when named outright. */
  via: string | null;
};

export async function previewAssignments(
  db: Kysely<Database> | Transaction<Database>,
  draft: PlanDraft,
): Promise<PreviewAssignment[]> {
  const ids = [...new Set(draft.tasks.flatMap((t) => t.measures.flatMap((m) => m.assignments.map((a) => a.orgId))))];
  const names = new Map<number, string>();
  if (ids.length > 0) {
    const rows = await db.selectFrom("orgs").select(["id", "name"]).where("id", "in", ids).execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return draft.tasks.flatMap((task, taskIndex) =>
    task.measures.flatMap((m, measureIndex) =>
      m.assignments.map((a) => ({
        taskIndex,
        measureIndex,
        orgId: a.orgId,
        orgName: names.get(a.orgId) ?? `#${a.orgId}`,
        role: a.role,
        via: a.via,
      })),
    ),
  );
}
