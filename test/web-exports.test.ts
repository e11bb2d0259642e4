// The plan view's export and indicator helpers: which report periods are offered (the API refuses one that
// has not begun), the file name a download is saved under, targets in an office's words, who may record a
// value for which org, and a refused value told in the user's words.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileNameOf } from "../web/src/pages/plans/fileName.ts";
import * as indicators from "../web/src/pages/plans/indicators.ts";
import {
  defaultPeriod,
  localToday,
  partsBegun,
  periodParam,
  reportYears,
  settle,
  withKind,
} from "../web/src/pages/plans/reportPeriods.ts";

test("report years: the plan's years up to this one, newest first; a plan naming none gets this year", () => {
  assert.deepEqual(reportYears({ periodFrom: 2021, periodTo: 2025 }, "2024-03-10"), [2024, 2023, 2022, 2021]);
  assert.deepEqual(reportYears({ periodFrom: 2021, periodTo: 2021 }, "2026-11-23"), [2021]);
  assert.deepEqual(reportYears({ periodFrom: null, periodTo: null }, "2025-01-01"), [2025]);
  assert.deepEqual(reportYears({ periodFrom: 2027, periodTo: 2030 }, "2026-06-01"), [], "a plan still to come");
});

test("quarters and months are offered once they have begun", () => {
  assert.deepEqual(partsBegun("quarter", 2025, "2025-03-31"), [1]);
  assert.deepEqual(partsBegun("quarter", 2025, "2025-04-01"), [1, 2]);
  assert.deepEqual(partsBegun("month", 2025, "2025-03-01"), [1, 2, 3]);
  assert.deepEqual(partsBegun("month", 2024, "2025-01-01").length, 12);
  assert.deepEqual(partsBegun("quarter", 2026, "2025-12-31"), []);
});

test("the period parameter is what the API accepts: 2025, 2025-Q1, 2025-03, or none for to date", () => {
  assert.equal(periodParam({ kind: "year", year: 2025, part: 1 }), "2025");
  assert.equal(periodParam({ kind: "quarter", year: 2025, part: 3 }), "2025-Q3");
  assert.equal(periodParam({ kind: "month", year: 2025, part: 3 }), "2025-03");
  assert.equal(periodParam({ kind: "month", year: 2025, part: 12 }), "2025-12");
  assert.equal(periodParam({ kind: "to_date", year: 2025, part: 1 }), undefined);
});

test("the dialog opens on the latest begun year's annual summary; switching keeps the part begun", () => {
  assert.deepEqual(defaultPeriod({ periodFrom: 2023, periodTo: 2025 }, "2026-11-23"), {
    kind: "year",
    year: 2025,
    part: 1,
  });
  assert.equal(defaultPeriod({ periodFrom: 2030, periodTo: 2031 }, "2026-11-23").kind, "to_date");
  // Q4 of last year, then this year picked in February: only Q1 has begun.
  assert.deepEqual(settle({ kind: "quarter", year: 2025, part: 4 }, "2026-02-10"), {
    kind: "quarter",
    year: 2025,
    part: 4,
  });
  assert.deepEqual(settle({ kind: "quarter", year: 2026, part: 4 }, "2026-02-10"), {
    kind: "quarter",
    year: 2026,
    part: 1,
  });
  assert.deepEqual(settle({ kind: "month", year: 2026, part: 12 }, "2026-02-10").part, 2);
  assert.equal(localToday(new Date(2025, 0, 5, 23, 30)), "2025-01-05", "the browser's own calendar day");
  const annual = { kind: "year" as const, year: 2025, part: 1 };
  assert.deepEqual(withKind(annual, "quarter", "2026-02-10"), { kind: "quarter", year: 2025, part: 4 });
  assert.deepEqual(withKind({ ...annual, year: 2026 }, "month", "2026-02-10").part, 2);
  assert.deepEqual(withKind(annual, "to_date", "2026-02-10").kind, "to_date");
});

