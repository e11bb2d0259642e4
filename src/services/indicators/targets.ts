// Correcting what the parser read of an indicator (direction, kind, baseline, target path) and splitting
// its target among orgs (指标分解). Each write is one transaction with its audit entry.
import type { Kysely } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { ConflictError, InputError, NotFoundError } from "../../store/errors.ts";
import type { Database, TargetPathStep } from "../../store/schema.ts";

type Db = Kysely<Database>;

export const DIRECTIONS = ["increase", "decrease", "at_least", "at_most", "range"] as const;
export const KINDS = ["stock", "flow"] as const;
const MAX_PATH = 20;
const MAX_SHARES = 500;

export type IndicatorCorrection = {
  direction?: (typeof DIRECTIONS)[number] | null;
  kind?: (typeof KINDS)[number];
  cumulative?: boolean;
  baseline?: { year: number; value: number } | null;
  targetPath?: TargetPathStep[] | null;
  /** Another indicator of the same plan whose values weigh this rate's roll-up (population); null: none. */
  weightIndicatorId?: number | null;
};

const isYear = (y: number) => Number.isInteger(y) && y >= 1949 && y <= 2100;

function checkPath(path: readonly TargetPathStep[]): TargetPathStep[] {
  if (path.length === 0)
    throw new InputError("targetPath needs at least one year (or null for the printed target)", "targetPath");
  if (path.length > MAX_PATH) throw new InputError(`targetPath may have at most ${MAX_PATH} years`, "targetPath");
  const sorted = [...path].sort((a, b) => a.year - b.year);
  sorted.forEach((p, i) => {
    const at = `targetPath[${i}]`;
    if (!isYear(p.year)) throw new InputError(`${at}.year ${p.year} is not a year like 2025`, `${at}.year`);
    if (!Number.isFinite(p.value)) throw new InputError(`${at}.value must be a finite number`, `${at}.value`);
    if (p.high != null && !(p.high >= p.value))
      throw new InputError(`${at}.high ${p.high} is below its value ${p.value}`, `${at}.high`);
    if (i > 0 && sorted[i - 1]?.year === p.year) throw new InputError(`targetPath has ${p.year} twice`, `${at}.year`);
  });
  return sorted.map((p) => (p.high == null ? { year: p.year, value: p.value } : { ...p }));
}

/** Applies a correction if the row is still at `rowVersion`; returns the new row version. */
export async function correctIndicator(
  db: Db,
  input: { indicatorId: number; rowVersion: number; changes: IndicatorCorrection; userId: number; at: Date },
): Promise<{ rowVersion: number }> {
  const { changes } = input;
  if (changes.baseline) {
    if (!isYear(changes.baseline.year))
      throw new InputError(`baseline.year ${changes.baseline.year} is not a year like 2020`, "baseline.year");
    if (!Number.isFinite(changes.baseline.value))
      throw new InputError("baseline.value must be a finite number", "baseline.value");
  }
  const path = changes.targetPath ? checkPath(changes.targetPath) : changes.targetPath;
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("indicators")
      .select([
        "id",
        "plan_id",
        "direction",
        "kind",
        "cumulative",
        "baseline",
        "base_year",
        "target_path",
        "weight_indicator_id",
        "row_version",
      ])
      .where("id", "=", input.indicatorId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError("No such indicator.");
    if (row.row_version !== input.rowVersion)
      throw new ConflictError(
        `The indicator was changed meanwhile (version ${row.row_version}, you had ${input.rowVersion}); reload it and try again.`,
      );
    const before = {
      direction: row.direction,
      kind: row.kind,
      cumulative: row.cumulative,
      baseline: row.base_year === null ? null : { year: row.base_year, value: row.baseline },
      targetPath: row.target_path,
      weightIndicatorId: row.weight_indicator_id,
    };
    if (changes.weightIndicatorId != null) {
      if (changes.weightIndicatorId === row.id)
        throw new InputError("an indicator cannot weigh itself", "weightIndicatorId");
      const weight = await tx
        .selectFrom("indicators")
        .select("id")
        .where("id", "=", changes.weightIndicatorId)
        .where("plan_id", "=", row.plan_id)
        .executeTakeFirst();
      if (!weight)
        throw new InputError(
          `weightIndicatorId ${changes.weightIndicatorId} is not an indicator of this plan`,
          "weightIndicatorId",
        );
    }
    const set: Record<string, unknown> = {};
    if (changes.direction !== undefined) set.direction = changes.direction;
    if (changes.kind !== undefined) set.kind = changes.kind;
    if (changes.cumulative !== undefined) set.cumulative = changes.cumulative;
    if (changes.baseline !== undefined) {
      set.baseline = changes.baseline?.value ?? null;
      set.base_year = changes.baseline?.year ?? null;
    }
    if (changes.weightIndicatorId !== undefined) set.weight_indicator_id = changes.weightIndicatorId;
    if (path !== undefined) set.target_path = path === null ? null : JSON.stringify(path);
    const updated = await tx
      .updateTable("indicators")
      .set({ ...set, row_version: row.row_version + 1 })
      .where("id", "=", row.id)
      .returning("row_version")
      .executeTakeFirstOrThrow();
    await writeAudit(tx, {
      userId: input.userId,
      action: "indicator.update",
      entity: "indicator",
      entityId: row.id,
      before,
      after: { ...before, ...changes, ...(path !== undefined ? { targetPath: path } : {}) },
      at: input.at,
    });
    return { rowVersion: updated.row_version };
  });
}

