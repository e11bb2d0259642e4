import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { writeAudit } from "../../store/audit.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`audit over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let admin: Agent;
    let office1: Agent;
    const ids = { admin: 0, office1: 0, office2: 0 };

    before(async () => {
      env = await testEnvOn(kind);
      const province = await insertOrg(env.store, "Province", null, "province");
      const city1 = await insertOrg(env.store, "City1", province);
      const city2 = await insertOrg(env.store, "City2", province);
      ids.admin = await insertUser(env.store, "admin", "admin", province);
      ids.office1 = await insertUser(env.store, "office1", "plan_office", city1);
      ids.office2 = await insertUser(env.store, "office2", "plan_office", city2);
      admin = await signIn(env.app, "admin");
      office1 = await signIn(env.app, "office1");
      await env.store.db.transaction().execute(async (tx) => {
        for (let i = 1; i <= 5; i++)
          await writeAudit(tx, {
            userId: ids.office1,
            action: "plan.update",
            entity: "plan",
            entityId: i,
            after: { n: i },
          });
        await writeAudit(tx, {
          userId: ids.office2,
          action: "plan.update",
          entity: "plan",
          entityId: 99,
          before: null,
        });
        await writeAudit(tx, {
          userId: null,
          action: "user.create",
          entity: "user",
          entityId: 1,
          after: { cli: true },
        });
      });
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    test("an entry written in a transaction that fails is rolled back with it", async () => {
      const count = async () =>
        (await env.store.db.selectFrom("audit_log").select("id").where("entity", "=", "doomed").execute()).length;
      await assert.rejects(
        env.store.db.transaction().execute(async (tx) => {
          await writeAudit(tx, {
            userId: ids.admin,
            action: "doomed.create",
            entity: "doomed",
            entityId: 1,
            after: {},
          });
          // The change itself fails after the entry was written: a duplicate username.
          await tx
            .insertInto("users")
            .values({ username: "admin", display_name: "x", password_hash: "x", role: "viewer", org_id: 1 })
            .execute();
        }),
      );
      assert.equal(await count(), 0);
    });

    test("admins page through everything, newest first, with a cursor", async () => {
      const first = (await admin.request("GET", "/api/audit?limit=3")).json();
      assert.equal(first.items.length, 3);
      assert.equal(first.items[0].action, "user.create");
      assert.equal(first.items[0].userId, null);
      assert.ok(first.nextCursor);
      const second = (await admin.request("GET", `/api/audit?limit=3&before=${first.nextCursor}`)).json();
      assert.equal(second.items.length, 3);
      assert.ok(second.items[0].id < first.items[2].id);
      const third = (await admin.request("GET", `/api/audit?limit=3&before=${second.nextCursor}`)).json();
      assert.equal(third.items.length, 1);
      assert.equal(third.nextCursor, null);
    });

    test("filters by entity, entity id and user", async () => {
      const byEntity = (await admin.request("GET", "/api/audit?entity=plan&entityId=3")).json();
      assert.equal(byEntity.items.length, 1);
      assert.deepEqual(byEntity.items[0].after, { n: 3 });
      assert.equal(byEntity.items[0].username, "office1");
      const byUser = (await admin.request("GET", `/api/audit?userId=${ids.office2}`)).json();
      assert.deepEqual(
        byUser.items.map((e: { entityId: string }) => e.entityId),
        ["99"],
      );
      const bad = await admin.request("GET", "/api/audit?userId=me");
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "query.userId");
    });

    test("a plan office sees only what users of its subtree did", async () => {
      const page = (await office1.request("GET", "/api/audit?limit=200")).json();
      assert.equal(page.items.length, 5);
      assert.ok(page.items.every((e: { userId: number }) => e.userId === ids.office1));
    });

    test("filters by a time range [from, to), with the bounds' own offsets", async () => {
      await env.store.db.transaction().execute(async (tx) => {
        for (const at of [
          "2025-02-28T15:59:59Z",
          "2025-02-28T16:00:00Z",
          "2025-03-01T15:59:59Z",
          "2025-03-01T16:00:00Z",
        ])
          await writeAudit(tx, {
            userId: ids.admin,
            action: "dated.touch",
            entity: "dated",
            entityId: at,
            at: new Date(at),
          });
      });
      // 1 March in Beijing time is [28 Feb 16:00Z, 1 Mar 16:00Z).
      const day = (
        await admin.request(
          "GET",
          `/api/audit?entity=dated&from=${encodeURIComponent("2025-03-01T00:00:00+08:00")}&to=${encodeURIComponent("2025-03-02T00:00:00+08:00")}`,
        )
      ).json();
      assert.deepEqual(
        day.items.map((e: { entityId: string }) => e.entityId),
        ["2025-03-01T15:59:59Z", "2025-02-28T16:00:00Z"],
      );
      const since = (await admin.request("GET", "/api/audit?entity=dated&from=2025-03-01T16:00:00Z")).json();
      assert.equal(since.items.length, 1);
      const bad = await admin.request("GET", "/api/audit?from=2025-03-01");
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "query.from");
      const backwards = await admin.request("GET", "/api/audit?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z");
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.json().errors[0].path, "query.to");
    });
  });
}
