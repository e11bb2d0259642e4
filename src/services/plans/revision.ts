// What importing a file would change in a plan already imported (same 文号 or title from the same org):
// the measures it adds, removes and rewords against the latest version, and how much progress would carry
// over. The import wizard shows this before anything is written; the import itself pairs measures with
// the same rule (domain/matching), so the preview's counts are the import's.
import type { Kysely, Transaction } from "kysely";
import { type IndicatorFields, matchIndicators, matchMeasures } from "../../domain/matching.ts";
import type { Database } from "../../store/schema.ts";
import { type Identical, identicalTo } from "./identity.ts";
import { lineageKeyOf, type PlanDraft } from "./queries.ts";

export type RevisionPreview = {
  previousPlanId: number;
  previousVersion: number;
  /** The version number the file would become. */
  version: number;
  unchanged: number;
  /** Reworded measures; their progress is not carried over (the text changed, so the work may have). */
  changed: {
    measureId: number;
    previousTaskKey: string;
    taskKey: string;
    before: string;
    after: string;
    similarity: number;
    reports: number;
  }[];
  added: { taskKey: string; text: string }[];
  /** Measures the file no longer has; their reports stay with the superseded version. */
  removed: { measureId: number; taskKey: string; text: string; reports: number }[];
  /** Progress reports that would move to the new version (unchanged measures, same org still assigned). */
  carriedReports: number;
  /** Set when the file changes nothing: the import then reports "nothing changed" and creates no version. */
  identical: Identical | null;
  indicators: IndicatorChanges;
};

type IndicatorShape = IndicatorFields & { values?: number };

export type IndicatorChanges = {
  unchanged: number;
  /** Same indicator, new target or wording; its recorded values carry over. */
  changed: { indicatorId: number; before: IndicatorFields; after: IndicatorFields; values: number }[];
  added: IndicatorFields[];
  /** Indicators the file no longer has; their values stay with the superseded version. */
  removed: (IndicatorFields & { indicatorId: number; values: number })[];
  /** Recorded values that would move to the new version's indicators. */
  carriedValues: number;
};

const fieldsOf = (i: IndicatorShape): IndicatorFields => ({
  name: i.name,
  op: i.op,
  target: i.target,
  targetHigh: i.targetHigh ?? null,
  unit: i.unit,
  by: i.by ?? null,
});

/** The previous version's indicators with their value counts, paired with the draft's. */
export async function indicatorChanges(
  db: Kysely<Database> | Transaction<Database>,
  previousPlanId: number,
  draft: PlanDraft,
): Promise<IndicatorChanges & { pairs: { oldId: number; newIndex: number }[] }> {
  const olds = await db
    .selectFrom("indicators as i")
    .select((eb) => [
      "i.id",
      "i.name",
      "i.op",
      "i.target",
      "i.target_high",
      "i.unit",
      "i.due_by",
      eb
        .selectFrom("indicator_values as v")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("v.indicator_id", "=", "i.id")
        .as("values"),
    ])
    .where("i.plan_id", "=", previousPlanId)
    .orderBy("i.id")
    .execute();
  const old = olds.map((o) => ({
    id: o.id,
    name: o.name,
    op: o.op,
    target: o.target,
    targetHigh: o.target_high,
    unit: o.unit,
    by: o.due_by,
    values: Number(o.values ?? 0),
  }));
  const news = draft.indicators.map((i) => fieldsOf({ ...i, targetHigh: i.targetHigh ?? null }));
  const match = matchIndicators(old, news);
  const byId = new Map(old.map((o) => [o.id, o]));
  const pairs = [...match.unchanged, ...match.changed];
  return {
    unchanged: match.unchanged.length,
    changed: match.changed.flatMap((p) => {
      const before = byId.get(p.oldId);
      const after = news[p.newIndex];
      return before && after ? [{ indicatorId: p.oldId, before: fieldsOf(before), after, values: before.values }] : [];
    }),
    added: match.added.flatMap(({ newIndex }) => news[newIndex] ?? []),
    removed: match.removed.flatMap(({ oldId }) => {
      const o = byId.get(oldId);
      return o ? [{ ...fieldsOf(o), indicatorId: o.id, values: o.values }] : [];
    }),
    carriedValues: pairs.reduce((n, p) => n + (byId.get(p.oldId)?.values ?? 0), 0),
    pairs,
  };
}

