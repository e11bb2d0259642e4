// Who each previewed measure would be assigned to, by org name and region, so the import wizard can show
// how printed unit names resolved and what group names fan out to before anything is written.
import type { DirectoryIndex } from "../../domain/fanout.ts";
import type { AssignmentRole } from "../../store/schema.ts";
import { describeOrg } from "./import-names.ts";
import type { PlanDraft } from "./queries.ts";

export type PreviewAssignment = {
  /** Positions in the parsed plan: tasks[taskIndex].measures[measureIndex]. */
  taskIndex: number;
  measureIndex: number;
  orgId: number;
  orgName: string;
  regionName: string | null;
  outsideRegion: boolean;
  role: AssignmentRole;
  /** The group name or scope (各地区) the org was reached through; null when named outright. */
  via: string | null;
};

export function previewAssignments(index: DirectoryIndex, draft: PlanDraft): PreviewAssignment[] {
  return draft.tasks.flatMap((task, taskIndex) =>
    task.measures.flatMap((m, measureIndex) =>
      m.assignments.map((a) => {
        const org = describeOrg(index, a.orgId);
        return {
          taskIndex,
          measureIndex,
          orgId: a.orgId,
          orgName: org.orgName,
          regionName: org.regionName,
          outsideRegion: org.outsideRegion,
          role: a.role,
          via: a.via,
        };
      }),
    ),
  );
}
