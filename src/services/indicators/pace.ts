// Pace for a plan's indicators (domain/pace): the headline figure — the focus org's own values or, for
// counts, its orgs' figures summed — against the plan's target path, and every org with a target share
// or values against its own share. An org's figure is its own values where it reports, else (for counts)
// the sum of its direct children's figures, so a province's figure is built from its cities', each
// city's from its counties'.
import { type Kysely, sql } from "kysely";
import {
  checkSplit,
  type DatedValue,
  directionOf,
  isAdditive,
  rollUp,
  type SplitCheck,
  seriesOf,
  sideBySide,
  weightedRollUp,
} from "../../domain/indicator-series.ts";
import { type Direction, measurePace, type Pace, type PathPoint } from "../../domain/pace.ts";
import { isOffPace } from "../../domain/pace-words.ts";
import type { Database, IndicatorGrowth, TargetPathStep } from "../../store/schema.ts";

type Db = Kysely<Database>;

/** An indicator's definition as the pace needs it (the indicators row, read). */
export type IndicatorDefinition = {
  id: number;
  op: string;
  target: number;
  targetHigh: number | null;
  dueBy: string | null;
  name: string;
  unit: string;
  direction: string | null;
  kind: "stock" | "flow";
  cumulative: boolean;
  baseline: { year: number; value: number } | null;
  targetPath: TargetPathStep[] | null;
  growth: IndicatorGrowth | null;
  /** A rate's weight indicator (population, a denominator), set by the plan office; null: none. */
  weightIndicatorId?: number | null;
};

export type PaceView = Pace & {
  yearToDate: { year: number; asOf: string; value: number } | null;
  /** A supervision state of its own: a band below on track, or a forecast short of the target. */
  offPace: boolean;
};

export type RollUpView = {
  /** sum: counts; weighted: a rate by its weight indicator; side_by_side: a rate with none. */
  method: "sum" | "weighted" | "side_by_side";
  years: { year: number; asOf: string; value: number; orgs: number; weight?: number }[];
  /** side_by_side: each org's latest figure of each year (nothing summed). */
  sideBySide: { orgId: number; year: number; asOf: string; value: number }[];
};

export type OrgPace = {
  orgId: number;
  orgName: string;
  /** The org's share of the target, by year (指标分解), oldest first; empty when none was set. */
  targets: PathPoint[];
  /** own: the org's reported values; roll_up: its orgs' figures summed (counts) or weighted (a rate). */
  figure: "own" | "roll_up" | "none";
  latest: { asOf: string; value: number } | null;
  pace: PaceView;
};

export type IndicatorPace = {
  /** The direction judged by: as set, else read from the operator and the baseline. */
  direction: Direction;
  additive: boolean;
  /** The path the plan's figure is judged against (the stored path, the single target, or a growth's level). */
  path: PathPoint[];
  headline: { orgId: number; orgName: string; figure: "own" | "roll_up" | "none"; pace: PaceView };
  rollUp: RollUpView;
  orgs: OrgPace[];
  /** Whether the shares of the orgs directly under each org add up to that org's target (counts only). */
  splitChecks: { orgId: number; year: number; check: SplitCheck }[];
};

const yearOf = (dueBy: string | null): number | null => {
  const m = dueBy ? /^(\d{4})/.exec(dueBy) : null;
  return m ? Number(m[1]) : null;
};

/** The level a growth target leads to from its baseline (the parser's reading, for a baseline set later). */
export function growthLevel(growth: IndicatorGrowth, baseline: { year: number; value: number }, year: number): number {
  const years = year - baseline.year;
  if (growth.unit === "%")
    return growth.annual ? baseline.value * (1 + growth.by / 100) ** years : baseline.value * (1 + growth.by / 100);
  return baseline.value + (growth.annual ? growth.by * years : growth.by);
}

/** The path the plan's own figure is judged against; empty when it cannot be known (a growth with no base). */
export function targetPathOf(def: IndicatorDefinition, thisYear: number): PathPoint[] {
  if (def.targetPath && def.targetPath.length > 0) return def.targetPath.map((p) => ({ ...p }));
  const year = yearOf(def.dueBy) ?? thisYear; // a recurring target is this year's
  if (def.growth) {
    return def.baseline ? [{ year, value: growthLevel(def.growth, def.baseline, year) }] : [];
  }
  return [{ year, value: def.target, high: def.targetHigh }];
}

export function directionFor(def: IndicatorDefinition, path: readonly PathPoint[]): Direction {
  if (def.direction) return def.direction as Direction;
  if (def.growth) return def.growth.by < 0 ? "decrease" : "increase";
  const final = path.at(-1);
  return directionOf(def.op, final?.value ?? def.target, def.baseline?.value ?? null);
}

