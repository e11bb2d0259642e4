// The route layer's treatment of query strings, for every route at once: a parameter sent without a value is
// the same as one not sent (the dashboard's links once sent `dueFrom=&…` and got 400s).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../test/support/stores.ts";
import { addHistory, type Branches, setUpBranches } from "../../test/support/two-branches.ts";
import { withoutEmptyParams } from "./route.ts";
import { type Agent, closeTemplate, signIn, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`query strings on every route on ${kind.name}`, () => {
    let env: TestEnv;
    let b: Branches;
    let office: Agent;

    before(async () => {
      env = await testEnvOn(kind);
      b = await setUpBranches(env.store);
      await addHistory(env.store, b);
      office = await signIn(env.app, "province_office");
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    test("empty query parameters are dropped; repeated ones keep their non-empty values", () => {
      assert.deepEqual(withoutEmptyParams({ plan: "8", dueFrom: "", dueTo: "" }), { plan: "8" });
      assert.deepEqual(withoutEmptyParams({ status: ["", "overdue"] }), { status: "overdue" });
      assert.deepEqual(withoutEmptyParams({ status: ["done", "overdue"] }), { status: ["done", "overdue"] });
      assert.deepEqual(withoutEmptyParams({ status: ["", ""] }), {});
    });

    test("a list, a summary and a calendar read with empty parameters answer as without them", async () => {
      for (const [withEmpty, without] of [
        [`/api/assignments?plan=${b.planId}&dueFrom=&dueTo=&status=&org=`, `/api/assignments?plan=${b.planId}`],
        [`/api/dashboard/summary?planId=${b.planId}&orgId=`, `/api/dashboard/summary?planId=${b.planId}`],
        [
          `/api/dashboard/overdue-trend?planId=&from=2025-01-01&step=week`,
          `/api/dashboard/overdue-trend?from=2025-01-01&step=week`,
        ],
      ] as const) {
        const a = await office.request("GET", withEmpty);
        assert.equal(a.statusCode, 200, `${withEmpty}: ${a.body}`);
        const b2 = await office.request("GET", without);
        assert.equal(b2.statusCode, 200, `${without}: ${b2.body}`);
        assert.deepEqual(a.json(), b2.json(), withEmpty);
      }
    });

    test("a required parameter sent empty is still reported as missing", async () => {
      const res = await office.request("GET", "/api/dashboard/overdue-trend?from=&step=week");
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /from/);
    });
  });
}
