// Two branches of the org tree with a small plan assigned to both, for the dashboard and permission
// tests. The reference directory gives the tree: the Shandong bureau (province) above 济南 and 泰安
// (cities), and 泰山区 (a county) under 泰安. The province's plan office imports the plan below; every
// role has an account in each city, and an admin sits at the national office.
//
// The plan (year 2025, quarterly reports) and its assignments:
//   一/1  m1  济南 owner                       due 2025-01-31
//         m2  泰安 owner                       due 2025-02-28
//         m3  济南 lead, 泰安 support          due 2025-03-10
//   二/2  m4  济南 owner, 泰安 owner           due 2025-06-30
//         m5  泰安 owner                       全年 (ongoing to 2025-12-31)
//   二/3  m6  泰山区 owner                     due 2025-03-10
// addHistory() then files reports, signs m3 off and issues two notices on known days (see there).

import { insertUser } from "../../src/server/testing.ts";
import { loadReferenceDirectory } from "../../src/services/orgs/queries.ts";
import { importPlan } from "../../src/services/plans/import-plan.ts";
import { approveClosure } from "../../src/services/supervision-loop/closure.ts";
import { escalateNotices, issueNotice } from "../../src/services/tracking/notices.ts";
import { fileReport } from "../../src/services/tracking/reports.ts";
import { signOff } from "../../src/services/tracking/sign-off.ts";
import type { Store } from "../../src/store/db.ts";
import type { UserRole } from "../../src/store/schema.ts";
import { PROVINCE_BUREAU } from "./plans.ts";

export const SMALL_PLAN = [
  "2025年全省知识产权工作要点（测试）",
  "",
  "任务清单\t落实举措\t责任单位\t完成时间",
  "一、强化知识产权保护\t\t\t",
  "1. 加强行政保护\t开展商标专项整治行动。\t济南市市场监督管理局\t2025年1月底前",
  "\t开展专利侵权纠纷行政裁决试点。\t泰安市市场监督管理局\t2025年2月底前",
  "\t建设知识产权保护工作站。\t济南市市场监督管理局牵头，泰安市市场监督管理局配合\t2025年3月10日前",
  "二、促进知识产权运用\t\t\t",
  "2. 推进质押融资\t开展知识产权质押融资入园惠企行动。\t济南市市场监督管理局、泰安市市场监督管理局\t2025年6月底前",
  "\t推动地理标志产品产业发展。\t泰安市市场监督管理局\t全年",
  "3. 推进县域知识产权工作\t建设泰山区知识产权服务站。\t泰山区市场监督管理局\t2025年3月10日前",
  "",
].join("\n");

export const ORG_NAMES = {
  national: "国家知识产权局",
  province: PROVINCE_BUREAU,
  jinan: "济南市市场监督管理局",
  taian: "泰安市市场监督管理局",
  taishan: "泰山区市场监督管理局",
} as const;

export type Branches = {
  planId: number;
  orgs: Record<keyof typeof ORG_NAMES, number>;
  /** Measure ids m1…m6 in document order. */
  measures: number[];
  /** Assignment ids by "m<i>:<org key>", e.g. "m3:taian". */
  assignments: Record<string, number>;
  /** User ids by username. */
  users: Record<string, number>;
};

/** Usernames and roles: admin, province_office, and office_/reporter_/viewer_ for jinan and taian. */
export const ACCOUNTS: readonly { username: string; role: UserRole; org: keyof typeof ORG_NAMES }[] = [
  { username: "admin", role: "admin", org: "national" },
  { username: "province_office", role: "plan_office", org: "province" },
  ...(["jinan", "taian"] as const).flatMap((org) =>
    (["plan_office", "reporter", "viewer"] as const).map((role) => ({
      username: `${role === "plan_office" ? "office" : role}_${org}`,
      role,
      org,
    })),
  ),
];

