// Suggestions for a stored plan: the alignment engine over its tasks and those of its upper plans, read
// from the database in the shape the engine reads a ParsedPlan in (task key, title, measures with scope).
// Written in one transaction; a person's decisions win: a confirmed or rejected pair is left as it is
// (rejected ones are never offered again), and suggestions no longer made are withdrawn.
import { sql } from "kysely";
import { type AlignPlan, type AlignScope, alignPlans } from "../../domain/alignment/align.ts";
import { jiebaTokenizer } from "../../domain/alignment/jieba.ts";
import { writeAudit } from "../../store/audit.ts";
import type { LinkOrigin } from "../../store/schema.ts";
import { type Db, inTransaction } from "../../store/tx.ts";
import { chooseUpperPlans } from "./upper-plans.ts";

type StoredPlan = { plan: AlignPlan; taskIds: Map<string, number>; regionCode: string };

const SCOPES = new Set(["issuer", "all-subordinates", "some-subordinates"]);

/** A plan's tasks in document order with their measures; the first task of a key stands for it. */
export async function loadAlignPlan(db: Db, planId: number): Promise<StoredPlan> {
  const [plan, tasks, measures] = await Promise.all([
    db.selectFrom("plans").select(["title", "region_code"]).where("id", "=", planId).executeTakeFirstOrThrow(),
    db
      .selectFrom("tasks")
      .select(["id", "key", "title"])
      .where("plan_id", "=", planId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("measures")
      .select(["task_id", "text", "scope"])
      .where("plan_id", "=", planId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  const byTask = new Map<number, { text: string; scope: AlignScope }[]>();
  for (const m of measures) {
    const scope = (m.scope && SCOPES.has(m.scope) ? m.scope : null) as AlignScope;
    byTask.set(m.task_id, [...(byTask.get(m.task_id) ?? []), { text: m.text, scope }]);
  }
  const taskIds = new Map<string, number>();
  const kept = tasks.filter((t) => !taskIds.has(t.key) && taskIds.set(t.key, t.id));
  return {
    plan: {
      title: plan.title,
      tasks: kept.map((t) => ({ key: t.key, title: t.title, measures: byTask.get(t.id) ?? [] })),
    },
    taskIds,
    regionCode: plan.region_code,
  };
}

export type SuggestResult = {
  upperPlans: number;
  tasks: number;
  suggested: number;
  withdrawn: number;
  abstained: number;
};

export async function suggestLinks(
  db: Db,
  planId: number,
  options: { userId: number | null; origin?: Exclude<LinkOrigin, "manual">; top?: number },
): Promise<SuggestResult> {
  const origin = options.origin ?? "on_demand";
  const uppers = await chooseUpperPlans(db, planId);
  const lower = await loadAlignPlan(db, planId);
  const upperPlans = await Promise.all(uppers.map((u) => loadAlignPlan(db, u.planId)));
  const aligned =
    upperPlans.length === 0
      ? lower.plan.tasks.map((t) => ({ lowerKey: t.key, candidates: [] }))
      : alignPlans(
          lower.plan,
          upperPlans.map((u) => u.plan),
          jiebaTokenizer,
          { top: options.top ?? 3 },
        );
  const wanted = new Map<
    string,
    { lower: number; upper: number; kind: "primary" | "related"; score: number; evidence: unknown }
  >();
  let abstained = 0;
  for (const link of aligned) {
    const lowerId = lower.taskIds.get(link.lowerKey) as number;
    if (link.candidates.length === 0) abstained++;
    link.candidates.forEach((c, rank) => {
      const upperId = upperPlans[c.plan]?.taskIds.get(c.key);
      if (upperId === undefined) return;
      const evidence = { ...c.evidence, upperPlanId: uppers[c.plan]?.planId, rank: rank + 1 };
      wanted.set(`${lowerId}:${upperId}`, {
        lower: lowerId,
        upper: upperId,
        kind: rank === 0 ? "primary" : "related",
        score: c.score,
        evidence,
      });
    });
  }
  return inTransaction(db, async (tx) => {
    const existing = await tx
      .selectFrom("task_links as l")
      .innerJoin("tasks as t", "t.id", "l.lower_task_id")
      .select(["l.id", "l.lower_task_id", "l.upper_task_id", "l.state"])
      .where("t.plan_id", "=", planId)
      .forUpdate()
      .execute();
    const have = new Map(existing.map((e) => [`${e.lower_task_id}:${e.upper_task_id}`, e]));
    let suggested = 0;
    for (const [pair, w] of wanted) {
      const row = have.get(pair);
      if (row && row.state !== "suggested") continue;
      const values = { kind: w.kind, score: w.score, evidence: JSON.stringify(w.evidence) };
      if (row) {
        await tx
          .updateTable("task_links")
          .set({ ...values, row_version: sql`row_version + 1` })
          .where("id", "=", row.id)
          .execute();
      } else {
        await tx
          .insertInto("task_links")
          .values({
            ...values,
            lower_task_id: w.lower,
            upper_task_id: w.upper,
            region_code: lower.regionCode,
            state: "suggested",
            origin,
            created_by: options.userId,
          })
          .execute();
      }
      suggested++;
    }
    const stale = existing.filter(
      (e) => e.state === "suggested" && !wanted.has(`${e.lower_task_id}:${e.upper_task_id}`),
    );
    if (stale.length > 0)
      await tx
        .deleteFrom("task_links")
        .where(
          "id",
          "in",
          stale.map((s) => s.id),
        )
        .execute();
    const result = { upperPlans: uppers.length, tasks: aligned.length, suggested, withdrawn: stale.length, abstained };
    await writeAudit(tx, {
      userId: options.userId,
      action: "links.suggest",
      entity: "plan",
      entityId: planId,
      after: result,
    });
    return result;
  });
}
