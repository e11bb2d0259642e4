import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// Two unit names no org knows: 省海洋发展研究院 (lead, support and owner in three measures) and 省海洋研究所.
for (const kind of storeKinds()) {
  describe(`plans/unresolved over HTTP on ${kind.name}`, () => {
    const OCEAN = [
      "2025年海洋知识产权工作任务清单",
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、加强海洋知识产权保护\t\t\t",
      "1. 建立海洋知识产权保护机制\t制定海洋领域知识产权保护工作指引。\t省海洋发展研究院牵头，知识产权保护处、省海洋研究所配合\t6月底前",
      "\t开展海洋知识产权保护专项行动。\t知识产权保护处牵头，省海洋发展研究院配合\t全年",
      "2. 推动海洋知识产权运用\t建设海洋知识产权运营平台。\t省海洋发展研究院、知识产权运用促进处\t年底前",
      "\t推动各市开展海洋知识产权运营。\t各市市场监督管理局\t全年",
    ].join("\n");
    const LATER = [
      "2026年海洋知识产权工作要点",
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、深化海洋知识产权运用\t\t\t",
      "1. 培育海洋知识产权优势企业\t开展海洋知识产权优势企业培育。\t省海洋发展研究院\t年底前",
    ].join("\n");
    const file = (text: string) => Buffer.from(text).toString("base64");

    describe("reviewing unresolved unit names", () => {
      let env: TestEnv;
      let office: Agent;
      let cityOffice: Agent;
      let reporter: Agent;
      let province: number;
      let cnipa: number;
      const orgNamed = (prefix: string) => orgIdByName(env.store, prefix);
      const importAs = async (agent: Agent, text: string, name: string) => {
        const res = await agent.request("POST", "/api/plans/import", {
          fileName: name,
          contentBase64: file(text),
          orgId: province,
        });
        assert.equal(res.statusCode, 201, res.body);
        return res.json();
      };

      before(async () => {
        env = await testEnvOn(kind);
        await loadReferenceDirectory(env.store.db);
        province = await orgNamed("山东省市场监督管理局");
        cnipa = await orgNamed("国家知识产权局");
        await insertUser(env.store, "office", "plan_office", province);
        await insertUser(env.store, "taian_office", "plan_office", await orgNamed("泰安市市场监督管理局"));
        await insertUser(env.store, "reporter", "reporter", province);
        office = await signIn(env.app, "office");
        cityOffice = await signIn(env.app, "taian_office");
        reporter = await signIn(env.app, "reporter");
      });
      after(async () => {
        await env.close();
        await closeTemplate();
      });

      test("resolve a name via the API: org created, alias remembered, assignments made; later imports resolve it", async () => {
        const imported = await importAs(office, OCEAN, "ocean.txt");
        assert.deepEqual(
          imported.unresolved.map((u: { name: string }) => u.name),
          ["省海洋发展研究院", "省海洋研究所"],
        );
        const planId: number = imported.planId;

        const listed = await office.request("GET", `/api/plans/${planId}/unresolved`);
        assert.equal(listed.statusCode, 200, listed.body);
        const [institute, other] = listed.json().items;
        assert.equal(institute.name, "省海洋发展研究院");
        assert.deepEqual(institute.roles, ["lead", "support", "owner"]);
        assert.deepEqual(
          institute.measures.map((m: { text: string; role: string }) => [m.text, m.role]),
          [
            ["制定海洋领域知识产权保护工作指引。", "lead"],
            ["开展海洋知识产权保护专项行动。", "support"],
            ["建设海洋知识产权运营平台。", "owner"],
          ],
        );
        assert.deepEqual([institute.reason, institute.suggestion], ["unknown", null]);
        assert.equal(other.name, "省海洋研究所");

        const resolved = await office.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "省海洋发展研究院",
          newOrg: { name: "山东省海洋发展研究院", kind: "department", parentId: province, regionCode: "370000" },
        });
        assert.equal(resolved.statusCode, 200, resolved.body);
        const result = resolved.json();
        assert.deepEqual(
          { ...result, orgId: 0 },
          {
            name: "省海洋发展研究院",
            orgId: 0,
            orgCreated: true,
            aliasAdded: true,
            measures: 3,
            assignmentsCreated: 3,
            remaining: 1,
          },
        );
        const assigned = await env.store.db
          .selectFrom("assignments as a")
          .innerJoin("measures as m", "m.id", "a.measure_id")
          .select(["m.text", "a.role", "a.due_on", "a.ongoing", "a.via"])
          .where("a.org_id", "=", result.orgId)
          .orderBy("m.id")
          .execute();
        assert.deepEqual(
          assigned.map((a) => [a.text.slice(0, 6), a.role, a.due_on, a.ongoing, a.via]),
          [
            ["制定海洋领域", "lead", "2025-06-30", false, null],
            ["开展海洋知识", "support", "2025-12-31", true, null],
            ["建设海洋知识", "owner", "2025-12-31", false, null],
          ],
        );
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select(["action", "entity"])
          .where("action", "in", ["org.create", "org.alias.add", "plan.unresolved.resolve"])
          .orderBy("id")
          .execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          ["org.create", "org.alias.add", "plan.unresolved.resolve"],
        );

        // The second name maps to the same org; measure 1 names both, so its assignment exists already.
        const second = await office.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "省海洋研究所",
          orgId: result.orgId,
        });
        assert.equal(second.statusCode, 200, second.body);
        assert.deepEqual(
          [second.json().measures, second.json().assignmentsCreated, second.json().remaining],
          [1, 0, 0],
        );
        assert.deepEqual((await office.request("GET", `/api/plans/${planId}/unresolved`)).json().items, []);
        const again = await office.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "省海洋研究所",
          orgId: result.orgId,
        });
        assert.equal(again.statusCode, 409);

        const later = await importAs(office, LATER, "later.txt");
        assert.deepEqual(later.unresolved, [], "the remembered alias resolves the name in another plan");
        const laterAssignments = await env.store.db
          .selectFrom("assignments")
          .select("org_id")
          .where("plan_id", "=", later.planId)
          .execute();
        assert.deepEqual(
          laterAssignments.map((a) => a.org_id),
          [result.orgId],
        );
      });

      test("who may review: the plan's plan office or an admin; bad bodies name the field", async () => {
        const text = OCEAN.replace("2025年", "2027年").replace("省海洋研究所", "省海洋大学");
        const { planId, unresolved } = await importAs(office, text, "ocean-2027.txt");
        assert.deepEqual(
          unresolved.map((u: { name: string }) => u.name),
          ["省海洋大学"],
        );
        assert.equal((await reporter.request("GET", `/api/plans/${planId}/unresolved`)).statusCode, 403);
        // Taian's office sees the plan (it assigns work to Taian) but does not own it.
        assert.equal((await cityOffice.request("GET", `/api/plans/${planId}`)).statusCode, 200);
        const foreign = await cityOffice.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "省海洋大学",
          orgId: province,
        });
        assert.equal(foreign.statusCode, 403);
        assert.equal((await cityOffice.request("GET", "/api/plans/999999/unresolved")).statusCode, 404);
        const both = await office.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "省海洋大学",
          orgId: province,
          newOrg: { name: "X", kind: "other", parentId: province, regionCode: "370000" },
        });
        assert.equal(both.statusCode, 400);
        assert.equal(both.json().errors[0].path, "body.orgId");
        const outside = await office.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "省海洋大学",
          orgId: cnipa,
        });
        assert.equal(outside.statusCode, 404, "an org outside the office's orgs is as good as none");
        const unknown = await office.request("POST", `/api/plans/${planId}/unresolved/resolve`, {
          name: "没有这个单位",
          orgId: province,
        });
        assert.equal(unknown.statusCode, 400);
        assert.equal(unknown.json().errors[0].path, "body.name");
      });

      test("a superseded version's names are resolved on the active version", async () => {
        const text = OCEAN.replace("2025年", "2028年").replace("省海洋研究所", "省海洋学会");
        const v1 = await importAs(office, text, "v1.txt");
        // A real revision (an identical file would change nothing and make no version).
        const v2 = await importAs(
          office,
          text.replace("建设海洋知识产权运营平台。", "建设全省海洋知识产权运营平台。"),
          "v2.txt",
        );
        assert.equal(v2.version, 2);
        const body = { name: "省海洋学会", orgId: province };
        const stale = await office.request("POST", `/api/plans/${v1.planId}/unresolved/resolve`, body);
        assert.equal(stale.statusCode, 409);
        assert.match(stale.json().detail, /superseded/);
        const active = await office.request("POST", `/api/plans/${v2.planId}/unresolved/resolve`, body);
        assert.equal(active.statusCode, 200, active.body);
        assert.equal(active.json().assignmentsCreated, 1);
      });
    });
  });
}
