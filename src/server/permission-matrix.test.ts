// Every role against every endpoint family: the status each gets, and for allowed reads, that nothing of
// the other branch of the org tree shows. Two branches: 济南 and 泰安 (with 泰山区 below it) under the
// Shandong bureau, each with a plan office, a reporter and a viewer; plus the province's plan office
// and an admin. A row names the endpoint, whose resource it touches — the actor's own branch or the
// other one (for admin and the province: 济南 and 泰安) — and the expected status per role, in the
// column order of COLUMNS. Adding an endpoint is adding a row.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../test/support/stores.ts";
import { addHistory, type Branches, setUpBranches } from "../../test/support/two-branches.ts";
import { orgSubtree } from "../services/access/index.ts";
import { addGroup } from "../services/orgs/groups.ts";
import { importPlan } from "../services/plans/import-plan.ts";
import { addEvidence } from "../services/tracking/evidence.ts";
import { issueNotice } from "../services/tracking/notices.ts";
import { type Agent, closeTemplate, insertOrg, signIn, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`permission-matrix over HTTP on ${kind.name}`, () => {
    type City = "jinan" | "taian";
    /** One branch's resources, as the rows address them. */
    type Target = {
      city: City;
      org: number;
      /** The city's sole assignment of a measure it owns alone (m1 for 济南, m2 for 泰安). */
      assignment: number;
      measure: number;
      report: number;
      evidence: number;
      /** A notice to the city, and the notification it left in the city's inbox. */
      notice: number;
      notification: number;
      /** The city's reporter account. */
      user: number;
      /** A plan the city's own plan office imported. */
      cityPlan: number;
      /** The province's plan, assigned to both cities. */
      sharedPlan: number;
      /** A group the city owns, with the city as a member. */
      group: number;
      /** An indicator of the city's own plan. */
      indicator: number;
    };
    type Body = Record<string, unknown>;
    type Row = {
      family: string;
      /** "METHOD /path"; each :name is filled with the target's field of that name, e.g. /api/evidence/:evidence. */
      route: string;
      target: "own" | "other" | "shared";
      /** Statuses in COLUMNS order; anonymous callers always get 401. */
      expect: string;
      /** A JSON body; n is unique per request (fresh periods, usernames, titles). */
      body?: (t: Target, n: number) => unknown;
      /** A raw body with its content type, instead of JSON. */
      raw?: { type: string; bytes: Buffer } | ((t: Target, n: number) => { type: string; bytes: Buffer });
      /** Makes what one request uses up (an alias to delete, a name to resolve); its ids fill the route's :names. */
      fresh?: (t: Target, n: number) => Promise<Record<string, number>>;
      /** For allowed reads: the org ids the response shows. */
      orgsIn?: (body: Body) => number[] | Promise<number[]>;
    };

    const COLUMNS = ["admin", "province", "office", "reporter", "viewer"] as const;
    type Column = (typeof COLUMNS)[number];
    type Actor = { name: string; column: Column; city: City | null };
    const ACTORS: Actor[] = [
      { name: "admin", column: "admin", city: null },
      { name: "province_office", column: "province", city: null },
      ...(["jinan", "taian"] as const).flatMap((city) =>
        (["office", "reporter", "viewer"] as const).map((column) => ({ name: `${column}_${city}`, column, city })),
      ),
    ];

    let env: TestEnv;
    let b: Branches;
    const targets = {} as Record<City, Target>;
    const agents: Record<string, Agent> = {};
    const subtrees = {} as Record<City, Set<number>>;
    const orgIdsByName = new Map<string, number>();

    /** A city's own plan: two measures for one unit of its branch; n makes each import a new plan. */
    const cityPlanText = (city: City, n: number) => {
      const [name, unit] = city === "jinan" ? ["济南", "济南市市场监督管理局"] : ["泰安", "泰山区市场监督管理局"];
      return Buffer.from(
        [
          `${name}市知识产权工作要点（测试${n}）`,
          "",
          "任务清单\t落实举措\t责任单位\t完成时间",
          "一、强化知识产权保护\t\t\t",
          `1. 加强行政保护\t开展商标专项整治行动。\t${unit}\t2025年1月底前`,
          `\t建设知识产权保护工作站。\t${unit}\t2025年6月底前`,
          "",
        ].join("\n"),
      );
    };

    before(async () => {
      env = await testEnvOn(kind);
      b = await setUpBranches(env.store);
      const history = await addHistory(env.store, b);
      const db = env.store.db;
      const measureOf = { jinan: b.measures[0] as number, taian: b.measures[1] as number };
      for (const city of ["jinan", "taian"] as const) {
        const key = city === "jinan" ? "m1:jinan" : "m2:taian";
        const report = history.reports[key] as number;
        const evidence = await addEvidence(db, {
          reportId: report,
          fileName: "纪要.txt",
          mimeType: "text/plain",
          bytes: Buffer.from(`${city} minutes`),
          userId: null,
        });
        const notice = history.notices[city];
        const notification = await db
          .selectFrom("notifications")
          .select("id")
          .where("notice_id", "=", notice)
          .where("org_id", "=", b.orgs[city])
          .executeTakeFirstOrThrow();
        const cityPlan = await importPlan(env.store, {
          bytes: cityPlanText(city, 0),
          fileName: "city.txt",
          orgId: b.orgs[city],
          userId: b.users[`office_${city}`] ?? null,
        });
        targets[city] = {
          city,
          org: b.orgs[city],
          assignment: b.assignments[key] as number,
          measure: measureOf[city],
          report,
          evidence: evidence.id,
          notice,
          notification: notification.id,
          user: b.users[`reporter_${city}`] as number,
          cityPlan: cityPlan.planId,
          sharedPlan: b.planId,
          group: (
            await addGroup(
              db,
              { userId: null, at: new Date() },
              {
                ownerOrgId: b.orgs[city],
                name: "本级各单位",
                memberOrgIds: [b.orgs[city]],
              },
            )
          ).id,
          indicator: await addIndicator(cityPlan.planId),
        };
        subtrees[city] = await orgSubtree(db, b.orgs[city]);
      }
      // The shared plan's indicator has a value from each city: each branch must see only its own.
      const shared = await addIndicator(b.planId);
      for (const city of ["jinan", "taian"] as const)
        await db
          .insertInto("indicator_values")
          .values({ indicator_id: shared, org_id: b.orgs[city], region_code: "370000", value: 50, as_of: "2025-02-01" })
          .execute();
      for (const o of await db.selectFrom("orgs").select(["id", "name"]).execute()) orgIdsByName.set(o.name, o.id);
      for (const a of ACTORS) agents[a.name] = await signIn(env.app, a.name);
    });
    /** The small plans state no targets, so each gets one: 覆盖率 ≥ 90%. */
    async function addIndicator(planId: number): Promise<number> {
      const row = await env.store.db
        .insertInto("indicators")
        .values({
          plan_id: planId,
          region_code: "370000",
          name: "覆盖率",
          op: ">=",
          target: 90,
          unit: "%",
          source: "{}",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    }

    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const row = (
      family: string,
      route: string,
      target: Row["target"],
      expect: string,
      more: Partial<Row> = {},
    ): Row => ({
      family,
      route,
      target,
      expect,
      ...more,
    });
    const version = async (table: "measures" | "notices" | "plans" | "orgs", id: number) =>
      (await env.store.db.selectFrom(table).select("row_version").where("id", "=", id).executeTakeFirstOrThrow())
        .row_version;
    const importBody = (t: Target, n: number) => ({
      fileName: "city.txt",
      contentBase64: cityPlanText(t.city, n).toString("base64"),
      orgId: t.org,
    });
    const report = (_: Target, n: number) => ({ period: `${2030 + n}-01`, status: "in_progress" });
    const file = { type: "text/plain", bytes: Buffer.from("x") };
    const measureVersion = async (t: Target) => ({ expectedVersion: await version("measures", t.measure) });
    const notice = (t: Target) => ({
      measureId: t.measure,
      orgId: t.org,
      message: "请报送进展",
      respondBy: "2025-03-31",
    });
    const answer = async (t: Target) => ({ response: "已报送", expectedVersion: await version("notices", t.notice) });
    const newUser = (t: Target, n: number) => ({
      username: `new_${n}`,
      password: "long enough",
      role: "viewer",
      orgId: t.org,
    });
    const settings = (plan: "cityPlan" | "sharedPlan") => async (t: Target) => ({
      rowVersion: await version("plans", t[plan]),
      dueSoonDays: 10,
    });

    const items = (key: string) => (body: Body) => (body[key] as { orgId: number }[]).map((i) => i.orgId);
    const one = (body: Body) => [body.orgId as number];
    const ofRows = (table: "notices" | "users", key: string) => async (body: Body) => {
      const ids = (body.items as Body[]).flatMap((i) => (typeof i[key] === "number" ? [i[key] as number] : []));
      if (ids.length === 0) return [];
      const rows = await env.store.db.selectFrom(table).select("org_id").where("id", "in", ids).execute();
      return rows.map((r) => r.org_id);
    };
    const rollUpOrgs = (body: Body) =>
      Object.keys((body.rollUp as { orgs: Body }).orgs).map((name) => orgIdsByName.get(name) ?? -1);
    const orgsList = (body: Body) => (body.items as { id: number }[]).map((o) => o.id);
    const calendarOrgs = (body: Body) =>
      (body.days as { items: { orgId: number }[] }[]).flatMap((d) => d.items.map((i) => i.orgId));

    const YEAR = "from=2025-01-01&to=2025-12-31";
    const indicatorValue = (t: Target) => ({ value: 80, asOf: "2025-02-01", source: "统计", orgId: t.org });
    const indicatorFix = async (t: Target) => ({
      rowVersion: (
        await env.store.db
          .selectFrom("indicators")
          .select("row_version")
          .where("id", "=", t.indicator)
          .executeTakeFirstOrThrow()
      ).row_version,
      kind: "stock",
    });
    /** A share for the city itself: only an office above it (or an admin) may set it. */
    const ownShare = (t: Target) => ({ year: 2025, shares: [{ orgId: t.org, target: 45 }] });
    const valueOrgs = (body: Body) =>
      (body.items as { values: { orgId: number }[] }[]).flatMap((i) => i.values.map((v) => v.orgId));

    const newOrg = (t: Target, n: number) => ({
      name: `测试单位${n}`,
      kind: "department",
      parentId: t.org,
      regionCode: "370100",
    });
    const orgPatch = async (t: Target) => {
      const org = await env.store.db
        .selectFrom("orgs")
        .select(["row_version", "region_code"])
        .where("id", "=", t.org)
        .executeTakeFirstOrThrow();
      return { rowVersion: org.row_version, regionCode: org.region_code };
    };
    /** A fresh unit under the target's org to decompose its assignment to. */
    const decomposeBody = async (t: Target, n: number) => {
      const orgId = await insertOrg(env.store, `分解测试单位${n}`, t.org, "department");
      return { children: [{ orgId, role: "lead" }] };
    };
    const freshAlias = async (t: Target, n: number) => {
      const row = await env.store.db
        .insertInto("org_aliases")
        .values({ org_id: t.org, alias: `旧称${n}` })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { alias: row.id };
    };
    const rejoin = async (t: Target) => {
      await env.store.db
        .insertInto("org_group_members")
        .values({ group_id: t.group, org_id: t.org })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return {};
    };
    /** A made-up unit name left unresolved on the plan's first measure, for one resolve request. */
    const pending = (plan: "cityPlan" | "sharedPlan") => async (t: Target, n: number) => {
      const m = await env.store.db
        .selectFrom("measures")
        .select("id")
        .where("plan_id", "=", t[plan])
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await env.store.db
        .insertInto("unresolved_units")
        .values({ plan_id: t[plan], name: `待定单位${n}`, role: "owner", measure_id: m.id })
        .execute();
      return {};
    };
    /** A notice to the city about its own measure, open and not escalated, for one escalation. */
    const freshNotice = async (t: Target) => ({
      notice: (
        await issueNotice(env.store.db, {
          measureIds: [t.measure],
          orgId: t.org,
          message: "请报送进展",
          respondBy: "2025-03-31",
          userId: null,
        })
      ).id,
    });
    /**
     * A selective scope (有关地区, issue 10) on a fresh measure of the city's own plan, its only candidate the
     * city's own org, open for 领办 when optIn: one decision or one opt-in per request.
     */
    const freshScope = (optIn: boolean) => async (t: Target, n: number) => {
      const db = env.store.db;
      const m = await db
        .selectFrom("measures")
        .selectAll()
        .where("plan_id", "=", t.cityPlan)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const measure = await db
        .insertInto("measures")
        .values({
          plan_id: m.plan_id,
          task_id: m.task_id,
          region_code: m.region_code,
          position: 100 + n,
          text: `有关地区要开展测试${n}。`,
          scope: "some-subordinates",
          stated_units: "",
          deadline_raw: null,
          due_on: null,
          ongoing: false,
          source: JSON.stringify(m.source),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const scope = await db
        .insertInto("selective_scopes")
        .values({
          measure_id: measure.id,
          plan_id: m.plan_id,
          region_code: m.region_code,
          via: "有关地区",
          role: "owner",
          candidate_org_ids: JSON.stringify([t.org]),
          mode: optIn ? "opt_in" : "choose",
          opt_in_until: optIn ? "2099-12-31" : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { scope: scope.id };
    };
    const resolveBody = (t: Target, n: number) => ({ name: `待定单位${n}`, orgId: t.org });
    const resolveManyBody = (t: Target, n: number) => ({ items: [resolveBody(t, n)] });
    const orgSheet = (t: Target, n: number) => {
      const parent = t.city === "jinan" ? "济南市市场监督管理局" : "泰安市市场监督管理局";
      const csv = `名称,类型,上级,区划代码,是否本级区域局,别名\n表格单位${n},部门,${parent},370100,否,\n`;
      return { type: "text/csv", bytes: Buffer.from(csv) };
    };
    /** The first tasks of the city's plan and of the shared (provincial) plan above it. */
    const linkTasks = async (t: Target) => {
      const first = (planId: number) =>
        env.store.db
          .selectFrom("tasks")
          .select("id")
          .where("plan_id", "=", planId)
          .orderBy("position")
          .executeTakeFirstOrThrow();
      return { lowerTaskId: (await first(t.cityPlan)).id, upperTaskId: (await first(t.sharedPlan)).id };
    };
    /** A pending suggestion from the city's plan to the shared plan, for one confirm or reject. */
    const freshLink = async (t: Target) => {
      const { lowerTaskId, upperTaskId } = await linkTasks(t);
      const row = await env.store.db
        .insertInto("task_links")
        .values({
          lower_task_id: lowerTaskId,
          upper_task_id: upperTaskId,
          region_code: "370000",
          kind: "primary",
          state: "suggested",
          origin: "on_demand",
          created_by: null,
        })
        .onConflict((oc) => oc.columns(["lower_task_id", "upper_task_id"]).doUpdateSet({ state: "suggested" }))
        .returning("id")
        .executeTakeFirstOrThrow();
      return { link: row.id };
    };
    const firstTask = async (t: Target) => ({ task: (await linkTasks(t)).lowerTaskId });
    const upperAgain = async (t: Target) => {
      await env.store.db
        .insertInto("plan_upper_plans")
        .values({ lower_plan_id: t.cityPlan, upper_plan_id: t.sharedPlan, reason: "manual", added_by: null })
        .onConflict((oc) => oc.columns(["lower_plan_id", "upper_plan_id"]).doUpdateSet({ excluded: false }))
        .execute();
      return {};
    };
    const ownerOrgs = (body: Body) => (body.items as { ownerOrgId: number }[]).map((g) => g.ownerOrgId);
    /** The city's closure not approved (addHistory approves 济南's done report), so the unit may reopen its share. */
    const unapproved = async (t: Target) => {
      await env.store.db
        .updateTable("assignments")
        .set({ closed_at: null, closed_by: null })
        .where("id", "=", t.assignment)
        .execute();
      return {};
    };
    /** Loop (issue 10): the assignment open again, without a pending extension request, so one may be asked for. */
    const noPendingExtension = async (t: Target) => {
      await env.store.db
        .updateTable("assignments")
        .set({ closed_at: null, closed_by: null })
        .where("id", "=", t.assignment)
        .execute();
      await env.store.db
        .updateTable("extension_requests")
        .set({ state: "withdrawn" })
        .where("assignment_id", "=", t.assignment)
        .where("state", "=", "pending")
        .execute();
      return {};
    };
    /** A pending extension request of the city's assignment, for one decision. */
    const freshExtension = async (t: Target) => {
      await noPendingExtension(t);
      const row = await env.store.db
        .insertInto("extension_requests")
        .values({ assignment_id: t.assignment, region_code: "370000", requested_due_on: "2099-12-31", reason: "测试" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { extension: row.id };
    };
    /** The city's assignment signed off (applied for closure) and not approved, for one decision. */
    const freshApplication = async (t: Target) => {
      await env.store.db
        .updateTable("assignments")
        .set({ signed_off_at: new Date(), closed_at: null, closed_by: null })
        .where("id", "=", t.assignment)
        .execute();
      return {};
    };
    const queueOrgs = (body: Body) =>
      Object.values(body).flatMap((group) => (group as { orgId: number }[]).map((i) => i.orgId));

    // biome-ignore format: one row per line reads as a table
    const ROWS: Row[] = [
  //                                                                       admin province office reporter viewer
  row("plans", "GET /api/plans", "own",                                    "200 200 200 200 200", { orgsIn: items("items") }),
  row("plans", "GET /api/plans/:sharedPlan", "shared",                     "200 200 200 200 200", { orgsIn: rollUpOrgs }),
  row("plans", "GET /api/plans/:cityPlan", "own",                          "200 200 200 200 200", { orgsIn: one }),
  row("plans", "GET /api/plans/:cityPlan", "other",                        "200 200 404 404 404"),
  row("plans", "GET /api/plans/:cityPlan/versions", "own",                 "200 200 200 200 200", { orgsIn: items("items") }),
  row("plans", "GET /api/plans/:cityPlan/versions", "other",               "200 200 404 404 404"),
  // Reviewing unit names is the owning office's business: a city sees the shared plan but may not.
  row("review", "GET /api/plans/:cityPlan/unresolved", "own",              "200 200 200 403 403"),
  row("review", "GET /api/plans/:cityPlan/unresolved", "other",            "200 200 404 403 403"),
  row("review", "GET /api/plans/:sharedPlan/unresolved", "shared",         "200 200 403 403 403"),
  row("review", "POST /api/plans/:cityPlan/unresolved/resolve", "own",     "200 200 200 403 403", { body: resolveBody, fresh: pending("cityPlan") }),
  row("review", "POST /api/plans/:cityPlan/unresolved/resolve", "other",   "200 200 404 403 403", { body: resolveBody, fresh: pending("cityPlan") }),
  row("review", "POST /api/plans/:sharedPlan/unresolved/resolve", "shared","200 200 403 403 403", { body: resolveBody, fresh: pending("sharedPlan") }),
  row("review", "POST /api/plans/:cityPlan/unresolved/resolve-many", "own", "200 200 200 403 403", { body: resolveManyBody, fresh: pending("cityPlan") }),
  row("review", "POST /api/plans/:cityPlan/unresolved/resolve-many", "other", "200 200 404 403 403", { body: resolveManyBody, fresh: pending("cityPlan") }),
  row("import", "POST /api/plans/preview", "own",                          "200 200 200 403 403", { body: importBody }),
  row("import", "POST /api/plans/preview", "other",                        "200 200 404 403 403", { body: importBody }),
  row("import", "POST /api/plans/import", "own",                           "201 201 201 403 403", { body: importBody }),
  row("import", "POST /api/plans/import", "other",                         "201 201 404 403 403", { body: importBody }),
  row("assignments", "GET /api/assignments?limit=200", "own",              "200 200 200 200 200", { orgsIn: items("items") }),
  row("assignments", "GET /api/assignments?org=:org", "other",             "200 200 200 200 200", { orgsIn: items("items") }),
  row("assignments", "GET /api/assignments?under=:org", "other",           "200 200 200 200 200", { orgsIn: items("items") }),
  row("assignments", "GET /api/assignments/:assignment", "own",            "200 200 200 200 200", { orgsIn: one }),
  row("assignments", "GET /api/assignments/:assignment", "other",          "200 200 404 404 404"),
  row("reports", "POST /api/assignments/:assignment/reports", "own",       "200 200 200 200 403", { body: report }),
  row("reports", "POST /api/assignments/:assignment/reports", "other",     "200 200 404 404 403", { body: report }),
  row("decompose", "POST /api/assignments/:assignment/decompose", "own",  "201 201 201 201 403", { body: decomposeBody }),
  row("decompose", "POST /api/assignments/:assignment/decompose", "other","201 201 404 404 403", { body: decomposeBody }),
  row("decompose", "GET /api/assignments/:assignment/children", "own",    "200 200 200 200 200"),
  row("decompose", "GET /api/assignments/:assignment/children", "other",  "200 200 404 404 404"),
  row("decompose", "GET /api/assignments/:assignment/consolidated-draft", "own", "200 200 200 200 403"),
  row("decompose", "GET /api/assignments/:assignment/consolidated-draft", "other", "200 200 404 404 403"),
  row("decompose", "GET /api/assignments/:assignment/decompose-targets", "own", "200 200 200 200 403"),
  row("decompose", "GET /api/assignments/:assignment/decompose-targets", "other", "200 200 404 404 403"),
  row("evidence", "POST /api/reports/:report/evidence?name=a.txt", "own",  "201 201 201 201 403", { raw: file }),
  row("evidence", "POST /api/reports/:report/evidence?name=a.txt", "other","201 201 404 404 403", { raw: file }),
  row("evidence", "GET /api/evidence/:evidence", "own",                    "200 200 200 200 200"),
  row("evidence", "GET /api/evidence/:evidence", "other",                  "200 200 404 404 404"),
  row("measures", "GET /api/measures/:measure", "own",                     "200 200 200 200 200", { orgsIn: items("assignments") }),
  row("measures", "GET /api/measures/:measure", "other",                   "200 200 404 404 404"),
  // Only the measure's own unit signs it off, whatever the role above it.
  row("sign-off", "POST /api/measures/:measure/sign-off", "own",           "403 403 200 200 403", { body: measureVersion }),
  row("sign-off", "POST /api/measures/:measure/reopen", "own",             "403 403 200 200 403", { body: measureVersion, fresh: unapproved }),
  row("sign-off", "POST /api/measures/:measure/sign-off", "other",         "403 403 404 404 403", { body: measureVersion }),
  // Closing or reopening a whole measure is the issuing plan office's business (the shared plan is the province's).
  row("sign-off", "POST /api/measures/:measure/close", "own",              "200 200 403 403 403", { body: measureVersion }),
  row("sign-off", "POST /api/measures/:measure/reopen-all", "own",         "200 200 403 403 403", { body: measureVersion }),
  row("sign-off", "POST /api/measures/:measure/close", "other",            "200 200 404 403 403", { body: measureVersion }),
  row("notices", "GET /api/notices", "own",                                "200 200 200 200 200", { orgsIn: items("items") }),
  row("notices", "GET /api/notices/:notice", "own",                        "200 200 200 200 200", { orgsIn: one }),
  row("notices", "GET /api/notices/:notice", "other",                      "200 200 404 404 404"),
  row("notices", "POST /api/notices", "own",                               "201 201 201 403 403", { body: notice }),
  row("notices", "POST /api/notices", "other",                             "201 201 404 403 403", { body: notice }),
  // Only the notified unit answers: not the office that chases it, not an admin.
  row("notices", "POST /api/notices/:notice/response", "own",              "403 403 200 200 403", { body: answer }),
  row("notices", "POST /api/notices/:notice/response", "other",            "403 403 404 404 403", { body: answer }),
  // Escalating now is for the offices over the unit; attaching to the answer is for the unit itself.
  row("notices", "POST /api/notices/:notice/escalate", "own",              "200 200 200 403 403", { body: () => ({ expectedVersion: 1 }), fresh: freshNotice }),
  row("notices", "POST /api/notices/:notice/escalate", "other",            "200 200 404 403 403", { body: () => ({ expectedVersion: 1 }), fresh: freshNotice }),
  row("notices", "POST /api/notices/:notice/evidence?name=a.txt", "own",   "403 403 201 201 403", { raw: file }),
  row("notices", "POST /api/notices/:notice/evidence?name=a.txt", "other", "403 403 404 404 403", { raw: file }),
  row("notifications", "GET /api/notifications", "own",                    "200 200 200 200 200", { orgsIn: ofRows("notices", "noticeId") }),
  // An inbox belongs to its unit; nobody else marks its notifications read.
  row("notifications", "POST /api/notifications/:notification/read", "own",   "404 404 204 204 204"),
  row("notifications", "POST /api/notifications/:notification/read", "other", "404 404 404 404 404"),
  // Everyone clears their own unit's inbox, and only that (the inbox test checks the other unit's is untouched).
  row("notifications", "POST /api/notifications/read-all", "own",          "200 200 200 200 200"),
  row("users", "GET /api/users?limit=200", "own",                          "200 200 200 403 403", { orgsIn: items("items") }),
  row("users", "GET /api/users/:user", "own",                              "200 200 200 403 403", { orgsIn: one }),
  row("users", "GET /api/users/:user", "other",                            "200 200 404 403 403"),
  row("users", "POST /api/users", "own",                                   "201 403 403 403 403", { body: newUser }),
  row("users", "PATCH /api/users/:user", "own",                            "200 403 403 403 403", { body: (_, n) => ({ displayName: `报送员${n}` }) }),
  row("audit", "GET /api/audit?limit=200", "own",                          "200 200 200 403 403", { orgsIn: ofRows("users", "userId") }),
  row("orgs", "GET /api/orgs", "own",                                      "200 200 200 200 200", { orgsIn: orgsList }),
  row("orgs", "GET /api/orgs/:org", "own",                                 "200 200 200 200 200", { orgsIn: (o) => [o.id as number] }),
  row("orgs", "GET /api/orgs/:org", "other",                               "200 200 404 404 404"),
  row("orgs", "POST /api/orgs", "own",                                     "201 201 201 403 403", { body: newOrg }),
  row("orgs", "POST /api/orgs", "other",                                   "201 201 404 403 403", { body: newOrg }),
  row("orgs", "PATCH /api/orgs/:org", "own",                               "200 200 200 403 403", { body: orgPatch }),
  row("orgs", "PATCH /api/orgs/:org", "other",                             "200 200 404 403 403", { body: orgPatch }),
  row("orgs", "POST /api/orgs/:org/aliases", "own",                        "200 200 200 403 403", { body: (_, n) => ({ alias: `简称${n}` }) }),
  row("orgs", "POST /api/orgs/:org/aliases", "other",                      "200 200 404 403 403", { body: (_, n) => ({ alias: `简称${n}` }) }),
  row("orgs", "DELETE /api/orgs/:org/aliases/:alias", "own",               "200 200 200 403 403", { fresh: freshAlias }),
  row("orgs", "DELETE /api/orgs/:org/aliases/:alias", "other",             "200 200 404 403 403", { fresh: freshAlias }),
  row("org sheet", "GET /api/orgs/export?format=csv", "own",               "200 200 200 200 200"),
  row("org sheet", "POST /api/orgs/import?dryRun=true", "own",             "200 200 200 403 403", { raw: orgSheet }),
  row("org sheet", "POST /api/orgs/import?dryRun=true", "other",           "200 200 422 403 403", { raw: orgSheet }),
  row("groups", "GET /api/orgs/groups", "own",                             "200 200 200 200 200", { orgsIn: ownerOrgs }),
  row("groups", "POST /api/orgs/groups", "own",                            "201 201 201 403 403", { body: (t, n) => ({ ownerOrgId: t.org, name: `各单位${n}`, memberOrgIds: [t.org] }) }),
  row("groups", "POST /api/orgs/groups", "other",                          "201 201 404 403 403", { body: (t, n) => ({ ownerOrgId: t.org, name: `各单位${n}`, memberOrgIds: [t.org] }) }),
  row("groups", "POST /api/orgs/groups/:group/members", "own",             "200 200 200 403 403", { body: (t) => ({ orgId: t.org }) }),
  row("groups", "POST /api/orgs/groups/:group/members", "other",           "200 200 404 403 403", { body: (t) => ({ orgId: t.org }) }),
  row("groups", "DELETE /api/orgs/groups/:group/members/:org", "own",      "200 200 200 403 403", { fresh: rejoin }),
  row("groups", "DELETE /api/orgs/groups/:group/members/:org", "other",    "200 200 404 403 403", { fresh: rejoin }),
  // The cities see the shared plan, but its assessment ranks every unit: the province's business.
  row("assessment", "GET /api/plans/:sharedPlan/assessment", "shared",     "200 200 403 403 403"),
  row("assessment", "GET /api/plans/:cityPlan/assessment", "own",          "200 200 200 403 200", { orgsIn: items("orgs") }),
  row("assessment", "GET /api/plans/:cityPlan/assessment", "other",        "200 200 404 403 404"),
  // A city office sees the shared plan but may not change it: 403, not 404.
  row("plan settings", "PATCH /api/plans/:sharedPlan/settings", "shared",  "200 200 403 403 403", { body: settings("sharedPlan") }),
  row("plan settings", "PATCH /api/plans/:cityPlan/settings", "own",       "200 200 200 403 403", { body: settings("cityPlan") }),
  row("plan settings", "PATCH /api/plans/:cityPlan/settings", "other",     "200 200 404 403 403", { body: settings("cityPlan") }),
  row("jobs", "POST /api/jobs/reminders/run", "own",                       "200 403 403 403 403"),
  row("dashboard", "GET /api/dashboard/summary", "own",                    "200 200 200 200 200", { orgsIn: items("byOrg") }),
  row("dashboard", "GET /api/dashboard/summary?orgId=:org", "other",       "200 200 404 404 404"),
  row("dashboard", "GET /api/dashboard/decomposed", "own",                 "200 200 200 200 200", { orgsIn: items("items") }),
  row("dashboard", "GET /api/dashboard/decomposed?orgId=:org", "other",    "200 200 404 404 404"),
  row("dashboard", "GET /api/dashboard/overdue-trend?planId=:sharedPlan&from=2025-01-01", "shared", "200 200 200 200 200"),
  row("dashboard", "GET /api/dashboard/overdue-trend?planId=:cityPlan&from=2025-01-01", "other",    "200 200 404 404 404"),
  row("dashboard", `GET /api/calendar?${YEAR}`, "own",                     "200 200 200 200 200", { orgsIn: calendarOrgs }),
  row("dashboard", `GET /api/calendar?${YEAR}&orgId=:org`, "other",        "200 200 404 404 404"),
  row("indicators", "GET /api/plans/:sharedPlan/indicators", "shared",     "200 200 200 200 200", { orgsIn: valueOrgs }),
  row("indicators", "GET /api/plans/:cityPlan/indicators", "other",        "200 200 404 404 404"),
  row("indicators", "GET /api/plans/:sharedPlan/indicators?under=:org", "own", "200 200 200 200 200", { orgsIn: valueOrgs }),
  row("indicators", "GET /api/plans/:sharedPlan/indicators?under=:org", "other", "200 200 404 404 404"),
  row("indicators", "POST /api/indicators/:indicator/values", "own",       "201 201 201 201 403", { body: indicatorValue }),
  row("indicators", "POST /api/indicators/:indicator/values", "other",     "201 201 404 404 403", { body: indicatorValue }),
  row("indicators", "PATCH /api/indicators/:indicator", "own",             "200 200 200 403 403", { body: indicatorFix }),
  row("indicators", "PATCH /api/indicators/:indicator", "other",           "200 200 404 403 403", { body: indicatorFix }),
  row("indicators", "GET /api/indicators/:indicator/targets", "own",       "200 200 200 200 200"),
  row("indicators", "GET /api/indicators/:indicator/targets", "other",     "200 200 404 404 404"),
  row("indicators", "PUT /api/indicators/:indicator/targets", "own",       "200 200 403 403 403", { body: ownShare }),
  row("indicators", "PUT /api/indicators/:indicator/targets", "other",     "200 200 404 403 403", { body: ownShare }),
  // Who sees which off-pace org is checked in indicators/supervision.test.ts (the matrix has none off pace).
  row("indicators", "GET /api/indicators/off-pace", "own",                 "200 200 200 200 200"),
  row("indicators", "GET /api/indicators/:indicator/ranking", "own",       "200 200 200 200 200"),
  row("indicators", "GET /api/indicators/:indicator/ranking", "other",     "200 200 404 404 404"),
  row("indicators", "GET /api/indicators/:indicator/targets/sheet", "own",   "200 200 200 403 403"),
  row("indicators", "GET /api/indicators/:indicator/targets/sheet", "other", "200 200 404 403 403"),
  // An unreadable sheet: past the access checks it is a 422, never a write.
  row("indicators", "POST /api/indicators/:indicator/targets/sheet", "own",   "422 422 422 403 403", { raw: file }),
  row("indicators", "POST /api/indicators/:indicator/targets/sheet", "other", "422 422 404 403 403", { raw: file }),
  row("exports", "GET /api/plans/:sharedPlan/register.xlsx", "shared",     "200 200 200 200 200"),
  row("exports", "GET /api/plans/:cityPlan/register.xlsx?orgId=:org", "other", "200 200 404 404 404"),
  row("exports", "GET /api/plans/:sharedPlan/report.docx?period=2025", "shared", "200 200 200 200 200"),
  row("exports", "GET /api/plans/:cityPlan/report.docx", "other",          "200 200 404 404 404"),
  row("links", "GET /api/plans/:cityPlan/links", "own",                    "200 200 200 200 200"),
  row("links", "GET /api/plans/:cityPlan/links", "other",                  "200 200 404 404 404"),
  row("links", "POST /api/plans/:cityPlan/links/suggest", "own",           "200 200 200 403 403"),
  row("links", "POST /api/plans/:cityPlan/links/suggest", "other",         "200 200 404 403 403"),
  row("links", "POST /api/plans/:sharedPlan/links/suggest", "shared",      "200 200 403 403 403"),
  row("links", "POST /api/links/:link/confirm", "own",                     "200 200 200 403 403", { body: () => ({}), fresh: freshLink }),
  row("links", "POST /api/links/:link/confirm", "other",                   "200 200 404 403 403", { body: () => ({}), fresh: freshLink }),
  row("links", "POST /api/links/:link/reject", "own",                      "200 200 200 403 403", { body: () => ({}), fresh: freshLink }),
  row("links", "POST /api/links/:link/reject", "other",                    "200 200 404 403 403", { body: () => ({}), fresh: freshLink }),
  row("links", "POST /api/plans/:cityPlan/links", "own",                   "201 201 201 403 403", { body: linkTasks }),
  row("links", "POST /api/plans/:cityPlan/links", "other",                 "201 201 404 403 403", { body: linkTasks }),
  row("links", "GET /api/plans/:cityPlan/upper-plans", "own",              "200 200 200 200 200"),
  row("links", "GET /api/plans/:cityPlan/upper-plans", "other",            "200 200 404 404 404"),
  row("links", "POST /api/plans/:cityPlan/upper-plans", "own",             "200 200 200 403 403", { body: (t) => ({ planId: t.sharedPlan }) }),
  row("links", "POST /api/plans/:cityPlan/upper-plans", "other",           "200 200 404 403 403", { body: (t) => ({ planId: t.sharedPlan }) }),
  row("links", "DELETE /api/plans/:cityPlan/upper-plans/:sharedPlan", "own", "200 200 200 403 403", { fresh: upperAgain }),
  row("links", "DELETE /api/plans/:cityPlan/upper-plans/:sharedPlan", "other", "200 200 404 403 403", { fresh: upperAgain }),
  row("links", "GET /api/tasks/:task/trace", "own",                        "200 200 200 200 200", { fresh: firstTask }),
  row("links", "GET /api/tasks/:task/trace", "other",                      "200 200 404 404 404", { fresh: firstTask }),
  row("links", "GET /api/plans/:cityPlan/coverage", "own",                 "200 200 200 200 200"),
  row("links", "GET /api/plans/:cityPlan/coverage", "other",               "200 200 404 404 404"),
  row("links", "GET /api/plans/:sharedPlan/coverage", "shared",            "200 200 200 200 200"),
  row("links", "GET /api/plans/:cityPlan/coverage.xlsx", "own",            "200 200 200 200 200"),
  row("links", "GET /api/plans/:cityPlan/coverage.xlsx", "other",          "200 200 404 404 404"),
  row("links", "GET /api/plans/:sharedPlan/coverage.xlsx", "shared",       "200 200 200 200 200"),
  row("exports", "GET /api/orgs/:org/calendar.ics", "own",                 "200 200 200 200 200"),
  row("exports", "GET /api/orgs/:org/calendar.ics", "other",               "200 200 404 404 404"),
  row("exports", "POST /api/session/calendar-token", "own",                "201 201 201 201 201", { body: (t) => ({ orgId: t.org }) }),
  row("exports", "POST /api/session/calendar-token", "other",              "201 201 404 404 404", { body: (t) => ({ orgId: t.org }) }),
  row("exports", "GET /api/session/calendar-token", "own",                 "200 200 200 200 200"),
  row("exports", "DELETE /api/session/calendar-token", "own",              "204 204 204 204 204"),
  // The supervision loop (issue 10): the unit itself acknowledges and asks for extensions; the plan's office
  // (the shared plan is the province's) reviews, decides and approves.
  // Selective scopes (有关地区, issue 10): the plan's office chooses or opens 领办; a candidate unit opts in.
  row("scopes", "GET /api/plans/:cityPlan/scopes", "own",                  "200 200 200 200 200"),
  row("scopes", "GET /api/plans/:cityPlan/scopes", "other",                "200 200 404 404 404"),
  row("scopes", "GET /api/scopes/pending", "own",                          "200 200 200 403 200"),
  row("scopes", "GET /api/scopes/offers", "own",                           "200 200 200 200 200"),
  row("scopes", "POST /api/scopes/:scope/decide", "own",                   "200 200 200 403 403", { body: (t) => ({ orgIds: [t.org] }), fresh: freshScope(false) }),
  row("scopes", "POST /api/scopes/:scope/decide", "other",                 "200 200 404 403 403", { body: () => ({ orgIds: [] }), fresh: freshScope(false) }),
  row("scopes", "POST /api/scopes/:scope/opt-in-window", "own",            "200 200 200 403 403", { body: () => ({ until: "2099-01-31" }), fresh: freshScope(false) }),
  row("scopes", "POST /api/scopes/:scope/opt-in-window", "other",          "200 200 404 403 403", { body: () => ({ until: "2099-01-31" }), fresh: freshScope(false) }),
  row("scopes", "POST /api/scopes/:scope/opt-in", "own",                   "403 403 201 201 403", { body: () => ({}), fresh: freshScope(true) }),
  row("scopes", "POST /api/scopes/:scope/opt-in", "other",                 "403 403 404 404 403", { body: () => ({}), fresh: freshScope(true) }),
  row("loop", "GET /api/loop/queue", "own",                                "200 200 200 200 200", { orgsIn: queueOrgs }),
  row("loop", "GET /api/assignments/:assignment/loop", "own",              "200 200 200 200 200", { orgsIn: one }),
  row("loop", "GET /api/assignments/:assignment/loop", "other",            "200 200 404 404 404"),
  row("loop", "GET /api/measures/:measure/loop", "own",                    "200 200 200 200 200", { orgsIn: items("items") }),
  row("loop", "GET /api/measures/:measure/loop", "other",                  "200 200 404 404 404"),
  row("loop", "POST /api/assignments/:assignment/acknowledge", "own",      "403 403 200 200 403", { body: () => ({}) }),
  row("loop", "POST /api/assignments/:assignment/acknowledge", "other",    "403 403 404 404 403", { body: () => ({}) }),
  row("loop", "POST /api/reports/:report/review", "own",                   "200 200 403 403 403", { body: () => ({ decision: "accept" }) }),
  row("loop", "POST /api/reports/:report/review", "other",                 "200 200 404 404 403", { body: () => ({ decision: "return", note: "请补充材料" }) }),
  row("loop", "POST /api/assignments/:assignment/extensions", "own",       "403 403 201 201 403", { body: () => ({ dueOn: "2099-06-30", reason: "需协调" }), fresh: noPendingExtension }),
  row("loop", "POST /api/assignments/:assignment/extensions", "other",     "403 403 404 404 403", { body: () => ({ dueOn: "2099-06-30", reason: "需协调" }), fresh: noPendingExtension }),
  row("loop", "POST /api/extensions/:extension/decide", "own",             "200 200 403 403 403", { body: () => ({ approve: false, note: "理由不足" }), fresh: freshExtension }),
  row("loop", "POST /api/extensions/:extension/decide", "other",           "200 200 404 404 403", { body: () => ({ approve: false, note: "理由不足" }), fresh: freshExtension }),
  // Reassignment after import: the plan's office (the province) and admins; the body keeps the sole unit as it is.
  row("loop", "GET /api/measures/:measure/units", "own",                   "200 200 403 403 403", { orgsIn: items("units") }),
  row("loop", "GET /api/measures/:measure/units", "other",                 "200 200 404 403 403"),
  row("loop", "PUT /api/measures/:measure/units", "own",                   "200 200 403 403 403", { body: (t) => ({ units: [{ orgId: t.org, role: "owner" }] }) }),
  row("loop", "PUT /api/measures/:measure/units", "other",                 "200 200 404 403 403", { body: (t) => ({ units: [{ orgId: t.org, role: "owner" }] }) }),
  row("loop", "POST /api/extensions/:extension/withdraw", "own",           "403 403 200 200 403", { body: () => ({}), fresh: freshExtension }),
  row("loop", "POST /api/extensions/:extension/withdraw", "other",         "403 403 404 404 403", { body: () => ({}), fresh: freshExtension }),
  row("loop", "POST /api/assignments/:assignment/closure/approve", "own",  "200 200 403 403 403", { body: () => ({}), fresh: freshApplication }),
  row("loop", "POST /api/assignments/:assignment/closure/approve", "other", "200 200 404 404 403", { body: () => ({}), fresh: freshApplication }),
  row("loop", "POST /api/assignments/:assignment/closure/reject", "own",   "200 200 403 403 403", { body: () => ({ note: "材料不全" }), fresh: freshApplication }),
  row("loop", "POST /api/assignments/:assignment/closure/reject", "other", "200 200 404 404 403", { body: () => ({ note: "材料不全" }), fresh: freshApplication }),
];

    let counter = 0;

    /** The row's request for a target: its URL with the target's ids filled in, and its body. */
    async function request(row: Row, t: Target) {
      const [method, path] = row.route.split(" ") as ["GET" | "POST" | "PATCH" | "DELETE", string];
      const n = ++counter;
      const ids: Record<string, number | string> = { ...t, ...(row.fresh ? await row.fresh(t, n) : {}) };
      const url = path.replace(/:([a-zA-Z]+)/g, (_, field: string) => String(ids[field]));
      const body = row.body ? await row.body(t, n) : undefined;
      const raw = typeof row.raw === "function" ? row.raw(t, n) : row.raw;
      return { method, url, body, raw };
    }

    async function send(agent: Agent | null, row: Row, t: Target) {
      const { method, url, body, raw } = await request(row, t);
      const headers: Record<string, string> = agent ? { cookie: agent.cookie, "x-csrf-token": agent.csrf } : {};
      if (raw) headers["content-type"] = raw.type;
      const payload = raw ? { payload: raw.bytes } : body === undefined ? {} : { payload: body as Body };
      return env.app.inject({ method, url, headers, ...payload });
    }

    function targetFor(actor: Actor, which: Row["target"]): Target {
      const own: City = actor.city ?? "jinan";
      const city = which === "other" ? (own === "jinan" ? "taian" : "jinan") : own;
      return targets[city];
    }

    /** "GET /api/plans/:cityPlan/assessment?x=1" and the OpenAPI "get /api/plans/{id}/assessment" alike, as one key. */
    const routeKey = (method: string, path: string) =>
      `${method.toUpperCase()} ${path.split("?")[0]?.replace(/:[a-zA-Z]+|\{[^}]+\}/g, "*")}`;

    describe("permission matrix", () => {
      test("every API route that needs a signed-in user has a row", async () => {
        const doc = (await env.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
          paths: Record<string, Record<string, unknown>>;
        };
        const covered = new Set(ROWS.map((r) => routeKey(...(r.route.split(" ") as [string, string]))));
        // Public routes and one's own session are not a matter of roles.
        const untested = Object.entries(doc.paths)
          .flatMap(([path, methods]) => Object.keys(methods).map((m) => routeKey(m, path)))
          .filter((key) => !/ \/api\/(health|openapi\.json|docs|session)$/.test(key) && !covered.has(key));
        assert.deepEqual(untested, [], "routes without a matrix row");
      });

      for (const r of ROWS) {
        test(`${r.family}: ${r.route} (${r.target})`, async () => {
          const expected = r.expect.split(/ +/).map(Number);
          const want: Record<string, number> = {};
          const got: Record<string, number> = {};
          const leaks: string[] = [];
          for (const actor of ACTORS) {
            const res = await send(agents[actor.name] as Agent, r, targetFor(actor, r.target));
            want[actor.name] = expected[COLUMNS.indexOf(actor.column)] as number;
            got[actor.name] = res.statusCode;
            if (res.statusCode >= 300 || !r.orgsIn || actor.city === null) continue;
            const seen = await r.orgsIn(res.json() as Body);
            const other = subtrees[actor.city === "jinan" ? "taian" : "jinan"];
            const foreign = [...new Set(seen.filter((id) => other.has(id)))];
            if (foreign.length > 0) leaks.push(`${actor.name} sees orgs ${foreign.join(",")} of the other branch`);
            if (r.target !== "other" && !seen.some((id) => subtrees[actor.city as City].has(id)))
              leaks.push(`${actor.name} sees nothing of its own branch`);
          }
          want.anonymous = 401;
          got.anonymous = (await send(null, r, targets.jinan)).statusCode;
          assert.deepEqual(got, want);
          assert.deepEqual(leaks, []);
        });
      }
    });
  });
}
