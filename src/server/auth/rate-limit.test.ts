import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { pairDelayMs } from "../../services/auth/login-throttle.ts";
import { buildApp } from "../app.ts";
import { DEFAULT_CONFIG } from "../context.ts";
import { closeTemplate, insertOrg, insertUser, TEST_PASSWORD, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`auth/rate-limit over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let org: number;
    before(async () => {
      env = await testEnvOn(kind);
      org = await insertOrg(env.store, "Org", null);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    let made = 0;
    async function user(): Promise<string> {
      made += 1;
      const name = `user${made}`;
      await insertUser(env.store, name, "viewer", org);
      return name;
    }
    let addresses = 0;
    const address = () => {
      addresses += 1;
      return `10.1.${Math.floor(addresses / 250)}.${addresses % 250}`;
    };

    const login = (username: string, password: string, remoteAddress: string, app = env.app) =>
      app.inject({ method: "POST", url: "/api/session", payload: { username, password }, remoteAddress });

    test("the delay doubles per failure after the free ones, up to the cap; lower for a trusted pair", () => {
      const p = DEFAULT_CONFIG.login;
      assert.equal(pairDelayMs(p.freeFailures - 1, p, false), 0);
      assert.equal(pairDelayMs(p.freeFailures, p, false), 1000);
      assert.equal(pairDelayMs(p.freeFailures + 3, p, false), 8000);
      assert.equal(pairDelayMs(p.freeFailures + 40, p, false), 15 * 60 * 1000);
      assert.equal(pairDelayMs(p.freeFailures + 40, p, true), 60 * 1000);
    });

    test("after the free failures a pair waits, doubling, even with the right password; a success starts afresh", async () => {
      const name = await user();
      const from = address();
      for (let i = 0; i < 5; i++)
        assert.equal((await login(name, "wrong-password", from)).statusCode, 401, `try ${i + 1}`);
      const waiting = await login(name, TEST_PASSWORD, from);
      assert.equal(waiting.statusCode, 429);
      assert.match(String(waiting.headers["content-type"]), /^application\/problem\+json/);
      assert.equal(waiting.headers["retry-after"], "1");
      assert.match(waiting.json().detail, /this account from this address; try again in 1 second/);
      env.clock.advance(1000);
      assert.equal((await login(name, "wrong-password", from)).statusCode, 401);
      assert.equal((await login(name, TEST_PASSWORD, from)).headers["retry-after"], "2");
      env.clock.advance(2000);
      assert.equal((await login(name, "wrong-password", from)).statusCode, 401);
      assert.equal((await login(name, TEST_PASSWORD, from)).headers["retry-after"], "4");
      env.clock.advance(4000);
      assert.equal((await login(name, TEST_PASSWORD, from)).statusCode, 200);
      for (let i = 0; i < 5; i++) assert.equal((await login(name, "wrong-password", from)).statusCode, 401);
    });

    test("a stranger's failures from elsewhere never delay the owner, however many", async () => {
      const name = await user();
      const home = address();
      for (let i = 0; i < 3; i++) {
        const stranger = address();
        for (let j = 0; j < 12; j++) {
          await login(name, "guess", stranger);
          env.clock.advance(100);
        }
        const blocked = await login(name, TEST_PASSWORD, stranger);
        assert.equal(blocked.statusCode, 429, "the stranger's pair is slowed down");
      }
      assert.equal((await login(name, TEST_PASSWORD, home)).statusCode, 200);
      // Usernames are matched as stored (case and spaces ignored): still the same, unlocked account.
      assert.equal((await login(` ${name.toUpperCase()} `, TEST_PASSWORD, home)).statusCode, 200);
    });

    test("an untrusted pair is capped at 15 minutes, a pair that signed in before at one minute", async () => {
      const name = await user();
      const from = address();
      const known = await user();
      const knownFrom = address();
      assert.equal((await login(known, TEST_PASSWORD, knownFrom)).statusCode, 200);
      let untrustedMax = 0;
      let trustedMax = 0;
      for (let i = 0; i < 20; i++) {
        if (i > 0) env.clock.advance(15 * 60 * 1000);
        for (const [who, where, max] of [
          [name, from, "u"],
          [known, knownFrom, "t"],
        ] as const) {
          const res = await login(who, "wrong-password", where);
          const after = Number(res.headers["retry-after"] ?? 0);
          if (max === "u") untrustedMax = Math.max(untrustedMax, after);
          else trustedMax = Math.max(trustedMax, after);
        }
      }
      assert.equal(untrustedMax, 0, "each try came after the wait");
      const u = await login(name, TEST_PASSWORD, from);
      const t = await login(known, TEST_PASSWORD, knownFrom);
      assert.equal(u.statusCode, 429);
      assert.equal(u.headers["retry-after"], String(15 * 60));
      assert.equal(t.statusCode, 429);
      assert.equal(t.headers["retry-after"], "60");
      assert.equal(trustedMax, 0);
    });

    test("many failures from one address stop unknown pairs from it, never a user who signed in from it before", async () => {
      const regular = await user();
      const office = address();
      assert.equal((await login(regular, TEST_PASSWORD, office)).statusCode, 200);
      const newcomer = await user();
      for (let i = 0; i < 30; i++) assert.equal((await login(`nobody${i}`, "p", office)).statusCode, 401);
      const refused = await login(newcomer, TEST_PASSWORD, office);
      assert.equal(refused.statusCode, 429);
      assert.match(refused.json().detail, /from this address; try again in 15 minutes/);
      assert.equal((await login(regular, TEST_PASSWORD, office)).statusCode, 200);
      assert.equal((await login(newcomer, TEST_PASSWORD, address())).statusCode, 200);
      env.clock.advance(15 * 60 * 1000 + 1000);
      assert.equal((await login(newcomer, TEST_PASSWORD, office)).statusCode, 200);
    });

    test("the counters are shared by every server process on the database", async () => {
      const name = await user();
      const from = address();
      const other = buildApp({ store: env.store, now: () => env.clock.now, config: {} });
      await other.ready();
      try {
        for (let i = 0; i < 5; i++)
          assert.equal((await login(name, "wrong-password", from, i % 2 ? other : env.app)).statusCode, 401);
        assert.equal((await login(name, TEST_PASSWORD, from, other)).statusCode, 429);
        assert.equal((await login(name, TEST_PASSWORD, from, env.app)).statusCode, 429);
      } finally {
        await other.close();
      }
    });

    test("parallel guesses see each other: only the free failures reach the password check", async () => {
      const name = await user();
      const from = address();
      const results = await Promise.all(Array.from({ length: 20 }, () => login(name, "wrong-password", from)));
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((c) => c === 401).length, 5, codes.join(","));
      assert.equal(codes.filter((c) => c === 429).length, 15);
    });
  });
}