export async function setUpBranches(store: Store): Promise<Branches> {
  await loadReferenceDirectory(store.db);
  const orgs = {} as Record<keyof typeof ORG_NAMES, number>;
  for (const [key, name] of Object.entries(ORG_NAMES) as [keyof typeof ORG_NAMES, string][]) {
    // Names repeat across the directory only for divisions; these are unique bureaus.
    const row = await store.db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirstOrThrow();
    orgs[key] = row.id;
  }
  const users: Record<string, number> = {};
  for (const a of ACCOUNTS) users[a.username] = await insertUser(store, a.username, a.role, orgs[a.org]);
  const imported = await importPlan(store, {
    bytes: Buffer.from(SMALL_PLAN),
    fileName: "small-plan.txt",
    orgId: orgs.province,
    userId: users.province_office ?? null,
  });
  const measures = (
    await store.db.selectFrom("measures").select("id").where("plan_id", "=", imported.planId).orderBy("id").execute()
  ).map((m) => m.id);
  const rows = await store.db
    .selectFrom("assignments")
    .select(["id", "measure_id", "org_id"])
    .where("plan_id", "=", imported.planId)
    .execute();
  const orgKey = new Map(Object.entries(orgs).map(([k, v]) => [v, k]));
  const assignments: Record<string, number> = {};
  for (const r of rows) assignments[`m${measures.indexOf(r.measure_id) + 1}:${orgKey.get(r.org_id)}`] = r.id;
  return { planId: imported.planId, orgs, measures, assignments, users };
}

export type History = {
  /** Report ids by assignment key. */
  reports: Record<string, number>;
  /** Notice ids: "taian" (about m2, escalated), "jinan" (about m4, open). */
  notices: { jinan: number; taian: number };
};

const at = (day: string) => new Date(`${day}T03:00:00Z`);

/**
 * What happened in February 2025:
 *   02-05  济南 reports m1 done (five days after its due date), which applies for closure; the province's
 *          office approves it the same day, so m1 is done (issue 10: a done report alone no longer is)
 *   02-10  泰安 reports m2 in progress
 *   02-12  a notice to 泰安 about m2, to answer by 02-20; escalated on 02-21, never answered
 *   02-15  济南 reports m3 in progress
 *   02-20  泰安 reports m4 in progress
 *   02-25  济南 (m3's lead) signs m3 off, and the province's office approves it
 *   02-26  a notice to 济南 about m4, to answer by 03-20
 */
export async function addHistory(store: Store, b: Branches): Promise<History> {
  const db = store.db;
  const report = async (key: string, status: "done" | "in_progress", day: string, user: string) => {
    const assignmentId = b.assignments[key] as number;
    const userId = b.users[user] ?? null;
    return (await fileReport(db, { assignmentId, period: "2025-Q1", status, narrative: "", userId, at: at(day) })).id;
  };
  const reports: Record<string, number> = {};
  reports["m1:jinan"] = await report("m1:jinan", "done", "2025-02-05", "reporter_jinan");
  const province = {
    userId: b.users.province_office as number,
    orgId: b.orgs.province,
    role: "plan_office",
    scope: { all: true },
  } as const;
  await approveClosure(db, province, { assignmentId: b.assignments["m1:jinan"] as number, at: at("2025-02-05") });
  reports["m2:taian"] = await report("m2:taian", "in_progress", "2025-02-10", "reporter_taian");
  const m = (i: number) => b.measures[i - 1] as number;
  const office = b.users.province_office ?? null;
  const toTaian = await issueNotice(db, {
    measureIds: [m(2)],
    orgId: b.orgs.taian,
    message: "请说明行政裁决试点进展",
    respondBy: "2025-02-20",
    userId: office,
    at: at("2025-02-12"),
  });
  reports["m3:jinan"] = await report("m3:jinan", "in_progress", "2025-02-15", "reporter_jinan");
  reports["m4:taian"] = await report("m4:taian", "in_progress", "2025-02-20", "reporter_taian");
  await escalateNotices(db, "2025-02-21", at("2025-02-21"));
  const version = await db
    .selectFrom("measures")
    .select("row_version")
    .where("id", "=", m(3))
    .executeTakeFirstOrThrow();
  await signOff(db, {
    measureId: m(3),
    userId: b.users.reporter_jinan as number,
    expectedVersion: version.row_version,
    at: at("2025-02-25"),
  });
  // The province's office approves the application the same day (办结, issue 10), so m3 is done.
  for (const key of ["m3:jinan", "m3:taian"])
    await approveClosure(
      db,
      { userId: b.users.province_office as number, orgId: b.orgs.province, role: "plan_office", scope: { all: true } },
      { assignmentId: b.assignments[key] as number, at: at("2025-02-25") },
    );
  const toJinan = await issueNotice(db, {
    measureIds: [m(4)],
    orgId: b.orgs.jinan,
    message: "请加快质押融资工作",
    respondBy: "2025-03-20",
    userId: office,
    at: at("2025-02-26"),
  });
  return { reports, notices: { jinan: toJinan.id, taian: toTaian.id } };
}
