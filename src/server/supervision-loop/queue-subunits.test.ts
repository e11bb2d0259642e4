// The loop queue and the measure's loop for the unit above a sub-assignment (issue 10, reviewerOf): a city
// reporter that decomposed a provincial measure to its counties sees their reports to review, their
// extension requests and their closure applications, each with canDecide; another city's reporter and the
// county itself do not get them to decide. Clock: 2025-03-01 (testing.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

type Item = { assignmentId: number; canDecide: boolean };
type Queue = {
  toReview: (Item & { reportId: number })[];
  extensions: (Item & { extension: { id: number } })[];
  closures: (Item & { closure: string })[];
  unacknowledged: Item[];
  returned: Item[];
};

for (const kind of storeKinds()) {
  describe(`loop queue of the unit above a sub-assignment on ${kind.name}`, () => {
    const PLAN = [
      "2025年全省知识产权保护工作要点（测试下级审核）",
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、强化知识产权保护\t\t\t",
      "1. 加强行政保护\t开展知识产权保护专项行动。\t各市市场监督管理局\t2025年12月底前",
      "",
    ].join("\n");

    let env: TestEnv;
    const agents: Record<string, Agent> = {};
    const as = (who: string) => agents[who] as Agent;
    const ids = { measure: 0, city: 0, subA: 0, subB: 0, report: 0, extension: 0 };

    before(async () => {
      env = await testEnvOn(kind);
      await loadReferenceDirectory(env.store.db);
      const province = await orgIdByName(env.store, "山东省市场监督管理局");
      const taian = await orgIdByName(env.store, "泰安市市场监督管理局");
      const jinan = await orgIdByName(env.store, "济南市市场监督管理局");
      const county = await env.store.db
        .selectFrom("orgs")
        .select("id")
        .where("parent_id", "=", taian)
        .where("is_region_office", "=", true)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const countyB = await insertOrg(env.store, "测试下级审核县市场监督管理局", taian, "county");
      const provinceUser = await insertUser(env.store, "province", "plan_office", province);
      await insertUser(env.store, "taian", "reporter", taian);
      await insertUser(env.store, "jinan", "reporter", jinan);
      await insertUser(env.store, "county_a", "reporter", county.id);
      await insertUser(env.store, "county_b", "reporter", countyB);
      const { planId } = await importPlan(env.store, {
        bytes: Buffer.from(PLAN),
        fileName: "要点.txt",
        orgId: province,
        userId: provinceUser,
      });
      for (const name of ["province", "taian", "jinan", "county_a", "county_b"])
        agents[name] = await signIn(env.app, name);
      const city = await env.store.db
        .selectFrom("assignments")
        .select(["id", "measure_id"])
        .where("plan_id", "=", planId)
        .where("org_id", "=", taian)
        .executeTakeFirstOrThrow();
      ids.city = city.id;
      ids.measure = city.measure_id;
      const res = await as("taian").request("POST", `/api/assignments/${city.id}/decompose`, {
        children: [
          { orgId: county.id, role: "lead" },
          { orgId: countyB, role: "support" },
        ],
      });
      assert.equal(res.statusCode, 201, res.body);
      const children = res.json().children as { id: number; orgId: number }[];
      ids.subA = children.find((c) => c.orgId === county.id)?.id ?? 0;
      ids.subB = children.find((c) => c.orgId === countyB)?.id ?? 0;
      const filed = await as("county_a").request("POST", `/api/assignments/${ids.subA}/reports`, {
        period: "2025-Q1",
        status: "in_progress",
        narrative: "已开展专项检查。",
      });
      assert.equal(filed.statusCode, 200, filed.body);
      ids.report = filed.json().id;
      const ext = await as("county_b").request("POST", `/api/assignments/${ids.subB}/extensions`, {
        dueOn: "2026-01-31",
        reason: "需协调",
      });
      assert.equal(ext.statusCode < 300, true, ext.body);
      ids.extension = ext.json().id;
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const queueOf = async (who: string): Promise<Queue> => {
      const res = await as(who).request("GET", "/api/loop/queue");
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };

    test("the city's queue holds its county's report and the other county's extension, to decide", async () => {
      const q = await queueOf("taian");
      const report = q.toReview.find((r) => r.reportId === ids.report);
      assert.ok(report, "the county's report waits for the city");
      assert.equal(report.canDecide, true);
      assert.equal(report.assignmentId, ids.subA);
      const ext = q.extensions.find((e) => e.extension.id === ids.extension);
      assert.ok(ext, "the county's extension waits for the city");
      assert.equal(ext.canDecide, true);
      // Its own unit's work stays as it was: the sub-units' unacknowledged work is theirs, not the city's.
      assert.ok(!q.unacknowledged.some((i) => i.assignmentId === ids.subA || i.assignmentId === ids.subB));
    });

    test("another city's reporter and the county itself get none of it to decide", async () => {
      const jinan = await queueOf("jinan");
      assert.ok(!jinan.toReview.some((r) => r.reportId === ids.report));
      assert.ok(!jinan.extensions.some((e) => e.extension.id === ids.extension));
      const county = await queueOf("county_a");
      assert.ok(!county.toReview.some((r) => r.reportId === ids.report), "a unit does not review itself");
      const countyB = await queueOf("county_b");
      const own = countyB.extensions.find((e) => e.extension.id === ids.extension);
      assert.ok(own, "the county sees its own request waiting");
      assert.equal(own.canDecide, false);
    });

    test("the measure's loop lists the sub-assignments for the city with review allowed, not for another city", async () => {
      const res = await as("taian").request("GET", `/api/measures/${ids.measure}/loop`);
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as { assignmentId: number; can: { review: boolean } }[];
      const byId = new Map(items.map((i) => [i.assignmentId, i.can.review]));
      assert.equal(byId.get(ids.subA), true);
      assert.equal(byId.get(ids.subB), true);
      assert.equal(byId.get(ids.city), false, "the city does not review its own assignment");
      // The measure page names them and shows their reports (the panel's latest report with 通过/退回).
      const detail = (await as("taian").request("GET", `/api/measures/${ids.measure}`)).json();
      const sub = detail.assignments.find((a: { id: number }) => a.id === ids.subA);
      assert.ok(sub, "the measure lists the county's sub-assignment for the city");
      assert.ok(sub.reports.some((r: { id: number }) => r.id === ids.report));
      // 济南 holds the measure too (各市): it sees its own row, not 泰安's counties.
      const jinan = (await as("jinan").request("GET", `/api/measures/${ids.measure}/loop`)).json().items as Item[];
      assert.ok(!jinan.some((i) => i.assignmentId === ids.subA || i.assignmentId === ids.subB));
    });

    test("a county's closure application appears for the city to decide, and leaves once the city decides", async () => {
      // A report saying the work is done is the county's application for closure (申请办结).
      const latest = (await as("county_a").request("GET", `/api/assignments/${ids.subA}`)).json();
      const done = await as("county_a").request("POST", `/api/assignments/${ids.subA}/reports`, {
        period: "2025-Q1",
        status: "done",
        narrative: "专项行动已完成。",
        expectedVersion: latest.reports.at(-1)?.version,
      });
      assert.equal(done.statusCode, 200, done.body);
      const closure = (await queueOf("taian")).closures.find((c) => c.assignmentId === ids.subA);
      assert.ok(closure, "the county's application waits for the city");
      assert.equal(closure.closure, "applied");
      assert.equal(closure.canDecide, true);
      assert.ok(!(await queueOf("jinan")).closures.some((c) => c.assignmentId === ids.subA));
      const approved = await as("taian").request("POST", `/api/assignments/${ids.subA}/closure/approve`, {});
      assert.equal(approved.statusCode, 200, approved.body);
      assert.ok(!(await queueOf("taian")).closures.some((c) => c.assignmentId === ids.subA && c.canDecide));
    });
  });
}
