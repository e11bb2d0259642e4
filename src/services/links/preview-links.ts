// What the import preview shows of the cascade: the upper plans the plan would be aligned against (as
// chosen after the import: cited in its opening text, issued by an ancestor of the importing office, or
// handing measures down to it) and, per task, the top suggestion among their tasks with its score and
// evidence. Nothing is written; the import itself stores the suggestions (import-plan.ts).
import { type AlignPlan, type AlignScope, alignPlans, type Evidence } from "../../domain/alignment/align.ts";
import { jiebaTokenizer } from "../../domain/alignment/jieba.ts";
import { extractCitations } from "../../domain/citations.ts";
import type { ParsedPlan } from "../../parse/types.ts";
import type { UpperPlanReason } from "../../store/schema.ts";
import type { Db } from "../../store/tx.ts";
import { loadAlignPlan } from "./suggest.ts";
import { upperPlansFor } from "./upper-plans.ts";

export type PreviewUpperPlan = { planId: number; title: string; reason: UpperPlanReason };
export type PreviewLink = {
  taskIndex: number;
  lowerKey: string;
  /** The best upper task, or null where the engine abstains. */
  suggestion: {
    upperPlanId: number;
    upperTaskId: number;
    upperKey: string;
    upperTitle: string;
    score: number;
    evidence: Evidence;
  } | null;
};
export type PreviewLinks = { upperPlans: PreviewUpperPlan[]; links: PreviewLink[] };

export async function previewLinks(
  db: Db,
  input: { orgId: number; lineageKey: string; plan: ParsedPlan; opening: string },
): Promise<PreviewLinks> {
  const chosen = await upperPlansFor(db, {
    orgId: input.orgId,
    lineageKey: input.lineageKey,
    citations: extractCitations(input.opening),
  });
  const ids = [...chosen.keys()].sort((a, b) => a - b);
  const titles = ids.length
    ? await db.selectFrom("plans").select(["id", "title"]).where("id", "in", ids).execute()
    : [];
  const upperPlans = ids.map((planId) => ({
    planId,
    title: titles.find((t) => t.id === planId)?.title ?? "",
    reason: chosen.get(planId) as UpperPlanReason,
  }));
  const lower: AlignPlan = {
    title: input.plan.title,
    tasks: input.plan.tasks.map((t) => ({
      key: t.key,
      title: t.title,
      measures: t.measures.map((m) => ({ text: m.text, scope: m.scope as AlignScope })),
    })),
  };
  if (ids.length === 0)
    return {
      upperPlans,
      links: input.plan.tasks.map((t, taskIndex) => ({ taskIndex, lowerKey: t.key, suggestion: null })),
    };
  const uppers = await Promise.all(ids.map((id) => loadAlignPlan(db, id)));
  const aligned = alignPlans(
    lower,
    uppers.map((u) => u.plan),
    jiebaTokenizer,
    { top: 1 },
  );
  return {
    upperPlans,
    links: aligned.map((link, taskIndex) => {
      const best = link.candidates[0];
      const upperTaskId = best ? uppers[best.plan]?.taskIds.get(best.key) : undefined;
      return {
        taskIndex,
        lowerKey: link.lowerKey,
        suggestion:
          best && upperTaskId !== undefined
            ? {
                upperPlanId: ids[best.plan] as number,
                upperTaskId,
                upperKey: best.key,
                upperTitle: best.title,
                score: best.score,
                evidence: best.evidence,
              }
            : null,
      };
    }),
  };
}
