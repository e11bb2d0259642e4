// Writing an imported plan: the plan row, its original file, tasks, measures with their source
// locations, assignments, unresolved unit names and indicators — all in the caller's transaction.
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { ConflictError, isUniqueViolation } from "../../store/errors.ts";
import type {
  AssignmentRole,
  Cadence,
  Database,
  IndicatorGrowth,
  PlanHeading,
  SourceLocation,
  TargetPathStep,
} from "../../store/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type AssignmentDraft = { orgId: number; role: AssignmentRole; via: string | null };

export type MeasureDraft = {
  text: string;
  scope: string | null;
  statedUnits: string;
  deadline: { raw: string; due: string | null; ongoing: boolean } | null;
  source: SourceLocation;
  assignments: AssignmentDraft[];
  /** Printed names no org matched, with why (unknown, ambiguous, no-group, no-subordinates). */
  unresolved: { name: string; role: AssignmentRole; reason: string }[];
  /**
   * Printed scopes that are not everyone (有关地区, 各有关市): their candidates, and what the office chose at
   * import — `chosen` (already among `assignments`), an opt-in window until `optInUntil`, or neither (待选定).
   */
  selective?: SelectiveDraft[];
};

export type SelectiveDraft = {
  via: string;
  role: AssignmentRole;
  candidateOrgIds: number[];
  chosen: number[] | null;
  optInUntil: string | null;
};

export type PlanDraft = {
  orgId: number;
  userId: number | null;
  cadence: Cadence;
  meta: {
    title: string;
    docNumber: string | null;
    issuer: string | null;
    issuedOn: string | null;
    period: { from: number; to: number } | null;
    planYear: number | null;
  };
  file: { name: string; format: string; bytes: Uint8Array; sourceText: string };
  headings: PlanHeading[];
  /** searchText: the task's words segmented for full-text search (see domain/text-search). */
  tasks: { key: string; title: string; source: SourceLocation; searchText: string; measures: MeasureDraft[] }[];
  indicators: {
    name: string;
    op: string;
    target: number;
    targetHigh?: number | undefined;
    unit: string;
    by: string | null;
    source: SourceLocation;
    // What the parser read beyond the contract (parse/types.ts Indicator).
    raw?: string | undefined;
    baseline?: { year: number; value: number } | undefined;
    path?: TargetPathStep[] | undefined;
    kind?: "stock" | "flow" | undefined;
    cumulative?: boolean | undefined;
    growth?: IndicatorGrowth | undefined;
  }[];
};

export type InsertedPlan = {
  planId: number;
  version: number;
  previousPlanId: number | null;
  measureIds: number[];
  counts: {
    tasks: number;
    measures: number;
    assignments: number;
    unresolved: number;
    indicators: number;
    /** Selective scopes left 待选定 or open for 领办. */
    selectivePending: number;
  };
};

/** Same 文号, or without one the same title: the same plan, so a new file is its next version. */
export const lineageKeyOf = (meta: PlanDraft["meta"]): string => meta.docNumber ?? meta.title;

const sectionOf = (key: string) => key.split("/").slice(0, -1).join("/");
const BATCH = 500;

async function insertBatched<T>(rows: T[], write: (batch: T[]) => Promise<{ id: number }[]>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) ids.push(...(await write(rows.slice(i, i + BATCH))).map((r) => r.id));
  return ids;
}

