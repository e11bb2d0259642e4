// Off pace as a supervision state (issue 12): every org whose indicator is off pace — the plan's own
// figure for the issuing office, each share for the org holding it — with the sentence a reminder and
// the supervision list say about it.
import type { Kysely } from "kysely";
import type { PaceBand } from "../../../domain/pace.ts";
import { PACE_BAND_LABEL, paceSentence } from "../../../domain/pace-words.ts";
import type { Database } from "../../../store/schema.ts";
import { planIndicators } from "../indicators.ts";
import type { PaceView } from "../pace.ts";

type Db = Kysely<Database>;

export type OffPaceItem = {
  planId: number;
  planTitle: string;
  indicatorId: number;
  indicatorName: string;
  unit: string;
  orgId: number;
  orgName: string;
  /** plan: the plan's own figure (the issuing office's); share: the org's share of the target. */
  scope: "plan" | "share";
  band: PaceBand;
  bandLabel: string;
  targetYear: number | null;
  target: number | null;
  latest: number | null;
  forecast: { year: number; value: number; method: "compound" | "linear" } | null;
  /** "高价值发明专利：2024年为498件，按现增速预计2025年达到531件，低于目标560件。" */
  sentence: string;
};

/** Every off-pace (indicator, org) of the active plans (or those given), seen as of `today`. */
export async function offPaceItems(
  db: Db,
  today: string,
  filter: { planIds?: readonly number[]; orgIds?: readonly number[] } = {},
): Promise<OffPaceItem[]> {
  // Only plans with indicators: the rest have nothing to judge.
  let plans = db
    .selectFrom("plans")
    .select(["id", "title", "org_id"])
    .where("status", "=", "active")
    .where((eb) => eb.exists(eb.selectFrom("indicators as i").select("i.id").whereRef("i.plan_id", "=", "plans.id")));
  if (filter.planIds) {
    if (filter.planIds.length === 0) return [];
    plans = plans.where("id", "in", [...filter.planIds]);
  }
  const rows = await plans.orderBy("id").execute();
  const names = new Map((await db.selectFrom("orgs").select(["id", "name"]).execute()).map((o) => [o.id, o.name]));
  const wanted = filter.orgIds ? new Set(filter.orgIds) : null;
  const out: OffPaceItem[] = [];
  for (const plan of rows) {
    const indicators = await planIndicators(db, plan.id, undefined, undefined, { today });
    for (const i of indicators) {
      const item = (orgId: number, scope: OffPaceItem["scope"], pace: PaceView): OffPaceItem => ({
        planId: plan.id,
        planTitle: plan.title,
        indicatorId: i.id,
        indicatorName: i.name,
        unit: i.unit,
        orgId,
        orgName: names.get(orgId) ?? "",
        scope,
        band: pace.band,
        bandLabel: PACE_BAND_LABEL[pace.band],
        targetYear: pace.target?.year ?? null,
        target: pace.target?.value ?? null,
        latest: pace.latest?.value ?? null,
        forecast: pace.forecast
          ? { year: pace.forecast.year, value: pace.forecast.value, method: pace.forecast.method }
          : null,
        sentence: paceSentence(i.name, i.unit, pace) ?? `${i.name}：${PACE_BAND_LABEL[pace.band]}。`,
      });
      const { headline, orgs } = i.pace;
      if (headline.pace.offPace) out.push(item(headline.orgId, "plan", headline.pace));
      for (const o of orgs) if (o.targets.length > 0 && o.pace.offPace) out.push(item(o.orgId, "share", o.pace));
    }
  }
  return wanted ? out.filter((o) => wanted.has(o.orgId)) : out;
}

/** The key that makes a reminder once per indicator, org, year and band: a worse band is chased afresh. */
export const reminderPeriod = (today: string, band: PaceBand): string => `${today.slice(0, 4)}:${band}`;

export const reminderMessage = (o: OffPaceItem): string =>
  `【指标进度滞后】${o.planTitle}：${o.sentence.replace(/。$/, "")}（${o.bandLabel}），请加快推进并及时报送指标数据。`;

/**
 * Inserts a reminder and a notification to the org for every off-pace item not yet reminded of this
 * year in this band, in one transaction (the caller's, when `db` is one). Returns how many were new.
 */
export async function remindOffPace(db: Db, today: string): Promise<{ candidates: number; created: number }> {
  const items = await offPaceItems(db, today);
  if (items.length === 0) return { candidates: 0, created: 0 };
  const run = async (tx: Db) => {
    const regions = new Map(
      (
        await tx
          .selectFrom("indicators")
          .select(["id", "region_code"])
          .where(
            "id",
            "in",
            items.map((i) => i.indicatorId),
          )
          .execute()
      ).map((r) => [r.id, r.region_code]),
    );
    const inserted = await tx
      .insertInto("indicator_reminders")
      .values(
        items.map((o) => ({
          indicator_id: o.indicatorId,
          org_id: o.orgId,
          region_code: regions.get(o.indicatorId) ?? "",
          period: reminderPeriod(today, o.band),
          band: o.band,
        })),
      )
      .onConflict((oc) => oc.columns(["indicator_id", "org_id", "period"]).doNothing())
      .returning(["indicator_id", "org_id"])
      .execute();
    if (inserted.length === 0) return 0;
    const fresh = new Set(inserted.map((r) => `${r.indicator_id}|${r.org_id}`));
    await tx
      .insertInto("notifications")
      .values(
        items
          .filter((o) => fresh.has(`${o.indicatorId}|${o.orgId}`))
          .map((o) => ({ org_id: o.orgId, message: reminderMessage(o) })),
      )
      .execute();
    return inserted.length;
  };
  const created = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  return { candidates: items.length, created };
}
