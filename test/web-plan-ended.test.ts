// The plan list and plan header mark a plan as ended once its period's last day is behind today.
import assert from "node:assert/strict";
import { test } from "node:test";
import { planEnded } from "../web/src/pages/plans/planEnded.ts";

test("a plan has ended after the last day of its period's last year, not on it", () => {
  assert.equal(planEnded({ periodTo: 2025 }, "2025-12-31"), false);
  assert.equal(planEnded({ periodTo: 2025 }, "2026-01-01"), true);
  assert.equal(planEnded({ periodTo: 2025 }, "2024-06-30"), false);
});

test("without a period end the plan year counts; with neither the plan never shows as ended", () => {
  assert.equal(planEnded({ periodTo: null, planYear: 2021 }, "2022-01-01"), true);
  assert.equal(planEnded({ periodTo: null, planYear: 2021 }, "2021-12-31"), false);
  assert.equal(planEnded({ periodTo: null, planYear: null }, "2099-01-01"), false);
  assert.equal(planEnded({ periodTo: null }, "2099-01-01"), false);
});
