import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { sql } from "kysely";
import { storeKinds } from "../../../test/support/stores.ts";
import { addDays } from "../../domain/dates.ts";
import { DEFAULT_REPORT_GRACE_DAYS, parsePeriodLabel, periodsBetween, planSpanOf } from "../../domain/periods.ts";
import { reportSpan } from "../../domain/report-span.ts";
import { openStore, type Store } from "../../store/db.ts";
import { listAssignments } from "../assignments/assignments.ts";
import { buildProgressReport } from "../exports/progress-report.ts";
import { planIndicators } from "../indicators/indicators.ts";
import { listPlanLinks } from "../links/links.ts";
import { traceTask } from "../links/trace.ts";
import { listUpperPlans } from "../links/upper-plans.ts";
import { isEmpty, loadDemo, loadDemoIfEmpty } from "./demo.ts";
import { DEMO_INDICATOR_VALUES } from "./indicators.ts";

for (const kind of storeKinds()) {
  describe(`demo on ${kind.name}`, () => {
    let store: Store;
    after(() => store?.close());

    test("the demo loads users, five plans and a spread of progress; 各市 measures reach all 16 cities", async () => {
      store = await kind.open();
      assert.equal(await isEmpty(store), true);
      const logins = await loadDemo(store, "2026-11-23");
      assert.deepEqual(logins.map((l) => l.role).sort(), [
        "admin",
        "plan_office",
        "plan_office",
        "plan_office",
        "reporter",
        "reporter",
        "viewer",
      ]);
      assert.equal(await isEmpty(store), false);
      const plans = await store.db.selectFrom("plans").select(["id", "title"]).orderBy("id").execute();
      assert.equal(plans.length, 5);
      const provincial = plans.find((p) => p.title === "2021年全省知识产权工作任务清单");
      assert.ok(provincial);
      const viaCities = await store.db
        .selectFrom("assignments")
        .select(["measure_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("plan_id", "=", provincial.id)
        .where("via", "=", "各市市场监督管理局")
        .groupBy("measure_id")
        .execute();
      assert.ok(viaCities.length > 10);
      assert.ok(viaCities.every((m) => Number(m.n) === 16));
      const { items } = await listAssignments(store.db, { planId: provincial.id, limit: 5000 }, "2026-11-23");
      const statuses = new Set(items.map((i) => i.status));
      assert.ok(statuses.has("done") && statuses.has("overdue"), [...statuses].join(","));
      assert.ok((await store.db.selectFrom("notices").select("id").execute()).length > 0);
      // Free-text search over segmented task words finds a measure by a domain term inside its text.
      const found = await listAssignments(
        store.db,
        { planId: provincial.id, q: "质押融资", limit: 5000 },
        "2026-11-23",
      );
      assert.ok(found.total > 0);
      const tasksAbout = new Set(
        (
          await store.db
            .selectFrom("measures as m")
            .innerJoin("tasks as t", "t.id", "m.task_id")
            .select("t.key")
            .where("m.plan_id", "=", provincial.id)
            .where("m.text", "like", "%质押融资%")
            .execute()
        ).map((r) => r.key),
      );
      assert.ok(tasksAbout.size > 0);
      assert.ok(
        found.items.every((i) => tasksAbout.has(i.taskKey)),
        "every hit belongs to a task about 质押融资",
      );
      const none = await listAssignments(store.db, { planId: provincial.id, q: "航天发射", limit: 10 }, "2026-11-23");
      assert.equal(none.total, 0);
    });

    test("the history lies inside each plan's period, before today, with late and missing reports", async () => {
      const today = "2026-11-23";
      const plans = await store.db
        .selectFrom("plans")
        .select(["id", "period_from", "period_to", "plan_year", "cadence"])
        .execute();
      const deadlineOf = (period: string) =>
        addDays(parsePeriodLabel(period)?.end ?? period, DEFAULT_REPORT_GRACE_DAYS);
      let late = 0;
      let missing = 0;
      for (const plan of plans) {
        const span = planSpanOf({ periodFrom: plan.period_from, periodTo: plan.period_to, planYear: plan.plan_year });
        assert.ok(span);
        const rows = await store.db
          .selectFrom("progress_reports as r")
          .innerJoin("assignments as a", "a.id", "r.assignment_id")
          .select(["r.assignment_id", "r.period", "r.reported_at", "r.narrative", "r.percent", "r.status"])
          .where("a.plan_id", "=", plan.id)
          .orderBy("r.assignment_id")
          .orderBy("r.reported_at")
          .execute();
        const assigned = await store.db.selectFrom("assignments").select("id").where("plan_id", "=", plan.id).execute();
        // A plan that names no units (the five-year plan) has no assignments to report on.
        assert.equal(rows.length > 0, assigned.length > 0, `plan ${plan.id} has reports`);
        if (rows.length === 0) continue;
        const years = new Set<number>();
        for (const r of rows) {
          const period = parsePeriodLabel(r.period);
          assert.ok(period, r.period);
          assert.ok(period.start >= `${span.from}-01-01` && period.end <= `${span.to}-12-31`, r.period);
          const filed = r.reported_at.toISOString().slice(0, 10);
          assert.ok(filed <= today, filed);
          if (filed > deadlineOf(r.period)) late++;
          years.add(Number(r.period.slice(0, 4)));
        }
        // Every year of the plan's span that is over has reports.
        for (let y = span.from; y <= Math.min(span.to, 2025); y++) assert.ok(years.has(y), `plan ${plan.id} in ${y}`);
        // Per unit: percent never falls, and no two consecutive narratives are the same.
        const byAssignment = new Map<number, typeof rows>();
        for (const r of rows) byAssignment.set(r.assignment_id, [...(byAssignment.get(r.assignment_id) ?? []), r]);
        for (const reports of byAssignment.values()) {
          for (let i = 1; i < reports.length; i++) {
            const [a, b] = [reports[i - 1], reports[i]] as [(typeof reports)[0], (typeof reports)[0]];
            assert.notEqual(a.narrative, b.narrative);
            assert.ok((b.percent ?? 0) >= (a.percent ?? 0), `${a.percent} then ${b.percent}`);
          }
          const quarters = new Set(reports.map((r) => r.period));
          const first = parsePeriodLabel(reports[0]?.period ?? "")?.start ?? "";
          const last = reports.at(-1)?.period ?? "";
          const expected = periodLabels(plan.cadence, first, parsePeriodLabel(last)?.end ?? "");
          missing += expected.filter((q) => !quarters.has(q)).length;
        }
      }
      assert.ok(late > 0, "some reports were filed late");
      assert.ok(missing > 0, "some periods were never reported");
      const all = await store.db.selectFrom("progress_reports").select(["narrative", "status"]).execute();
      const distinct = new Set(all.map((r) => r.narrative)).size;
      assert.ok(distinct > all.length / 3, `${distinct} distinct narratives of ${all.length}`);
      const statuses = new Set(all.map((r) => r.status));
      for (const s of ["in_progress", "done", "blocked"]) assert.ok(statuses.has(s as never), s);
    });

    test("a past year's report draft shows each unit's real progress text", async () => {
      const plan = await store.db
        .selectFrom("plans")
        .select("id")
        .where("period_from", "=", 2022)
        .executeTakeFirstOrThrow();
      const span = reportSpan("2023", "2026-11-23");
      assert.ok(span);
      const draft = await buildProgressReport(store.db, { planId: plan.id, scopeLabel: "全区", span });
      const texts = draft.sections.flatMap((s) =>
        s.tasks.flatMap((t) => t.measures.flatMap((m) => m.units.map((u) => [m.text, u.narrative] as const))),
      );
      const told = texts.filter(([, n]) => n !== null);
      assert.ok(told.length > texts.length / 2, `${told.length} of ${texts.length} units have a 2023 report`);
      assert.ok(told.every(([, n]) => n?.period.startsWith("2023")));
      // Narratives speak of the measure itself: they quote words of its text.
      const quoting = told.filter(
        ([text, n]) => n && [...n.narrative.matchAll(/[\u4e00-\u9fff]{4}/g)].some((w) => text.includes(w[0])),
      );
      assert.ok(quoting.length > told.length * 0.8, `${quoting.length} of ${told.length}`);
    });

    test("each office has reported its plan's indicators: every demo figure found its indicator, some targets met", async () => {
      const files = await store.db.selectFrom("plan_files").select(["plan_id", "file_name"]).execute();
      let reported = 0;
      for (const [seed, figures] of Object.entries(DEMO_INDICATOR_VALUES)) {
        const planId = files.find((f) => f.file_name === `${seed}.txt`)?.plan_id;
        assert.ok(planId, seed);
        const indicators = await planIndicators(store.db, planId);
        for (const series of figures.series) {
          const indicator = indicators.find((i) => i.name === series.name);
          assert.ok(indicator, `${seed} has an indicator named ${series.name}`);
          // The office's own figures (orgs under it holding a share report theirs beside them).
          const office = indicator.values.filter((v) => v.orgId === indicator.pace.headline.orgId);
          assert.deepEqual(
            office.map((v) => [v.asOf, v.value]),
            series.values,
          );
          assert.ok(indicator.values.every((v) => v.reportedBy !== null && v.source === figures.source));
          reported++;
        }
      }
      assert.ok(reported >= 15);
      const taishan = files.find((f) => f.file_name === "taishan-2022-2025-county-plan.txt")?.plan_id as number;
      const latest = (await planIndicators(store.db, taishan)).map((i) => i.latest);
      assert.ok(latest.every((l) => l?.asOf === "2025-12-31" && l.orgName === "泰山区市场监督管理局"));
      const met = latest.filter((l) => l?.attainment?.met).length;
      // 贯标企业 is split among four orgs under the office, whose figures add up to the office's each year;
      // as of the end of 2024 they rank 省庄镇 (share met), the zone and 邱家店镇 (on track), 岱庙街道 (flat).
      const split = (await planIndicators(store.db, taishan, undefined, "2024-12-31")).find(
        (i) => i.name === "培育知识产权贯标企业",
      );
      assert.ok(split);
      const shared = split.pace.orgs.filter((o) => o.targets.length > 0);
      assert.deepEqual(
        shared.map((o) => [o.orgName, o.targets.at(-1)?.value, o.latest?.value, o.pace.band]),
        [
          ["省庄镇", 8, 8, "target_achieved"],
          ["泰山区经济开发区管委会", 15, 14, "on_track"],
          ["邱家店镇", 6, 5, "on_track"],
          ["岱庙街道", 6, 4, "limited_progress"],
        ],
      );
      assert.deepEqual(
        split.pace.splitChecks.map((c) => c.check.status),
        ["ok"],
      );
      assert.equal(
        shared.reduce((sum, o) => sum + (o.latest?.value ?? 0), 0),
        split.pace.headline.pace.latest?.value,
        "the orgs' figures add up to the office's",
      );
      assert.ok(met > 0 && met < latest.length, `${met} of ${latest.length} met`);
      // As of the end of 2024 the county plan's indicators span every band; once 2025 is over each target
      // year has passed.
      const bands = new Map(
        (await planIndicators(store.db, taishan, undefined, "2024-12-31")).map((i) => [i.name, i.pace.headline.pace]),
      );
      const expected = {
        有效发明专利: "on_track",
        高价值发明专利: "acceleration_needed",
        万人高价值发明专利拥有量: "limited_progress",
        侵犯知识产权行政处罚案件结案率: "deterioration",
        涉及知识产权纠纷行政裁决案件审结率: "target_achieved",
      };
      for (const [name, band] of Object.entries(expected)) assert.equal(bands.get(name)?.band, band, name);
      const high = bands.get("高价值发明专利")?.forecast;
      assert.equal(Math.round(high?.value ?? 0), 531, "498 at 6.6% a year");
      const later = await planIndicators(store.db, taishan, undefined, undefined, { today: "2026-03-01" });
      assert.equal(later.find((i) => i.name === "高价值发明专利")?.pace.headline.pace.band, "not_achieved");
      // Over the plans' years (each year end, then today) every Open SDG band appears somewhere in the demo.
      const seen = new Set<string>();
      for (const { plan_id } of files)
        for (const asOf of ["2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", undefined])
          for (const i of await planIndicators(
            store.db,
            plan_id,
            undefined,
            asOf,
            asOf ? undefined : { today: "2026-11-23" },
          ))
            seen.add(i.pace.headline.pace.band);
      for (const band of [
        "target_achieved",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deterioration",
        "not_achieved",
      ])
        assert.ok(seen.has(band), `${band} appears; seen ${[...seen].join(",")}`);
      const audited = await store.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "indicator_value.create")
        .execute();
      assert.equal(audited.length, (await store.db.selectFrom("indicator_values").select("id").execute()).length);
    });

    test("the cascade: the county plan is linked to provincial and national plans, and a national task's trace reaches it", async () => {
      const plans = await store.db.selectFrom("plan_files").select(["plan_id", "file_name"]).execute();
      const planOf = (file: string) => plans.find((p) => p.file_name === `${file}.txt`)?.plan_id as number;
      const county = planOf("taishan-2022-2025-county-plan");
      const national = planOf("cnipa-2021-national-task-list");
      const countyLinks = await listPlanLinks(store.db, county);
      const confirmed = countyLinks.filter((l) => l.state === "confirmed");
      const pending = countyLinks.filter((l) => l.state === "suggested" && l.kind === "primary");
      assert.ok(confirmed.length > pending.length && pending.length > 0, `${confirmed.length}/${pending.length}`);
      const uppers = new Set(confirmed.map((l) => l.upperPlanId));
      assert.ok(uppers.size >= 2, "the county's confirmed links reach more than one upper plan");
      assert.ok(
        (await listUpperPlans(store.db, county)).some(
          (u) => u.planId === planOf("sd-14th-fyp-ip-plan") && u.reason === "cited",
        ),
        "the provincial five-year plan the county plan cites is its upper plan as cited",
      );
      const nationalTasks = await store.db.selectFrom("tasks").select("id").where("plan_id", "=", national).execute();
      let reached = 0;
      for (const t of nationalTasks) {
        const trace = await traceTask(store.db, t.id, "2026-11-23", () => true);
        if (trace?.down.some((n) => n.planId === county)) reached++;
      }
      assert.ok(reached > 0, "some national task's trace reaches a county task");
      // Every provincial-level office gets the national measures addressed to 各地区.
      const offices = await store.db
        .selectFrom("assignments")
        .select("org_id")
        .distinct()
        .where("plan_id", "=", national)
        .where("via", "=", "各地区")
        .execute();
      assert.equal(offices.length, 31);
    });
  });
}

const testUrl = process.env.LUOSHI_TEST_DATABASE_URL;
if (testUrl)
  test("three servers starting on one empty PostgreSQL database load the demo once; the others wait", async () => {
    const postgres = storeKinds().find((k) => k.name === "postgres");
    assert.ok(postgres);
    const first = await postgres.open();
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(first.db)).rows[0]?.name;
    const url = new URL(testUrl);
    url.pathname = `/${name}`;
    const others = [await openStore({ url: url.toString() }), await openStore({ url: url.toString() })];
    try {
      const results = await Promise.allSettled([first, ...others].map((s) => loadDemoIfEmpty(s, "2026-11-23")));
      assert.deepEqual(
        results.filter((r) => r.status === "rejected").map((r) => String(r.reason)),
        [],
      );
      const loaded = results.map((r) => (r.status === "fulfilled" && r.value ? r.value.length : 0));
      assert.deepEqual(
        loaded.filter((n) => n > 0),
        [7],
        "exactly one loaded the demo",
      );
      const plans = await first.db.selectFrom("plans").select("id").execute();
      assert.equal(plans.length, 5);
    } finally {
      for (const s of others) await s.close();
      await first.close();
    }
  });

const periodLabels = (cadence: "monthly" | "quarterly", from: string, to: string) =>
  from && to ? periodsBetween(cadence, from, to).map((p) => p.label) : [];
