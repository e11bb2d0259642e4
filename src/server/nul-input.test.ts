// PostgreSQL text cannot hold U+0000: every route refuses it with a 400 naming the field (route.ts),
// before it reaches a query.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../test/support/stores.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`nul-input over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let admin: Agent;
    let orgId: number;
    let userId: number;
    before(async () => {
      env = await testEnvOn(kind);
      orgId = await insertOrg(env.store, "省局", null, "province");
      userId = await insertUser(env.store, "admin", "admin", orgId);
      admin = await signIn(env.app, "admin");
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const cases: [string, "GET" | "POST" | "PATCH", string, unknown, string][] = [
      ["assignment search", "GET", "/api/assignments?q=%00", undefined, "query.q"],
      ["assignment section", "GET", "/api/assignments?section=a%00b", undefined, "query.section"],
      ["audit entity", "GET", "/api/audit?entity=%00", undefined, "query.entity"],
      ["plan search", "GET", "/api/plans?q=%00", undefined, "query.q"],
      [
        "an org name",
        "POST",
        "/api/orgs",
        { name: "市局\u0000", kind: "city", parentId: 1, regionCode: "370100" },
        "body.name",
      ],
      ["an alias", "POST", "/api/orgs/:org/aliases", { alias: "别名\u0000" }, "body.alias"],
      ["a display name", "PATCH", "/api/users/:user", { displayName: "张\u0000三" }, "body.displayName"],
      [
        "a narrative",
        "POST",
        "/api/assignments/1/reports",
        { period: "2025-Q1", status: "done", narrative: "\u0000" },
        "body.narrative",
      ],
    ];

    for (const [what, method, url, body, field] of cases)
      test(`a NUL in ${what} is a 400 naming ${field}`, async () => {
        const res = await admin.request(
          method,
          url.replace(":org", String(orgId)).replace(":user", String(userId)),
          body,
        );
        assert.equal(res.statusCode, 400, res.body);
        const problem = res.json() as { detail: string; errors: { path: string }[] };
        assert.equal(problem.errors[0]?.path, field);
        assert.match(problem.detail, /must not contain a NUL character/);
      });

    test("a NUL in a key of a body object is refused too", async () => {
      const res = await admin.request("PATCH", `/api/users/${userId}`, { "display\u0000Name": "x" });
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as { errors: { path: string }[] }).errors[0]?.path, "body.display\\u0000Name");
    });
  });
}