export async function insertPlan(db: Db, draft: PlanDraft): Promise<InsertedPlan> {
  const org = await db
    .selectFrom("orgs")
    .select(["id", "region_code"])
    .where("id", "=", draft.orgId)
    .executeTakeFirstOrThrow();
  const region = org.region_code;
  const lineageKey = lineageKeyOf(draft.meta);
  const previous = await db
    .selectFrom("plans")
    .select(["id", "version"])
    .where("org_id", "=", draft.orgId)
    .where("lineage_key", "=", lineageKey)
    .orderBy("version", "desc")
    .executeTakeFirst();
  const version = (previous?.version ?? 0) + 1;

  let planId: number;
  try {
    planId = (
      await db
        .insertInto("plans")
        .values({
          org_id: draft.orgId,
          region_code: region,
          title: draft.meta.title,
          doc_number: draft.meta.docNumber,
          issuer: draft.meta.issuer,
          issued_on: draft.meta.issuedOn,
          period_from: draft.meta.period?.from ?? null,
          period_to: draft.meta.period?.to ?? null,
          plan_year: draft.meta.planYear,
          lineage_key: lineageKey,
          version,
          cadence: draft.cadence,
          headings: JSON.stringify(draft.headings),
          created_by: draft.userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`"${draft.meta.title}" is being imported by someone else right now; try again`);
    throw error;
  }
  if (previous) await db.updateTable("plans").set({ status: "superseded" }).where("id", "=", previous.id).execute();

  const bytes = Buffer.from(draft.file.bytes);
  await db
    .insertInto("plan_files")
    .values({
      plan_id: planId,
      file_name: draft.file.name,
      format: draft.file.format,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      content: bytes,
      source_text: draft.file.sourceText,
    })
    .execute();

  const taskIds = await insertBatched(
    draft.tasks.map((t, position) => ({
      plan_id: planId,
      region_code: region,
      key: t.key,
      section: sectionOf(t.key),
      title: t.title,
      position,
      source: JSON.stringify(t.source),
      search_text: t.searchText,
    })),
    (batch) => db.insertInto("tasks").values(batch).returning("id").execute(),
  );

  const measures = draft.tasks.flatMap((t, ti) =>
    t.measures.map((m, position) => ({ m, taskId: taskIds[ti] as number, position })),
  );
  const measureIds = await insertBatched(
    measures.map(({ m, taskId, position }) => ({
      plan_id: planId,
      task_id: taskId,
      region_code: region,
      position,
      text: m.text,
      scope: m.scope,
      stated_units: m.statedUnits,
      deadline_raw: m.deadline?.raw ?? null,
      due_on: m.deadline?.due ?? null,
      ongoing: m.deadline?.ongoing ?? false,
      source: JSON.stringify(m.source),
    })),
    (batch) => db.insertInto("measures").values(batch).returning("id").execute(),
  );

  const assignments = measures.flatMap(({ m }, i) =>
    m.assignments.map((a) => ({
      measure_id: measureIds[i] as number,
      plan_id: planId,
      org_id: a.orgId,
      region_code: region,
      role: a.role,
      via: a.via,
      due_on: m.deadline?.due ?? null,
      ongoing: m.deadline?.ongoing ?? false,
    })),
  );
  await insertBatched(assignments, (batch) => db.insertInto("assignments").values(batch).returning("id").execute());

  const selective = measures.flatMap(({ m }, i) =>
    (m.selective ?? []).map((sel) => ({
      measure_id: measureIds[i] as number,
      plan_id: planId,
      region_code: region,
      via: sel.via,
      role: sel.role,
      candidate_org_ids: JSON.stringify(sel.candidateOrgIds),
      mode: sel.optInUntil !== null && sel.chosen === null ? ("opt_in" as const) : ("choose" as const),
      opt_in_until: sel.chosen === null ? sel.optInUntil : null,
      state: sel.chosen === null ? ("open" as const) : ("decided" as const),
      decided_by: sel.chosen === null ? null : draft.userId,
      decided_at: sel.chosen === null ? null : new Date(),
    })),
  );
  await insertBatched(selective, (batch) => db.insertInto("selective_scopes").values(batch).returning("id").execute());

  const unresolved = measures.flatMap(({ m }, i) =>
    m.unresolved.map((u) => ({ plan_id: planId, name: u.name, role: u.role, measure_id: measureIds[i] as number })),
  );
  await insertBatched(unresolved, (batch) =>
    db
      .insertInto("unresolved_units")
      .values(batch)
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .execute(),
  );

  await insertBatched(
    draft.indicators.map((ind) => ({
      plan_id: planId,
      region_code: region,
      name: ind.name,
      op: ind.op,
      target: ind.target,
      target_high: ind.targetHigh ?? null,
      unit: ind.unit,
      due_by: ind.by,
      source: JSON.stringify(ind.source),
      kind: ind.kind ?? "stock",
      cumulative: ind.cumulative ?? false,
      baseline: ind.baseline?.value ?? null,
      base_year: ind.baseline?.year ?? null,
      target_path: ind.path ? JSON.stringify(ind.path) : null,
      growth: ind.growth ? JSON.stringify(ind.growth) : null,
      raw_text: ind.raw ?? null,
    })),
    (batch) => db.insertInto("indicators").values(batch).returning("id").execute(),
  );

  return {
    planId,
    version,
    previousPlanId: previous?.id ?? null,
    measureIds,
    counts: {
      tasks: taskIds.length,
      measures: measureIds.length,
      assignments: assignments.length,
      unresolved: unresolved.length,
      indicators: draft.indicators.length,
      selectivePending: selective.filter((s) => s.state === "open").length,
    },
  };
}
