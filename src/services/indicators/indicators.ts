// Indicator values (指标值): what an org reports for a plan's quantitative targets, and how the latest
// value stands against the target (domain/indicators). Values are kept, never overwritten: the history
// is the indicator's progress over time.
import type { Kysely } from "kysely";
import { type Attainment, indicatorAttainment } from "../../domain/indicators.ts";
import type { GrowthMethod } from "../../domain/pace.ts";
import { DEFAULT_TIME_ZONE, dayIn } from "../../domain/today.ts";
import { writeAudit } from "../../store/audit.ts";
import { InputError, NotFoundError } from "../../store/errors.ts";
import type { Database, IndicatorGrowth, SourceLocation, TargetPathStep } from "../../store/schema.ts";
import { type IndicatorPace, loadPaceFacts, paceOfIndicator } from "./pace.ts";

type Db = Kysely<Database>;

export const VALUE_SOURCE_MAX_LENGTH = 500;

export type IndicatorValue = {
  id: number;
  indicatorId: number;
  value: number;
  asOf: string;
  source: string;
  orgId: number;
  orgName: string;
  reportedBy: { id: number; displayName: string } | null;
  reportedAt: Date;
};

export type IndicatorView = {
  id: number;
  planId: number;
  name: string;
  op: string;
  target: number;
  targetHigh: number | null;
  unit: string;
  dueBy: string | null;
  source: SourceLocation;
  /** Oldest first. */
  values: IndicatorValue[];
  latest: (IndicatorValue & { attainment: Attainment | null }) | null;
  /** As stored: null where it is read from the operator and the baseline (pace.direction is the one used). */
  directionSet: string | null;
  kind: "stock" | "flow";
  cumulative: boolean;
  baseline: { year: number; value: number } | null;
  /** As stored; null: the single target (pace.path is the one used). */
  targetPath: TargetPathStep[] | null;
  growth: IndicatorGrowth | null;
  rawText: string | null;
  rowVersion: number;
  /** A rate's weight indicator, set by the plan office: the rate rolls up as the weighted mean. */
  weightIndicatorId: number | null;
  pace: IndicatorPace;
};

export type PaceOptions = {
  /** Today, YYYY-MM-DD: which year is "this year" and which flow year is still open. */
  today: string;
  /** Whose figure heads each indicator; the plan's owner when undefined. */
  focusOrgId?: number | undefined;
};

export type { GrowthMethod };

/**
 * A plan's indicators with the values reported by `orgIds` (every org when undefined) as of a day (all
 * when undefined), each with the latest of them — the latest as-of date, the last filed on a tie —
 * judged against the target.
 */
export async function planIndicators(
  db: Db,
  planId: number,
  orgIds?: readonly number[],
  asOf?: string,
  options?: PaceOptions,
): Promise<IndicatorView[]> {
  const indicators = await db
    .selectFrom("indicators as i")
    .innerJoin("plans as p", "p.id", "i.plan_id")
    .select([
      "i.id",
      "i.plan_id",
      "i.name",
      "i.op",
      "i.target",
      "i.target_high",
      "i.unit",
      "i.due_by",
      "i.source",
      "i.direction",
      "i.kind",
      "i.cumulative",
      "i.baseline",
      "i.base_year",
      "i.target_path",
      "i.growth",
      "i.raw_text",
      "i.row_version",
      "i.weight_indicator_id",
      "p.org_id as owner_id",
    ])
    .where("i.plan_id", "=", planId)
    .orderBy("i.id")
    .execute();
  if (indicators.length === 0) return [];
  const ids = indicators.map((i) => i.id);
  // A weight indicator (population) may be one of the plan's or another plan's: its values are read too.
  const weightIds = indicators.flatMap((i) =>
    i.weight_indicator_id !== null && !ids.includes(i.weight_indicator_id) ? [i.weight_indicator_id] : [],
  );
  const values =
    orgIds && orgIds.length === 0 ? [] : await valuesOf(db, { indicatorIds: [...ids, ...weightIds], orgIds, asOf });
  const facts = await loadPaceFacts(db, ids, orgIds);
  const today = options?.today ?? asOf ?? dayIn(DEFAULT_TIME_ZONE, new Date());
  return indicators.map((i) => {
    const own = values.filter((v) => v.indicatorId === i.id);
    // The latest is the judged org's own figure where it has one (the plan office's, or the narrowed org's):
    // a share's figure filed by an org under it the same day is not the plan's.
    const focus = options?.focusOrgId ?? i.owner_id;
    const focused = own.filter((v) => v.orgId === focus);
    const last = (focused.length > 0 ? focused : own).at(-1);
    const baseline = i.baseline !== null && i.base_year !== null ? { year: i.base_year, value: i.baseline } : null;
    const pace = paceOfIndicator(
      {
        id: i.id,
        op: i.op,
        target: i.target,
        targetHigh: i.target_high,
        dueBy: i.due_by,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        kind: i.kind,
        cumulative: i.cumulative,
        baseline,
        targetPath: i.target_path,
        growth: i.growth,
        weightIndicatorId: i.weight_indicator_id,
      },
      {
        focusOrgId: options?.focusOrgId ?? i.owner_id,
        ownerOrgId: i.owner_id,
        today,
        values: own,
        orgs: facts.orgs,
        targets: facts.targets.filter((t) => t.indicatorId === i.id),
        ...(i.weight_indicator_id !== null
          ? { weightValues: values.filter((v) => v.indicatorId === i.weight_indicator_id) }
          : {}),
      },
    );
    return {
      id: i.id,
      planId: i.plan_id,
      name: i.name,
      op: i.op,
      target: i.target,
      targetHigh: i.target_high,
      unit: i.unit,
      dueBy: i.due_by,
      source: i.source,
      values: own,
      latest: last ? { ...last, attainment: indicatorAttainment(i.op, i.target, i.target_high, last.value) } : null,
      directionSet: i.direction,
      kind: i.kind,
      cumulative: i.cumulative,
      baseline,
      targetPath: i.target_path,
      growth: i.growth,
      rawText: i.raw_text,
      rowVersion: i.row_version,
      weightIndicatorId: i.weight_indicator_id,
      pace,
    };
  });
}

