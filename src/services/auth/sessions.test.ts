import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { closeTemplate, storeKinds, storesFor } from "../../../test/support/stores.ts";
import { insertOrg, insertUser } from "../../server/testing.ts";
import type { Store } from "../../store/db.ts";
import { revokeSessions } from "../users/accounts.ts";
import {
  createSession,
  deleteSession,
  findSession,
  forgetUserSessions,
  hashToken,
  renewSession,
  SESSION_CACHE_TTL_MS,
  SessionCache,
  sessionCache,
} from "./sessions.ts";

const NOW = new Date("2025-06-16T08:00:00Z");
const HOUR = 3600_000;
const TTL = 5_000;

/** A session cache on a clock the test moves. */
function fakeCache() {
  const clock = { t: 1_000_000 };
  const cache = new SessionCache({ ttlMs: TTL, max: 100, perf: { now: () => clock.t } });
  return { cache, advance: (ms: number) => (clock.t += ms) };
}

async function userWithSession(store: Store, username: string) {
  const org = await insertOrg(store, `${username}的局`, null, "province");
  const userId = await insertUser(store, username, "reporter", org);
  const { token } = await createSession(store.db, userId, NOW, 12 * HOUR);
  return { userId, token };
}

/** Deletes the session row behind the cache's back, as another process would. */
const deleteRow = (store: Store, token: string) =>
  store.db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();

for (const kind of storeKinds()) {
  describe(`session cache on ${kind.name}`, () => {
    const open = storesFor(kind);
    after(closeTemplate);

    test("within the TTL a cached session is not read from the database again; after it, it is", async () => {
      const store = await open();
      const { cache, advance } = fakeCache();
      const { token } = await userWithSession(store, "ann");
      const first = await findSession(store.db, token, NOW, cache);
      assert.equal(first?.user.username, "ann");
      await deleteRow(store, token); // another process signs the user out
      advance(TTL);
      const cached = await findSession(store.db, token, NOW, cache);
      assert.equal(cached?.user.username, "ann", "served from the cache: the deleted row was not read");
      advance(1);
      assert.equal(await findSession(store.db, token, NOW, cache), null, "past the TTL the row is read again");
    });

    test("sign-out, revocation and any account change forget the cached session at once", async () => {
      const store = await open();
      const { userId, token } = await userWithSession(store, "bob");
      assert.ok(await findSession(store.db, token, NOW));
      await deleteSession(store.db, hashToken(token));
      assert.equal(await findSession(store.db, token, NOW), null, "sign-out");

      const again = await createSession(store.db, userId, NOW, 12 * HOUR);
      assert.ok(await findSession(store.db, again.token, NOW));
      await revokeSessions(store.db, userId);
      assert.equal(await findSession(store.db, again.token, NOW), null, "revokeSessions");

      const third = await createSession(store.db, userId, NOW, 12 * HOUR);
      assert.equal((await findSession(store.db, third.token, NOW))?.user.role, "reporter");
      await store.db.updateTable("users").set({ role: "viewer" }).where("id", "=", userId).execute();
      assert.equal((await findSession(store.db, third.token, NOW))?.user.role, "reporter", "still cached");
      forgetUserSessions(userId);
      assert.equal((await findSession(store.db, third.token, NOW))?.user.role, "viewer", "read afresh");
    });

    test("an expired session is never served from the cache; a renewal moves the cached expiry", async () => {
      const store = await open();
      const { cache } = fakeCache();
      const { token } = await userWithSession(store, "cai");
      const found = await findSession(store.db, token, NOW, cache);
      assert.ok(found);
      const end = found.expiresAt;
      assert.equal(await findSession(store.db, token, end, cache), null, "expired at its end");
      assert.ok(await findSession(store.db, token, NOW, cache));
      const later = new Date(end.getTime() + HOUR);
      await renewSession(store.db, found.tokenHash, later, cache);
      await deleteRow(store, token);
      assert.equal((await findSession(store.db, token, end, cache))?.expiresAt.getTime(), later.getTime());
    });

    test("each caller gets its own copy; another database's session is not this one's", async () => {
      const store = await open();
      const other = await open();
      const { cache } = fakeCache();
      const { token } = await userWithSession(store, "dai");
      const a = await findSession(store.db, token, NOW, cache);
      assert.ok(a);
      a.expiresAt = new Date(0);
      a.user.role = "admin";
      const b = await findSession(store.db, token, NOW, cache);
      assert.equal(b?.user.role, "reporter");
      assert.notEqual(b?.expiresAt.getTime(), 0);
      assert.equal(await findSession(other.db, token, NOW, cache), null);
    });
  });
}

describe("SessionCache", () => {
  const db = {} as Store["db"];
  const session = (id: number, tokenHash: string) => ({
    tokenHash,
    csrfToken: "c",
    expiresAt: new Date(NOW.getTime() + HOUR),
    user: { id, username: `u${id}`, displayName: `u${id}`, role: "viewer" as const, orgId: 1 },
  });

  test("a read that was under way while something was forgotten is not kept", () => {
    const { cache } = fakeCache();
    const generation = cache.generation;
    cache.forgetUser(99);
    cache.remember(db, session(1, "t1"), generation);
    assert.equal(cache.get(db, "t1", NOW), undefined);
    cache.remember(db, session(1, "t1"), cache.generation);
    assert.ok(cache.get(db, "t1", NOW));
  });

  test("forgetting a user drops all of their sessions and no one else's; the size is bounded", () => {
    const cache = new SessionCache({ ttlMs: TTL, max: 3 });
    for (const [id, t] of [
      [1, "a"],
      [1, "b"],
      [2, "c"],
    ] as const)
      cache.remember(db, session(id, t), cache.generation);
    cache.forgetUser(1);
    assert.deepEqual(
      ["a", "b", "c"].map((t) => cache.get(db, t, NOW) !== undefined),
      [false, false, true],
    );
    for (const t of ["d", "e", "f", "g"]) cache.remember(db, session(3, t), cache.generation);
    assert.equal(cache.size, 3);
  });

  test("the process's cache keeps sessions for a few seconds at most (README, Security)", () => {
    assert.ok(sessionCache instanceof SessionCache);
    assert.ok(SESSION_CACHE_TTL_MS > 0 && SESSION_CACHE_TTL_MS <= 5_000);
  });
});
