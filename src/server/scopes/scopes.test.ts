// Selective scopes (issue 10): a measure addressed to 有关地区 or 各有关市 is assigned to nobody at import
// (unless the office chooses members there); the preview lists its candidates; the office chooses members
// later or opens a 领办 window in which candidates opt in; after the window nobody more may. On both
// databases (test/support/stores.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { type Agent, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// A test plan of its own: one measure to 有关地区 (by its text), one to 各有关市 (a printed unit name with no
// group defined), one to 各市 (everyone).
const PLAN = [
  "2025年全省知识产权运用工作要点（测试范围）",
  "",
  "任务清单\t落实举措\t责任单位\t完成时间",
  "一、促进知识产权运用\t\t\t",
  "1. 建设运营中心\t有条件的地区要建设知识产权运营中心。\t\t2025年12月底前",
  "2. 开展专利导航\t开展专利导航服务。\t各有关市\t2025年11月底前",
  "3. 开展质押融资\t开展知识产权质押融资。\t各市市场监督管理局\t2025年10月底前",
  "",
].join("\n");

type Scope = {
  id: number;
  measureId: number;
  via: string;
  state: string;
  version: number;
  candidates: { orgId: number; holds: boolean }[];
  takers: { orgId: number; optedIn: boolean }[];
  canDecide: boolean;
  canOptIn: boolean;
};
type Selective = { taskIndex: number; measureIndex: number; via: string; candidates: { orgId: number }[] };