type ValueFilter = {
  indicatorIds?: number[];
  orgIds?: readonly number[] | undefined;
  asOf?: string | undefined;
  ids?: number[];
};

async function valuesOf(db: Db, filter: ValueFilter): Promise<IndicatorValue[]> {
  let query = db
    .selectFrom("indicator_values as v")
    .innerJoin("orgs as o", "o.id", "v.org_id")
    .leftJoin("users as u", "u.id", "v.reported_by")
    .select([
      "v.id",
      "v.indicator_id",
      "v.value",
      "v.as_of",
      "v.source",
      "v.org_id",
      "o.name as org_name",
      "v.reported_by",
      "u.display_name",
      "v.reported_at",
    ]);
  if (filter.indicatorIds) query = query.where("v.indicator_id", "in", filter.indicatorIds);
  if (filter.orgIds) query = query.where("v.org_id", "in", [...filter.orgIds]);
  if (filter.ids) query = query.where("v.id", "in", filter.ids);
  if (filter.asOf) query = query.where("v.as_of", "<=", filter.asOf);
  const rows = await query.orderBy("v.as_of").orderBy("v.reported_at").orderBy("v.id").execute();
  return rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    value: r.value,
    asOf: r.as_of,
    source: r.source,
    orgId: r.org_id,
    orgName: r.org_name,
    reportedBy: r.reported_by === null ? null : { id: r.reported_by, displayName: r.display_name ?? "" },
    reportedAt: new Date(r.reported_at),
  }));
}

/** The indicator's plan and owner, for permission checks; undefined if there is no such indicator. */
export async function indicatorPlan(db: Db, indicatorId: number): Promise<{ planId: number } | undefined> {
  const row = await db.selectFrom("indicators").select("plan_id").where("id", "=", indicatorId).executeTakeFirst();
  return row ? { planId: row.plan_id } : undefined;
}

export type RecordValueInput = {
  indicatorId: number;
  orgId: number;
  value: number;
  asOf: string;
  source: string;
  userId: number;
  /** Today (YYYY-MM-DD) by the caller's clock: a value cannot be as of a day still to come. */
  today: string;
  at: Date;
};

const isCalendarDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

function validate(input: RecordValueInput): string {
  if (!Number.isFinite(input.value)) throw new InputError("value must be a finite number", "value");
  if (!isCalendarDate(input.asOf)) throw new InputError(`"${input.asOf}" is not a date like 2025-03-31`, "asOf");
  if (input.asOf > input.today)
    throw new InputError(`asOf ${input.asOf} is in the future (today is ${input.today})`, "asOf");
  const source = input.source.trim();
  if (source === "") throw new InputError("source is required: say where the figure comes from", "source");
  if (source.length > VALUE_SOURCE_MAX_LENGTH)
    throw new InputError(`source must be at most ${VALUE_SOURCE_MAX_LENGTH} characters`, "source");
  return source;
}

/**
 * Records a value with its audit entry in one transaction. The org must answer for the plan: its owner,
 * an org with work in it or one given a share of the target; anything else would be a figure nobody asked for.
 */
export async function recordIndicatorValue(db: Db, input: RecordValueInput): Promise<IndicatorValue> {
  const source = validate(input);
  return db.transaction().execute(async (tx) => {
    const indicator = await tx
      .selectFrom("indicators as i")
      .innerJoin("plans as p", "p.id", "i.plan_id")
      .select(["i.id", "i.plan_id", "i.region_code", "p.org_id as owner_id"])
      .where("i.id", "=", input.indicatorId)
      .executeTakeFirst();
    if (!indicator) throw new NotFoundError("No such indicator.");
    const answers =
      indicator.owner_id === input.orgId ||
      (await tx
        .selectFrom("assignments")
        .select("id")
        .where("plan_id", "=", indicator.plan_id)
        .where("org_id", "=", input.orgId)
        .limit(1)
        .executeTakeFirst()) !== undefined ||
      (await tx
        .selectFrom("indicator_targets")
        .select("id")
        .where("indicator_id", "=", indicator.id)
        .where("org_id", "=", input.orgId)
        .limit(1)
        .executeTakeFirst()) !== undefined;
    if (!answers)
      throw new InputError(
        `org ${input.orgId} neither issued this plan, holds work in it nor has a share of this target, so it reports no values for it`,
        "orgId",
      );
    const row = await tx
      .insertInto("indicator_values")
      .values({
        indicator_id: indicator.id,
        org_id: input.orgId,
        region_code: indicator.region_code,
        value: input.value,
        as_of: input.asOf,
        source,
        reported_by: input.userId,
        reported_at: input.at,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    await writeAudit(tx, {
      userId: input.userId,
      action: "indicator_value.create",
      entity: "indicator_value",
      entityId: row.id,
      after: { indicatorId: indicator.id, orgId: input.orgId, value: input.value, asOf: input.asOf, source },
      at: input.at,
    });
    const [created] = await valuesOf(tx, { ids: [row.id] });
    if (!created) throw new Error("the value just written is not there");
    return created;
  });
}