type OrgRow = { id: number; name: string; parent_id: number | null };

export type PaceContext = {
  /** Whose figure heads the indicator: the plan's owner, or the org the view is narrowed to. */
  focusOrgId: number;
  ownerOrgId: number;
  today: string;
  values: readonly { orgId: number; asOf: string; value: number }[];
  orgs: readonly OrgRow[];
  targets: readonly { orgId: number; year: number; value: number; high: number | null }[];
  /** The weight indicator's values (when the indicator has one), every org's. */
  weightValues?: readonly { orgId: number; asOf: string; value: number }[];
};

export function paceOfIndicator(def: IndicatorDefinition, ctx: PaceContext): IndicatorPace {
  const thisYear = Number(ctx.today.slice(0, 4));
  const additive = isAdditive(def.name, def.unit);
  const planPath = targetPathOf(def, thisYear);
  const direction = directionFor(def, planPath);
  const byOrg = new Map<number, DatedValue[]>();
  for (const v of ctx.values) byOrg.set(v.orgId, [...(byOrg.get(v.orgId) ?? []), v]);
  const children = new Map<number, OrgRow[]>();
  for (const o of ctx.orgs)
    if (o.parent_id !== null) children.set(o.parent_id, [...(children.get(o.parent_id) ?? []), o]);
  const nameOf = new Map(ctx.orgs.map((o) => [o.id, o.name]));

  const weighted = def.weightIndicatorId != null && ctx.weightValues !== undefined && !additive;
  const weightsByOrg = new Map<number, DatedValue[]>();
  for (const v of ctx.weightValues ?? []) weightsByOrg.set(v.orgId, [...(weightsByOrg.get(v.orgId) ?? []), v]);
  /** An org's weight: its own, else its orgs' summed (a population adds up). */
  const weightOf = (orgId: number, depth = 0): DatedValue[] => {
    const own = weightsByOrg.get(orgId);
    if ((own && own.length > 0) || depth > 8) return own ?? [];
    const parts = (children.get(orgId) ?? [])
      .map((c) => ({ orgId: c.id, values: weightOf(c.id, depth + 1) }))
      .filter((p) => p.values.length > 0);
    return parts.length === 0 ? [] : rollUp(true, parts).years.map((y) => ({ asOf: y.asOf, value: y.value }));
  };

  const figureOf = (orgId: number, depth = 0): { figure: OrgPace["figure"]; values: DatedValue[] } => {
    const own = byOrg.get(orgId);
    if (own && own.length > 0) return { figure: "own", values: own };
    if ((!additive && !weighted) || depth > 8) return { figure: "none", values: [] };
    const parts = (children.get(orgId) ?? [])
      .map((c) => ({ orgId: c.id, values: figureOf(c.id, depth + 1).values }))
      .filter((p) => p.values.length > 0);
    if (parts.length === 0) return { figure: "none", values: [] };
    const built = additive
      ? rollUp(true, parts).years
      : weightedRollUp(parts.map((p) => ({ ...p, weights: weightOf(p.orgId) })));
    if (built.length === 0) return { figure: "none", values: [] };
    return { figure: "roll_up", values: built.map((y) => ({ asOf: y.asOf, value: y.value })) };
  };
  const paceFor = (values: readonly DatedValue[], path: PathPoint[], baseline: IndicatorDefinition["baseline"]) => {
    const series = seriesOf(values, def.kind, def.cumulative, baseline, ctx.today);
    const pace = measurePace({ direction, baseline, path, points: series.points, year: thisYear });
    return { ...pace, yearToDate: series.yearToDate, offPace: isOffPace(pace) };
  };
  const sharesOf = (orgId: number): PathPoint[] =>
    ctx.targets
      .filter((t) => t.orgId === orgId)
      .map((t) => ({ year: t.year, value: t.value, high: t.high }))
      .sort((a, b) => a.year - b.year);

  const focusPath = ctx.focusOrgId === ctx.ownerOrgId ? planPath : sharesOf(ctx.focusOrgId);
  const focus = figureOf(ctx.focusOrgId);
  // The plan's baseline is the owner's; a share is judged from the org's own first figure.
  const focusBaseline = ctx.focusOrgId === ctx.ownerOrgId ? def.baseline : null;
  const headline = {
    orgId: ctx.focusOrgId,
    orgName: nameOf.get(ctx.focusOrgId) ?? "",
    figure: focus.figure,
    pace: paceFor(focus.values, focusPath, focusBaseline),
  };

  const shown = new Set<number>([...byOrg.keys(), ...ctx.targets.map((t) => t.orgId)]);
  shown.delete(ctx.focusOrgId);
  const orgs: OrgPace[] = [...shown]
    .filter((id) => nameOf.has(id))
    .map((orgId) => {
      const f = figureOf(orgId);
      const last = [...f.values].sort((a, b) => a.asOf.localeCompare(b.asOf)).at(-1) ?? null;
      const targets = sharesOf(orgId);
      return {
        orgId,
        orgName: nameOf.get(orgId) ?? "",
        targets,
        figure: f.figure,
        latest: last ? { asOf: last.asOf, value: last.value } : null,
        pace: paceFor(f.values, targets, null),
      };
    })
    // Best first: achieved, then by score; the score is clamped at 5 from a ratio of 130%, so among those the
    // ratio itself decides (an org far ahead of its course still ranks below one that has met its share).
    .sort(
      (a, b) =>
        Number(b.pace.band === "target_achieved") - Number(a.pace.band === "target_achieved") ||
        (b.pace.score ?? -99) - (a.pace.score ?? -99) ||
        (b.pace.ratio ?? -99) - (a.pace.ratio ?? -99) ||
        a.orgName.localeCompare(b.orgName, "zh"),
    );

  const directChildren = (children.get(ctx.focusOrgId) ?? [])
    .map((c) => ({ orgId: c.id, values: byOrg.get(c.id) ?? [] }))
    .filter((c) => c.values.length > 0);
  let rolled: RollUpView;
  if (additive) rolled = { ...rollUp(true, directChildren), sideBySide: [] };
  else if (weighted)
    rolled = {
      method: "weighted",
      years: weightedRollUp(directChildren.map((c) => ({ ...c, weights: weightOf(c.orgId) }))),
      sideBySide: [],
    };
  else rolled = { method: "side_by_side", years: [], sideBySide: sideBySide(directChildren) };
  return {
    direction,
    additive,
    path: planPath,
    headline,
    rollUp: rolled,
    orgs,
    splitChecks: splitChecks(additive, ctx, planPath),
  };
}