for (const kind of storeKinds()) {
  describe(`selective scopes on ${kind.name}`, () => {
    let env: TestEnv;
    const agents: Record<string, Agent> = {};
    const ids = { province: 0, taian: 0, jinan: 0, cities: [] as number[] };
    const as = (who: string) => agents[who] as Agent;
    const body = (extra: object = {}) => ({
      fileName: "范围.txt",
      contentBase64: Buffer.from(PLAN).toString("base64"),
      orgId: ids.province,
      ...extra,
    });
    const assignedOrgs = async (planId: number, text: string) =>
      (
        await env.store.db
          .selectFrom("assignments as a")
          .innerJoin("measures as m", "m.id", "a.measure_id")
          .select("a.org_id")
          .where("a.plan_id", "=", planId)
          .where("m.text", "like", `${text}%`)
          .orderBy("a.org_id")
          .execute()
      ).map((r) => r.org_id);
    const scopes = async (planId: number, who = "province") => {
      const res = await as(who).request("GET", `/api/plans/${planId}/scopes`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { items: Scope[] }).items;
    };
    let seq = 0;
    const importFresh = async (extra: object = {}) => {
      // Each import is its own plan (another title), so no test reads another's.
      seq++;
      const text = PLAN.replace("（测试范围）", `（测试范围${seq}）`);
      const res = await as("province").request("POST", "/api/plans/import", {
        ...body(extra),
        contentBase64: Buffer.from(text).toString("base64"),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { planId: number; counts: { assignments: number; selectivePending: number } };
    };

    before(async () => {
      env = await testEnvOn(await kind.open());
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const org = async (prefix: string) =>
        (
          await db
            .selectFrom("orgs")
            .select("id")
            .where("name", "like", `${prefix}%`)
            .orderBy("id")
            .executeTakeFirstOrThrow()
        ).id;
      ids.province = await org("山东省市场监督管理局");
      ids.taian = await org("泰安市市场监督管理局");
      ids.jinan = await org("济南市市场监督管理局");
      ids.cities = (
        await db
          .selectFrom("orgs")
          .select("id")
          .where("parent_id", "=", ids.province)
          .where("is_region_office", "=", true)
          .execute()
      ).map((o) => o.id);
      await insertUser(env.store, "province", "plan_office", ids.province);
      await insertUser(env.store, "taian", "reporter", ids.taian);
      await insertUser(env.store, "jinan", "reporter", ids.jinan);
      await insertUser(env.store, "taian_viewer", "viewer", ids.taian);
      for (const name of ["province", "taian", "jinan", "taian_viewer"]) agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env?.close();
    });

    test("the preview marks selective measures with their candidates; 各市 still goes to every city", async () => {
      const res = await as("province").request("POST", "/api/plans/preview", body());
      assert.equal(res.statusCode, 200, res.body);
      const { selective, assignments } = res.json() as {
        selective: (Selective & { decision: { kind: string } })[];
        assignments: { measureIndex: number; taskIndex: number; orgId: number }[];
      };
      assert.deepEqual(
        selective.map((s) => [s.taskIndex, s.via, s.decision.kind]),
        [
          [0, "有关地区", "pending"],
          [1, "各有关市", "pending"],
        ],
      );
      for (const s of selective)
        assert.deepEqual(
          s.candidates.map((c) => c.orgId).sort((a, b) => a - b),
          [...ids.cities].sort((a, b) => a - b),
        );
      assert.equal(assignments.filter((a) => a.taskIndex === 0 || a.taskIndex === 1).length, 0);
      assert.equal(assignments.filter((a) => a.taskIndex === 2).length, ids.cities.length);
    });

    test("nothing is assigned silently; choices at import assign exactly the chosen; a stranger is 400", async () => {
      const plain = await importFresh();
      assert.equal(plain.counts.selectivePending, 2);
      assert.deepEqual(await assignedOrgs(plain.planId, "有条件的地区"), []);
      assert.deepEqual(await assignedOrgs(plain.planId, "开展专利导航"), []);
      const listed = await scopes(plain.planId);
      assert.deepEqual(
        listed.map((s) => [s.via, s.state, s.canDecide]),
        [
          ["有关地区", "pending", true],
          ["各有关市", "pending", true],
        ],
      );

      const chosen = await importFresh({
        scopes: [
          { via: "有关地区", orgIds: [ids.taian, ids.jinan] },
          { via: "各有关市", taskIndex: 1, measureIndex: 0, optInUntil: "2025-03-10" },
        ],
      });
      assert.equal(chosen.counts.selectivePending, 1);
      assert.deepEqual(
        await assignedOrgs(chosen.planId, "有条件的地区"),
        [ids.taian, ids.jinan].sort((a, b) => a - b),
      );
      const [regions, cities] = await scopes(chosen.planId);
      assert.equal(regions?.state, "decided");
      assert.equal(cities?.state, "opt_in");

      const bad = await as("province").request(
        "POST",
        "/api/plans/import",
        body({ scopes: [{ via: "有关地区", orgIds: [ids.province] }] }),
      );
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /scopes\[0\]\.orgIds/);
    });

    test("the office chooses later; only the office may; members get the work to acknowledge", async () => {
      const { planId } = await importFresh();
      const [regions] = await scopes(planId);
      assert.ok(regions);
      const denied = await as("taian").request("POST", `/api/scopes/${regions.id}/decide`, { orgIds: [ids.taian] });
      assert.equal(denied.statusCode, 403, denied.body);
      const stranger = await as("province").request("POST", `/api/scopes/${regions.id}/decide`, {
        orgIds: [ids.province],
      });
      assert.equal(stranger.statusCode, 400, stranger.body);
      const stale = await as("province").request("POST", `/api/scopes/${regions.id}/decide`, {
        orgIds: [ids.taian],
        expectedVersion: regions.version + 5,
      });
      assert.equal(stale.statusCode, 409, stale.body);
      const ok = await as("province").request("POST", `/api/scopes/${regions.id}/decide`, {
        orgIds: [ids.taian],
        expectedVersion: regions.version,
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const decided = ok.json() as Scope;
      assert.equal(decided.state, "decided");
      assert.deepEqual(
        decided.takers.map((t) => [t.orgId, t.optedIn]),
        [[ids.taian, false]],
      );
      assert.deepEqual(await assignedOrgs(planId, "有条件的地区"), [ids.taian]);
      const again = await as("province").request("POST", `/api/scopes/${regions.id}/decide`, { orgIds: [ids.jinan] });
      assert.equal(again.statusCode, 409, again.body);
      const audit = await env.store.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "selective_scope")
        .where("entity_id", "=", String(regions.id))
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ["scope.decide"],
      );
      const queue = await as("taian").request("GET", "/api/loop/queue");
      assert.equal(queue.statusCode, 200, queue.body);
      assert.match(queue.body, /unacknowledged|有条件的地区/);
    });

    test("领办: candidates see the offer and opt in before the date; after it nobody more may", async () => {
      const { planId } = await importFresh();
      const [, cities] = await scopes(planId);
      assert.ok(cities);
      assert.equal(
        (await as("taian").request("POST", `/api/scopes/${cities.id}/opt-in`)).statusCode,
        409,
        "no window yet",
      );
      const denied = await as("taian").request("POST", `/api/scopes/${cities.id}/opt-in-window`, {
        until: "2025-03-05",
      });
      assert.equal(denied.statusCode, 403, denied.body);
      const past = await as("province").request("POST", `/api/scopes/${cities.id}/opt-in-window`, {
        until: "2025-02-01",
      });
      assert.equal(past.statusCode, 400, past.body);
      const opened = await as("province").request("POST", `/api/scopes/${cities.id}/opt-in-window`, {
        until: "2025-03-05",
      });
      assert.equal(opened.statusCode, 200, opened.body);
      assert.equal((opened.json() as Scope).state, "opt_in");

      const offers = await as("taian").request("GET", "/api/scopes/offers");
      const offered = (offers.json() as { items: Scope[] }).items.find((s) => s.id === cities.id);
      assert.equal(offered?.canOptIn, true);
      const viewer = await as("taian_viewer").request("POST", `/api/scopes/${cities.id}/opt-in`);
      assert.equal(viewer.statusCode, 403, viewer.body);
      const took = await as("taian").request("POST", `/api/scopes/${cities.id}/opt-in`);
      assert.equal(took.statusCode, 201, took.body);
      const { assignmentId } = took.json() as { assignmentId: number };
      const twice = await as("taian").request("POST", `/api/scopes/${cities.id}/opt-in`);
      assert.equal(twice.statusCode, 409, twice.body);
      assert.deepEqual(await assignedOrgs(planId, "开展专利导航"), [ids.taian]);
      const row = await env.store.db
        .selectFrom("assignments")
        .select(["via", "acknowledged_at"])
        .where("id", "=", assignmentId)
        .executeTakeFirstOrThrow();
      assert.equal(row.via, "各有关市");
      assert.ok(row.acknowledged_at, "opting in acknowledges the work");

      // The window ends: Jinan is too late; the office sees who took it and closes it.
      env.clock.advance(6 * 86_400_000);
      for (const name of ["province", "jinan"]) agents[name] = await signIn(env.app, name);
      const late = await as("jinan").request("POST", `/api/scopes/${cities.id}/opt-in`);
      assert.equal(late.statusCode, 409, late.body);
      const [, closed] = await scopes(planId);
      assert.equal(closed?.state, "opt_in_closed");
      assert.deepEqual(
        closed?.takers.map((t) => [t.orgId, t.optedIn]),
        [[ids.taian, true]],
      );
      const pending = await as("province").request("GET", `/api/scopes/pending?plan=${planId}`);
      assert.equal((pending.json() as { items: Scope[] }).items.length, 2);
      const done = await as("province").request("POST", `/api/scopes/${cities.id}/decide`, { orgIds: [] });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(await assignedOrgs(planId, "开展专利导航"), [ids.taian]);
    });
  });
}
