import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { importSeedPlan } from "../../../test/support/plans.ts";
import { orgIdByName } from "../../../test/support/reports.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The 2021 Shandong task list has two indicators: 市级人民调解组织覆盖率 ≥90% and 仲裁组织覆盖率 ≥80%.
for (const kind of storeKinds()) {
  describe(`indicators over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let planId = 0;
    const ids = { mediation: 0, arbitration: 0, province: 0, jinan: 0, taian: 0, foreignOrg: 0 };
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;
    type Value = { value: number; asOf: string; source: string; orgName: string; reportedBy: { displayName: string } };
    type Indicator = {
      id: number;
      name: string;
      op: string;
      target: number;
      values: Value[];
      latest: (Value & { attainment: { ratio: number; met: boolean } | null }) | null;
    };

    before(async () => {
      env = await testEnvOn(kind);
      const seeded = await importSeedPlan(env.store);
      planId = seeded.planId;
      ids.province = seeded.provinceId;
      ids.jinan = await orgIdByName(env.store, "济南市市场监督管理局");
      ids.taian = await orgIdByName(env.store, "泰安市市场监督管理局");
      const indicators = await env.store.db
        .selectFrom("indicators")
        .select(["id", "name"])
        .where("plan_id", "=", planId)
        .orderBy("id")
        .execute();
      ids.mediation = indicators.find((i) => i.name === "市级人民调解组织覆盖率")?.id ?? 0;
      ids.arbitration = indicators.find((i) => i.name === "仲裁组织覆盖率")?.id ?? 0;
      assert.ok(ids.mediation && ids.arbitration, "the seed's two indicators were imported");
      // An org outside Shandong with no work in the plan.
      const foreign = await env.store.db
        .insertInto("orgs")
        .values({ name: "外省知识产权局", kind: "province", parent_id: null, region_code: "110000" })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.foreignOrg = foreign.id;
      const people = [
        ["admin", "admin", ids.province],
        ["office", "plan_office", ids.province],
        ["viewer", "viewer", ids.province],
        ["jinan", "reporter", ids.jinan],
        ["taian", "reporter", ids.taian],
        ["jinan_office", "plan_office", ids.jinan],
        ["outsider", "plan_office", ids.foreignOrg],
      ] as const;
      for (const [name, role, orgId] of people) {
        await insertUser(env.store, name, role, orgId);
        agents[name] = await signIn(env.app, name);
      }
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const post = (who: string, indicatorId: number, body: Record<string, unknown>) =>
      as(who).request("POST", `/api/indicators/${indicatorId}/values`, body);
    const list = async (who: string, query = "") => {
      const res = await as(who).request("GET", `/api/plans/${planId}/indicators${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { items: Indicator[] }).items;
    };

    describe("indicator values", () => {
      test("a reporter reports for its own org; the latest value is judged against the target", async () => {
        const first = await post("jinan", ids.mediation, { value: 60, asOf: "2025-01-31", source: "市司法局统计" });
        assert.equal(first.statusCode, 201, first.body);
        assert.equal(first.json().orgName, "济南市市场监督管理局");
        const second = await post("jinan", ids.mediation, {
          value: 92.5,
          asOf: "2025-02-28",
          source: " 市司法局统计 ",
        });
        assert.equal(second.statusCode, 201, second.body);
        assert.equal(second.json().source, "市司法局统计");

        const mediation = (await list("jinan")).find((i) => i.id === ids.mediation);
        assert.ok(mediation);
        assert.equal(mediation.op, ">=");
        assert.equal(mediation.target, 90);
        assert.deepEqual(
          mediation.values.map((v) => [v.value, v.asOf]),
          [
            [60, "2025-01-31"],
            [92.5, "2025-02-28"],
          ],
        );
        assert.equal(mediation.latest?.value, 92.5);
        assert.deepEqual(mediation.latest?.attainment, { ratio: 1, met: true });
        assert.equal(mediation.latest?.reportedBy.displayName, "jinan");
      });

      test("a value short of the target: proportional attainment, not met", async () => {
        const res = await post("taian", ids.arbitration, { value: 40, asOf: "2025-02-15", source: "仲裁委年报" });
        assert.equal(res.statusCode, 201, res.body);
        const arbitration = (await list("taian")).find((i) => i.id === ids.arbitration);
        assert.deepEqual(arbitration?.latest?.attainment, { ratio: 0.5, met: false });
      });

      test("each sees only the values of its own orgs", async () => {
        const taianSees = (await list("taian")).find((i) => i.id === ids.mediation);
        assert.deepEqual(taianSees?.values, [], "Tai'an does not see Jinan's figures");
        assert.equal(taianSees?.latest, null);
        const officeSees = (await list("office")).find((i) => i.id === ids.mediation);
        assert.equal(officeSees?.values.length, 2, "the provincial office sees its subtree's");
        const narrowed = (await list("office", `?orgId=${ids.taian}`)).find((i) => i.id === ids.arbitration);
        assert.deepEqual(
          narrowed?.values.map((v) => v.orgName),
          ["泰安市市场监督管理局"],
        );
        const foreign = await as("taian").request("GET", `/api/plans/${planId}/indicators?orgId=${ids.jinan}`);
        assert.equal(foreign.statusCode, 404);
        const outsider = await as("outsider").request("GET", `/api/plans/${planId}/indicators`);
        assert.equal(outsider.statusCode, 404, "a plan with no work for the outsider's orgs does not exist for it");
      });

      test("who may report for whom", async () => {
        const body = { value: 85, asOf: "2025-02-20", source: "统计" };
        // A plan office for an org of its subtree, and for its own org (the plan's issuer).
        assert.equal((await post("office", ids.mediation, { ...body, orgId: ids.jinan })).statusCode, 201);
        assert.equal((await post("office", ids.mediation, body)).statusCode, 201);
        assert.equal((await post("admin", ids.mediation, { ...body, orgId: ids.taian })).statusCode, 201);
        // A reporter for another org: as if that org did not exist.
        assert.equal((await post("jinan", ids.mediation, { ...body, orgId: ids.taian })).statusCode, 404);
        // A city office for the province above it: outside its subtree.
        assert.equal((await post("jinan_office", ids.mediation, { ...body, orgId: ids.province })).statusCode, 404);
        // Viewers report nothing.
        assert.equal((await post("viewer", ids.mediation, body)).statusCode, 403);
        // Someone whose orgs have nothing to do with the plan cannot even see the indicator.
        assert.equal((await post("outsider", ids.mediation, body)).statusCode, 404);
        assert.equal((await post("admin", 999_999, body)).statusCode, 404);
        // An org with no work in the plan reports no values for it, even by an admin.
        const unrelated = await post("admin", ids.mediation, { ...body, orgId: ids.foreignOrg });
        assert.equal(unrelated.statusCode, 400);
        assert.equal(unrelated.json().errors[0].path, "body.orgId");
      });

      test("?under= narrows the values to an org's subtree, ?orgId= to the org alone", async () => {
        const orgsOf = async (who: string, query: string) =>
          [...new Set((await list(who, query)).flatMap((i) => i.values.map((v) => v.orgName)))].sort();
        // By now the province, 济南 and 泰安 have each reported.
        assert.deepEqual(await orgsOf("office", `?under=${ids.province}`), await orgsOf("office", ""));
        assert.deepEqual(await orgsOf("office", `?under=${ids.province}`), [
          "山东省市场监督管理局（山东省知识产权局）",
          "泰安市市场监督管理局",
          "济南市市场监督管理局",
        ]);
        assert.deepEqual(await orgsOf("office", `?orgId=${ids.province}`), [
          "山东省市场监督管理局（山东省知识产权局）",
        ]);
        assert.deepEqual(await orgsOf("admin", `?under=${ids.taian}`), ["泰安市市场监督管理局"]);
        // A reporter may narrow to its own org; the province above it is outside its scope.
        assert.deepEqual(await orgsOf("taian", `?under=${ids.taian}`), ["泰安市市场监督管理局"]);
        for (const org of [ids.jinan, ids.province]) {
          const outside = await as("taian").request("GET", `/api/plans/${planId}/indicators?under=${org}`);
          assert.equal(outside.statusCode, 404, outside.body);
        }
        const both = await as("office").request(
          "GET",
          `/api/plans/${planId}/indicators?orgId=${ids.jinan}&under=${ids.province}`,
        );
        assert.equal(both.statusCode, 400);
        assert.equal(both.json().errors[0].path, "query.under", both.body);
        assert.match(both.json().errors[0].message, /not both/);
      });

      test("bad input is refused with the field named, and nothing is written", async () => {
        const before = await env.store.db.selectFrom("indicator_values").select("id").execute();
        const cases: [Record<string, unknown>, string, RegExp][] = [
          [{ value: "ninety", asOf: "2025-02-01", source: "x" }, "body.value", /number/],
          [{ asOf: "2025-02-01", source: "x" }, "body.value", /number/],
          [{ value: 1, asOf: "01/02/2025", source: "x" }, "body.asOf", /date/],
          [{ value: 1, asOf: "2025-02-30", source: "x" }, "body.asOf", /no such day|not a date/],
          // The clock is pinned to 2025-03-01.
          [{ value: 1, asOf: "2025-03-02", source: "x" }, "body.asOf", /future/],
          [{ value: 1, asOf: "2025-02-01", source: "   " }, "body.source", /required/],
          [{ value: 1, asOf: "2025-02-01" }, "body.source", /text/],
          [{ value: 1, asOf: "2025-02-01", source: "x".repeat(501) }, "body.source", /at most 500/],
        ];
        for (const [body, path, message] of cases) {
          const res = await post("jinan", ids.mediation, body);
          assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
          const error = res.json().errors[0];
          assert.equal(error.path, path, res.body);
          assert.match(error.message, message);
        }
        const todays = await post("jinan", ids.mediation, { value: 1, asOf: "2025-03-01", source: "今日" });
        assert.equal(todays.statusCode, 201, "today itself is fine");
        const afterwards = await env.store.db.selectFrom("indicator_values").select("id").execute();
        assert.equal(afterwards.length, before.length + 1);
      });

      test("every value is audited with who reported it", async () => {
        const res = await post("taian", ids.arbitration, { value: 81, asOf: "2025-02-28", source: "仲裁委" });
        assert.equal(res.statusCode, 201);
        const entry = await env.store.db
          .selectFrom("audit_log")
          .innerJoin("users", "users.id", "audit_log.user_id")
          .select(["audit_log.action", "users.username", "audit_log.after"])
          .where("entity", "=", "indicator_value")
          .where("entity_id", "=", String(res.json().id))
          .executeTakeFirstOrThrow();
        assert.equal(entry.action, "indicator_value.create");
        assert.equal(entry.username, "taian");
        assert.deepEqual(entry.after, {
          indicatorId: ids.arbitration,
          orgId: ids.taian,
          value: 81,
          asOf: "2025-02-28",
          source: "仲裁委",
        });
      });
    });
  });
}
