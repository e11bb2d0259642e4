import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { closeTemplate, insertOrg, insertUser, TEST_PASSWORD, type TestEnv, testEnv } from "../testing.ts";
import { IpLimiter } from "./rate-limit.ts";

let env: TestEnv;
before(async () => {
  env = await testEnv({ ipMaxFailures: 1000 });
  const org = await insertOrg(env.store, "Org", null);
  await insertUser(env.store, "bob", "viewer", org);
  await insertUser(env.store, "carol", "viewer", org);
});
after(async () => {
  await env.close();
  await closeTemplate();
});

const login = (username: string, password: string) =>
  env.app.inject({ method: "POST", url: "/api/session", payload: { username, password } });

test("the 6th attempt after 5 failures within 15 minutes gets 429 with Retry-After, even with the right password", async () => {
  for (let i = 0; i < 5; i++) {
    assert.equal((await login("bob", "wrong-password")).statusCode, 401, `attempt ${i + 1}`);
    env.clock.advance(60_000);
  }
  const locked = await login("bob", TEST_PASSWORD);
  assert.equal(locked.statusCode, 429);
  assert.match(String(locked.headers["content-type"]), /^application\/problem\+json/);
  // First failure at t0, now t0+5 min: the lock ends at t0+15 min.
  assert.equal(locked.headers["retry-after"], "600");
  assert.match(locked.json().detail, /10 minutes/);
  // Other accounts are not affected.
  assert.equal((await login("carol", TEST_PASSWORD)).statusCode, 200);
  // Once the oldest failure leaves the window, one more try is allowed.
  env.clock.advance(600_000 + 1000);
  assert.equal((await login("bob", TEST_PASSWORD)).statusCode, 200);
});

test("a success clears the count of earlier failures", async () => {
  env.clock.advance(3600_000);
  for (let i = 0; i < 4; i++) assert.equal((await login("carol", "wrong-password")).statusCode, 401);
  assert.equal((await login("carol", TEST_PASSWORD)).statusCode, 200);
  for (let i = 0; i < 4; i++) assert.equal((await login("carol", "wrong-password")).statusCode, 401);
  assert.equal((await login("carol", TEST_PASSWORD)).statusCode, 200);
});

test("failures from one IP across many usernames are capped in memory", () => {
  const limiter = new IpLimiter(3, 60_000);
  const t0 = new Date("2025-01-01T00:00:00Z");
  for (let i = 0; i < 3; i++) limiter.fail("10.0.0.1", new Date(t0.getTime() + i * 1000));
  assert.equal(limiter.retryAfter("10.0.0.1", new Date(t0.getTime() + 3000)), 57);
  assert.equal(limiter.retryAfter("10.0.0.2", t0), null);
  assert.equal(limiter.retryAfter("10.0.0.1", new Date(t0.getTime() + 60_001)), null);
});

test("the IP cap answers 429 through the API", async () => {
  const strict = await testEnv({ ipMaxFailures: 2 });
  try {
    for (const name of ["x1", "x2"])
      assert.equal(
        (await strict.app.inject({ method: "POST", url: "/api/session", payload: { username: name, password: "p" } }))
          .statusCode,
        401,
      );
    const res = await strict.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "x3", password: "p" },
    });
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers["retry-after"]) > 0);
  } finally {
    await strict.close();
  }
});
