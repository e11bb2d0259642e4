import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import type { UserRole } from "../../store/schema.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// Province ─┬─ City1 ── County1
//           └─ City2
for (const kind of storeKinds()) {
  describe(`orgs over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const org = { province: 0, city1: 0, county1: 0, city2: 0 };
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      org.province = await insertOrg(env.store, "Province", null, "province");
      org.city1 = await insertOrg(env.store, "City1", org.province);
      org.county1 = await insertOrg(env.store, "County1", org.city1, "county");
      org.city2 = await insertOrg(env.store, "City2", org.province);
      const people: [string, UserRole, number][] = [
        ["admin", "admin", org.province],
        ["office1", "plan_office", org.city1],
        ["reporter1", "reporter", org.city1],
        ["viewer1", "viewer", org.city1],
        ["office2", "plan_office", org.city2],
      ];
      for (const [name, role, orgId] of people) await insertUser(env.store, name, role, orgId);
      for (const [name] of people) agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const auditOf = (entity: string, id: number | string) =>
      env.store.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity", "=", entity)
        .where("entity_id", "=", String(id))
        .orderBy("id")
        .execute();
    const newOrg = (name: string, parentId: number | null) => ({
      name,
      kind: "county",
      parentId,
      regionCode: "370101",
    });

    describe("who may change orgs", () => {
      const cases: [
        method: "POST" | "PATCH" | "DELETE",
        url: () => string,
        body: () => unknown,
        who: string,
        status: number,
      ][] = [
        ["POST", () => "/api/orgs", () => newOrg("R", org.city1), "reporter1", 403],
        ["POST", () => "/api/orgs", () => newOrg("V", org.city1), "viewer1", 403],
        ["POST", () => "/api/orgs", () => newOrg("Top", null), "office1", 403],
        ["POST", () => "/api/orgs", () => newOrg("Elsewhere", org.city2), "office1", 404],
        ["PATCH", () => `/api/orgs/${org.city1}`, () => ({ rowVersion: 1, name: "X" }), "viewer1", 403],
        ["PATCH", () => `/api/orgs/${org.city2}`, () => ({ rowVersion: 1, name: "X" }), "office1", 404],
        ["POST", () => `/api/orgs/${org.city1}/aliases`, () => ({ alias: "一市" }), "reporter1", 403],
        ["POST", () => `/api/orgs/${org.city2}/aliases`, () => ({ alias: "二市" }), "office1", 404],
        ["DELETE", () => `/api/orgs/${org.city1}/aliases/1`, () => undefined, "viewer1", 403],
      ];
      for (const [method, url, body, who, status] of cases) {
        test(`${method} ${url().replace(/\/\d+/g, "/:id")} as ${who} → ${status}`, async () => {
          const res = await as(who).request(method, url(), body());
          assert.equal(res.statusCode, status, res.body);
          assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        });
      }

      test("a plan office cannot move one of its orgs to another office's subtree or to the top", async () => {
        const county = (await as("office1").request("GET", `/api/orgs/${org.county1}`)).json();
        const away = await as("office1").request("PATCH", `/api/orgs/${org.county1}`, {
          rowVersion: county.rowVersion,
          parentId: org.city2,
        });
        assert.equal(away.statusCode, 404);
        assert.match(away.json().detail, /body\.parentId/);
        const top = await as("office1").request("PATCH", `/api/orgs/${org.county1}`, {
          rowVersion: county.rowVersion,
          parentId: null,
        });
        assert.equal(top.statusCode, 403);
      });
    });

    describe("reading", () => {
      test("GET /api/orgs gives each user its scope with what the admin page needs", async () => {
        const names = async (who: string) =>
          (await as(who).request("GET", "/api/orgs")).json().items.map((o: { name: string }) => o.name);
        assert.deepEqual(await names("reporter1"), ["City1"]);
        assert.deepEqual((await names("viewer1")).slice(0, 2), ["City1", "County1"]);
        assert.ok((await names("admin")).includes("City2"));
        const [city1] = (await as("reporter1").request("GET", "/api/orgs")).json().items;
        assert.deepEqual(Object.keys(city1).sort(), [
          "aliases",
          "id",
          "isRegionOffice",
          "kind",
          "name",
          "parentId",
          "regionCode",
          "rowVersion",
        ]);
        assert.equal(city1.parentId, org.province);
        assert.equal((await as("office2").request("GET", `/api/orgs/${org.county1}`)).statusCode, 404);
        assert.equal((await as("admin").request("GET", "/api/orgs/999999")).statusCode, 404);
      });
    });

    describe("editing", () => {
      test("create, rename with the row version, a stale version is 409; each change audited before → after", async () => {
        const created = await as("office1").request("POST", "/api/orgs", {
          name: "County (new)",
          kind: "county",
          parentId: org.city1,
          regionCode: "370102",
        });
        assert.equal(created.statusCode, 201, created.body);
        const fresh = created.json();
        assert.equal(fresh.name, "County（new）", "names are stored in the one spelling imports match against");
        assert.equal(fresh.rowVersion, 1);
        const renamed = await as("office1").request("PATCH", `/api/orgs/${fresh.id}`, {
          rowVersion: 1,
          name: "County Two",
          kind: "township",
        });
        assert.equal(renamed.statusCode, 200, renamed.body);
        assert.deepEqual(
          [renamed.json().name, renamed.json().kind, renamed.json().rowVersion],
          ["CountyTwo", "township", 2],
        );
        const stale = await as("admin").request("PATCH", `/api/orgs/${fresh.id}`, { rowVersion: 1, name: "Lost" });
        assert.equal(stale.statusCode, 409);
        assert.match(stale.json().detail, /changed by someone else/);
        const audit = await auditOf("org", fresh.id);
        assert.deepEqual(
          audit.map((a) => a.action),
          ["org.create", "org.update"],
        );
        assert.deepEqual(
          audit.map((a) => [(a.before as { name?: string } | null)?.name, (a.after as { name?: string } | null)?.name]),
          [
            [undefined, "County（new）"],
            ["County（new）", "CountyTwo"],
          ],
        );
      });

      test("moving an org under its own descendant is a 400 on parentId; a duplicate name is 409", async () => {
        const city = (await as("admin").request("GET", `/api/orgs/${org.city1}`)).json();
        const loop = await as("admin").request("PATCH", `/api/orgs/${org.city1}`, {
          rowVersion: city.rowVersion,
          parentId: org.county1,
        });
        assert.equal(loop.statusCode, 400);
        assert.equal(loop.json().errors[0].path, "body.parentId");
        assert.match(loop.json().detail, /under itself or its own descendant/);
        assert.equal((await as("admin").request("GET", `/api/orgs/${org.city1}`)).json().parentId, org.province);
        const twin = await as("admin").request("POST", "/api/orgs", newOrg("County1", org.city1));
        assert.equal(twin.statusCode, 409);
        const orphan = await as("admin").request("POST", "/api/orgs", newOrg("Orphan", 999999));
        assert.equal(orphan.statusCode, 400);
        assert.equal(orphan.json().errors[0].path, "body.parentId");
      });

      test("bad input names the field", async () => {
        const res = await as("admin").request("POST", "/api/orgs", {
          name: "a/b",
          kind: "planet",
          parentId: org.city1,
          regionCode: "37",
        });
        assert.equal(res.statusCode, 400);
        assert.deepEqual(
          res.json().errors.map((e: { path: string }) => e.path),
          ["body.name", "body.kind", "body.regionCode"],
        );
        const empty = await as("admin").request("PATCH", `/api/orgs/${org.city2}`, { rowVersion: 1 });
        assert.equal(empty.statusCode, 400);
        assert.match(empty.json().detail, /at least one field/);
      });

      test("aliases: add (once), remove by id; both audited", async () => {
        const added = await as("office2").request("POST", `/api/orgs/${org.city2}/aliases`, { alias: "二市 局" });
        assert.equal(added.statusCode, 200, added.body);
        assert.equal(added.json().added, true);
        const alias = added.json().org.aliases.find((a: { alias: string }) => a.alias === "二市局");
        assert.ok(alias, "stored without the space");
        const again = await as("office2").request("POST", `/api/orgs/${org.city2}/aliases`, { alias: "二市局" });
        assert.equal(again.json().added, false);
        const removed = await as("office2").request("DELETE", `/api/orgs/${org.city2}/aliases/${alias.id}`);
        assert.equal(removed.statusCode, 200);
        assert.deepEqual(removed.json().aliases, []);
        assert.equal(
          (await as("office2").request("DELETE", `/api/orgs/${org.city2}/aliases/${alias.id}`)).statusCode,
          404,
        );
        const audit = await auditOf("org", org.city2);
        assert.deepEqual(
          audit.map((a) => [a.action, a.before, a.after]),
          [
            ["org.alias.add", { aliases: [] }, { aliases: ["二市局"] }],
            ["org.alias.remove", { aliases: ["二市局"] }, { aliases: [] }],
          ],
        );
      });
    });

    describe("groups", () => {
      test("list, define, add and remove members; plan offices only with their own orgs", async () => {
        const created = await as("office1").request("POST", "/api/orgs/groups", {
          ownerOrgId: org.city1,
          name: "各县",
          memberOrgIds: [org.county1],
        });
        assert.equal(created.statusCode, 201, created.body);
        const group = created.json();
        assert.deepEqual(group.members, [{ id: org.county1, name: "County1" }]);
        const foreign = await as("office1").request("POST", `/api/orgs/groups/${group.id}/members`, {
          orgId: org.city2,
        });
        assert.equal(foreign.statusCode, 404);
        assert.match(foreign.json().detail, /No org \d+ \(body\.orgId\)/);
        assert.equal(
          (await as("office2").request("POST", `/api/orgs/groups/${group.id}/members`, { orgId: org.city2 }))
            .statusCode,
          404,
        );
        const added = await as("admin").request("POST", `/api/orgs/groups/${group.id}/members`, { orgId: org.city2 });
        assert.deepEqual(
          added.json().members.map((m: { id: number }) => m.id),
          [org.county1, org.city2].sort((a, b) => a - b),
        );
        const removed = await as("office1").request("DELETE", `/api/orgs/groups/${group.id}/members/${org.city2}`);
        assert.deepEqual(
          removed.json().members.map((m: { id: number }) => m.id),
          [org.county1],
        );
        const listed = (await as("viewer1").request("GET", "/api/orgs/groups")).json().items;
        assert.deepEqual(
          listed.map((g: { name: string }) => g.name),
          ["各县"],
        );
        assert.equal((await as("office2").request("GET", "/api/orgs/groups")).json().items.length, 0);
        assert.equal((await as("viewer1").request("DELETE", `/api/orgs/groups/${group.id}/members/1`)).statusCode, 403);
        const audit = await auditOf("org_group", group.id);
        assert.deepEqual(
          audit.map((a) => a.action),
          ["org_group.create", "org_group.member.add", "org_group.member.remove"],
        );
      });
    });
  });
}
