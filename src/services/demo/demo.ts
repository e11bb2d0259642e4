// Demo data: the reference org directory, one account per kind of user, the five seed plans imported
// by the offices that issued them, a realistic spread of progress, overdue work and notices, and the
// offices' indicator figures (demo-indicators.ts).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import type { Store } from "../../store/db.ts";
import { likeStarting } from "../../store/like.ts";
import type { UserRole } from "../../store/schema.ts";
import { loadDecomposeDemo } from "../decompose/demo.ts";
import { DEMO_LINKED_PLANS, linkDemoPlan } from "../links/demo-links.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan } from "../plans/import-plan.ts";
import { loadScopeDemo } from "../scopes/demo.ts";
import { loadLoopDemo } from "../supervision-loop/demo.ts";
import { createUser } from "../users/queries.ts";
import { writeDemoHistory } from "./history.ts";
import { reportDemoIndicatorValues } from "./indicators.ts";

const SEEDS = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds");
export const DEMO_PASSWORD = "luoshi-demo";

export type DemoLogin = { username: string; password: string; role: UserRole; org: string; what: string };

// `what` is printed for the newcomer at the console; `name` is the person the app greets.
const ACCOUNTS: { username: string; role: UserRole; org: string; what: string; name: string }[] = [
  { username: "admin", role: "admin", org: "国家知识产权局", what: "administrator", name: "系统管理员" },
  {
    username: "shandong",
    role: "plan_office",
    org: "山东省市场监督管理局",
    what: "provincial plan office",
    name: "张伟",
  },
  { username: "cnipa", role: "plan_office", org: "国家知识产权局", what: "national plan office", name: "刘洋" },
  { username: "taishan", role: "plan_office", org: "泰山区市场监督管理局", what: "county plan office", name: "陈静" },
  { username: "taian", role: "reporter", org: "泰安市市场监督管理局", what: "city bureau reporter", name: "王磊" },
  { username: "baohu", role: "reporter", org: "知识产权保护处", what: "division reporter (lead unit)", name: "赵丽" },
  { username: "leader", role: "viewer", org: "山东省市场监督管理局", what: "leader (dashboards)", name: "孙立新" },
];

const PLANS: [file: string, org: string][] = [
  ["cnipa-2021-national-task-list", "国家知识产权局"],
  ["sd-2021-provincial-task-list", "山东省市场监督管理局"],
  ["sd-14th-fyp-ip-plan", "山东省市场监督管理局"],
  ["sd-2023-2025-protection-plan", "山东省市场监督管理局"],
  ["taishan-2022-2025-county-plan", "泰山区市场监督管理局"],
];

/** True when the database has no users yet: `npm start` loads the demo then. */
export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.db.selectFrom("users").select("id").limit(1).execute()).length === 0;
}

// Any constant no other lock uses (migrate.ts 7_245_110, orgs-reference.ts 7_245_111, orgs.ts 7_245_112):
// serializes demo loads across server processes.
const DEMO_LOCK_KEY = 7_245_113;

/**
 * Loads the demo into an empty database, once however many servers start on it together (serve --demo
 * three times on a fresh PostgreSQL database): under an advisory lock the first loads, the others wait
 * and then find it loaded. Returns the logins, or null when the database was not empty. The embedded
 * database needs no lock: its directory lock (store/data-lock.ts) admits one process.
 */
export async function loadDemoIfEmpty(store: Store, today: string, onLoad?: () => void): Promise<DemoLogin[] | null> {
  const load = async () => {
    if (!(await isEmpty(store))) return null;
    onLoad?.();
    return loadDemo(store, today);
  };
  if (store.kind !== "postgres") return load();
  return store.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${DEMO_LOCK_KEY})`.execute(connection);
    try {
      return await load();
    } finally {
      await sql`select pg_advisory_unlock(${DEMO_LOCK_KEY})`.execute(connection);
    }
  });
}

export async function loadDemo(store: Store, today: string): Promise<DemoLogin[]> {
  await loadReferenceDirectory(store.db);
  const orgId = async (prefix: string) =>
    (
      await store.db
        .selectFrom("orgs")
        .select("id")
        .where("name", "like", likeStarting(prefix))
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
  const logins: DemoLogin[] = [];
  for (const a of ACCOUNTS) {
    await createUser(store.db, {
      username: a.username,
      password: DEMO_PASSWORD,
      role: a.role,
      orgId: await orgId(a.org),
      displayName: a.name,
    });
    logins.push({ username: a.username, role: a.role, org: a.org, what: a.what, password: DEMO_PASSWORD });
  }
  const adminId = (
    await store.db.selectFrom("users").select("id").where("username", "=", "admin").executeTakeFirstOrThrow()
  ).id;
  for (const [file, org] of PLANS) {
    const bytes = readFileSync(join(SEEDS, `${file}.txt`));
    const result = await importPlan(store, {
      bytes,
      fileName: `${file}.txt`,
      orgId: await orgId(org),
      userId: adminId,
    });
    await loadScopeDemo(store, result.planId, today, adminId);
    await writeDemoHistory(store, result.planId, today, adminId);
    await reportDemoIndicatorValues(store, file, result.planId, today);
    if (DEMO_LINKED_PLANS.has(file)) await linkDemoPlan(store.db, result.planId, adminId);
  }
  await loadLoopDemo(store, today);
  await loadDecomposeDemo(store, today);
  // The planner's statistics for the data just loaded (PGlite keeps none by itself).
  await store.maintain();
  return logins;
}