export type TargetShareInput = { orgId: number; target: number; targetHigh?: number | null | undefined };

export type TargetShare = {
  orgId: number;
  orgName: string;
  year: number;
  target: number;
  targetHigh: number | null;
  setBy: number | null;
  setAt: Date;
};

export async function targetShares(db: Db, indicatorId: number, orgIds?: readonly number[]): Promise<TargetShare[]> {
  let query = db
    .selectFrom("indicator_targets as t")
    .innerJoin("orgs as o", "o.id", "t.org_id")
    .select(["t.org_id", "o.name", "t.target_year", "t.target", "t.target_high", "t.set_by", "t.set_at"])
    .where("t.indicator_id", "=", indicatorId);
  if (orgIds) {
    if (orgIds.length === 0) return [];
    query = query.where("t.org_id", "in", [...orgIds]);
  }
  const rows = await query.orderBy("t.target_year").orderBy("o.name").execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.name,
    year: r.target_year,
    target: r.target,
    targetHigh: r.target_high,
    setBy: r.set_by,
    setAt: new Date(r.set_at),
  }));
}

/**
 * Sets the shares of one year: each org given gets its share (replacing any it had for that year);
 * shares of the year for orgs not given stay. A share of null removes it.
 */
export async function setTargetShares(
  db: Db,
  input: {
    indicatorId: number;
    year: number;
    shares: readonly (TargetShareInput | { orgId: number; target: null })[];
    userId: number;
    at: Date;
  },
): Promise<void> {
  if (!isYear(input.year)) throw new InputError(`year ${input.year} is not a year like 2025`, "year");
  if (input.shares.length === 0) throw new InputError("shares is empty: give at least one org's share", "shares");
  if (input.shares.length > MAX_SHARES) throw new InputError(`at most ${MAX_SHARES} shares at once`, "shares");
  const seen = new Set<number>();
  input.shares.forEach((s, i) => {
    if (seen.has(s.orgId)) throw new InputError(`org ${s.orgId} is given twice`, `shares[${i}].orgId`);
    seen.add(s.orgId);
    if (s.target === null) return;
    if (!Number.isFinite(s.target)) throw new InputError("target must be a finite number", `shares[${i}].target`);
    const high = "targetHigh" in s ? s.targetHigh : null;
    if (high != null && !(high >= s.target))
      throw new InputError(`targetHigh ${high} is below the target ${s.target}`, `shares[${i}].targetHigh`);
  });
  await db.transaction().execute(async (tx) => {
    const indicator = await tx
      .selectFrom("indicators")
      .select(["id", "region_code"])
      .where("id", "=", input.indicatorId)
      .executeTakeFirst();
    if (!indicator) throw new NotFoundError("No such indicator.");
    const orgIds = [...seen];
    const before = await tx
      .selectFrom("indicator_targets")
      .select(["org_id", "target", "target_high"])
      .where("indicator_id", "=", indicator.id)
      .where("target_year", "=", input.year)
      .where("org_id", "in", orgIds)
      .execute();
    await tx
      .deleteFrom("indicator_targets")
      .where("indicator_id", "=", indicator.id)
      .where("target_year", "=", input.year)
      .where("org_id", "in", orgIds)
      .execute();
    const rows = input.shares.flatMap((s) =>
      s.target === null
        ? []
        : [
            {
              indicator_id: indicator.id,
              org_id: s.orgId,
              region_code: indicator.region_code,
              target: s.target,
              target_high: ("targetHigh" in s ? s.targetHigh : null) ?? null,
              target_year: input.year,
              set_by: input.userId,
              set_at: input.at,
            },
          ],
    );
    if (rows.length > 0) await tx.insertInto("indicator_targets").values(rows).execute();
    await writeAudit(tx, {
      userId: input.userId,
      action: "indicator_targets.set",
      entity: "indicator",
      entityId: indicator.id,
      before: { year: input.year, shares: before },
      after: { year: input.year, shares: input.shares },
      at: input.at,
    });
  });
}
