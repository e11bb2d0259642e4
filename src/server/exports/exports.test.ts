import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { importSeedPlan } from "../../../test/support/plans.ts";
import { orgIdByName } from "../../../test/support/reports.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { HEADER_ROW, REGISTER_COLUMNS } from "../../services/exports/register-xlsx.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The 2021 Shandong task list imported for the provincial bureau; the clock is pinned to 2025-03-01.
// Jinan's city bureau reports on one of its assignments; Tai'an's is the foreign org for Jinan.
for (const kind of storeKinds()) {
  describe(`exports over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let planId = 0;
    let planTitle = "";
    const ids = { province: 0, jinan: 0, taian: 0, jinanAssignment: 0 };
    const NARRATIVE = "济南市已建成国家级知识产权保护中心，本季度办理快速预审案件120件。";
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    type ApiAssignment = {
      id: number;
      measureText: string;
      orgName: string;
      role: string;
      status: string;
      dueOn: string | null;
      latestReport: { percent: number | null } | null;
    };

    before(async () => {
      env = await testEnvOn(kind);
      const seeded = await importSeedPlan(env.store);
      planId = seeded.planId;
      ids.province = seeded.provinceId;
      ids.jinan = await orgIdByName(env.store, "济南市市场监督管理局");
      ids.taian = await orgIdByName(env.store, "泰安市市场监督管理局");
      planTitle = (
        await env.store.db.selectFrom("plans").select("title").where("id", "=", planId).executeTakeFirstOrThrow()
      ).title;
      const people = [
        ["office", "plan_office", ids.province],
        ["jinan", "reporter", ids.jinan],
        ["admin", "admin", ids.province],
      ] as const;
      for (const [name, role, orgId] of people) {
        await insertUser(env.store, name, role, orgId);
        agents[name] = await signIn(env.app, name);
      }
      const own = await assignments("jinan");
      ids.jinanAssignment = own[0]?.id ?? 0;
      const filed = await as("jinan").request("POST", `/api/assignments/${ids.jinanAssignment}/reports`, {
        period: "2025-Q1",
        status: "in_progress",
        narrative: NARRATIVE,
        percent: 30,
      });
      assert.equal(filed.statusCode, 200, filed.body);
      const indicator = await env.store.db
        .selectFrom("indicators")
        .select("id")
        .where("plan_id", "=", planId)
        .where("name", "=", "市级人民调解组织覆盖率")
        .executeTakeFirstOrThrow();
      const value = await as("jinan").request("POST", `/api/indicators/${indicator.id}/values`, {
        value: 87.5,
        asOf: "2025-02-28",
        source: "市司法局",
      });
      assert.equal(value.statusCode, 201, value.body);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    /** Every assignment of the plan the user sees, through the API, page by page. */
    async function assignments(who: string): Promise<ApiAssignment[]> {
      const out: ApiAssignment[] = [];
      for (let offset = 0; ; offset += 200) {
        const res = await as(who).request("GET", `/api/assignments?plan=${planId}&limit=200&offset=${offset}`);
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json() as { items: ApiAssignment[]; total: number };
        out.push(...page.items);
        if (out.length >= page.total) return out;
      }
    }

    async function workbook(who: string, query = ""): Promise<ExcelJS.Workbook> {
      const res = await as(who).request("GET", `/api/plans/${planId}/register.xlsx${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      assert.match(String(res.headers["content-disposition"]), /^attachment; .*filename\*=UTF-8''%E4%BB%BB%E5%8A%A1/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return book;
    }

    const ROLE = { lead: "牵头", support: "配合", owner: "负责" } as Record<string, string>;
    const STATUS = {
      done: "已完成",
      unfinished: "未办结",
      on_track: "正常推进",
      due_soon: "即将到期",
      overdue: "已逾期",
      report_missing: "本期未报送",
      not_started: "未开始",
    } as Record<string, string>;

    function dataRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
      const rows: ExcelJS.CellValue[][] = [];
      sheet.eachRow((row, n) => {
        if (n > HEADER_ROW) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
      });
      return rows;
    }
    const col = (header: string) => REGISTER_COLUMNS.findIndex((c) => c.header === header);

    describe("the task register (.xlsx)", () => {
      test("one row per assignment the API lists, with the header styled, frozen and filtered", async () => {
        const book = await workbook("office");
        const sheet = book.getWorksheet("任务台账");
        assert.ok(sheet);
        assert.match(String(sheet.getCell(1, 1).value), new RegExp(planTitle));
        const header = (sheet.getRow(HEADER_ROW).values as string[]).slice(1);
        assert.deepEqual(
          header,
          REGISTER_COLUMNS.map((c) => c.header),
        );
        assert.equal(sheet.getCell(HEADER_ROW, 1).font?.bold, true);
        assert.equal(sheet.views[0]?.state, "frozen");
        assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, HEADER_ROW);
        assert.ok(sheet.autoFilter, "the header row has a filter");
        assert.ok((sheet.getColumn(col("落实举措") + 1).width ?? 0) >= 40);

        const api = await assignments("office");
        const rows = dataRows(sheet);
        assert.ok(api.length > 50, `the seed plan has many assignments (${api.length})`);
        assert.equal(rows.length, api.length);
        assert.deepEqual(
          rows.map((r) => r[col("序号")]),
          rows.map((_, i) => i + 1),
        );
        const key = (text: unknown, org: unknown, role: unknown, status: unknown) => `${text}|${org}|${role}|${status}`;
        assert.deepEqual(
          rows.map((r) => key(r[col("落实举措")], r[col("责任单位")], r[col("角色")], r[col("状态")])).sort(),
          api.map((a) => key(a.measureText, a.orgName, ROLE[a.role], STATUS[a.status])).sort(),
        );
        // Dates are real dates; the reported row carries its narrative, percent and report date.
        const withDue = api.find((a) => a.dueOn !== null);
        const dueRow = rows.find((r) => r[col("截止日期")] instanceof Date);
        assert.ok(withDue && dueRow);
        const reported = rows.find((r) => r[col("最新进展")] === NARRATIVE);
        assert.ok(reported, "the Jinan report's narrative is in the register");
        assert.equal(reported[col("完成进度")], 0.3);
        assert.equal(reported[col("报送期次")], "2025-Q1");
        assert.equal((reported[col("报送日期")] as Date).toISOString().slice(0, 10), "2025-03-01");
      });

      test("the second sheet counts per org and adds up to the register", async () => {
        const book = await workbook("office");
        const sheet = book.getWorksheet("按单位汇总");
        assert.ok(sheet);
        const rows = dataRows(sheet);
        const total = rows.at(-1);
        assert.equal(total?.[0], "合计");
        const perOrg = rows.slice(0, -1);
        const count = (book.getWorksheet("任务台账") as ExcelJS.Worksheet).rowCount - HEADER_ROW;
        assert.equal(total?.[1], count);
        assert.equal(
          perOrg.reduce((s, r) => s + Number(r[1]), 0),
          count,
        );
        const jinan = perOrg.find((r) => r[0] === "济南市市场监督管理局");
        assert.ok(jinan);
        // 任务数 is the sum of the status columns (one per status, then 完成率).
        assert.equal(
          (jinan.slice(2, 2 + Object.keys(STATUS).length) as number[]).reduce((s, n) => s + n, 0),
          jinan[1],
        );
      });

      test("a reporter's register holds only its own org's work; other orgs are 404", async () => {
        const book = await workbook("jinan");
        const rows = dataRows(book.getWorksheet("任务台账") as ExcelJS.Worksheet);
        const api = await assignments("jinan");
        assert.equal(rows.length, api.length);
        assert.ok(rows.every((r) => r[col("责任单位")] === "济南市市场监督管理局"));
        const foreign = await as("jinan").request("GET", `/api/plans/${planId}/register.xlsx?orgId=${ids.taian}`);
        assert.equal(foreign.statusCode, 404);
        const narrowed = await workbook("office", `?orgId=${ids.taian}`);
        const taian = dataRows(narrowed.getWorksheet("任务台账") as ExcelJS.Worksheet);
        assert.ok(taian.length > 0 && taian.every((r) => r[col("责任单位")] === "泰安市市场监督管理局"));
        const anonymous = await env.app.inject({ method: "GET", url: `/api/plans/${planId}/register.xlsx` });
        assert.equal(anonymous.statusCode, 401);
        assert.equal((await as("office").request("GET", "/api/plans/999999/register.xlsx")).statusCode, 404);
      });
    });

    async function reportText(who: string, query: string): Promise<string> {
      const res = await as(who).request("GET", `/api/plans/${planId}/report.docx${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(
        res.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      return (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    }

    describe("the progress report draft (.docx)", () => {
      test("holds the plan title, the counts, the org's narratives, overdue items and indicators", async () => {
        const text = await reportText("office", `?orgId=${ids.jinan}&period=2025-Q1`);
        assert.ok(text.includes(planTitle), "the plan title");
        assert.match(text, /济南市市场监督管理局2025年第一季度工作进展报告（初稿）/);
        assert.match(text, /一、总体情况/);
        assert.match(text, /共承担落实举措\d+项/);
        assert.ok(text.includes(NARRATIVE), "the Jinan narrative");
        assert.match(text, /三、逾期事项\s+1\. /, "the 2021 plan's open work is overdue by 2025");
        const { headings } = (await as("office").request("GET", `/api/plans/${planId}`)).json();
        const firstSection = /二、主要工作进展\s+（一）(\S+)/.exec(text)?.[1];
        assert.ok(
          headings.some((h: { title: string }) => h.title === firstSection),
          `the plan's own headings title the sections, got ${firstSection}`,
        );
        assert.ok(text.includes("市级人民调解组织覆盖率"));
        assert.ok(text.includes("87.5%"), "the latest indicator value");
        assert.ok(text.includes("未达标"), "87.5% is short of the 90% target");
        assert.ok(!text.includes("泰安市市场监督管理局（"), "only Jinan's units");
        // The plan's other indicator stands in the protection office's measure; Jinan has no value for it.
        assert.ok(!text.includes("仲裁组织覆盖率"), "only Jinan's indicators");
      });

      test("a unit's draft lists the indicators of its measures; the draft for every unit lists them all", async () => {
        const baohu = await orgIdByName(env.store, "知识产权保护处");
        const own = await reportText("office", `?orgId=${baohu}&period=2025-Q1`);
        assert.ok(
          own.includes("仲裁组织覆盖率") && own.includes("市级人民调解组织覆盖率"),
          "both stand in its measure",
        );
        const all = await reportText("office", "?period=2025-Q1");
        assert.ok(all.includes("仲裁组织覆盖率") && all.includes("市级人民调解组织覆盖率"));
      });

      test("an indicator off pace gets the forecast sentence", async () => {
        // The province's own figures for 仲裁组织覆盖率 (≥ 80%), given a baseline and a 2026 target for the test:
        // 50 (2022) → 55 → 58 (2024) is (58/50)^(1/2) − 1 = 7.70% a year; 58 · 1.077² = 67.28 by 2026, short of 80.
        const db = env.store.db;
        const arbitration = await db
          .selectFrom("indicators")
          .select("id")
          .where("plan_id", "=", planId)
          .where("name", "=", "仲裁组织覆盖率")
          .executeTakeFirstOrThrow();
        await db
          .updateTable("indicators")
          .set({ baseline: 50, base_year: 2022, target_path: JSON.stringify([{ year: 2026, value: 80 }]) })
          .where("id", "=", arbitration.id)
          .execute();
        for (const [asOf, value] of [
          ["2023-12-31", 55],
          ["2024-12-31", 58],
        ] as const)
          await db
            .insertInto("indicator_values")
            .values({ indicator_id: arbitration.id, org_id: ids.province, region_code: "370000", value, as_of: asOf })
            .execute();
        const text = await reportText("office", "?period=2025-Q1");
        assert.match(text, /仲裁组织覆盖率：2024年为58%，按现增速预计2026年达到67\.28%，低于目标80%。/);
        assert.match(text, /需加快进度/, "the band in the table");
      });

      test("the annual summary quotes only reports of its year and counts statuses as they stood then", async () => {
        const done = (text: string) => Number(/已完成(\d+)项/.exec(text)?.[1] ?? 0);
        const before2025 = done(await reportText("office", `?orgId=${ids.jinan}&period=2024`));
        const second = (await assignments("jinan"))[1];
        assert.ok(second);
        const filed = await as("jinan").request("POST", `/api/assignments/${second.id}/reports`, {
          period: "2025-Q1",
          status: "done",
          narrative: "已完成。",
        });
        assert.equal(filed.statusCode, 200, filed.body);
        // Issue 10: the done report applies for closure; done once the plan's office approves it.
        const approved = await as("office").request("POST", `/api/assignments/${second.id}/closure/approve`, {});
        assert.equal(approved.statusCode, 200, approved.body);

        const text = await reportText("office", `?orgId=${ids.jinan}&period=2024`);
        assert.match(text, /2024年度工作总结（初稿）/);
        assert.ok(!text.includes(NARRATIVE), "a 2025 report is not part of 2024");
        assert.match(text, /本期暂无进展报送/);
        assert.equal(done(text), before2025, "work finished in 2025 was not done at the end of 2024");
        assert.equal(done(await reportText("office", `?orgId=${ids.jinan}`)), before2025 + 1, "but it is done now");
      });

      test("a reporter gets its own org's draft; bad periods and foreign orgs are refused", async () => {
        const own = await reportText("jinan", "");
        assert.ok(own.includes(NARRATIVE));
        const bad = await as("jinan").request("GET", `/api/plans/${planId}/report.docx?period=2025-Q5`);
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().errors[0].path, "query.period");
        const future = await as("jinan").request("GET", `/api/plans/${planId}/report.docx?period=2026`);
        assert.equal(future.statusCode, 400);
        const foreign = await as("jinan").request("GET", `/api/plans/${planId}/report.docx?orgId=${ids.taian}`);
        assert.equal(foreign.statusCode, 404);
      });
    });
  });
}
