// Status roll-up (issue 10): a decomposed assignment shows, beside its own status, how its subtree stands —
// at risk when any sub-assignment at any depth is overdue, done when all are — on GET …/children and on the
// single-assignment detail. On both databases (test/support/stores.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { type Agent, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

const PLAN = [
  "2025年全省知识产权保护工作要点（测试汇总）",
  "",
  "任务清单\t落实举措\t责任单位\t完成时间",
  "一、强化知识产权保护\t\t\t",
  "1. 加强行政保护\t开展知识产权保护专项行动。\t各市市场监督管理局\t2025年12月底前",
  "",
].join("\n");

type Subtree = { children: number; total: number; overdue: number; done: number; status: string } | null;
type Child = { id: number; orgId: number; status: string | null; latestNarrative: string | null; subtree: Subtree };
type Children = { children: Child[]; subtree: Subtree };
type Detail = { id: number; status: string; subtree: Subtree };

for (const kind of storeKinds()) {
  describe(`subtree status roll-up on ${kind.name}`, () => {
    let env: TestEnv;
    const agents: Record<string, Agent> = {};
    const ids = { city: 0, countyA: 0, countyB: 0, division: 0, childA: 0, childB: 0, grandchild: 0 };
    const as = (who: string) => agents[who] as Agent;
    const children = async (id: number, who = "taian") => {
      const res = await as(who).request("GET", `/api/assignments/${id}/children`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Children;
    };
    const detail = async (id: number, who = "taian") => {
      const res = await as(who).request("GET", `/api/assignments/${id}`);
      assert.equal(res.statusCode, 200, `${who} ${id} ${res.body}`);
      return res.json() as Detail;
    };

    before(async () => {
      env = await testEnvOn(await kind.open());
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const org = (prefix: string) => orgIdByName(env.store, prefix);
      const province = await org("山东省市场监督管理局");
      const taian = await org("泰安市市场监督管理局");
      ids.countyA = await insertOrg(env.store, "汇总甲县市场监督管理局", taian, "county");
      ids.countyB = await insertOrg(env.store, "汇总乙县市场监督管理局", taian, "county");
      ids.division = await insertOrg(env.store, "汇总甲县知识产权股", ids.countyA, "division");
      const office = await insertUser(env.store, "office", "plan_office", province);
      await insertUser(env.store, "taian", "reporter", taian);
      await insertUser(env.store, "county_a", "reporter", ids.countyA);
      await insertUser(env.store, "county_b", "reporter", ids.countyB);
      await insertUser(env.store, "division", "reporter", ids.division);
      const { planId } = await importPlan(env.store, {
        bytes: Buffer.from(PLAN),
        fileName: "要点.txt",
        orgId: province,
        userId: office,
      });
      ids.city = (
        await db
          .selectFrom("assignments as a")
          .innerJoin("measures as m", "m.id", "a.measure_id")
          .select("a.id")
          .where("m.plan_id", "=", planId)
          .where("a.org_id", "=", taian)
          .executeTakeFirstOrThrow()
      ).id;
      for (const name of ["office", "taian", "county_a", "county_b", "division"])
        agents[name] = await signIn(env.app, name);
    });

    after(async () => {
      await env.close();
    });

    test("an assignment never decomposed has no subtree", async () => {
      assert.equal((await detail(ids.city)).subtree, null);
      assert.deepEqual(await children(ids.city), { children: [], subtree: null });
    });

    test("the form's choices: every unit under the holder, none outside, the parent's due date", async () => {
      const res = await as("taian").request("GET", `/api/assignments/${ids.city}/decompose-targets`);
      assert.equal(res.statusCode, 200, res.body);
      const targets = res.json() as { dueOn: string; orgs: { id: number; parentId: number; holds: boolean }[] };
      assert.equal(targets.dueOn, "2025-12-31");
      const chosen = targets.orgs.map((o) => o.id);
      for (const id of [ids.countyA, ids.countyB, ids.division]) assert.ok(chosen.includes(id));
      assert.equal(targets.orgs.find((o) => o.id === ids.division)?.parentId, ids.countyA);
      assert.ok(targets.orgs.every((o) => !o.holds));
      assert.equal(
        (await as("county_a").request("GET", `/api/assignments/${ids.city}/decompose-targets`)).statusCode,
        404,
      );
    });

    test("decomposed two levels deep, nothing late yet: on track, counted at every depth", async () => {
      const res = await as("taian").request("POST", `/api/assignments/${ids.city}/decompose`, {
        children: [
          { orgId: ids.countyA, role: "lead", dueOn: "2025-10-31" },
          { orgId: ids.countyB, role: "support", dueOn: "2025-10-31" },
        ],
      });
      assert.equal(res.statusCode, 201, res.body);
      const made = (res.json() as { children: Child[] }).children;
      ids.childA = made.find((c) => c.orgId === ids.countyA)?.id ?? 0;
      ids.childB = made.find((c) => c.orgId === ids.countyB)?.id ?? 0;
      const deeper = await as("county_a").request("POST", `/api/assignments/${ids.childA}/decompose`, {
        children: [{ orgId: ids.division, role: "lead", dueOn: "2025-06-30" }],
      });
      assert.equal(deeper.statusCode, 201, deeper.body);
      ids.grandchild = (deeper.json() as { children: Child[] }).children[0]?.id ?? 0;
      const list = await children(ids.city);
      assert.deepEqual(list.subtree, { children: 2, total: 3, overdue: 0, done: 0, status: "on_track" });
      const a = list.children.find((c) => c.id === ids.childA);
      assert.deepEqual(a?.subtree, { children: 1, total: 1, overdue: 0, done: 0, status: "on_track" });
      assert.equal(list.children.find((c) => c.id === ids.childB)?.subtree, null);
      assert.notEqual(a?.status, "overdue");
      assert.deepEqual((await detail(ids.city)).subtree, list.subtree);
    });

    test("a grandchild past its due date puts the city's and the county's subtree at risk, not their own status", async () => {
      env.clock.now = new Date("2025-07-15T08:00:00Z");
      // Sessions idle out over months: sign in again on the new day.
      for (const name of Object.keys(agents)) agents[name] = await signIn(env.app, name);
      const list = await children(ids.city);
      assert.deepEqual(list.subtree, { children: 2, total: 3, overdue: 1, done: 0, status: "at_risk" });
      const a = list.children.find((c) => c.id === ids.childA);
      assert.equal(a?.subtree?.status, "at_risk");
      assert.notEqual(a?.status, "overdue");
      const own = await detail(ids.city);
      assert.notEqual(own.status, "overdue");
      assert.equal(own.subtree?.status, "at_risk");
      // The county sees the same from its own detail; its sibling county's detail has no subtree.
      assert.equal((await detail(ids.childA, "county_a")).subtree?.overdue, 1);
      assert.equal((await detail(ids.childB, "county_b")).subtree, null);
      const grand = await children(ids.childA, "county_a");
      assert.equal(grand.children[0]?.status, "overdue");
      // The city follows its county's own decomposition; the sibling county does not.
      assert.deepEqual(await children(ids.childA, "taian"), grand);
      assert.equal((await as("county_b").request("GET", `/api/assignments/${ids.childA}/children`)).statusCode, 404);
    });

    test("the dashboard counts the city's assignment at risk because of its subtree, once, with its list", async () => {
      type Decomposed = {
        decomposed: number;
        atRisk: number;
        hiddenRisk: number;
        below: number;
        belowOverdue: number;
        items: { assignmentId: number; status: string; subtree: Subtree }[];
      };
      const read = async (who: string) => {
        const res = await as(who).request("GET", "/api/dashboard/decomposed");
        assert.equal(res.statusCode, 200, res.body);
        return res.json() as Decomposed;
      };
      // The province sees the city's subtree once (the county's own decomposition is inside it).
      const office = await read("office");
      assert.equal(office.decomposed, 1);
      assert.equal(office.atRisk, 1);
      assert.equal(office.hiddenRisk, 1, "the city's own status is not overdue; only its subtree is");
      assert.deepEqual([office.below, office.belowOverdue], [3, 1]);
      assert.equal(office.items[0]?.assignmentId, ids.city);
      assert.equal(office.items[0]?.subtree?.status, "at_risk");
      // The county sees its own decomposition as the top of its view; the sibling county sees none.
      const county = await read("county_a");
      assert.deepEqual(
        county.items.map((i) => [i.assignmentId, i.subtree?.overdue]),
        [[ids.childA, 1]],
      );
      assert.equal((await read("county_b")).decomposed, 0);
    });

    test("when every sub-assignment reports done the subtree is done", async () => {
      for (const [who, id] of [
        ["division", ids.grandchild],
        ["county_a", ids.childA],
        ["county_b", ids.childB],
      ] as const) {
        const res = await as(who).request("POST", `/api/assignments/${id}/reports`, {
          period: "2025-Q3",
          status: "done",
          narrative: "已完成。",
        });
        assert.equal(res.statusCode, 200, res.body);
      }
      // Issue 10: each done report applies for closure (申请办结); the unit above approves it, and only then is
      // it done (before, the report alone made it done).
      assert.equal((await children(ids.city)).subtree?.done, 0, "applied, not yet approved");
      for (const [who, id] of [
        ["county_a", ids.grandchild],
        ["taian", ids.childA],
        ["taian", ids.childB],
      ] as const) {
        const approved = await as(who).request("POST", `/api/assignments/${id}/closure/approve`, {});
        assert.equal(approved.statusCode, 200, approved.body);
      }
      const list = await children(ids.city);
      assert.deepEqual(list.subtree, { children: 2, total: 3, overdue: 0, done: 3, status: "done" });
      assert.deepEqual(
        list.children.map((c) => [c.status, c.latestNarrative]),
        [
          ["done", "已完成。"],
          ["done", "已完成。"],
        ],
      );
      assert.equal((await detail(ids.city)).subtree?.status, "done");
    });
  });
}
