import assert from "node:assert/strict";
import { test } from "node:test";
import { assignmentStatus, rollUp, rollUpBy, statusEvaluator, statusRule } from "./status.ts";
import type { AssignmentFacts, AssignmentStatus, ReportRecord } from "./types.ts";

const TODAY = "2024-06-15";
const q1InProgress: ReportRecord = { period: "2024-Q1", status: "in_progress", reportedAt: "2024-04-02" };

function facts(over: Partial<AssignmentFacts> = {}): AssignmentFacts {
  return {
    dueOn: "2024-12-31",
    ongoing: false,
    signedOff: false,
    reports: [q1InProgress],
    cadence: "quarterly",
    plan: { from: 2024, to: 2024 },
    ...over,
  };
}
const statusOf = (over: Partial<AssignmentFacts>, today = TODAY) => assignmentStatus(facts(over), today).status;

test("on track: due later, last period reported", () => {
  assert.deepEqual(assignmentStatus(facts(), TODAY), { status: "on_track", colour: "green", missingPeriod: null });
});

test("signed off is done even past its due date and without reports", () => {
  assert.equal(statusOf({ signedOff: true, dueOn: "2024-01-31", reports: [] }), "done");
});

test("a latest report saying done applies for closure: on track (not overdue) until approved, then done", () => {
  // Issue 10 (办结 needs approval): before, a done report made the assignment done by itself.
  const late: ReportRecord = { period: "2024-Q2", status: "done", reportedAt: "2024-05-20" };
  assert.equal(statusOf({ dueOn: "2024-03-31", reports: [q1InProgress, late] }), "on_track");
  assert.equal(statusOf({ dueOn: "2024-03-31", reports: [q1InProgress, late], signedOff: true }), "done");
});

test("the latest report decides: done then reopened is not done", () => {
  const reports: ReportRecord[] = [
    { period: "2024-Q2", status: "in_progress", reportedAt: "2024-06-01" },
    { period: "2024-Q1", status: "done", reportedAt: "2024-03-30" },
  ];
  assert.equal(statusOf({ reports }), "on_track");
});

test("overdue the day after the due date, due_soon on the due date itself", () => {
  const r = assignmentStatus(facts({ dueOn: "2024-06-14" }), TODAY);
  assert.deepEqual(r, { status: "overdue", colour: "red", missingPeriod: null });
  assert.equal(statusOf({ dueOn: TODAY }), "due_soon");
});

test("leap day deadlines", () => {
  assert.equal(statusOf({ dueOn: "2024-02-29", reports: [] }, "2024-02-29"), "due_soon");
  assert.equal(statusOf({ dueOn: "2024-02-29", reports: [] }, "2024-03-01"), "overdue");
});

test("due soon is inclusive of dueSoonDays and follows the plan's setting", () => {
  assert.equal(statusOf({ dueOn: "2024-06-29" }), "due_soon"); // 14 days
  assert.equal(statusOf({ dueOn: "2024-06-30" }), "on_track"); // 15 days
  assert.equal(statusOf({ dueOn: "2024-06-30", dueSoonDays: 30 }), "due_soon");
  assert.equal(statusOf({ dueOn: "2024-06-16", dueSoonDays: 0 }), "on_track");
});

test("report missing: the last lapsed period has no report", () => {
  const r = assignmentStatus(facts({ reports: [] }), TODAY);
  assert.deepEqual(r, { status: "report_missing", colour: "yellow", missingPeriod: "2024-Q1" });
  // Q1's report deadline is 2024-04-05 with 5 days' grace; on that day it is not missing yet.
  assert.equal(statusOf({ reports: [] }, "2024-04-05"), "not_started");
  assert.equal(statusOf({ reports: [] }, "2024-04-06"), "report_missing");
  assert.equal(assignmentStatus(facts({ reports: [] }), "2024-04-06", { graceDays: 10 }).status, "not_started");
});

test("a report filed late still counts as filed", () => {
  const late: ReportRecord = { period: "2024-Q1", status: "in_progress", reportedAt: "2024-05-30" };
  assert.equal(statusOf({ reports: [late] }), "on_track");
});

