import assert from "node:assert/strict";
import { test } from "node:test";
import { isOpenEnded, isUnfinished, planEndDay } from "./open-ended.ts";
import { assignmentStatus } from "./status.ts";
import type { AssignmentFacts } from "./types.ts";

const plan = { from: 2023, to: 2025 };

test("open-ended work: no due date, or ongoing", () => {
  assert.equal(isOpenEnded({ dueOn: null, ongoing: false }), true);
  assert.equal(isOpenEnded({ dueOn: "2025-12-31", ongoing: true }), true);
  assert.equal(isOpenEnded({ dueOn: "2025-06-30", ongoing: false }), false);
  assert.equal(planEndDay(plan), "2025-12-31");
});

test("unfinished only after the plan's last day, and only when not finished", () => {
  const undated = { dueOn: null, ongoing: false, plan };
  assert.equal(isUnfinished(undated, "2025-12-31", false), false);
  assert.equal(isUnfinished(undated, "2026-01-01", false), true);
  assert.equal(isUnfinished(undated, "2026-01-01", true), false);
  assert.equal(isUnfinished({ dueOn: "2024-06-30", ongoing: false, plan }, "2026-03-01", false), false);
});

const facts = (over: Partial<AssignmentFacts>): AssignmentFacts => ({
  dueOn: null,
  ongoing: false,
  signedOff: false,
  reports: [],
  cadence: "quarterly",
  plan: { from: 2025, to: 2025 },
  ...over,
});

test("the status rule: 持续推进 and 全年 work turn unfinished (red) when the plan is over", () => {
  const undated = facts({
    deadlineRaw: "持续推进",
    reports: [{ period: "2025-Q4", status: "in_progress", reportedAt: "2025-12-20" }],
  });
  assert.notEqual(assignmentStatus(undated, "2025-12-31").status, "unfinished");
  const after = assignmentStatus(undated, "2026-01-02");
  assert.deepEqual([after.status, after.colour], ["unfinished", "red"]);
  // 全年: overdue would be the answer by its due date alone; unfinished says more.
  const yearLong = facts({ dueOn: "2025-12-31", ongoing: true, deadlineRaw: "全年" });
  assert.equal(assignmentStatus(yearLong, "2026-01-05").status, "unfinished");
  // A done report for the last period applies for closure (not unfinished, not yet done); the closure finishes it.
  const reported = facts({
    dueOn: "2025-12-31",
    ongoing: true,
    reports: [{ period: "2025-Q4", status: "done", reportedAt: "2025-12-28" }],
  });
  assert.equal(assignmentStatus(reported, "2026-01-05").status, "on_track");
  assert.equal(assignmentStatus({ ...reported, signedOff: true }, "2026-01-05").status, "done");
  assert.equal(assignmentStatus({ ...yearLong, signedOff: true }, "2026-01-05").status, "done");
  // Dated work past its date stays overdue.
  assert.equal(assignmentStatus(facts({ dueOn: "2025-06-30" }), "2026-01-05").status, "overdue");
});
