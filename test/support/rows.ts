// Orgs and users written straight to the database for tests: no name normalising, no password policy, and
// cheap scrypt parameters (tests sign in many times; the cost factor is not what they check).
import { hashPassword } from "../../src/services/users/queries.ts";
import type { Store } from "../../src/store/db.ts";
import type { OrgKind, UserRole } from "../../src/store/schema.ts";

const FAST = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = "correct horse battery";

export async function insertOrg(
  store: Store,
  name: string,
  parentId: number | null,
  kind: OrgKind = "city",
): Promise<number> {
  const row = await store.db
    .insertInto("orgs")
    .values({ name, kind, parent_id: parentId, region_code: "370000" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertUser(store: Store, username: string, role: UserRole, orgId: number): Promise<number> {
  const row = await store.db
    .insertInto("users")
    .values({
      username,
      display_name: username,
      role,
      org_id: orgId,
      password_hash: await hashPassword(TEST_PASSWORD, FAST),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
