// The web app's API types are generated from the server's routes; a route change without `npm run api:types`
// would let the client compile against an API that no longer exists.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { API_TYPES_PATH, renderApiTypes } from "../scripts/api-types.ts";

test("web/src/api/schema.d.ts matches the server's OpenAPI document (run `npm run api:types`)", async () => {
  const committed = readFileSync(API_TYPES_PATH, "utf8");
  assert.ok(committed === (await renderApiTypes()), "web/src/api/schema.d.ts is stale: run `npm run api:types`");
});
