// Decomposition (issue 10): a city holding a provincial measure breaks it down to its counties, a county
// to its divisions (depth 3: province → city → county → county division); due dates never later than the
// parent's; only to units under the holder; only the holder (or a plan office above) may. The city sees
// its children's reports and drafts a consolidated report from them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`decompose over HTTP on ${kind.name}`, () => {
    const PLAN = [
      "2025年全省知识产权保护工作要点（测试分解）",
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、强化知识产权保护\t\t\t",
      "1. 加强行政保护\t开展知识产权保护专项行动。\t各市市场监督管理局\t2025年12月底前",
      "",
    ].join("\n");

    type Child = { id: number; orgId: number; orgName: string; dueOn: string | null; latestStatus: string | null };

    let env: TestEnv;
    const agents: Record<string, Agent> = {};
    const ids = { taian: 0, jinan: 0, measure: 0, cityAssignment: 0, countyA: 0, countyB: 0, division: 0 };

    const orgNamed = (name: string) => orgIdByName(env.store, name);

    before(async () => {
      env = await testEnvOn(kind);
      await loadReferenceDirectory(env.store.db);
      const province = await orgNamed("山东省市场监督管理局");
      ids.taian = await orgNamed("泰安市市场监督管理局");
      ids.jinan = await orgNamed("济南市市场监督管理局");
      const counties = await env.store.db
        .selectFrom("orgs")
        .select("id")
        .where("parent_id", "=", ids.taian)
        .where("is_region_office", "=", true)
        .orderBy("id")
        .limit(1)
        .execute();
      ids.countyA = counties[0]?.id ?? 0;
      // The reference directory holds one county under 泰安; the test adds another.
      ids.countyB = await insertOrg(env.store, "测试县市场监督管理局", ids.taian, "county");
      const division = await env.store.db
        .selectFrom("orgs")
        .select("id")
        .where("parent_id", "=", ids.countyA)
        .orderBy("id")
        .executeTakeFirst();
      ids.division = division?.id ?? 0;
      const provinceUser = await insertUser(env.store, "province", "plan_office", province);
      await insertUser(env.store, "taian", "reporter", ids.taian);
      await insertUser(env.store, "taian_viewer", "viewer", ids.taian);
      await insertUser(env.store, "jinan", "reporter", ids.jinan);
      await insertUser(env.store, "county", "reporter", ids.countyA);
      const { planId } = await importPlan(env.store, {
        bytes: Buffer.from(PLAN),
        fileName: "要点.txt",
        orgId: province,
        userId: provinceUser,
      });
      const measure = await env.store.db
        .selectFrom("measures")
        .select("id")
        .where("plan_id", "=", planId)
        .executeTakeFirstOrThrow();
      ids.measure = measure.id;
      const city = await env.store.db
        .selectFrom("assignments")
        .select(["id", "due_on"])
        .where("measure_id", "=", measure.id)
        .where("org_id", "=", ids.taian)
        .executeTakeFirstOrThrow();
      ids.cityAssignment = city.id;
      for (const name of ["province", "taian", "taian_viewer", "jinan", "county"])
        agents[name] = await signIn(env.app, name);
    });

    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const as = (who: string) => agents[who] as Agent;

    describe("decomposing an assignment", () => {
      test("two counties under 泰安 and a division under the first", () => {
        assert.ok(ids.countyA > 0 && ids.countyB > 0 && ids.division > 0);
      });

      test("a due date later than the parent's is refused (400, bilingual, naming the field); nothing is written", async () => {
        const res = await as("taian").request("POST", `/api/assignments/${ids.cityAssignment}/decompose`, {
          children: [
            { orgId: ids.countyA, role: "lead", dueOn: "2025-10-31" },
            { orgId: ids.countyB, role: "support", dueOn: "2026-01-31" },
          ],
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.body, /截止日期不能晚于/);
        assert.match(res.body, /not be later than the parent/);
        assert.match(res.body, /children\[1\]\.dueOn/);
        const n = await env.store.db
          .selectFrom("assignments")
          .select("id")
          .where("parent_assignment_id", "=", ids.cityAssignment)
          .execute();
        assert.equal(n.length, 0);
      });

      test("only to units under the holder: another city is refused", async () => {
        const res = await as("taian").request("POST", `/api/assignments/${ids.cityAssignment}/decompose`, {
          children: [{ orgId: ids.jinan, role: "lead" }],
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.body, /只能分解给本单位下属的单位/);
      });

      test("only the holder: another city's reporter gets 404, the city's viewer 403", async () => {
        const body = { children: [{ orgId: ids.countyA, role: "lead" }] };
        assert.equal(
          (await as("jinan").request("POST", `/api/assignments/${ids.cityAssignment}/decompose`, body)).statusCode,
          404,
        );
        assert.equal(
          (await as("taian_viewer").request("POST", `/api/assignments/${ids.cityAssignment}/decompose`, body))
            .statusCode,
          403,
        );
      });

      test("the city decomposes to two counties; children inherit the parent's due date when none is given", async () => {
        const res = await as("taian").request("POST", `/api/assignments/${ids.cityAssignment}/decompose`, {
          children: [
            { orgId: ids.countyA, role: "lead", dueOn: "2025-10-31", instruction: "牵头组织专项行动" },
            { orgId: ids.countyB, role: "support" },
          ],
        });
        assert.equal(res.statusCode, 201, res.body);
        const { children } = res.json() as { children: Child[] };
        assert.deepEqual(
          children.map((c) => [c.orgId, c.dueOn]),
          [
            [ids.countyA, "2025-10-31"],
            [ids.countyB, "2025-12-31"],
          ],
        );
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select("action")
          .where("entity", "=", "assignment")
          .where("entity_id", "=", String(ids.cityAssignment))
          .execute();
        assert.ok(audit.some((a) => a.action === "assignment.decompose"));
      });

      test("a unit already holding the measure cannot get it again (409)", async () => {
        const res = await as("taian").request("POST", `/api/assignments/${ids.cityAssignment}/decompose`, {
          children: [{ orgId: ids.countyA, role: "support" }],
        });
        assert.equal(res.statusCode, 409, res.body);
      });

      test("depth 3: the county decomposes to its division, within its own due date", async () => {
        const child = await env.store.db
          .selectFrom("assignments")
          .select("id")
          .where("parent_assignment_id", "=", ids.cityAssignment)
          .where("org_id", "=", ids.countyA)
          .executeTakeFirstOrThrow();
        const late = await as("county").request("POST", `/api/assignments/${child.id}/decompose`, {
          children: [{ orgId: ids.division, role: "lead", dueOn: "2025-11-30" }],
        });
        assert.equal(late.statusCode, 400, late.body);
        const res = await as("county").request("POST", `/api/assignments/${child.id}/decompose`, {
          children: [{ orgId: ids.division, role: "lead", dueOn: "2025-09-30" }],
        });
        assert.equal(res.statusCode, 201, res.body);
        // The county cannot decompose its sibling's assignment.
        const sibling = await env.store.db
          .selectFrom("assignments")
          .select("id")
          .where("parent_assignment_id", "=", ids.cityAssignment)
          .where("org_id", "=", ids.countyB)
          .executeTakeFirstOrThrow();
        const other = await as("county").request("POST", `/api/assignments/${sibling.id}/decompose`, {
          children: [{ orgId: ids.division, role: "lead" }],
        });
        assert.equal(other.statusCode, 404, other.body);
      });

      test("a county reports; the city sees it beside its children and drafts a consolidated report from it", async () => {
        const child = await env.store.db
          .selectFrom("assignments")
          .select("id")
          .where("parent_assignment_id", "=", ids.cityAssignment)
          .where("org_id", "=", ids.countyA)
          .executeTakeFirstOrThrow();
        const filed = await as("county").request("POST", `/api/assignments/${child.id}/reports`, {
          period: "2025-Q2",
          status: "in_progress",
          narrative: "已开展专项检查三次。",
        });
        assert.equal(filed.statusCode, 200, filed.body);
        const list = await as("taian").request("GET", `/api/assignments/${ids.cityAssignment}/children`);
        assert.equal(list.statusCode, 200, list.body);
        const { children } = list.json() as { children: (Child & { childCount: number })[] };
        const a = children.find((c) => c.orgId === ids.countyA);
        assert.equal(a?.latestStatus, "in_progress");
        assert.equal(a?.childCount, 1);
        const draft = await as("taian").request("GET", `/api/assignments/${ids.cityAssignment}/consolidated-draft`);
        assert.equal(draft.statusCode, 200, draft.body);
        const { narrative } = draft.json() as { narrative: string };
        assert.match(narrative, new RegExp(`【${a?.orgName}】（2025-Q2）已开展专项检查三次。`));
        assert.match(narrative, /尚未报送进展/);
        const sent = await as("taian").request("POST", `/api/assignments/${ids.cityAssignment}/reports`, {
          period: "2025-Q2",
          status: "in_progress",
          narrative: `${narrative}\n（市局汇总）`,
        });
        assert.equal(sent.statusCode, 200, sent.body);
        // Another city's reporter sees none of it.
        assert.equal(
          (await as("jinan").request("GET", `/api/assignments/${ids.cityAssignment}/children`)).statusCode,
          404,
        );
      });
    });
  });
}
