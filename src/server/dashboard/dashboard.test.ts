import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { addHistory, type Branches, setUpBranches } from "../../../test/support/two-branches.ts";
import { type Agent, closeTemplate, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The small two-city plan of test/support/two-branches.ts on the test clock's day, 2025-03-01 (quarterly
// reports: the first report falls due 2025-04-05, so nothing is "report missing" yet). By hand:
//   m1 济南  done (reported done 02-05)        m4 济南  not_started (nothing reported, due 06-30)
//   m2 泰安  overdue (due 02-28, in progress)  m4 泰安  on_track (in progress)
//   m3 济南  done (signed off 02-25)           m5 泰安  not_started (全年, nothing reported)
//   m3 泰安  done (the measure is signed off)  m6 泰山区 due_soon (due 03-10, 9 days away)
for (const kind of storeKinds()) {
  describe(`dashboard over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let b: Branches;
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      b = await setUpBranches(env.store);
      await addHistory(env.store, b);
      for (const name of ["admin", "province_office", "viewer_jinan", "viewer_taian", "reporter_taian", "office_jinan"])
        agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    type Query = Record<string, string | number | boolean>;
    const qs = (q: Query) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
    const get = async (agent: Agent, url: string) => {
      const res = await agent.request("GET", url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };
    /** The assignment ids a bucket's query lists, as keys like "m3:taian". */
    const listed = async (agent: Agent, query: Query) => {
      const names = new Map(Object.entries(b.assignments).map(([k, v]) => [v, k]));
      const page = await get(agent, `/api/assignments?${qs({ ...query, limit: 200 })}`);
      return (page.items as { id: number }[]).map((a) => names.get(a.id)).sort();
    };
    const counts = (summary: { byStatus: { status: string; count: number }[] }) =>
      Object.fromEntries(summary.byStatus.map((s) => [s.status, s.count]));

    describe("GET /api/dashboard/summary", () => {
      test("the province sees the hand-computed numbers, each bucket listing exactly its assignments", async () => {
        const office = as("province_office");
        const s = await get(office, `/api/dashboard/summary?planId=${b.planId}`);
        assert.equal(s.asOf, "2025-03-01");
        assert.deepEqual([s.total, s.done, s.overdue], [8, 3, 1]);
        assert.deepEqual(counts(s), {
          overdue: 1,
          report_missing: 0,
          unfinished: 0,
          due_soon: 1,
          not_started: 2,
          on_track: 1,
          done: 3,
        });
        const colours = Object.fromEntries(
          s.byStatus.map((x: { status: string; colour: string }) => [x.status, x.colour]),
        );
        assert.deepEqual(colours, {
          unfinished: "red",
          overdue: "red",
          report_missing: "yellow",
          due_soon: "yellow",
          not_started: "grey",
          on_track: "green",
          done: "green",
        });
        const notStarted = s.byStatus.find((x: { status: string }) => x.status === "not_started");
        assert.deepEqual(notStarted.query, { plan: b.planId, status: "not_started" });
        assert.deepEqual(await listed(office, notStarted.query), ["m4:jinan", "m5:taian"]);

        // Most overdue first, then the lowest completion: 泰安 (1 overdue), 泰山区 (0 of 1), 济南 (2 of 3).
        const byOrg = s.byOrg.map((o: { orgId: number; done: number; total: number; overdue: number }) => [
          o.orgId,
          o.done,
          o.total,
          o.overdue,
        ]);
        assert.deepEqual(byOrg, [
          [b.orgs.taian, 1, 4, 1],
          [b.orgs.taishan, 0, 1, 0],
          [b.orgs.jinan, 2, 3, 0],
        ]);
        assert.equal(s.byOrg[2].completionRate, 2 / 3);
        assert.deepEqual(await listed(office, s.byOrg[0].query), ["m2:taian", "m3:taian", "m4:taian", "m5:taian"]);

        type SectionItem = {
          section: string;
          sectionTitle: string | null;
          done: number;
          total: number;
          overdue: number;
        };
        const bySection = s.bySection.map((x: SectionItem) => [x.section, x.sectionTitle, x.done, x.total, x.overdue]);
        assert.deepEqual(bySection, [
          ["一", "强化知识产权保护", 3, 4, 1],
          ["二", "促进知识产权运用", 0, 4, 0],
        ]);
        assert.deepEqual(s.bySection[1].query, { plan: b.planId, section: "二" });
        assert.deepEqual(await listed(office, s.bySection[1].query), [
          "m4:jinan",
          "m4:taian",
          "m5:taian",
          "m6:taishan",
        ]);

        assert.equal(s.escalatedNotices.open, 1);
        const notices = await get(office, `/api/notices?${qs(s.escalatedNotices.query)}`);
        assert.equal(notices.total, 1);
        assert.equal(notices.items[0].orgId, b.orgs.taian);
      });

      test("a viewer of one city sees only that city's numbers", async () => {
        const jinan = await get(as("viewer_jinan"), "/api/dashboard/summary");
        assert.deepEqual([jinan.total, jinan.done, jinan.overdue], [3, 2, 0]);
        assert.deepEqual(
          jinan.byOrg.map((o: { orgId: number }) => o.orgId),
          [b.orgs.jinan],
        );
        assert.deepEqual(
          jinan.bySection.map((x: { section: string; total: number }) => [x.section, x.total]),
          [
            ["一", 2],
            ["二", 1],
          ],
        );
        assert.equal(jinan.escalatedNotices.open, 0, "the escalated notice went to 泰安");

        // 泰安's subtree holds 泰山区.
        const taian = await get(as("viewer_taian"), "/api/dashboard/summary");
        assert.deepEqual([taian.total, taian.done, taian.overdue], [5, 1, 1]);
        assert.deepEqual(counts(taian), {
          overdue: 1,
          report_missing: 0,
          unfinished: 0,
          due_soon: 1,
          not_started: 1,
          on_track: 1,
          done: 1,
        });
        assert.equal(taian.escalatedNotices.open, 1);
        // The reporter sees its own org only, not the county below it.
        const reporter = await get(as("reporter_taian"), "/api/dashboard/summary");
        assert.equal(reporter.total, 4);
      });

      test("?orgId= narrows to that org's subtree and drills down with under=", async () => {
        const office = as("province_office");
        const s = await get(office, `/api/dashboard/summary?orgId=${b.orgs.taian}`);
        assert.equal(s.total, 5);
        const dueSoon = s.byStatus.find((x: { status: string }) => x.status === "due_soon");
        assert.deepEqual(dueSoon.query, { under: b.orgs.taian, status: "due_soon" });
        assert.deepEqual(await listed(office, dueSoon.query), ["m6:taishan"]);
        assert.deepEqual(s.escalatedNotices.query, { open: true, escalated: true, under: b.orgs.taian });
        assert.equal((await get(office, `/api/notices?${qs(s.escalatedNotices.query)}`)).total, 1);
      });

      test("an org or plan outside the caller's scope is 404; bad ids are 400 naming the field", async () => {
        const viewer = as("viewer_jinan");
        const foreign = await viewer.request("GET", `/api/dashboard/summary?orgId=${b.orgs.taian}`);
        assert.equal(foreign.statusCode, 404, foreign.body);
        const noPlan = await viewer.request("GET", "/api/dashboard/summary?planId=99999");
        assert.equal(noPlan.statusCode, 404);
        const bad = await viewer.request("GET", "/api/dashboard/summary?orgId=abc");
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().errors[0].path, "query.orgId");
      });
    });

    describe("GET /api/dashboard/overdue-trend", () => {
      test("monthly: each point judged by what was reported and signed off by then", async () => {
        const office = as("province_office");
        const t = await get(
          office,
          `/api/dashboard/overdue-trend?planId=${b.planId}&from=2025-01-01&to=2025-03-01&step=month`,
        );
        const points = t.points.map((p: { date: string; overdue: number; done: number; total: number }) => [
          p.date,
          p.overdue,
          p.done,
          p.total,
        ]);
        // 01-01 nothing is due yet; 02-01 m1 is a day late and its done report is four days away;
        // 03-01 m2 is late, m1 reported done and m3 signed off (both of its assignments).
        assert.deepEqual(points, [
          ["2025-01-01", 0, 0, 8],
          ["2025-02-01", 1, 0, 8],
          ["2025-03-01", 1, 3, 8],
        ]);
        const feb = t.points[1];
        assert.deepEqual(feb.queries.overdue, { plan: b.planId, status: "overdue", asOf: "2025-02-01" });
        assert.deepEqual(await listed(office, feb.queries.overdue), ["m1:jinan"]);
        assert.deepEqual(await listed(office, t.points[2].queries.done), ["m1:jinan", "m3:jinan", "m3:taian"]);
      });

      test("weekly, and for one city only", async () => {
        const url = `/api/dashboard/overdue-trend?from=2025-02-01&to=2025-03-01&step=week`;
        const all = await get(as("province_office"), `${url}&planId=${b.planId}`);
        assert.deepEqual(
          all.points.map((p: { date: string; overdue: number; done: number }) => [p.date, p.overdue, p.done]),
          [
            ["2025-02-01", 1, 0],
            ["2025-02-08", 0, 1],
            ["2025-02-15", 0, 1],
            ["2025-02-22", 0, 1],
            ["2025-03-01", 1, 3],
          ],
        );
        const taian = await get(as("viewer_taian"), url);
        assert.deepEqual(
          taian.points.map((p: { overdue: number; done: number; total: number }) => [p.overdue, p.done, p.total]),
          [
            [0, 0, 5],
            [0, 0, 5],
            [0, 0, 5],
            [0, 0, 5],
            [1, 1, 5],
          ],
        );
      });

      test("the default end is today; a reversed or too long range is a 400 naming the field", async () => {
        const office = as("province_office");
        const t = await get(office, "/api/dashboard/overdue-trend?from=2025-02-15");
        assert.deepEqual(
          t.points.map((p: { date: string }) => p.date),
          ["2025-02-15", "2025-02-22", "2025-03-01"],
        );
        const reversed = await office.request("GET", "/api/dashboard/overdue-trend?from=2025-03-01&to=2025-02-01");
        assert.equal(reversed.statusCode, 400);
        assert.equal(reversed.json().errors[0].path, "query.to");
        const long = await office.request("GET", "/api/dashboard/overdue-trend?from=2000-01-01&to=2025-01-01");
        assert.equal(long.statusCode, 400);
        assert.equal(long.json().errors[0].path, "query.step");
        const noDay = await office.request("GET", "/api/dashboard/overdue-trend?from=2025-02-30");
        assert.equal(noDay.statusCode, 400);
        assert.equal(noDay.json().errors[0].path, "query.from");
        const missing = await office.request("GET", "/api/dashboard/overdue-trend");
        assert.equal(missing.statusCode, 400);
        assert.equal(missing.json().errors[0].path, "query.from");
      });
    });

    describe("GET /api/calendar", () => {
      test("deadlines per day with the worst status and the items; the day's query lists them", async () => {
        const office = as("province_office");
        const c = await get(office, "/api/calendar?from=2025-01-01&to=2025-12-31");
        assert.deepEqual(
          c.days.map((d: { date: string; count: number; worst: string }) => [d.date, d.count, d.worst]),
          [
            ["2025-01-31", 1, "done"],
            ["2025-02-28", 1, "overdue"],
            ["2025-03-10", 3, "due_soon"],
            ["2025-06-30", 2, "not_started"],
            ["2025-12-31", 1, "not_started"],
          ],
        );
        const march10 = c.days[2];
        assert.equal(march10.colour, "yellow");
        assert.deepEqual(march10.counts, {
          overdue: 0,
          report_missing: 0,
          unfinished: 0,
          due_soon: 1,
          not_started: 0,
          on_track: 0,
          done: 2,
        });
        assert.equal(march10.items[0].orgId, b.orgs.taishan, "worst first");
        assert.deepEqual(march10.query, { dueFrom: "2025-03-10", dueTo: "2025-03-10" });
        assert.deepEqual(await listed(office, march10.query), ["m3:jinan", "m3:taian", "m6:taishan"]);
      });

      test("a city viewer sees its own deadlines only", async () => {
        const c = await get(as("viewer_jinan"), "/api/calendar?from=2025-03-01&to=2025-03-31");
        assert.deepEqual(
          c.days.map((d: { date: string; count: number; worst: string }) => [d.date, d.count, d.worst]),
          [["2025-03-10", 1, "done"]],
        );
        assert.ok(c.days[0].items.every((i: { orgId: number }) => i.orgId === b.orgs.jinan));
        const foreign = await as("viewer_jinan").request(
          "GET",
          `/api/calendar?from=2025-03-01&to=2025-03-31&orgId=${b.orgs.taian}`,
        );
        assert.equal(foreign.statusCode, 404);
      });

      test("from and to are required, in order and at most a year apart", async () => {
        const office = as("province_office");
        const none = await office.request("GET", "/api/calendar");
        assert.equal(none.statusCode, 400);
        assert.deepEqual(
          none.json().errors.map((e: { path: string }) => e.path),
          ["query.from", "query.to"],
        );
        const long = await office.request("GET", "/api/calendar?from=2025-01-01&to=2026-06-30");
        assert.equal(long.statusCode, 400);
        assert.equal(long.json().errors[0].path, "query.to");
      });
    });
  });
}
