// Formula injection: text from plans, orgs and reports is written so that no spreadsheet runs it.
import assert from "node:assert/strict";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { rollUp } from "../../domain/status.ts";
import type { RegisterRow } from "./register.ts";
import { HEADER_ROW, REGISTER_COLUMNS, registerWorkbook } from "./register-xlsx.ts";

const EVIL = "=2+5+cmd|' -C calc'!A0";

test("cells that a spreadsheet would run as formulas are written as text with an apostrophe", async () => {
  const row: RegisterRow = {
    seq: 1,
    assignmentId: 1,
    measureId: 1,
    section: "+部分",
    taskKey: "一/1",
    taskTitle: "任务",
    measureText: "-举措",
    orgId: 1,
    orgName: EVIL,
    role: "lead",
    roleLabel: "牵头",
    deadlineRaw: "@年底前",
    dueOn: "2025-12-31",
    ongoing: false,
    status: "on_track",
    statusLabel: "正常推进",
    missingPeriod: null,
    latestReport: {
      period: "2025-Q1",
      status: "in_progress",
      narrative: "\t=1+1",
      percent: 30,
      reportedOn: "2025-03-01",
    },
    indicatorPace: "=指标：需加快进度",
  };
  const bytes = await registerWorkbook(
    { rows: [row], total: rollUp([row]), byOrg: [{ orgId: 1, orgName: EVIL, rollUp: rollUp([row]) }] },
    { planTitle: "=计划", scopeLabel: "全部单位", asOf: "2025-03-01", createdAt: new Date("2025-03-01T00:00:00Z") },
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const cell = (header: string) =>
    sheet.getCell(HEADER_ROW + 1, REGISTER_COLUMNS.findIndex((c) => c.header === header) + 1).value;
  assert.equal(cell("责任单位"), `'${EVIL}`);
  assert.equal(cell("部分"), "'+部分");
  assert.equal(cell("落实举措"), "'-举措");
  assert.equal(cell("完成时限"), "'@年底前");
  assert.equal(cell("最新进展"), "'\t=1+1");
  assert.equal(cell("指标进度"), "'=指标：需加快进度");
  assert.equal(cell("任务"), "一/1 任务", "ordinary text is untouched");
  assert.ok(cell("截止日期") instanceof Date, "dates stay dates");
  assert.equal(cell("完成进度"), 0.3, "numbers stay numbers");
  assert.match(String(sheet.getCell(1, 1).value), /^'=计划/);
  assert.equal((book.worksheets[1] as ExcelJS.Worksheet).getCell(HEADER_ROW + 1, 1).value, `'${EVIL}`);
});
