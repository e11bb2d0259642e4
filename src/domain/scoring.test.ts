import assert from "node:assert/strict";
import { test } from "node:test";
import type { OrgScoringInput } from "./scoring.ts";
import {
  attainment,
  DEFAULT_WEIGHTS,
  rankScores,
  reportsOwed,
  scoreOrg,
  scoreOrgs,
  validateWeights,
} from "./scoring.ts";

const AS_OF = "2024-06-15";
const empty = (orgId: number): OrgScoringInput => ({ orgId, assignments: [], reports: [], indicators: [] });

test("weights must be non-negative and sum to 1", () => {
  assert.deepEqual(validateWeights(DEFAULT_WEIGHTS), []);
  assert.deepEqual(validateWeights({ onTime: 0.1, timeliness: 0.2, overdue: 0.3, indicators: 0.4 }), []);
  assert.match(validateWeights({ onTime: 0.5, timeliness: 0.5, overdue: 0.5, indicators: 0 })[0] ?? "", /sum to 1/);
  assert.match(validateWeights({ onTime: -0.1, timeliness: 0.5, overdue: 0.5, indicators: 0.1 })[0] ?? "", /≥ 0/);
  assert.equal(validateWeights({ onTime: Number.NaN, timeliness: 0.5, overdue: 0.5, indicators: 0 }).length, 1);
  assert.throws(() => scoreOrg(empty(1), { onTime: 1, timeliness: 1, overdue: 0, indicators: 0 }, AS_OF), RangeError);
});

test("attainment by operator", () => {
  assert.equal(attainment(">=", 100, 120), 1);
  assert.equal(attainment(">=", 100, 50), 0.5);
  assert.equal(attainment(">=", 0, -1), 0);
  assert.equal(attainment(">", 80, 81), 1);
  assert.equal(attainment(">", 80, 80), 0.99);
  assert.equal(attainment(">", 80, 40), 0.5);
  assert.equal(attainment("<=", 10, 8), 1);
  assert.equal(attainment("<=", 10, 20), 0.5);
  assert.equal(attainment("<=", 0, 3), 0);
  assert.equal(attainment("=", 100, 100), 1);
  assert.equal(attainment("=", 100, 90), 0.9);
  assert.equal(attainment("=", 100, 250), 0);
  assert.equal(attainment("range", 10, 15, 20), 1);
  assert.equal(attainment("range", 10, 5, 20), 0.5);
  assert.equal(attainment("range", 10, 40, 20), 0.5);
  assert.equal(attainment("range", 10, 12, null), 1);
});

test("a model org scores 100 on every component", () => {
  const r = scoreOrg(
    {
      orgId: 1,
      assignments: [{ dueOn: "2024-03-31", doneOn: "2024-03-30" }],
      reports: [{ deadline: "2024-04-05", filedOn: "2024-04-05" }],
      indicators: [{ op: ">=", target: 10, value: 12 }],
    },
    DEFAULT_WEIGHTS,
    AS_OF,
  );
  assert.equal(r.score, 100);
  assert.deepEqual(r.components, { onTime: 100, timeliness: 100, overdue: 100, indicators: 100 });
});

test("components: late reports, work done late, open overdue work, unreported indicators", () => {
  const input: OrgScoringInput = {
    orgId: 7,
    assignments: [
      { dueOn: "2024-03-31", doneOn: "2024-04-15" }, // 15 days late: credit 0.5
      { dueOn: "2024-02-29", doneOn: "2024-02-29" }, // leap day, on time: credit 1
      { dueOn: "2024-05-31", doneOn: null }, // overdue, open
      { dueOn: "2024-12-31", doneOn: null }, // not due yet: ignored
      { dueOn: null, doneOn: null }, // ongoing: ignored
    ],
    reports: [
      { deadline: "2024-04-05", filedOn: "2024-04-01" },
      { deadline: "2024-05-05", filedOn: "2024-05-09" }, // late
      { deadline: "2024-06-05", filedOn: null }, // missing
      { deadline: "2024-07-05", filedOn: null }, // not owed yet
    ],
    indicators: [
      { op: ">=", target: 100, value: 50 },
      { op: "<=", target: 5, value: null },
    ],
  };
  const r = scoreOrg(input, DEFAULT_WEIGHTS, AS_OF);
  assert.deepEqual(r.components, { onTime: 33.3, timeliness: 75, overdue: 66.7, indicators: 25 });
  assert.deepEqual(r.counts, {
    reportsOwed: 3,
    reportsOnTime: 1,
    pastDue: 3,
    overdueOpen: 1,
    doneLate: 1,
    unfinished: 0,
    reportsAccepted: 0,
    reportsReturned: 0,
    extensions: 0,
  });
  // 0.4×33.33 + 0.3×75 + 0.2×66.67 + 0.1×25 = 51.67
  assert.equal(r.score, 51.7);
});

