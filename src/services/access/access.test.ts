import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { storeKinds } from "../../../test/support/stores.ts";
import { closeTemplate, insertOrg, type TestEnv, testEnvOn } from "../../server/testing.ts";
import { NotAllowedError, NotFoundError } from "../../store/errors.ts";
import type { Database, UserRole } from "../../store/schema.ts";
import { type Actor, authorize, canWriteOrg, inScope, orgScope, orgSubtree, scopeIds } from "./index.ts";

// On both databases (test/support/stores.ts).
for (const kind of storeKinds()) {
  describe(`org scope and access checks on ${kind.name}`, () => {
    let env: TestEnv;
    const org = { province: 0, city: 0, county: 0, town: 0, otherCity: 0 };

    before(async () => {
      env = await testEnvOn(kind);
      org.province = await insertOrg(env.store, "Province", null, "province");
      org.city = await insertOrg(env.store, "City", org.province);
      org.county = await insertOrg(env.store, "County", org.city, "county");
      org.town = await insertOrg(env.store, "Town", org.county, "township");
      org.otherCity = await insertOrg(env.store, "Other city", org.province);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const user = (role: UserRole, orgId: number): Actor => ({ id: 1, role, orgId });

    test("the subtree follows parent_id all the way down and nothing else", async () => {
      assert.deepEqual([...(await orgSubtree(env.store.db, org.city))].sort(), [org.city, org.county, org.town].sort());
      assert.deepEqual([...(await orgSubtree(env.store.db, org.town))], [org.town]);
      assert.equal((await orgSubtree(env.store.db, org.province)).size, 5);
    });

    test("read scope by role", async () => {
      const db = env.store.db;
      assert.equal((await orgScope(db, user("admin", org.city))).all, true);
      for (const role of ["plan_office", "viewer"] as const) {
        const scope = await orgScope(db, user(role, org.city));
        assert.equal(inScope(scope, org.town), true);
        assert.equal(inScope(scope, org.otherCity), false);
        assert.equal(inScope(scope, org.province), false);
      }
      const reporter = await orgScope(db, user("reporter", org.city));
      assert.equal(inScope(reporter, org.city), true);
      assert.equal(inScope(reporter, org.county), false);
    });

    test("a subtree that is every org needs no org filter; another root brings the filter back", async () => {
      const own = await testEnvOn(kind);
      try {
        const db = own.store.db;
        const root = await insertOrg(own.store, "National office", null, "national");
        const province = await insertOrg(own.store, "A province", root, "province");
        await insertOrg(own.store, "A city", province);
        const office: Actor = { id: 1, role: "plan_office", orgId: root };
        const whole = await orgScope(db, office);
        assert.equal(scopeIds(whole), undefined);
        assert.equal(inScope(whole, province), true);
        assert.deepEqual(scopeIds(await orgScope(db, { ...office, orgId: province }))?.length, 2);
        const elsewhere = await insertOrg(own.store, "Another tree", null, "province");
        const narrowed = await orgScope(db, { ...office });
        assert.equal(scopeIds(narrowed)?.length, 3);
        assert.equal(inScope(narrowed, elsewhere), false);
        // A reporter at the root still sees only its own org.
        assert.deepEqual(scopeIds(await orgScope(db, { ...office, role: "reporter" })), [root]);
      } finally {
        await own.close();
      }
    });

    test("write rights by role", async () => {
      const db = env.store.db;
      assert.equal(await canWriteOrg(db, user("admin", org.town), org.otherCity), true);
      assert.equal(await canWriteOrg(db, user("plan_office", org.city), org.town), true);
      assert.equal(await canWriteOrg(db, user("plan_office", org.city), org.otherCity), false);
      assert.equal(await canWriteOrg(db, user("reporter", org.city), org.city), true);
      assert.equal(await canWriteOrg(db, user("reporter", org.city), org.county), false);
      assert.equal(await canWriteOrg(db, user("viewer", org.city), org.city), false);
    });

    /** The database with a count of the subtree queries asked of it. */
    function counting(db: Kysely<Database>) {
      // Every query starts with selectFrom or withRecursive: the subtree read (by orgs.path, migration 016) is some.
      const counter = { queries: 0 };
      const wrapped = new Proxy(db, {
        get(target, name) {
          if (name === "withRecursive" || name === "selectFrom") counter.queries++;
          const value = Reflect.get(target, name, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return { db: wrapped, counter };
    }

    test("the scope is asked once per actor: the write check after it runs no second subtree query", async () => {
      const { db, counter } = counting(env.store.db);
      const office = user("plan_office", org.city);
      const scope = await orgScope(db, office);
      const asked = counter.queries;
      assert.ok(asked > 0, "the first scope reads the org tree");
      assert.equal(await canWriteOrg(db, office, org.town), true);
      assert.equal(await canWriteOrg(db, office, org.otherCity), false);
      assert.equal(await orgScope(db, office), scope);
      assert.equal(counter.queries, asked, "no query after the first scope");
      // Another actor (the next request's session user) asks again and sees a changed tree.
      const village = await insertOrg(env.store, "Village", org.town, "other");
      assert.equal(inScope(await orgScope(db, user("plan_office", org.city)), village), true);
      assert.ok(counter.queries > asked, "a new actor reads the tree again");
    });

    test("authorize: out of scope or missing is not found, in scope but read-only is not allowed", async () => {
      const db = env.store.db;
      const viewer = user("viewer", org.city);
      const scope = await orgScope(db, viewer);
      assert.deepEqual(authorize(viewer, scope, "read", { orgId: org.town }, "report"), { orgId: org.town });
      assert.throws(() => authorize(viewer, scope, "read", { orgId: org.otherCity }, "report"), NotFoundError);
      assert.throws(() => authorize(viewer, scope, "read", undefined, "report"), /No such report\./);
      assert.throws(() => authorize(viewer, scope, "write", { orgId: org.town }, "report"), NotAllowedError);
      const reporter = user("reporter", org.town);
      const own = await orgScope(db, reporter);
      assert.equal(authorize(reporter, own, "write", { orgId: org.town }, "report").orgId, org.town);
    });
  });
}
