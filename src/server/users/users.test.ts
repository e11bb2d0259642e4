import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import type { UserRole } from "../../store/schema.ts";
import {
  type Agent,
  closeTemplate,
  insertOrg,
  insertUser,
  signIn,
  TEST_PASSWORD,
  type TestEnv,
  testEnvOn,
} from "../testing.ts";

// Province ─┬─ City1 ── County1
//           └─ City2
for (const kind of storeKinds()) {
  describe(`users over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const org = { province: 0, city1: 0, county1: 0, city2: 0 };
    const ids: Record<string, number> = {};
    const agents: Record<string, Agent> = {};

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
        ["county_viewer", "viewer", org.county1],
        ["office2", "plan_office", org.city2],
      ];
      for (const [name, role, orgId] of people) ids[name] = await insertUser(env.store, name, role, orgId);
      for (const [name] of people) agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const as = (name: string) => agents[name] as Agent;
    const anonymous = (method: "GET" | "POST" | "PATCH", url: string, payload?: Record<string, unknown>) =>
      env.app.inject({ method, url, ...(payload ? { payload } : {}) });
    const auditCount = async () =>
      Number(
        (
          await env.store.db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    describe("who may call what", () => {
      const cases: [
        method: "GET" | "POST" | "PATCH",
        url: () => string,
        body: Record<string, unknown> | undefined,
        expected: Record<string, number>,
      ][] = [
        [
          "GET",
          () => "/api/users",
          undefined,
          { admin: 200, office1: 200, reporter1: 403, viewer1: 403, anonymous: 401 },
        ],
        [
          "GET",
          () => `/api/users/${ids.county_viewer}`,
          undefined,
          { admin: 200, office1: 200, office2: 404, reporter1: 403, viewer1: 403, anonymous: 401 },
        ],
        [
          "POST",
          () => "/api/users",
          { username: "newbie", password: "longenough", role: "viewer", orgId: 1 },
          { office1: 403, reporter1: 403, viewer1: 403, anonymous: 401 },
        ],
        [
          "PATCH",
          () => `/api/users/${ids.viewer1}`,
          { displayName: "V" },
          { office1: 403, reporter1: 403, viewer1: 403, anonymous: 401 },
        ],
        [
          "GET",
          () => "/api/audit",
          undefined,
          { admin: 200, office1: 200, reporter1: 403, viewer1: 403, anonymous: 401 },
        ],
      ];
      for (const [method, url, body, expected] of cases) {
        for (const [who, status] of Object.entries(expected)) {
          test(`${method} ${url().replace(/\d+$/, ":id")} as ${who} → ${status}`, async () => {
            const res =
              who === "anonymous" ? await anonymous(method, url(), body) : await as(who).request(method, url(), body);
            assert.equal(res.statusCode, status, res.body);
            if (status >= 400) assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
          });
        }
      }
    });

    describe("listing", () => {
      test("admins see everyone; a plan office sees its subtree only", async () => {
        const all = (await as("admin").request("GET", "/api/users")).json();
        assert.equal(all.total, 6);
        const mine = (await as("office1").request("GET", "/api/users")).json();
        assert.deepEqual(
          mine.items.map((u: { username: string }) => u.username),
          ["county_viewer", "office1", "reporter1", "viewer1"],
        );
        assert.ok(mine.items.every((u: Record<string, unknown>) => !("passwordHash" in u) && !("password_hash" in u)));
      });

      test("filtering by an org outside the scope gives nothing, not an error", async () => {
        const res = await as("office1").request("GET", `/api/users?orgId=${org.city2}`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().total, 0);
      });

      test("paging and a bad limit", async () => {
        const page = (await as("admin").request("GET", "/api/users?limit=2&offset=2")).json();
        assert.equal(page.items.length, 2);
        assert.equal(page.total, 6);
        const bad = await as("admin").request("GET", "/api/users?limit=0");
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().errors[0].path, "query.limit");
      });

      test("an unknown id is 404 exactly like a foreign one", async () => {
        const unknown = await as("office2").request("GET", "/api/users/999999");
        const foreign = await as("office2").request("GET", `/api/users/${ids.viewer1}`);
        assert.equal(unknown.statusCode, 404);
        assert.deepEqual(unknown.json(), foreign.json());
        assert.equal((await as("admin").request("GET", "/api/users/abc")).json().errors[0].path, "params.id");
      });
    });

    describe("creating", () => {
      test("an admin creates a user who can then sign in; the audit log records it", async () => {
        const res = await as("admin").request("POST", "/api/users", {
          username: "dora",
          displayName: "Dora",
          password: "s3cret-pass",
          role: "reporter",
          orgId: org.county1,
        });
        assert.equal(res.statusCode, 201, res.body);
        const user = res.json();
        assert.equal(user.username, "dora");
        assert.equal(user.orgId, org.county1);
        assert.equal(user.disabled, false);
        await signIn(env.app, "dora", "s3cret-pass");
        const entry = await env.store.db
          .selectFrom("audit_log")
          .selectAll()
          .where("entity", "=", "user")
          .where("entity_id", "=", String(user.id))
          .executeTakeFirstOrThrow();
        assert.equal(entry.action, "user.create");
        assert.equal(entry.user_id, ids.admin);
        assert.equal((entry.after as { username: string }).username, "dora");
        assert.equal(JSON.stringify(entry.after).includes("s3cret"), false);
      });

      test("validation errors are problem+json naming each field", async () => {
        const res = await as("admin").request("POST", "/api/users", {
          username: "X!",
          password: "short",
          role: "boss",
        });
        assert.equal(res.statusCode, 400);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        const problem = res.json();
        assert.equal(problem.status, 400);
        assert.equal(problem.title, "Bad request");
        assert.deepEqual(
          problem.errors.map((e: { path: string }) => e.path),
          ["body.username", "body.password", "body.role", "body.orgId"],
        );
        assert.match(problem.detail, /body\.password: password must be at least 8 characters/);
      });

      test("common, blank and username passwords are refused, in both languages, on create and on reset", async () => {
        const cases: [string, string, RegExp][] = [
          ["hana", "password", /most common passwords.*最常见的密码/],
          ["hana", "12345678", /most common passwords/],
          ["hana", "Qwertyuiop", /most common passwords/],
          ["hana", "woaini1314", /most common passwords/],
          ["hana", "        ", /only spaces.*空格/],
          ["hana", "hana-2025!", /contain the username.*用户名/],
          ["hana", "HANAHANA", /contain the username/],
        ];
        for (const [username, password, message] of cases) {
          const res = await as("admin").request("POST", "/api/users", {
            username,
            password,
            role: "viewer",
            orgId: org.city1,
          });
          assert.equal(res.statusCode, 400, `${password}: ${res.body}`);
          assert.equal(res.json().errors[0].path, "body.password");
          assert.match(res.json().detail, message, password);
        }
        const target = await insertUser(env.store, "ivan", "viewer", org.city2);
        for (const password of ["iloveyou", "ivan12345", "         "]) {
          const res = await as("admin").request("PATCH", `/api/users/${target}`, { password });
          assert.equal(res.statusCode, 400, `${password}: ${res.body}`);
          assert.equal(res.json().errors[0].path, "body.password");
        }
        const ok = await as("admin").request("POST", "/api/users", {
          username: "hana",
          password: "luoshi-demo",
          role: "viewer",
          orgId: org.city1,
        });
        assert.equal(ok.statusCode, 201, ok.body);
      });

      test("an org that does not exist is a 400 on orgId", async () => {
        const res = await as("admin").request("POST", "/api/users", {
          username: "erin",
          password: "longenough",
          role: "viewer",
          orgId: 424242,
        });
        assert.equal(res.statusCode, 400);
        assert.equal(res.json().errors[0].path, "body.orgId");
      });

      test("a taken username is 409 and leaves no audit entry", async () => {
        const before = await auditCount();
        const res = await as("admin").request("POST", "/api/users", {
          username: "viewer1",
          password: "longenough",
          role: "viewer",
          orgId: org.city1,
        });
        assert.equal(res.statusCode, 409);
        assert.match(res.json().detail, /already taken/);
        assert.equal(await auditCount(), before);
      });

      test("a request body that is not JSON is a 400 problem", async () => {
        const res = await env.app.inject({
          method: "POST",
          url: "/api/users",
          headers: { cookie: as("admin").cookie, "x-csrf-token": as("admin").csrf, "content-type": "application/json" },
          payload: "{not json",
        });
        assert.equal(res.statusCode, 400);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
      });

      test("writes without the CSRF token are refused even for admins", async () => {
        const res = await env.app.inject({
          method: "POST",
          url: "/api/users",
          headers: { cookie: as("admin").cookie },
          payload: { username: "fred", password: "longenough", role: "viewer", orgId: org.city1 },
        });
        assert.equal(res.statusCode, 403);
        assert.equal(
          await env.store.db.selectFrom("users").select("id").where("username", "=", "fred").executeTakeFirst(),
          undefined,
        );
      });
    });

    describe("changing", () => {
      test("a password reset lets the new password in, ends old sessions and is audited without the password", async () => {
        const target = await insertUser(env.store, "gina", "viewer", org.city2);
        const gina = await signIn(env.app, "gina");
        // Her session is cached in this process now; the reset must end it on her very next request.
        assert.equal((await gina.request("GET", "/api/session")).statusCode, 200);
        const res = await as("admin").request("PATCH", `/api/users/${target}`, { password: "brand-new-pass" });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal((await gina.request("GET", "/api/session")).statusCode, 401);
        await signIn(env.app, "gina", "brand-new-pass");
        const entry = await env.store.db
          .selectFrom("audit_log")
          .selectAll()
          .where("entity_id", "=", String(target))
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        assert.equal(entry.action, "user.update+password");
        assert.equal(JSON.stringify(entry).includes("brand-new-pass"), false);
      });

      test("disabling signs the user out and keeps them out", async () => {
        const target = await insertUser(env.store, "hank", "viewer", org.city2);
        const hank = await signIn(env.app, "hank");
        assert.equal((await hank.request("GET", "/api/session")).statusCode, 200);
        const res = await as("admin").request("PATCH", `/api/users/${target}`, { disabled: true, role: "reporter" });
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().disabled, true);
        assert.equal(res.json().role, "reporter");
        assert.equal((await hank.request("GET", "/api/session")).statusCode, 401);
        const again = await env.app.inject({
          method: "POST",
          url: "/api/session",
          payload: { username: "hank", password: TEST_PASSWORD },
        });
        assert.equal(again.statusCode, 403);
      });

      test("a new role or org reaches the user's very next request, though their session was cached", async () => {
        const target = await insertUser(env.store, "iris", "viewer", org.city2);
        const iris = await signIn(env.app, "iris");
        assert.equal((await iris.request("GET", "/api/session")).json().user.role, "viewer");
        const res = await as("admin").request("PATCH", `/api/users/${target}`, { role: "reporter", orgId: org.city1 });
        assert.equal(res.statusCode, 200, res.body);
        const after = (await iris.request("GET", "/api/session")).json();
        assert.equal(after.user.role, "reporter");
        assert.equal(after.user.orgId, org.city1);
      });

      test("an empty patch, an unknown user, and locking yourself out", async () => {
        const empty = await as("admin").request("PATCH", `/api/users/${ids.viewer1}`, {});
        assert.equal(empty.statusCode, 400);
        assert.match(empty.json().detail, /at least one field/);
        assert.equal((await as("admin").request("PATCH", "/api/users/999999", { displayName: "x" })).statusCode, 404);
        const self = await as("admin").request("PATCH", `/api/users/${ids.admin}`, { role: "viewer" });
        assert.equal(self.statusCode, 409);
      });
    });
  });
}