/** For each org whose children hold shares for a year, whether the shares add up to its own target. */
function splitChecks(
  additive: boolean,
  ctx: PaceContext,
  planPath: readonly PathPoint[],
): IndicatorPace["splitChecks"] {
  const parentOf = new Map(ctx.orgs.map((o) => [o.id, o.parent_id]));
  const groups = new Map<string, { orgId: number; year: number; shares: { orgId: number; target: number }[] }>();
  for (const t of ctx.targets) {
    const parent = parentOf.get(t.orgId);
    if (parent === undefined || parent === null) continue;
    const key = `${parent}:${t.year}`;
    const g = groups.get(key) ?? { orgId: parent, year: t.year, shares: [] };
    g.shares.push({ orgId: t.orgId, target: t.value });
    groups.set(key, g);
  }
  const out: IndicatorPace["splitChecks"] = [];
  for (const g of groups.values()) {
    const upper =
      g.orgId === ctx.ownerOrgId
        ? planPath.find((p) => p.year === g.year)?.value
        : ctx.targets.find((t) => t.orgId === g.orgId && t.year === g.year)?.value;
    if (upper === undefined) continue;
    out.push({ orgId: g.orgId, year: g.year, check: checkSplit(additive, upper, g.shares) });
  }
  return out.sort((a, b) => a.year - b.year || a.orgId - b.orgId);
}

/**
 * Every org (with its parent: a roll-up passes through orgs that report nothing themselves) and the
 * target shares of these indicators held by `orgIds` (all when undefined).
 */
export async function loadPaceFacts(
  db: Db,
  indicatorIds: readonly number[],
  orgIds: readonly number[] | undefined,
): Promise<{ orgs: OrgRow[]; targets: (PaceContext["targets"][number] & { indicatorId: number })[] }> {
  if (indicatorIds.length === 0) return { orgs: [], targets: [] };
  let query = db
    .selectFrom("indicator_targets")
    .select(["indicator_id", "org_id", "target", "target_high", "target_year"])
    .where("indicator_id", "in", [...indicatorIds]);
  if (orgIds) query = orgIds.length === 0 ? query.where(sql<boolean>`false`) : query.where("org_id", "in", [...orgIds]);
  const targets = await query.execute();
  const orgs = await db.selectFrom("orgs").select(["id", "name", "parent_id"]).execute();
  return {
    orgs,
    targets: targets.map((t) => ({
      indicatorId: t.indicator_id,
      orgId: t.org_id,
      year: t.target_year,
      value: t.target,
      high: t.target_high,
    })),
  };
}
