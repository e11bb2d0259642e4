// Selective scopes at import (issue 10, 有关地区 / 各有关市 / 有关单位): the fan-out leaves such a scope's
// candidates unassigned; the plan office chooses which of them the measure goes to, opens a 领办 window for
// them to opt in, or leaves it 待选定 (decided later on the plan's page). Choices name a measure by its
// position in the parsed plan (taskIndex/measureIndex) or, without one, every measure printing that scope.
import type { DirectoryIndex } from "../../domain/fanout.ts";
import type { SelectiveScope } from "../../domain/types.ts";
import { InputError } from "../../store/errors.ts";
import type { AssignmentRole } from "../../store/schema.ts";
import { describeOrg } from "./import-names.ts";
import type { AssignmentDraft, PlanDraft, SelectiveDraft } from "./queries.ts";

export type ScopeChoice = {
  /** The printed scope as the preview lists it (有关地区, 各有关市市场监督管理局). */
  via: string;
  role?: AssignmentRole | undefined;
  /** Positions in the parsed plan; both omitted: every measure printing `via`. */
  taskIndex?: number | undefined;
  measureIndex?: number | undefined;
  /** The candidates the measure goes to (a subset of the preview's candidates; [] = none of them). */
  orgIds?: number[] | undefined;
  /** Instead: members may opt in (领办) until this day. */
  optInUntil?: string | undefined;
};

export type PreviewSelective = {
  taskIndex: number;
  measureIndex: number;
  via: string;
  role: AssignmentRole;
  candidates: { orgId: number; orgName: string; regionName: string | null }[];
  /** What the request's choices make of it: chosen orgs, an opt-in window, or pending. */
  decision: { kind: "chosen"; orgIds: number[] } | { kind: "opt_in"; until: string } | { kind: "pending" };
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fan-out's selective scopes of one measure, with the request's choices applied. */
export function applyScopeChoices(
  selective: SelectiveScope[],
  position: { taskIndex: number; measureIndex: number },
  choices: readonly ScopeChoice[],
  today: string,
): { drafts: SelectiveDraft[]; assignments: AssignmentDraft[] } {
  const drafts: SelectiveDraft[] = [];
  const assignments: AssignmentDraft[] = [];
  for (const sel of selective) {
    const i = choices.findIndex(
      (c) =>
        c.via === sel.via &&
        (c.role === undefined || c.role === sel.role) &&
        (c.taskIndex === undefined || c.taskIndex === position.taskIndex) &&
        (c.measureIndex === undefined || c.measureIndex === position.measureIndex),
    );
    const choice = i >= 0 ? choices[i] : undefined;
    if (!choice) {
      drafts.push({ ...sel, chosen: null, optInUntil: null });
      continue;
    }
    if (choice.orgIds !== undefined) {
      const strangers = choice.orgIds.filter((id) => !sel.candidateOrgIds.includes(id));
      if (strangers.length > 0)
        throw new InputError(
          `scopes[${i}].orgIds: org ${strangers.join(", ")} is not a candidate of ${sel.via} / 不是“${sel.via}”的候选单位`,
          `scopes[${i}].orgIds`,
        );
      const chosen = [...new Set(choice.orgIds)];
      drafts.push({ ...sel, chosen, optInUntil: null });
      for (const orgId of chosen) assignments.push({ orgId, role: sel.role, via: sel.via });
    } else if (choice.optInUntil !== undefined) {
      if (!ISO_DATE.test(choice.optInUntil) || choice.optInUntil < today)
        throw new InputError(
          `scopes[${i}].optInUntil: a date from today on (YYYY-MM-DD) / 领办截止日期须为今天或以后`,
          `scopes[${i}].optInUntil`,
        );
      drafts.push({ ...sel, chosen: null, optInUntil: choice.optInUntil });
    } else
      throw new InputError(`scopes[${i}]: give orgIds or optInUntil / 请选择单位或设定领办截止日期`, `scopes[${i}]`);
  }
  return { drafts, assignments };
}

/** The preview's list: each selective scope with its candidates' names and what the choices make of it. */
export function previewSelective(index: DirectoryIndex, draft: PlanDraft): PreviewSelective[] {
  return draft.tasks.flatMap((task, taskIndex) =>
    task.measures.flatMap((m, measureIndex) =>
      (m.selective ?? []).map((sel) => ({
        taskIndex,
        measureIndex,
        via: sel.via,
        role: sel.role,
        candidates: sel.candidateOrgIds.map((orgId) => {
          const org = describeOrg(index, orgId);
          return { orgId, orgName: org.orgName, regionName: org.regionName };
        }),
        decision:
          sel.chosen !== null
            ? { kind: "chosen" as const, orgIds: sel.chosen }
            : sel.optInUntil !== null
              ? { kind: "opt_in" as const, until: sel.optInUntil }
              : { kind: "pending" as const },
      })),
    ),
  );
}
