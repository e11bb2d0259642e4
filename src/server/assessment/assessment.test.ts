import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { importSeedPlan } from "../../../test/support/plans.ts";
import { fileReports, orgIdByName } from "../../../test/support/reports.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`assessment over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let planId = 0;
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      const seeded = await importSeedPlan(env.store);
      planId = seeded.planId;
      const jinan = await orgIdByName(env.store, "济南市市场监督管理局");
      const taian = await orgIdByName(env.store, "泰安市市场监督管理局");
      await fileReports(env.store, planId, jinan, "2021-Q1", "2021-04-01");
      await fileReports(env.store, planId, jinan, "2021-Q2", "2021-07-02");
      await fileReports(env.store, planId, taian, "2021-Q1", "2021-04-20");
      const people = [
        ["admin", "admin", seeded.provinceId],
        ["office", "plan_office", seeded.provinceId],
        ["viewer", "viewer", seeded.provinceId],
        ["reporter", "reporter", seeded.provinceId],
        ["city_office", "plan_office", jinan],
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

    type Row = {
      rank: number | null;
      orgName: string;
      score: number | null;
      components: Record<string, number | null>;
    };

    describe("GET /api/plans/:id/assessment", () => {
      test("ranks the punctual city above the late one and shows the components", async () => {
        const res = await as("viewer").request("GET", `/api/plans/${planId}/assessment?asOf=2021-07-10`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as { asOf: string; orgs: Row[] };
        assert.equal(body.asOf, "2021-07-10");
        const jinan = body.orgs.find((o) => o.orgName === "济南市市场监督管理局");
        const taian = body.orgs.find((o) => o.orgName === "泰安市市场监督管理局");
        assert.ok(jinan && taian);
        assert.equal(jinan.rank, 1);
        assert.ok((taian.rank ?? Infinity) > 1);
        assert.deepEqual(Object.keys(jinan.components).sort(), ["indicators", "onTime", "overdue", "timeliness"]);
        assert.equal(jinan.components.onTime, 100);
        assert.equal(taian.components.onTime, 0);
      });

      test("who may look", async () => {
        const url = `/api/plans/${planId}/assessment?asOf=2021-07-10`;
        assert.equal((await as("admin").request("GET", url)).statusCode, 200);
        assert.equal((await as("office").request("GET", url)).statusCode, 200);
        assert.equal((await as("reporter").request("GET", url)).statusCode, 403);
        // The provincial plan belongs to the province bureau: a city office sees the plan (it holds work
        // in it) but not the assessment that ranks every unit.
        assert.equal((await as("city_office").request("GET", url)).statusCode, 403);
        assert.equal((await env.app.inject({ method: "GET", url })).statusCode, 401);
        assert.equal((await as("admin").request("GET", "/api/plans/99999/assessment")).statusCode, 404);
      });

      test("a malformed asOf is a 400 naming the parameter", async () => {
        const res = await as("admin").request("GET", `/api/plans/${planId}/assessment?asOf=2021-13-40`);
        assert.equal(res.statusCode, 400);
        assert.equal(res.json().errors[0].path, "query.asOf");
      });
    });

    describe("PATCH /api/plans/:id/settings", () => {
      const url = () => `/api/plans/${planId}/settings`;

      test("weights that break the rules are a 400 naming the field", async () => {
        const negative = await as("office").request("PATCH", url(), {
          rowVersion: 1,
          weights: { onTime: -0.1, timeliness: 0.5, overdue: 0.5, indicators: 0.1 },
        });
        assert.equal(negative.statusCode, 400, negative.body);
        assert.deepEqual(
          negative.json().errors.map((e: { path: string }) => e.path),
          ["body.weights.onTime"],
        );
        assert.match(negative.json().detail, /onTime/);

        const sum = await as("office").request("PATCH", url(), {
          rowVersion: 1,
          weights: { onTime: 0.5, timeliness: 0.5, overdue: 0.5, indicators: 0 },
        });
        assert.equal(sum.statusCode, 400);
        assert.equal(sum.json().errors[0].path, "body.weights");
        assert.match(sum.json().errors[0].message, /sum to 1/);
      });

      test("a change bumps the row version, is audited, and a stale version is a 409", async () => {
        const weights = { onTime: 0.25, timeliness: 0.25, overdue: 0.25, indicators: 0.25 };
        const ok = await as("office").request("PATCH", url(), { rowVersion: 1, weights, dueSoonDays: 7 });
        assert.equal(ok.statusCode, 200, ok.body);
        const { planId: id, cadence, dueSoonDays, weights: saved, rowVersion } = ok.json();
        assert.deepEqual(
          { planId: id, cadence, dueSoonDays, weights: saved, rowVersion },
          {
            planId,
            cadence: "quarterly",
            dueSoonDays: 7,
            weights,
            rowVersion: 2,
          },
        );

        const stale = await as("admin").request("PATCH", url(), { rowVersion: 1, cadence: "monthly" });
        assert.equal(stale.statusCode, 409, stale.body);

        const assessed = await as("admin").request("GET", `/api/plans/${planId}/assessment?asOf=2021-07-10`);
        assert.deepEqual(assessed.json().weights, weights);
        // The import's own link suggestions (links.suggest) are audited on the plan too; settings sit after the import.
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select("action")
          .where("entity", "=", "plan")
          .where("action", "like", "plan.%")
          .orderBy("id")
          .execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          ["plan.import", "plan.settings"],
        );
      });

      test("only plan offices over the plan and admins may change settings", async () => {
        const body = { rowVersion: 2, dueSoonDays: 10 };
        assert.equal((await as("viewer").request("PATCH", url(), body)).statusCode, 403);
        assert.equal((await as("reporter").request("PATCH", url(), body)).statusCode, 403);
        assert.equal((await as("city_office").request("PATCH", url(), body)).statusCode, 403);
        assert.equal((await as("admin").request("PATCH", url(), {})).statusCode, 400);
      });
    });

    describe("POST /api/jobs/reminders/run", () => {
      test("admins run the evaluation; running it again creates nothing", async () => {
        env.clock.now = new Date("2021-07-10T02:00:00Z");
        const first = await as("admin").request("POST", "/api/jobs/reminders/run");
        assert.equal(first.statusCode, 200, first.body);
        const body = first.json();
        assert.equal(body.day, "2021-07-10");
        assert.ok(body.created > 0);
        assert.equal(body.created, body.candidates);
        const again = (await as("admin").request("POST", "/api/jobs/reminders/run")).json();
        assert.equal(again.created, 0);
        assert.equal((await as("office").request("POST", "/api/jobs/reminders/run")).statusCode, 403);
      });
    });
  });
}
