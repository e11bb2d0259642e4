// GET /api/assignments/:id reads one assignment by id (services/assignments getAssignment): the same view
// and status as its row in the list, the plan's current period, and 404 outside the caller's scope or
// once its plan version is superseded. Every test builds its own orgs, users and plan (test/support).
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { makeOrgsAndUsers, makePlan } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`assignment detail over HTTP on ${kind.name}`, () => {
    const opened: TestEnv[] = [];
    after(async () => {
      for (const env of opened) await env.close();
    });
    async function setUp() {
      const env = await testEnvOn(kind);
      opened.push(env);
      const { orgs, users } = await makeOrgsAndUsers(env.store);
      const plan = await makePlan(env.store, {
        orgId: orgs.province,
        tasks: [
          { due: "2025-03-10", orgIds: [orgs.city] },
          { due: null, orgIds: [orgs.otherCity, orgs.city] },
        ],
      });
      return { env, orgs, users, plan };
    }

    test("shows the assignment as its list row does, with the plan's current period", async () => {
      const { env, users, plan } = await setUp();
      const office = await signIn(env.app, users.office.username);
      const list = (await office.request("GET", `/api/assignments?plan=${plan.planId}`)).json();
      assert.equal(list.total, 2, "the city's two assignments");
      for (const row of list.items) {
        const res = await office.request("GET", `/api/assignments/${row.id}`);
        assert.equal(res.statusCode, 200, res.body);
        const { subtree: _s, currentPeriod, reports, ...view } = res.json();
        assert.deepEqual(view, row);
        assert.equal(currentPeriod, "2025-Q1", "quarterly plan, the clock stands at 2025-03-01");
        assert.deepEqual(reports, []);
      }
      const due = list.items.find((a: { dueOn: string | null }) => a.dueOn === "2025-03-10");
      assert.equal(due.status, "due_soon");
    });

    test("another org's assignment and an unknown id are not found", async () => {
      const { env, users, plan } = await setUp();
      const reporter = await signIn(env.app, users.reporter.username);
      const others = plan.assignmentIds.length;
      assert.equal(others, 3);
      const mine = (await reporter.request("GET", "/api/assignments")).json().items.map((a: { id: number }) => a.id);
      const foreign = plan.assignmentIds.filter((id) => !mine.includes(id));
      assert.equal(foreign.length, 1, "the other city's support assignment");
      assert.equal((await reporter.request("GET", `/api/assignments/${foreign[0]}`)).statusCode, 404);
      assert.equal((await reporter.request("GET", "/api/assignments/999999")).statusCode, 404);
      const admin = await signIn(env.app, users.admin.username);
      assert.equal((await admin.request("GET", `/api/assignments/${foreign[0]}`)).statusCode, 200);
    });

    test("an assignment of a superseded plan version is history: not found", async () => {
      const { env, users, plan } = await setUp();
      const admin = await signIn(env.app, users.admin.username);
      const id = plan.assignmentIds[0] as number;
      assert.equal((await admin.request("GET", `/api/assignments/${id}`)).statusCode, 200);
      await env.store.db.updateTable("plans").set({ status: "superseded" }).where("id", "=", plan.planId).execute();
      assert.equal((await admin.request("GET", `/api/assignments/${id}`)).statusCode, 404);
    });
  });
}
