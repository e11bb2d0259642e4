// The assignment list reads only the reports a status needs and pages in SQL; these tests check it
// against the unoptimised list (every report of every matching assignment through loadAssignments,
// status by the domain rule, filtered and paged in JS) on a seeded random dataset built to hit the corners: mixed monthly and quarterly report labels, late
// reports for earlier periods, same-day filings, "…完成并持续推进" deadlines, sign-offs, a plan without
// a year and a superseded plan.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { type Kysely, sql } from "kysely";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { parsePeriodLabel } from "../../domain/periods.ts";
import { rollUp, rollUpBy } from "../../domain/status.ts";
import { segment } from "../../domain/text-search.ts";
import type { AssignmentStatus } from "../../domain/types.ts";
import type { Database, ReportStatus } from "../../store/schema.ts";
import {
  ASSIGNMENT_SORTS,
  type AssignmentFilter,
  type AssignmentView,
  listAssignments,
  loadAssignments,
  type PlanRollUp,
  planRollUp,
  statusOn,
  viewOn,
} from "./assignments.ts";
import { knownThenCounts } from "./history.ts";
import { compareViews } from "./sort.ts";

/** mulberry32: the same dataset on every run and both databases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEADLINES: { raw: string; due: string | null; ongoing: boolean }[] = [
  { raw: "持续推进", due: null, ongoing: true },
  { raw: "全年", due: "2025-12-31", ongoing: true },
  { raw: "2025年6月底前完成并持续推进", due: "2025-06-30", ongoing: true },
  { raw: "2024年底前", due: "2024-12-31", ongoing: false },
  { raw: "2月底前", due: "2025-02-28", ongoing: false },
  { raw: "3月10日前", due: "2025-03-10", ongoing: false },
  { raw: "6月20日前", due: "2025-06-20", ongoing: false },
  { raw: "6月底前", due: "2025-06-30", ongoing: false },
  { raw: "9月底前", due: "2025-09-30", ongoing: false },
  { raw: "2026年3月底前", due: "2026-03-31", ongoing: false },
];
const LABELS = [
  ...["2024", "2025"].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`)),
  "2026-Q1",
  ...Array.from(
    { length: 14 },
    (_, i) => `${2024 + Math.floor((i + 10) / 12)}-${String(((i + 10) % 12) + 1).padStart(2, "0")}`,
  ),
];
const RECENT = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"];
const STATUSES: ReportStatus[] = ["not_started", "in_progress", "done", "blocked"];
const TODAYS = ["2025-03-01", "2025-06-16", "2025-07-08", "2026-01-10"];

async function seed(db: Kysely<Database>) {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const org = async (name: string, kind: "province" | "city" | "county", parent: number | null) =>
    (
      await db
        .insertInto("orgs")
        .values({ name, kind, parent_id: parent, region_code: "370000" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const province = await org("省局", "province", null);
  const cityA = await org("甲市局", "city", province);
  const cityB = await org("乙市局", "city", province);
  const county = await org("甲市一县局", "county", cityA);
  const orgs = [province, cityA, cityB, county];
  const plans = [
    { title: "季度计划", cadence: "quarterly", period_from: 2024, period_to: 2025, plan_year: null, status: "active" },
    { title: "月度计划", cadence: "monthly", period_from: null, period_to: null, plan_year: 2025, status: "active" },
    {
      title: "无年份计划",
      cadence: "quarterly",
      period_from: null,
      period_to: null,
      plan_year: null,
      status: "active",
    },
    {
      title: "旧版计划",
      cadence: "monthly",
      period_from: 2025,
      period_to: 2025,
      plan_year: 2025,
      status: "superseded",
    },
  ] as const;
  for (const spec of plans) {
    const plan = await db
      .insertInto("plans")
      .values({ ...spec, org_id: province, region_code: "370000", lineage_key: spec.title, due_soon_days: 10 })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let t = 0; t < 4; t++) {
      const texts = Array.from(
        { length: 5 },
        (_, i) => `${pick(["推进", "加强"])}${pick(["专利质押融资", "地理标志保护", "维权援助"])}工作${t}-${i}`,
      );
      const task = await db
        .insertInto("tasks")
        .values({
          plan_id: plan.id,
          region_code: "370000",
          key: `${t < 2 ? "一" : "二"}/${(t % 2) + 1}`,
          section: t < 2 ? "一" : "二",
          title: `任务${t}`,
          position: t,
          source: JSON.stringify({ line: t }),
          search_text: segment(texts.join("。")),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [i, text] of texts.entries()) {
        const d = pick(DEADLINES);
        const measure = await db
          .insertInto("measures")
          .values({
            plan_id: plan.id,
            task_id: task.id,
            region_code: "370000",
            position: i,
            text,
            deadline_raw: d.raw,
            due_on: d.due,
            ongoing: d.ongoing,
            source: JSON.stringify({ line: i }),
            status: rnd() < 0.2 ? "done" : "open",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const orgId of orgs.filter(() => rnd() < 0.5)) {
          const a = await db
            .insertInto("assignments")
            .values({
              measure_id: measure.id,
              plan_id: plan.id,
              org_id: orgId,
              region_code: "370000",
              role: pick(["lead", "support", "owner"] as const),
              due_on: d.due,
              ongoing: d.ongoing,
              // Some closures approved (办结, issue 10): done needs one; a done report alone applies for it.
              closed_at: rnd() < 0.15 ? "2025-03-01T00:00:00Z" : null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          // Half report every recent period, so that work is also on track or due soon, not only missing.
          const labels =
            rnd() < 0.5 ? [...RECENT] : [...LABELS].sort(() => rnd() - 0.5).slice(0, Math.floor(rnd() * 7));
          if (labels.length === 0) continue;
          await db
            .insertInto("progress_reports")
            .values(
              labels.map((period, k) => ({
                assignment_id: a.id,
                region_code: "370000",
                period,
                status: pick(STATUSES),
                percent: rnd() < 0.5 ? null : Math.floor(rnd() * 101),
                // Few distinct days, so same-day filings for different periods are common.
                reported_at: `2025-0${1 + Math.floor(rnd() * 8)}-1${Math.floor(rnd() * 3)}T0${k}:${String(Math.floor(rnd() * 60)).padStart(2, "0")}:00Z`,
              })),
            )
            .execute();
        }
      }
    }
  }
  return { orgs, cityA, county };
}

async function referenceList(
  db: Kysely<Database>,
  filter: AssignmentFilter,
  today: string,
): Promise<{ items: AssignmentView[]; total: number; totalCapped: boolean }> {
  const views = (await loadAssignments(db, filter)).map((a) => viewOn(a, today));
  const wanted = filter.statuses ? views.filter((v) => filter.statuses?.includes(v.status)) : views;
  if (filter.sort) wanted.sort(compareViews(filter.sort));
  else if (filter.q) {
    // By relevance (query.ts TEXT_TIERS): the words in the measure's text count 2, in the task's title 1.
    const q = filter.q.trim();
    const tier = (v: AssignmentView) => (v.measureText.includes(q) ? 2 : 0) + (v.taskTitle.includes(q) ? 1 : 0);
    wanted.sort((a, b) => tier(b) - tier(a));
  }
  const offset = filter.offset ?? 0;
  return { items: wanted.slice(offset, offset + (filter.limit ?? 50)), total: wanted.length, totalCapped: false };
}

async function referenceRollUp(
  db: Kysely<Database>,
  planId: number,
  today: string,
  orgIds?: number[],
): Promise<PlanRollUp> {
  const { items } = await referenceList(db, { planId, ...(orgIds ? { orgIds } : {}), limit: 1e9 }, today);
  return {
    plan: rollUp(items),
    sections: Object.fromEntries(rollUpBy(items, (i) => i.section || "—")),
    tasks: Object.fromEntries(rollUpBy(items, (i) => i.taskKey)),
    orgs: Object.fromEntries(rollUpBy(items, (i) => i.orgName)),
  };
}

const FILTERS = (ids: { orgs: number[]; cityA: number; county: number }): AssignmentFilter[] => {
  const statuses: AssignmentStatus[][] = [
    ["done"],
    ["overdue"],
    ["report_missing"],
    ["due_soon"],
    ["not_started"],
    ["on_track"],
    ["overdue", "due_soon", "report_missing"],
    ["done", "not_started", "on_track"],
    [],
  ];
  return [
    { limit: 1e9 },
    { limit: 7, offset: 5 },
    { orgIds: [ids.cityA, ids.county], limit: 4, offset: 2 },
    { q: "质押融资", limit: 1e9 },
    { dueFrom: "2025-03-01", dueTo: "2025-06-30", limit: 1e9 },
    { section: "二", statuses: ["overdue", "on_track"], limit: 1e9 },
    ...statuses.flatMap((s) => [
      { statuses: s, limit: 1e9 },
      { statuses: s, limit: 3, offset: 2 },
      { statuses: s, orgIds: [ids.county], limit: 1e9 },
    ]),
    { statuses: ["overdue"], q: "质押融资", orgIds: ids.orgs, limit: 5 },
    ...ASSIGNMENT_SORTS.flatMap((sort): AssignmentFilter[] => [
      { sort, limit: 1e9 },
      { sort, limit: 9, offset: 11 },
      { sort, statuses: ["overdue", "report_missing", "on_track"], limit: 1e9 },
      { sort, orgIds: [ids.cityA, ids.county], statuses: ["done", "not_started"], limit: 4, offset: 3 },
    ]),
  ];
};

for (const kind of storeKinds()) {
  describe(`assignment lists on ${kind.name}`, () => {
    const open = storesFor(kind);
    let db: Kysely<Database>;
    let ids: Awaited<ReturnType<typeof seed>>;
    before(async () => {
      db = (await open()).db;
      ids = await seed(db);
    });

    test("the counts known on past days, read in batches, equal judging every loaded history", async () => {
      const days = ["2025-01-15", "2025-03-01", "2025-05-31", "2025-08-20"];
      let seenOverdue = 0;
      const plan = await db.selectFrom("plans").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
      for (const filter of [{}, { orgIds: [ids.cityA, ids.county] }, { planId: plan.id }, { section: "二" }]) {
        const tracked = await loadAssignments(db, filter);
        const expected = {
          total: tracked.length,
          done: days.map((d) => tracked.filter((a) => statusOn(a, d, "known-then").status === "done").length),
          overdue: days.map((d) => tracked.filter((a) => statusOn(a, d, "known-then").status === "overdue").length),
        };
        seenOverdue += expected.overdue.reduce((x, y) => x + y, 0);
        for (const batchSize of [7, 5000])
          assert.deepEqual(await knownThenCounts(db, filter, days, batchSize), expected, JSON.stringify(filter));
      }
      assert.ok(seenOverdue > 0, "some work was overdue on some day");
    });

    test("every filter, status and page gives the items and totals of evaluating every report", async () => {
      const seen = new Set<AssignmentStatus>();
      for (const today of TODAYS)
        for (const filter of FILTERS(ids)) {
          const expected = await referenceList(db, filter, today);
          for (const item of expected.items) seen.add(item.status);
          assert.deepEqual(await listAssignments(db, filter, today), expected, `${today} ${JSON.stringify(filter)}`);
        }
      // The dataset reaches every status, so each necessary condition above was put to the test.
      assert.deepEqual([...seen].sort(), [
        "done",
        "due_soon",
        "not_started",
        "on_track",
        "overdue",
        "report_missing",
        "unfinished",
      ]);
    });

    test("plan roll-ups equal those of evaluating every report, whole and restricted to some orgs", async () => {
      const plans = await db.selectFrom("plans").select("id").orderBy("id").execute();
      for (const today of TODAYS)
        for (const { id } of plans)
          for (const orgIds of [undefined, [ids.cityA, ids.county], []]) {
            const expected = await referenceRollUp(db, id, today, orgIds);
            assert.deepEqual(await planRollUp(db, id, today, orgIds), expected, `${today} plan ${id} ${orgIds}`);
          }
    });

    test("report_period_start reads period labels as the domain does", async () => {
      const labels = [...LABELS, "2025-13", "2025-Q5", "2025-00", "2025-1", "x"];
      const rows = await sql<{ label: string; start: string | null }>`
        select label, report_period_start(label)::text as start from unnest(${labels}::text[]) as label`.execute(db);
      assert.deepEqual(
        rows.rows.map((r) => [r.label, r.start]),
        labels.map((l) => [l, parsePeriodLabel(l)?.start ?? null]),
      );
    });
  });
}