export async function previewRevision(
  db: Kysely<Database> | Transaction<Database>,
  draft: PlanDraft,
): Promise<RevisionPreview | null> {
  const previous = await db
    .selectFrom("plans")
    .select(["id", "version"])
    .where("org_id", "=", draft.orgId)
    .where("lineage_key", "=", lineageKeyOf(draft.meta))
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!previous) return null;
  const olds = await db
    .selectFrom("measures as m")
    .innerJoin("tasks as t", "t.id", "m.task_id")
    .select(["m.id", "m.text", "t.key"])
    .where("m.plan_id", "=", previous.id)
    .orderBy("m.id")
    .execute();
  const reportRows = await db
    .selectFrom("progress_reports as r")
    .innerJoin("assignments as a", "a.id", "r.assignment_id")
    .select((eb) => ["a.measure_id", "a.org_id", eb.fn.countAll<number>().as("n")])
    .where("a.plan_id", "=", previous.id)
    .groupBy(["a.measure_id", "a.org_id"])
    .execute();
  const reportsOf = new Map<number, Map<number, number>>();
  for (const r of reportRows) {
    const byOrg = reportsOf.get(r.measure_id) ?? new Map<number, number>();
    byOrg.set(r.org_id, Number(r.n));
    reportsOf.set(r.measure_id, byOrg);
  }
  const total = (measureId: number) => [...(reportsOf.get(measureId)?.values() ?? [])].reduce((a, b) => a + b, 0);

  const news = draft.tasks.flatMap((t) =>
    t.measures.map((m) => ({ taskKey: t.key, text: m.text, orgIds: m.assignments.map((a) => a.orgId) })),
  );
  const match = matchMeasures(
    olds.map((o) => ({ id: o.id, taskKey: o.key, text: o.text })),
    news,
  );
  const oldById = new Map(olds.map((o) => [o.id, o]));
  let carriedReports = 0;
  for (const pair of match.unchanged) {
    const byOrg = reportsOf.get(pair.oldId);
    for (const orgId of news[pair.newIndex]?.orgIds ?? []) carriedReports += byOrg?.get(orgId) ?? 0;
  }
  return {
    previousPlanId: previous.id,
    previousVersion: previous.version,
    version: previous.version + 1,
    unchanged: match.unchanged.length,
    changed: match.changed.map((pair) => {
      const old = oldById.get(pair.oldId);
      const fresh = news[pair.newIndex];
      return {
        measureId: pair.oldId,
        previousTaskKey: old?.key ?? "",
        taskKey: fresh?.taskKey ?? "",
        before: old?.text ?? "",
        after: fresh?.text ?? "",
        similarity: Math.round(pair.similarity * 100) / 100,
        reports: total(pair.oldId),
      };
    }),
    added: match.added.map(({ newIndex }) => ({
      taskKey: news[newIndex]?.taskKey ?? "",
      text: news[newIndex]?.text ?? "",
    })),
    removed: match.removed.map(({ oldId }) => ({
      measureId: oldId,
      taskKey: oldById.get(oldId)?.key ?? "",
      text: oldById.get(oldId)?.text ?? "",
      reports: total(oldId),
    })),
    carriedReports,
    identical: await identicalTo(db, previous, draft),
    indicators: withoutPairs(await indicatorChanges(db, previous.id, draft)),
  };
}

function withoutPairs({ pairs: _pairs, ...changes }: IndicatorChanges & { pairs: unknown }): IndicatorChanges {
  return changes;
}
