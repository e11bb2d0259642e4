import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { closeTemplate, insertOrg, insertUser, signIn, TEST_PASSWORD, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`auth/session over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    before(async () => {
      env = await testEnvOn(kind);
      const org = await insertOrg(env.store, "山东省知识产权局", null, "province");
      await insertUser(env.store, "alice", "admin", org);
      await insertUser(env.store, "victor", "viewer", org);
      const gone = await insertUser(env.store, "gone", "viewer", org);
      await env.store.db.updateTable("users").set({ disabled: true }).where("id", "=", gone).execute();
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const login = (username: string, password: string, headers: Record<string, string> = {}) =>
      env.app.inject({ method: "POST", url: "/api/session", payload: { username, password }, headers });

    describe("sign in", () => {
      test("right password: the user, a CSRF token and an HttpOnly SameSite=Lax cookie", async () => {
        const res = await login("alice", TEST_PASSWORD);
        assert.equal(res.statusCode, 200);
        const body = res.json() as { user: Record<string, unknown>; csrfToken: string };
        assert.equal(body.user.username, "alice");
        assert.equal(body.user.role, "admin");
        assert.equal("passwordHash" in body.user || "password_hash" in body.user, false);
        assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
        const cookie = String(res.headers["set-cookie"]);
        assert.match(cookie, /^luoshi_session=[A-Za-z0-9_-]{43};/);
        assert.match(cookie, /; HttpOnly/);
        assert.match(cookie, /; SameSite=Lax/);
        assert.match(cookie, /; Path=\//);
        assert.doesNotMatch(cookie, /Secure/);
      });

      test("usernames are case-insensitive", async () => {
        assert.equal((await login("ALICE", TEST_PASSWORD)).statusCode, 200);
      });

      test("only the SHA-256 of the token is stored", async () => {
        const res = await login("alice", TEST_PASSWORD);
        const token = String(res.headers["set-cookie"]).split(";")[0]?.split("=")[1] as string;
        const rows = await env.store.db.selectFrom("sessions").select("token_hash").execute();
        assert.ok(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
      });

      test("wrong password and unknown user: the same 401 problem", async () => {
        const wrong = await login("victor", "nope-nope-nope");
        const unknown = await login("nobody", "nope-nope-nope");
        for (const res of [wrong, unknown]) {
          assert.equal(res.statusCode, 401);
          assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
          assert.equal(res.json().detail, "Wrong username or password.");
          assert.equal(res.headers["set-cookie"], undefined);
        }
      });

      test("a disabled account cannot sign in", async () => {
        const res = await login("gone", TEST_PASSWORD);
        assert.equal(res.statusCode, 403);
        assert.match(res.json().detail, /disabled/);
      });

      test("a missing field is a 400 naming it", async () => {
        const res = await env.app.inject({ method: "POST", url: "/api/session", payload: { username: "alice" } });
        assert.equal(res.statusCode, 400);
        assert.deepEqual(
          res.json().errors.map((e: { path: string }) => e.path),
          ["body.password"],
        );
      });
    });

    describe("session", () => {
      test("GET /api/session: who am I, with the CSRF token", async () => {
        const agent = await signIn(env.app, "victor");
        const res = await agent.request("GET", "/api/session");
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().user.username, "victor");
        assert.equal(res.json().csrfToken, agent.csrf);
      });

      test("without a cookie: 401 problem", async () => {
        const res = await env.app.inject({ method: "GET", url: "/api/session" });
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().status, 401);
      });

      test("a forged cookie is no session", async () => {
        const res = await env.app.inject({
          method: "GET",
          url: "/api/session",
          headers: { cookie: `luoshi_session=${"A".repeat(43)}` },
        });
        assert.equal(res.statusCode, 401);
      });

      test("sign out needs the CSRF token, then ends the session and clears the cookie", async () => {
        const agent = await signIn(env.app, "victor");
        // The session is now in this process's cache (services/auth/sessions.ts): sign-out must still end it
        // for the very next request.
        assert.equal((await agent.request("GET", "/api/session")).statusCode, 200);
        const noCsrf = await env.app.inject({
          method: "DELETE",
          url: "/api/session",
          headers: { cookie: agent.cookie },
        });
        assert.equal(noCsrf.statusCode, 403);
        assert.match(noCsrf.json().detail, /x-csrf-token/);
        const wrong = await env.app.inject({
          method: "DELETE",
          url: "/api/session",
          headers: { cookie: agent.cookie, "x-csrf-token": "x".repeat(43) },
        });
        assert.equal(wrong.statusCode, 403);
        const out = await agent.request("DELETE", "/api/session");
        assert.equal(out.statusCode, 204);
        assert.match(String(out.headers["set-cookie"]), /Max-Age=0/);
        assert.equal((await agent.request("GET", "/api/session")).statusCode, 401);
      });

      test("signing in again replaces the old session (no fixation)", async () => {
        const first = await signIn(env.app, "victor");
        assert.equal((await first.request("GET", "/api/session")).statusCode, 200);
        const again = await login("victor", TEST_PASSWORD, { cookie: first.cookie, "x-csrf-token": first.csrf });
        assert.equal(again.statusCode, 200);
        assert.equal((await first.request("GET", "/api/session")).statusCode, 401);
      });
    });

    describe("expiry", () => {
      test("a session lasts 12 hours idle and slides with use", async () => {
        const agent = await signIn(env.app, "victor");
        env.clock.advance(11 * 3600_000);
        assert.equal((await agent.request("GET", "/api/session")).statusCode, 200);
        env.clock.advance(11 * 3600_000); // 22 h after sign-in, 11 h after last use
        assert.equal((await agent.request("GET", "/api/session")).statusCode, 200);
        env.clock.advance(12 * 3600_000 + 1000);
        assert.equal((await agent.request("GET", "/api/session")).statusCode, 401);
      });
    });
  });
}
