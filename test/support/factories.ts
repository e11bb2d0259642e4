// Factories for tests: orgs, users, plans and assignments built per test in whatever store the test
// opened (either database), each with its own fresh names, so that no test relies on another's rows or ids.

import { insertOrg, insertUser } from "../../src/server/testing.ts";
import { insertPlan } from "../../src/services/plans/queries.ts";
import type { Store } from "../../src/store/db.ts";
import type { OrgKind, UserRole } from "../../src/store/schema.ts";

let made = 0;
/** A name no other factory call in this process has produced. */
export const uniqueName = (prefix: string): string => `${prefix}-${++made}`;

/**
 * The id of the first org (by id) whose name starts with `prefix`: the reference directory's orgs are
 * found by their printed names, never by ids another test happened to leave behind.
 */
export async function orgIdByName(store: Store, prefix: string): Promise<number> {
  const row = await store.db
    .selectFrom("orgs")
    .select("id")
    .where("name", "like", `${prefix}%`)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeOrg(
  store: Store,
  options: { name?: string; parentId?: number | null; kind?: OrgKind } = {},
): Promise<number> {
  return insertOrg(store, options.name ?? uniqueName("org"), options.parentId ?? null, options.kind ?? "city");
}

/** A user who signs in with server/testing.ts's TEST_PASSWORD. */
export async function makeUser(
  store: Store,
  role: UserRole,
  orgId: number,
  username: string = uniqueName(role),
): Promise<{ id: number; username: string }> {
  return { id: await insertUser(store, username, role, orgId), username };
}

/** A province with two cities under it, an admin, and a plan office and a reporter in the first city. */
export async function makeOrgsAndUsers(store: Store) {
  const province = await makeOrg(store, { name: uniqueName("province"), kind: "province" });
  const city = await makeOrg(store, { name: uniqueName("city"), parentId: province });
  const otherCity = await makeOrg(store, { name: uniqueName("city"), parentId: province });
  return {
    orgs: { province, city, otherCity },
    users: {
      admin: await makeUser(store, "admin", province),
      office: await makeUser(store, "plan_office", city),
      reporter: await makeUser(store, "reporter", city),
    },
  };
}

export type PlanSpec = {
  /** The plan's owner. */
  orgId: number;
  title?: string;
  cadence?: "monthly" | "quarterly";
  /** One task per entry, one measure each, assigned to these orgs (the first leads, the rest support). */
  tasks: { title?: string; due?: string | null; orgIds: number[] }[];
};

/** An active plan written straight to the database (no parsing), with its measure and assignment ids. */
export async function makePlan(
  store: Store,
  spec: PlanSpec,
): Promise<{ planId: number; measureIds: number[]; assignmentIds: number[] }> {
  const title = spec.title ?? uniqueName("plan");
  const inserted = await store.db.transaction().execute((tx) =>
    insertPlan(tx, {
      orgId: spec.orgId,
      userId: null,
      cadence: spec.cadence ?? "quarterly",
      meta: { title, docNumber: null, issuer: null, issuedOn: null, period: null, planYear: 2025 },
      file: { name: `${title}.txt`, format: "txt", bytes: new TextEncoder().encode(title), sourceText: title },
      headings: [],
      tasks: spec.tasks.map((t, i) => {
        const taskTitle = t.title ?? `${title} task ${i + 1}`;
        const due = t.due === undefined ? "2025-06-30" : t.due;
        return {
          key: String(i + 1),
          title: taskTitle,
          source: { line: i + 1 },
          searchText: taskTitle,
          measures: [
            {
              text: `${taskTitle} measure`,
              scope: null,
              statedUnits: "",
              deadline: due === null ? null : { raw: due, due, ongoing: false },
              source: { line: i + 1 },
              assignments: t.orgIds.map((orgId, j) => ({ orgId, role: j === 0 ? "lead" : "support", via: null })),
              unresolved: [],
            },
          ],
        };
      }),
      indicators: [],
    }),
  );
  const assignments = await store.db
    .selectFrom("assignments")
    .select("id")
    .where("plan_id", "=", inserted.planId)
    .orderBy("id")
    .execute();
  return { planId: inserted.planId, measureIds: inserted.measureIds, assignmentIds: assignments.map((a) => a.id) };
}