test("report_missing outranks due_soon; overdue outranks report_missing", () => {
  assert.equal(statusOf({ dueOn: "2024-06-20", reports: [] }), "report_missing");
  assert.equal(statusOf({ dueOn: "2024-06-01", reports: [] }), "overdue");
});

test("an assignment created after a period's deadline does not owe that report", () => {
  assert.equal(statusOf({ reports: [], since: "2024-05-01" }), "not_started");
  assert.equal(statusOf({ reports: [], since: "2024-04-05" }), "report_missing");
});

test("monthly cadence checks the previous month", () => {
  const reports: ReportRecord[] = [{ period: "2024-04", status: "in_progress", reportedAt: "2024-05-02" }];
  const r = assignmentStatus(facts({ cadence: "monthly", reports }), TODAY);
  assert.equal(r.status, "report_missing");
  assert.equal(r.missingPeriod, "2024-05");
});

test("全年: an early done report does not finish ongoing work; a done report for the last period does", () => {
  const allYear = { ongoing: true, deadlineRaw: "全年" };
  const q1Done: ReportRecord = { period: "2024-Q1", status: "done", reportedAt: "2024-04-01" };
  assert.equal(statusOf({ ...allYear, reports: [q1Done] }), "on_track");
  const q4Done: ReportRecord = { period: "2024-Q4", status: "done", reportedAt: "2024-12-28" };
  // Issue 10: the last period's done report applies for closure; the approval (closed) makes it done.
  assert.equal(statusOf({ ...allYear, reports: [q1Done, q4Done] }, "2025-01-10"), "on_track");
  assert.equal(statusOf({ ...allYear, reports: [q1Done, q4Done], signedOff: true }, "2025-01-10"), "done");
  // Issue 10: once the plan's year is over, 全年 work not reported done for its last period is 未办结, not overdue.
  assert.equal(statusOf({ ...allYear, reports: [q1Done] }, "2025-01-10"), "unfinished");
});

test("持续推进 without a due date is never overdue or due soon", () => {
  const ongoing = { ongoing: true, dueOn: null, plan: { from: 2023, to: 2025 } };
  assert.equal(statusOf({ ...ongoing, reports: [q1InProgress] }), "on_track");
  assert.equal(statusOf({ ...ongoing, reports: [] }, "2023-02-01"), "not_started");
});

test("…完成并持续推进: a done report meets the due date while reporting goes on", () => {
  const cont = {
    ongoing: true,
    dueOn: "2024-03-31",
    deadlineRaw: "2024年3月底前完成并持续推进",
    plan: { from: 2024, to: 2025 },
  };
  const q1Done: ReportRecord = { period: "2024-Q1", status: "done", reportedAt: "2024-03-30" };
  assert.equal(statusOf({ ...cont, reports: [q1Done] }), "on_track");
  assert.equal(statusOf({ ...cont, reports: [q1InProgress] }), "overdue");
  // Reporting goes on: by October the Q3 report is owed.
  assert.equal(assignmentStatus(facts({ ...cont, reports: [q1Done] }), "2024-10-08").missingPeriod, "2024-Q3");
});

test("rollUp counts, completion rate and the worst colour", () => {
  const items: { status: AssignmentStatus }[] = [
    { status: "done" },
    { status: "done" },
    { status: "on_track" },
    { status: "due_soon" },
  ];
  const r = rollUp(items);
  assert.equal(r.total, 4);
  assert.equal(r.counts.done, 2);
  assert.equal(r.counts.overdue, 0);
  assert.equal(r.completionRate, 0.5);
  assert.equal(r.worst, "due_soon");
  assert.equal(r.colour, "yellow");
  assert.equal(rollUp([...items, { status: "overdue" }]).colour, "red");
  assert.equal(rollUp([{ status: "done" }]).colour, "green");
  const empty = rollUp([]);
  assert.deepEqual([empty.total, empty.completionRate, empty.worst, empty.colour], [0, null, null, "grey"]);
});

