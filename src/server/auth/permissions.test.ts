import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { UserRole } from "../../store/schema.ts";
import { closeTemplate, insertOrg, type TestEnv, testEnv } from "../testing.ts";
import { canWriteOrg, inScope, orgScope, orgSubtree } from "./permissions.ts";
import type { SessionUser } from "./sessions.ts";

let env: TestEnv;
const org = { province: 0, city: 0, county: 0, town: 0, otherCity: 0 };

before(async () => {
  env = await testEnv();
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

const user = (role: UserRole, orgId: number): SessionUser => ({ id: 1, username: "u", displayName: "u", role, orgId });

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

test("write rights by role", async () => {
  const db = env.store.db;
  assert.equal(await canWriteOrg(db, user("admin", org.town), org.otherCity), true);
  assert.equal(await canWriteOrg(db, user("plan_office", org.city), org.town), true);
  assert.equal(await canWriteOrg(db, user("plan_office", org.city), org.otherCity), false);
  assert.equal(await canWriteOrg(db, user("reporter", org.city), org.city), true);
  assert.equal(await canWriteOrg(db, user("reporter", org.city), org.county), false);
  assert.equal(await canWriteOrg(db, user("viewer", org.city), org.city), false);
});
