import assert from "node:assert/strict";
import { test } from "node:test";
import { rollUp } from "../../domain/status.ts";
import type { AssignmentStatus } from "../../domain/types.ts";
import { countOf } from "./trace.ts";

const node = (regionCode: string, ...statuses: AssignmentStatus[]) => ({
  regionCode,
  status: rollUp(statuses.map((status) => ({ status }))),
});

test("trace counts: work left unfinished when its plan ended is late, not on track", () => {
  const counts = countOf([
    node("370000", "done", "done"),
    node("370000", "done", "unfinished"),
    node("370900", "on_track", "overdue"),
    node("370902", "done", "report_missing"),
    node("370902", "due_soon", "not_started"),
  ]);
  assert.deepEqual(counts, { regions: 3, implementingTasks: 5, onTrack: 2, overdue: 2 });
});

test("trace counts: a task with no assignments is neither on track nor late", () => {
  assert.deepEqual(countOf([{ regionCode: "370000", status: rollUp([]) }]), {
    regions: 1,
    implementingTasks: 1,
    onTrack: 0,
    overdue: 0,
  });
});
