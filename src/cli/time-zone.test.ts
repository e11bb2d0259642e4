import assert from "node:assert/strict";
import { test } from "node:test";
import { timeZoneOfEnv } from "./time-zone.ts";
import { UsageError } from "./usage-error.ts";

test("the CLI's zone is LUOSHI_TIME_ZONE, China's when unset; an unknown zone is a usage error", () => {
  assert.equal(timeZoneOfEnv({}), "Asia/Shanghai");
  assert.equal(timeZoneOfEnv({ LUOSHI_TIME_ZONE: " UTC " }), "UTC");
  assert.throws(
    () => timeZoneOfEnv({ LUOSHI_TIME_ZONE: "Mars/Olympus" }),
    (error: unknown) => error instanceof UsageError && /IANA time zone.*Mars\/Olympus/.test(error.message),
  );
});
