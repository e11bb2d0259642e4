import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import {
  COVERAGE_COLUMNS,
  COVERAGE_SHEET,
  IMPLEMENTERS_SHEET,
  UNCOVERED_SHEET,
} from "../../services/exports/coverage-xlsx.ts";
import { HEADER_ROW } from "../../services/exports/register-xlsx.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { type Agent, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The national 2021 list (national office) above the Shandong 2021 list (provincial bureau), and the
// Taishan county plan below the province, linked by hand; the province's office and viewer act on them.
// On both databases (test/support/stores.ts).

const seed = (name: string) =>
  readFileSync(join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", `${name}.txt`));

type Link = { id: number; lowerTaskId: number; upperTaskId: number; kind: string; state: string; version: number };

for (const kind of storeKinds()) {
  describe(`links, trace and coverage over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const ids = { national: 0, province: 0, county: 0, countyOrg: 0 };
    let office: Agent;
    let viewer: Agent;

    before(async () => {
      env = await testEnvOn(await kind.open());
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const org = (prefix: string) => orgIdByName(env.store, prefix);
      const nationalOrg = await org("国家知识产权局");
      const provinceOrg = await org("山东省市场监督管理局");
      const countyOrg = (
        await db.selectFrom("orgs").select("id").where("kind", "=", "county").orderBy("id").executeTakeFirstOrThrow()
      ).id;
      const load = async (name: string, orgId: number) =>
        (await importPlan(env.store, { bytes: seed(name), fileName: `${name}.txt`, orgId, userId: null })).planId;
      ids.national = await load("cnipa-2021-national-task-list", nationalOrg);
      ids.province = await load("sd-2021-provincial-task-list", provinceOrg);
      ids.county = await load("taishan-2022-2025-county-plan", countyOrg);
      ids.countyOrg = countyOrg;
      await insertUser(env.store, "office", "plan_office", provinceOrg);
      await insertUser(env.store, "viewer", "viewer", provinceOrg);
      office = await signIn(env.app, "office");
      viewer = await signIn(env.app, "viewer");
    });

    after(async () => {
      await env.close();
    });

    test("suggest, confirm one, and follow it: trace from the national task reaches a county task, coverage counts it", async () => {
      const upper = await office.request("GET", `/api/plans/${ids.province}/upper-plans`);
      assert.equal(upper.statusCode, 200, upper.body);
      assert.deepEqual(
        (upper.json() as { items: { planId: number }[] }).items.map((u) => u.planId),
        [ids.national],
      );
      const suggested = await office.request("POST", `/api/plans/${ids.province}/links/suggest`);
      assert.equal(suggested.statusCode, 200, suggested.body);
      assert.ok((suggested.json() as { suggested: number }).suggested > 20);

      const listed = await viewer.request("GET", `/api/plans/${ids.province}/links?state=suggested`);
      const links = (listed.json() as { items: Link[] }).items;
      const primary = links.find((l) => l.kind === "primary") as Link;
      assert.equal((await viewer.request("POST", `/api/links/${primary.id}/confirm`, {})).statusCode, 403);
      const confirmed = await office.request("POST", `/api/links/${primary.id}/confirm`, { version: primary.version });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal((confirmed.json() as Link).state, "confirmed");
      const stale = await office.request("POST", `/api/links/${primary.id}/reject`, { version: primary.version });
      assert.equal(stale.statusCode, 409);

      // The county office is below the province; the province's office links a county task to the provincial one.
      const countyTask = await env.store.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", ids.county)
        .orderBy("position")
        .executeTakeFirstOrThrow();
      const manual = await office.request("POST", `/api/plans/${ids.county}/links`, {
        lowerTaskId: countyTask.id,
        upperTaskId: primary.lowerTaskId,
      });
      assert.equal(manual.statusCode, 201, manual.body);

      const trace = await viewer.request("GET", `/api/tasks/${primary.upperTaskId}/trace`);
      assert.equal(trace.statusCode, 200, trace.body);
      const t = trace.json() as {
        up: unknown[];
        down: { taskId: number; depth: number; planId: number }[];
        counts: { regions: number; implementingTasks: number };
      };
      assert.deepEqual(t.up, []);
      assert.deepEqual(
        t.down.map((d) => [d.taskId, d.depth, d.planId]),
        [
          [primary.lowerTaskId, 1, ids.province],
          [countyTask.id, 2, ids.county],
        ],
      );
      assert.equal(t.counts.implementingTasks, 2);
      const fromCounty = (await viewer.request("GET", `/api/tasks/${countyTask.id}/trace`)).json() as {
        up: { taskId: number }[];
      };
      assert.deepEqual(
        fromCounty.up.map((u) => u.taskId),
        [primary.lowerTaskId, primary.upperTaskId],
      );

      const coverage = await viewer.request("GET", `/api/plans/${ids.national}/coverage`);
      assert.equal(coverage.statusCode, 200, coverage.body);
      const c = coverage.json() as {
        tasks: { taskId: number; implementers: { taskId: number }[] }[];
        uncovered: { taskId: number }[];
        counts: { tasks: number; covered: number; uncovered: number; lowerPlans: number };
      };
      assert.deepEqual(c.counts, { tasks: c.tasks.length, covered: 1, uncovered: c.tasks.length - 1, lowerPlans: 1 });
      assert.deepEqual(
        c.tasks.find((x) => x.taskId === primary.upperTaskId)?.implementers.map((i) => i.taskId),
        [primary.lowerTaskId],
      );
      assert.ok(!c.uncovered.some((u) => u.taskId === primary.upperTaskId));
    });

    test("the import preview names the upper plans the plan would get and each task's top suggestion", async () => {
      const countyOrg = (
        await env.store.db.selectFrom("plans").select("org_id").where("id", "=", ids.county).executeTakeFirstOrThrow()
      ).org_id;
      const bytes = seed("taishan-2022-2025-county-plan");
      const res = await office.request("POST", "/api/plans/preview", {
        fileName: "county.txt",
        contentBase64: bytes.toString("base64"),
        orgId: countyOrg,
      });
      assert.equal(res.statusCode, 200, res.body);
      const { links, tasks } = res.json() as {
        tasks: number;
        links: {
          upperPlans: { planId: number; reason: string }[];
          links: { taskIndex: number; suggestion: { upperPlanId: number; score: number; evidence: unknown } | null }[];
        };
      };
      // Its own earlier import is not an upper plan of itself; the national and provincial lists are (ancestors).
      assert.deepEqual(
        links.upperPlans.map((u) => [u.planId, u.reason]),
        [
          [ids.national, "ancestor"],
          [ids.province, "ancestor"],
        ],
      );
      assert.equal(links.links.length, tasks);
      assert.deepEqual(
        links.links.map((l) => l.taskIndex),
        [...Array(tasks).keys()],
      );
      const suggested = links.links.filter((l) => l.suggestion !== null);
      assert.ok(suggested.length >= tasks / 2, `${suggested.length} of ${tasks}`);
      assert.ok(
        suggested.every(
          (l) =>
            [ids.national, ids.province].includes(l.suggestion?.upperPlanId as number) &&
            (l.suggestion?.score ?? 0) > 0 &&
            typeof l.suggestion?.evidence === "object",
        ),
      );
      // The import itself stored suggestions for the county plan right after it (its own transaction).
      const stored = (await office.request("GET", `/api/plans/${ids.county}/links?state=suggested`)).json() as {
        items: unknown[];
      };
      assert.ok(stored.items.length > 0);
    });

    test("trace: implementing tasks carry units, region and latest report; regions handed the work without one are named", async () => {
      const confirmed = (
        (await office.request("GET", `/api/plans/${ids.province}/links?state=confirmed`)).json() as { items: Link[] }
      ).items.find((l) => l.kind === "primary") as Link;
      const assignment = await env.store.db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .select("a.id")
        .where("m.task_id", "=", confirmed.lowerTaskId)
        .orderBy("a.id")
        .executeTakeFirstOrThrow();
      const narrative = "已完成年度任务分解，印发工作方案并组织推进会。";
      const filed = await office.request("POST", `/api/assignments/${assignment.id}/reports`, {
        period: "2025-Q1",
        status: "in_progress",
        narrative,
        percent: 40,
      });
      assert.equal(filed.statusCode, 200, filed.body);
      type Trace = {
        down: {
          taskId: number;
          regionCode: string;
          regionName: string | null;
          units: { orgName: string; role: string }[];
          latestReport: { narrative: string; percent: number | null } | null;
        }[];
        regions: { regionCode: string; implementingTasks: number }[];
        missing: { regionCode: string; regionName: string | null; reason: string }[];
        counts: { regions: number; implementingTasks: number; regionsWithout: number };
      };
      const trace = (await viewer.request("GET", `/api/tasks/${confirmed.upperTaskId}/trace`)).json() as Trace;
      const node = trace.down.find((d) => d.taskId === confirmed.lowerTaskId);
      assert.ok(node, "the provincial task implements the national one");
      assert.equal(node.regionName, "山东省");
      assert.ok(node.units.length > 0 && node.units.every((u) => u.orgName.length > 0));
      assert.deepEqual(
        node.units.map((u) => u.role),
        [...node.units.map((u) => u.role)].sort((a, b) => (a === "lead" ? -1 : b === "lead" ? 1 : 0)),
      );
      assert.equal(node.latestReport?.narrative, narrative);
      assert.equal(node.latestReport?.percent, 40);
      assert.equal(trace.counts.regions, trace.regions.length);
      assert.equal(
        trace.regions.reduce((n, r) => n + r.implementingTasks, 0),
        trace.counts.implementingTasks,
      );
      assert.equal(trace.counts.regionsWithout, trace.missing.length);
      assert.ok(!trace.missing.some((m) => trace.regions.some((r) => r.regionCode === m.regionCode)));

      // A national task nobody implements: the province, whose plan is aligned against the national list, has none.
      const linked = new Set(
        (
          (await viewer.request("GET", `/api/plans/${ids.province}/links?state=confirmed`)).json() as { items: Link[] }
        ).items.map((l) => l.upperTaskId),
      );
      const lonely = await env.store.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", ids.national)
        .orderBy("position")
        .execute();
      const untouched = lonely.find((t) => !linked.has(t.id)) as { id: number };
      const none = (await viewer.request("GET", `/api/tasks/${untouched.id}/trace`)).json() as Trace;
      assert.deepEqual(none.down, []);
      const shandong = none.missing.find((m) => m.regionName === "山东省");
      assert.ok(shandong, JSON.stringify(none.missing));
      assert.equal(none.counts.regionsWithout, none.missing.length);
    });

    test("the coverage .xlsx holds the coverage's numbers, cell for cell", async () => {
      const json = (await viewer.request("GET", `/api/plans/${ids.national}/coverage`)).json() as {
        tasks: {
          key: string;
          title: string;
          implementers: { key: string; orgName: string }[];
          counts: { implementingTasks: number; regions: number; onTrack: number; overdue: number };
        }[];
        uncovered: { key: string }[];
      };
      const res = await viewer.request("GET", `/api/plans/${ids.national}/coverage.xlsx`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers["content-type"]), /spreadsheetml/);
      assert.match(decodeURIComponent(String(res.headers["content-disposition"])), /落实情况.*\.xlsx/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet(COVERAGE_SHEET) as ExcelJS.Worksheet;
      assert.deepEqual(
        (sheet.getRow(HEADER_ROW).values as unknown[]).slice(1),
        COVERAGE_COLUMNS.map(([h]) => h),
      );
      const col = (name: string) => COVERAGE_COLUMNS.findIndex(([h]) => h === name) + 1;
      json.tasks.forEach((t, i) => {
        const row = sheet.getRow(HEADER_ROW + 1 + i);
        assert.equal(row.getCell(col("任务编号")).value, t.key);
        assert.equal(row.getCell(col("任务")).value, t.title);
        assert.equal(row.getCell(col("落实任务数")).value, t.counts.implementingTasks);
        assert.equal(row.getCell(col("涉及地区数")).value, t.counts.regions);
        assert.equal(row.getCell(col("正常推进")).value, t.counts.onTrack);
        assert.equal(row.getCell(col("有逾期")).value, t.counts.overdue);
        assert.equal(row.getCell(col("落实单位")).value, [...new Set(t.implementers.map((x) => x.orgName))].join("、"));
      });
      assert.equal(sheet.rowCount, HEADER_ROW + json.tasks.length);
      const implementers = book.getWorksheet(IMPLEMENTERS_SHEET) as ExcelJS.Worksheet;
      const lowerKeys: unknown[] = [];
      implementers.eachRow((row, n) => {
        if (n > HEADER_ROW) lowerKeys.push(row.getCell(5).value);
      });
      assert.deepEqual(
        lowerKeys,
        json.tasks.flatMap((t) => t.implementers.map((x) => x.key)),
      );
      assert.ok(lowerKeys.length >= 1);
      const uncovered = book.getWorksheet(UNCOVERED_SHEET) as ExcelJS.Worksheet;
      const keys: unknown[] = [];
      uncovered.eachRow((row, n) => {
        if (n > HEADER_ROW) keys.push(row.getCell(1).value);
      });
      assert.deepEqual(
        keys,
        json.uncovered.map((u) => u.key),
      );
    });

    test("a county reporter sees the whole chain its work serves, up to a national task in a plan it may not open", async () => {
      const lastTask = async (planId: number) =>
        (
          await env.store.db
            .selectFrom("tasks")
            .select("id")
            .where("plan_id", "=", planId)
            .orderBy("position", "desc")
            .executeTakeFirstOrThrow()
        ).id;
      const [county, province, national] = [
        await lastTask(ids.county),
        await lastTask(ids.province),
        await lastTask(ids.national),
      ];
      for (const [planId, lowerTaskId, upperTaskId] of [
        [ids.province, province, national],
        [ids.county, county, province],
      ] as const) {
        const res = await office.request("POST", `/api/plans/${planId}/links`, { lowerTaskId, upperTaskId });
        assert.equal(res.statusCode, 201, res.body);
      }
      await insertUser(env.store, "county-reporter", "reporter", ids.countyOrg);
      const reporter = await signIn(env.app, "county-reporter");
      assert.equal((await reporter.request("GET", `/api/plans/${ids.national}`)).statusCode, 404);
      const res = await reporter.request("GET", `/api/tasks/${county}/trace`);
      assert.equal(res.statusCode, 200, res.body);
      const up = (res.json() as { up: { taskId: number; readable: boolean; planId: number }[] }).up;
      assert.deepEqual(
        up.map((u) => u.taskId),
        [province, national],
      );
      assert.equal(up.find((u) => u.taskId === national)?.readable, false);
      // The national task's own trace stays closed to it.
      assert.equal((await reporter.request("GET", `/api/tasks/${national}/trace`)).statusCode, 404);
      // Its office, who may read every plan in the chain, sees each readable.
      const full = (await office.request("GET", `/api/tasks/${county}/trace`)).json() as {
        up: { readable: boolean }[];
      };
      assert.deepEqual(
        full.up.map((u) => u.readable),
        [true, true],
      );
    });

    test("removing the upper plan withdraws pending suggestions and keeps the confirmed link", async () => {
      const before = (await office.request("GET", `/api/plans/${ids.province}/links`)).json() as { items: Link[] };
      const kept = before.items.filter((l) => l.state !== "suggested").length;
      const removed = await office.request("DELETE", `/api/plans/${ids.province}/upper-plans/${ids.national}`);
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual((removed.json() as { items: unknown[] }).items, []);
      const afterRemoval = (await office.request("GET", `/api/plans/${ids.province}/links`)).json() as {
        items: Link[];
      };
      assert.equal(afterRemoval.items.length, kept);
      assert.ok(kept >= 1);
      const suggestAgain = await office.request("POST", `/api/plans/${ids.province}/links/suggest`);
      assert.equal((suggestAgain.json() as { upperPlans: number }).upperPlans, 0);
    });
  });
}
