// The import wizard's confirm step: the assignments it announces are the ones the import creates, names
// matched by hand included, and a plan without deadlines says so instead of "— 至 —".
import assert from "node:assert/strict";
import { test } from "node:test";
import { assignmentCount, deadlineSpan } from "../web/src/pages/import/summary.ts";

const preview = (resolved: number, unresolved: { name: string; measures: number }[]) => ({
  assignments: Array.from({ length: resolved }, (_, i) => ({ id: i })),
  unresolved: unresolved.map((u) => ({ ...u, role: "lead", reason: "unknown" })),
});

test("hand-matched names add one assignment per measure they stand in", () => {
  const p = preview(0, [
    { name: "县市场监管局", measures: 12 },
    { name: "县公安局", measures: 7 },
    { name: "县法院", measures: 3 },
  ]);
  assert.equal(assignmentCount(p, { 县市场监管局: 5, 县公安局: 6, 县法院: 7 }), 22);
  assert.equal(assignmentCount(p, { 县公安局: 6 }), 7, "unmatched names create nothing");
  assert.equal(assignmentCount(preview(4, []), {}), 4);
  // A name printed with two roles is two rows of the preview, each with its own measures.
  const twoRoles = preview(1, [
    { name: "县科技局", measures: 2 },
    { name: "县科技局", measures: 1 },
  ]);
  assert.equal(assignmentCount(twoRoles, { 县科技局: 9 }), 4);
});

test("the deadline span is the earliest and latest stated date, or none", () => {
  assert.deepEqual(deadlineSpan(["2025-06-30", null, "2024-12-31", undefined, "2025-01-31"]), {
    from: "2024-12-31",
    to: "2025-06-30",
  });
  assert.equal(deadlineSpan([null, undefined]), null);
  assert.equal(deadlineSpan([]), null);
});