test("work done 30 or more days late earns no timeliness credit; done after asOf is still open", () => {
  const r = scoreOrg(
    { ...empty(1), assignments: [{ dueOn: "2024-01-31", doneOn: "2024-03-01" }] },
    DEFAULT_WEIGHTS,
    AS_OF,
  );
  assert.equal(r.components.timeliness, 0);
  assert.equal(r.components.overdue, 100);
  const future = scoreOrg(
    { ...empty(1), assignments: [{ dueOn: "2024-05-31", doneOn: "2024-06-20" }] },
    DEFAULT_WEIGHTS,
    AS_OF,
  );
  assert.deepEqual([future.components.timeliness, future.components.overdue], [null, 0]);
});

test("missing components hand their weight to the others; nothing owed means no score", () => {
  const onlyReports = scoreOrg(
    {
      ...empty(1),
      reports: [
        { deadline: "2024-04-05", filedOn: null },
        { deadline: "2024-01-05", filedOn: "2024-01-02" },
      ],
    },
    DEFAULT_WEIGHTS,
    AS_OF,
  );
  assert.equal(onlyReports.score, 50);
  assert.equal(scoreOrg(empty(2), DEFAULT_WEIGHTS, AS_OF).score, null);
  // A present component with zero weight cannot carry a score alone.
  const zero = { onTime: 0, timeliness: 0.5, overdue: 0.5, indicators: 0 };
  assert.equal(
    scoreOrg({ ...empty(3), reports: [{ deadline: "2024-01-05", filedOn: null }] }, zero, AS_OF).score,
    null,
  );
});

test("ranking: best first, ties share a rank, unscored last", () => {
  const ranked = rankScores([
    { id: "a", score: 80 },
    { id: "b", score: null },
    { id: "c", score: 95.5 },
    { id: "d", score: 80 },
    { id: "e", score: 60 },
  ]);
  assert.deepEqual(
    ranked.map((r) => [r.id, r.rank]),
    [
      ["c", 1],
      ["a", 2],
      ["d", 2],
      ["e", 4],
      ["b", null],
    ],
  );
  const orgs = scoreOrgs(
    [empty(1), { ...empty(2), reports: [{ deadline: "2024-01-05", filedOn: "2024-01-05" }] }],
    DEFAULT_WEIGHTS,
    AS_OF,
  );
  assert.deepEqual(
    orgs.map((o) => [o.orgId, o.rank]),
    [
      [2, 1],
      [1, null],
    ],
  );
});

test("reportsOwed turns an assignment's periods and reports into scoring records", () => {
  const owed = reportsOwed({
    cadence: "quarterly",
    plan: { from: 2024, to: 2024 },
    dueOn: "2024-09-30",
    ongoing: false,
    reports: [
      { period: "2024-Q1", reportedAt: "2024-04-03" },
      { period: "2024-Q3", reportedAt: "2024-10-20" },
    ],
    since: "2024-02-01",
  });
  assert.deepEqual(owed, [
    { deadline: "2024-04-05", filedOn: "2024-04-03" },
    { deadline: "2024-07-05", filedOn: null },
    { deadline: "2024-10-05", filedOn: "2024-10-20" },
  ]);
  const r = scoreOrg({ ...empty(1), reports: owed }, DEFAULT_WEIGHTS, "2024-12-31");
  assert.equal(r.components.onTime, 33.3);
});

test("unfinished open-ended work counts as past due and open (issue 10)", () => {
  const input = {
    orgId: 1,
    assignments: [
      { dueOn: null, doneOn: null, unfinished: true },
      { dueOn: "2024-03-31", doneOn: "2024-03-01" },
    ],
    reports: [],
    indicators: [],
    loop: { reportsAccepted: 2, reportsReturned: 1, extensions: 1 },
  };
  const r = scoreOrg(input, DEFAULT_WEIGHTS, "2025-01-10");
  assert.equal(r.components.overdue, 50);
  assert.equal(r.counts.unfinished, 1);
  assert.deepEqual([r.counts.reportsAccepted, r.counts.reportsReturned, r.counts.extensions], [2, 1, 1]);
});
