// A national dataset for bench/api.bench.ts (--dataset national): the national office with 20
// divisions issuing plans handed down to 31 provinces (各省 → every provincial office); each province
// with 5 divisions and 11 cities of 8 counties, and plans of its own fanned out as in the province
// dataset (bench/api-plans.ts) — ≈3,300 orgs, ≈2,200 plans, ≈500k assignments, ≈5M progress
// reports. Set-based as the province dataset: arrays unnested into INSERT … SELECT, the reports by
// generate_series, all in one transaction. Deterministic (seeded).
import type { Kysely } from "kysely";
import type { Database } from "../src/store/schema.ts";
import { insertAssignments, insertPlans, insertReports, insertTasksAndMeasures, insertUnnest } from "./api-dataset.ts";
import { type Assignee, type BenchOrgs, type PlanSpec, planSpecs, random } from "./api-plans.ts";

const PROVINCES = 31;
const NATIONAL_DIVISIONS = 20;
const PROVINCIAL_DIVISIONS = 5;
const CITIES_PER_PROVINCE = 11;
const COUNTIES_PER_CITY = 8;
const NATIONAL_PLANS = 34;
const NATIONAL_MEASURES_PER_PLAN = 40;
/** The provinces' plans at this share of the province dataset's measure counts (≈500k assignments in all). */
const PROVINCIAL_SCALE = 0.55;

type OrgRow = [name: string, kind: string, parentId: number | null, regionCode: string, isRegionOffice: boolean];

async function insertOrgRows(db: Kysely<Database>, rows: OrgRow[]): Promise<number[]> {
  const inserted = await insertUnnest<{ id: number }>(
    db,
    "orgs",
    [
      ["name", "text"],
      ["kind", "text"],
      ["parent_id", "bigint"],
      ["region_code", "text"],
      ["is_region_office", "boolean"],
    ],
    rows,
    "id",
  );
  return inserted.map((r) => r.id);
}

const code = (p: number, c = 0, k = 0) =>
  `${String(11 + p).padStart(2, "0")}${String(c).padStart(2, "0")}${String(k).padStart(2, "0")}`;

/** Orgs level by level; each province's ids in the shape bench/api-plans.ts expects. */
async function insertNationalOrgs(db: Kysely<Database>) {
  const [nationalId] = await insertOrgRows(db, [["国家知识产权局", "national", null, "000000", true]]);
  if (nationalId === undefined) throw new Error("no national row");
  const nationalDivisions = await insertOrgRows(
    db,
    Array.from(
      { length: NATIONAL_DIVISIONS },
      (_, i): OrgRow => [`第${i + 1}司`, "division", nationalId, "000000", false],
    ),
  );
  const provinceIds = await insertOrgRows(
    db,
    Array.from(
      { length: PROVINCES },
      (_, p): OrgRow => [`第${p + 1}省知识产权局`, "province", nationalId, code(p), true],
    ),
  );
  const divisions = await insertOrgRows(
    db,
    provinceIds.flatMap((id, p) =>
      Array.from({ length: PROVINCIAL_DIVISIONS }, (_, d): OrgRow => [`第${d + 1}处`, "division", id, code(p), false]),
    ),
  );
  const cities = await insertOrgRows(
    db,
    provinceIds.flatMap((id, p) =>
      Array.from(
        { length: CITIES_PER_PROVINCE },
        (_, c): OrgRow => [`第${p + 1}省第${c + 1}市市场监督管理局`, "city", id, code(p, c + 1), true],
      ),
    ),
  );
  const counties = await insertOrgRows(
    db,
    cities.flatMap((id, ci) =>
      Array.from({ length: COUNTIES_PER_CITY }, (_, k): OrgRow => {
        const p = Math.floor(ci / CITIES_PER_PROVINCE);
        const c = ci % CITIES_PER_PROVINCE;
        return [`第${p + 1}省第${c + 1}市第${k + 1}县（区）市场监督管理局`, "county", id, code(p, c + 1, k + 1), true];
      }),
    ),
  );
  const provinces: BenchOrgs[] = provinceIds.map((provinceId, p) => {
    const cityIds = cities.slice(p * CITIES_PER_PROVINCE, (p + 1) * CITIES_PER_PROVINCE);
    const countiesOf = (cityId: number) => {
      const ci = cities.indexOf(cityId);
      return counties.slice(ci * COUNTIES_PER_CITY, (ci + 1) * COUNTIES_PER_CITY);
    };
    return {
      provinceId,
      divisionIds: divisions.slice(p * PROVINCIAL_DIVISIONS, (p + 1) * PROVINCIAL_DIVISIONS),
      cityIds,
      countyIds: cityIds.flatMap(countiesOf),
      countiesOf,
    };
  });
  return { nationalId, nationalDivisions, provinceIds, provinces };
}

/** The national office's plans: measures to every province (各省), to a division and every province, or to two divisions. */
function nationalPlanSpecs(
  orgs: { nationalId: number; nationalDivisions: number[]; provinceIds: number[] },
  today: string,
  scale: number,
  rnd: () => number,
): PlanSpec[] {
  // The province generator's measures with the national fan-out: a province-shaped org set whose
  // "cities" are the provinces and that has no counties, then the assignees rewritten.
  const asNational: BenchOrgs = {
    provinceId: orgs.nationalId,
    divisionIds: orgs.nationalDivisions,
    cityIds: orgs.provinceIds,
    countyIds: [],
    countiesOf: () => [],
  };
  const specs: PlanSpec[] = [];
  while (specs.length < NATIONAL_PLANS) {
    const provinceLike = planSpecs(asNational, today, (scale * NATIONAL_MEASURES_PER_PLAN) / 80, rnd).slice(1, 4);
    for (const spec of provinceLike) {
      if (specs.length >= NATIONAL_PLANS) break;
      specs.push({
        ...spec,
        ownerId: orgs.nationalId,
        title: `国家知识产权局第${specs.length + 1}号${spec.title.replace(/^山东省|^全省/, "全国")}`,
        issuer: "国家知识产权局",
        measures: spec.measures.map((m) => ({
          ...m,
          units: m.units.replace("各市市场监督管理局", "各省（自治区、直辖市）知识产权局"),
          assignees: m.assignees.map(
            (a): Assignee => (a.via === "各市市场监督管理局" || a.via === "各地区" ? { ...a, via: "各省" } : a),
          ),
        })),
      });
    }
  }
  return specs;
}

export async function loadNationalDataset(db: Kysely<Database>, today: string, scale = 1): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const orgs = await insertNationalOrgs(tx);
    const rnd = random(20250616);
    const specs: PlanSpec[] = nationalPlanSpecs(orgs, today, scale, rnd);
    orgs.provinces.forEach((province, p) => {
      for (const spec of planSpecs(province, today, scale * PROVINCIAL_SCALE, rnd))
        specs.push({
          ...spec,
          title: `第${p + 1}省${spec.title.replace(/^山东省/, "")}`,
          issuer: spec.issuer.replace("山东省", `第${p + 1}省`),
        });
    });
    const planIds = await insertPlans(tx, specs);
    if (planIds.size !== specs.length) throw new Error(`plan titles collide: ${planIds.size} of ${specs.length}`);
    const measures = await insertTasksAndMeasures(tx, specs, planIds);
    const planOfMeasure = new Map(
      (await tx.selectFrom("measures").select(["id", "plan_id"]).execute()).map((m) => [m.id, m.plan_id]),
    );
    await insertAssignments(tx, measures, planOfMeasure);
    await insertReports(tx, today);
  });
}