test("a download is saved under the server's name, the UTF-8 one when there is one", () => {
  const chinese = "任务台账-2021年全省知识产权工作任务清单-2025-03-01.xlsx";
  const header = `attachment; filename="______-2021__________-2025-03-01.xlsx"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
  assert.equal(fileNameOf(header, "x.xlsx"), chinese);
  assert.equal(fileNameOf('attachment; filename="plain.docx"', "x.docx"), "plain.docx");
  assert.equal(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A; filename=\"fallback.docx\"", "x"), "fallback.docx");
  assert.equal(fileNameOf(null, "x.docx"), "x.docx");
});

const target = { op: ">=", target: 2300, targetHigh: null, unit: "件" };
const judged = (ratio: number | null, met = false) => ({
  latest: { attainment: ratio === null ? null : { ratio, met } },
});

test("targets read as an office writes them, and the latest value's attainment as a bounded percent", () => {
  assert.equal(indicators.describeTarget(target), "≥2300件");
  assert.equal(indicators.describeTarget({ ...target, op: "range", target: 3, targetHigh: 5, unit: "家" }), "3–5家");
  assert.equal(indicators.describeTarget({ ...target, op: "<=", target: 15, unit: "个月" }), "≤15个月");
  assert.equal(indicators.describeTarget({ ...target, op: ">", target: 8, unit: "家" }), ">8家");
  assert.equal(indicators.describeTarget({ ...target, op: "=", target: 2.1, unit: "万件" }), "2.1万件");
  assert.equal(indicators.formatValue(0.1 + 0.2, "%"), "0.3%");

  assert.equal(indicators.attainmentPercent({ latest: null }), null);
  assert.equal(indicators.standingOf({ latest: null }), "none");
  assert.equal(indicators.attainmentPercent(judged(0.8)), 80);
  assert.equal(indicators.standingOf(judged(0.8)), "short");
  assert.equal(indicators.attainmentPercent(judged(1.37, true)), 100, "capped");
  assert.equal(indicators.standingOf(judged(1, true)), "met");
  assert.equal(indicators.attainmentPercent(judged(null)), null, "an operator the rules do not judge");
  assert.equal(indicators.standingOf(judged(null)), "short");
});

// mayRecord as can.recordIndicators gives it: every role but the viewer.
const user = (role: "admin" | "plan_office" | "reporter" | "viewer", orgId: number) => ({
  role,
  orgId,
  mayRecord: role !== "viewer",
});

test("values may be recorded for the plan's units and issuer the user answers for, own org first", () => {
  const plan = { orgId: 15, orgName: "省局" };
  const units = [
    { value: 63, label: "泰安市局" },
    { value: 40, label: "济南市局" },
  ];
  const ids = (list: { value: number }[]) => list.map((u) => u.value);
  assert.deepEqual(ids(indicators.recordingOrgs(user("reporter", 63), plan, units, false)), [63]);
  assert.deepEqual(ids(indicators.recordingOrgs(user("reporter", 99), plan, units, false)), [], "no work in it");
  assert.deepEqual(ids(indicators.recordingOrgs(user("viewer", 15), plan, units, true)), []);
  assert.deepEqual(ids(indicators.recordingOrgs(user("plan_office", 15), plan, units, true)), [15, 63, 40]);
  assert.deepEqual(
    ids(indicators.recordingOrgs(user("plan_office", 1), plan, [...units, { value: 15, label: "省局" }], true)),
    [15, 63, 40],
    "the issuing office before the other units when the user's own org answers for nothing",
  );
  assert.deepEqual(
    ids(indicators.recordingOrgs(user("plan_office", 63), plan, [units[0] as { value: number; label: string }], false)),
    [63],
    "a city's office: its own share, not the province that issued the plan",
  );
  assert.deepEqual(ids(indicators.recordingOrgs(user("admin", 1), plan, units, true)), [15, 63, 40]);
});

test("a refused value is told by the fields the server names, or by what the status means", () => {
  const t = {
    errValue: "V",
    errAsOf: "A",
    errSource: "S",
    errOrg: "O",
    errForbidden: "F",
    errNotFound: "N",
  };
  assert.equal(indicators.recordErrorText(400, ["body.asOf"], t), "A");
  assert.equal(indicators.recordErrorText(400, ["body.value", "body.source", "body.asOf"], t), "V A S");
  assert.equal(indicators.recordErrorText(400, ["body.orgId"], t), "O");
  assert.equal(indicators.recordErrorText(403, [], t), "F");
  assert.equal(indicators.recordErrorText(404, [], t), "N");
  assert.equal(indicators.recordErrorText(400, ["body.other"], t), null, "the server's own message then");
  assert.equal(indicators.recordErrorText(500, [], t), null);
});