test("rollUpBy groups by any key", () => {
  const items = [
    { org: "A", status: "done" as const },
    { org: "B", status: "overdue" as const },
    { org: "A", status: "not_started" as const },
  ];
  const byOrg = rollUpBy(items, (i) => i.org);
  assert.deepEqual([...byOrg.keys()], ["A", "B"]);
  assert.equal(byOrg.get("A")?.completionRate, 0.5);
  assert.equal(byOrg.get("A")?.colour, "grey");
  assert.equal(byOrg.get("B")?.worst, "overdue");
});

test("as known on a past day: only the reports filed and the sign-off made by then count", () => {
  const done: ReportRecord = { period: "2024-Q2", status: "done", reportedAt: "2024-07-03" };
  const late = facts({
    dueOn: "2024-06-30",
    reports: [q1InProgress, done],
    signedOff: true,
    signedOffOn: "2024-07-10",
  });
  const at = statusEvaluator(late);
  assert.equal(at.asKnownOn("2024-03-31").status, "not_started", "nothing filed yet");
  assert.equal(at.asKnownOn("2024-06-20").status, "due_soon", "the Q1 report is in, the due date near");
  assert.equal(at.asKnownOn("2024-07-01").status, "overdue", "past due, the done report two days away");
  assert.equal(at.asKnownOn("2024-07-03").status, "on_track", "the done report applies from its filing day");
  assert.equal(at.asKnownOn("2024-07-10").status, "done", "done from the day of the approved closure");
  assert.equal(at.on("2024-07-01").status, "done", "with everything on record it is done");
  // Without the done report, only the sign-off finishes it, and only from its day.
  const signed = statusEvaluator({ ...late, reports: [q1InProgress] });
  assert.equal(signed.asKnownOn("2024-07-09").status, "overdue");
  assert.equal(signed.asKnownOn("2024-07-10").status, "done");
  // A sign-off of unknown date cannot be placed in time, so no past day counts it.
  assert.equal(statusEvaluator({ ...late, reports: [], signedOffOn: null }).asKnownOn("2030-01-01").status, "overdue");
});

test("as known on a day agrees with the plain rule applied to the reports filed by then", () => {
  const reports: ReportRecord[] = [
    q1InProgress,
    { period: "2024-Q2", status: "in_progress", reportedAt: "2024-07-04" },
    { period: "2024-Q3", status: "done", reportedAt: "2024-10-02" },
  ];
  const f = facts({ ongoing: true, dueOn: "2024-12-31", reports });
  for (const day of ["2024-04-01", "2024-04-07", "2024-07-06", "2024-07-04", "2024-10-06", "2025-01-06"]) {
    const known = reports.filter((r) => r.reportedAt <= day);
    assert.deepEqual(statusEvaluator(f).asKnownOn(day), assignmentStatus({ ...f, reports: known }, day), day);
  }
});

test("a rule prepared once judges every report set, sign-off and day as the plain rule does", () => {
  const sets: ReportRecord[][] = [
    [],
    [q1InProgress],
    [{ period: "2024-Q2", status: "not_started", reportedAt: "2024-07-03" }, q1InProgress],
    [{ period: "2024-Q4", status: "done", reportedAt: "2025-01-03" }],
    [
      { period: "2024-Q3", status: "done", reportedAt: "2024-10-02" },
      { period: "2024-Q2", status: "blocked", reportedAt: "2024-07-04" },
    ],
  ];
  const seen = new Set<AssignmentStatus>();
  for (const over of [{}, { ongoing: true, deadlineRaw: "2024年6月底前完成并持续推进", dueOn: "2024-06-30" }]) {
    const { reports: _, signedOff: __, ...fixed } = facts(over);
    const rule = statusRule(fixed);
    for (const reports of sets)
      for (const signedOff of [false, true])
        for (const day of ["2024-04-01", "2024-06-20", "2024-07-08", "2024-12-20", "2025-01-10"]) {
          const expected = assignmentStatus(facts({ ...over, reports, signedOff }), day);
          seen.add(expected.status);
          assert.deepEqual(rule.judge(reports, signedOff, day), expected, `${JSON.stringify(reports)} ${day}`);
        }
  }
  assert.deepEqual([...seen].sort(), [
    "done",
    "due_soon",
    "not_started",
    "on_track",
    "overdue",
    "report_missing",
    "unfinished",
  ]);
});
