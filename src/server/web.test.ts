import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { storeKinds } from "../../test/support/stores.ts";
import { closeTemplate, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`the web app beside the API on ${kind.name}`, () => {
    let env: TestEnv;
    before(async () => {
      const root = mkdtempSync(join(tmpdir(), "luoshi-web-"));
      mkdirSync(join(root, "assets"));
      writeFileSync(join(root, "index.html"), "<!doctype html><title>落实</title>");
      writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
      writeFileSync(join(root, "assets", "index-abc123.js.br"), brotliCompressSync("console.log(1)"));
      env = await testEnvOn(kind, { webRoot: root });
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    test("client-side routes get index.html, never cached", async () => {
      const response = await env.app.inject({ url: "/plans/12?tab=tasks", headers: { accept: "text/html" } });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /落实/);
      assert.equal(response.headers["cache-control"], "no-cache");
    });

    test("any GET outside the API that names no file gets the app, whatever it accepts", async () => {
      for (const [url, headers] of [
        ["/", {}],
        ["/", { accept: "*/*" }],
        ["/dashboard?plan=3", { accept: "application/json" }],
        ["/plans/12", {}],
      ] as const) {
        const response = await env.app.inject({ url, headers });
        assert.equal(response.statusCode, 200, `${url} ${JSON.stringify(headers)}`);
        assert.match(response.body, /落实/);
      }
      const head = await env.app.inject({ method: "HEAD", url: "/supervision" });
      assert.equal(head.statusCode, 200);
      // A file name that is not there is a missing file, not a page.
      assert.equal((await env.app.inject({ url: "/favicon.ico" })).statusCode, 404);
      assert.equal((await env.app.inject({ url: "/robots.txt", headers: { accept: "text/html" } })).statusCode, 404);
      // Writes outside the API are not pages either.
      assert.equal((await env.app.inject({ method: "POST", url: "/plans", payload: {} })).statusCode, 404);
    });

    test("hashed assets are cached for good", async () => {
      const response = await env.app.inject({ url: "/assets/index-abc123.js" });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable");
    });

    test("browsers that take brotli get the precompressed file", async () => {
      const response = await env.app.inject({
        url: "/assets/index-abc123.js",
        headers: { "accept-encoding": "br, gzip" },
      });
      assert.equal(response.headers["content-encoding"], "br");
      assert.equal(brotliDecompressSync(response.rawPayload).toString(), "console.log(1)");
    });

    test("unknown API paths and missing assets stay 404 problems, even for a browser", async () => {
      const api = await env.app.inject({ url: "/api/nope", headers: { accept: "text/html" } });
      assert.equal(api.statusCode, 404);
      assert.equal(api.headers["content-type"], "application/problem+json; charset=utf-8");
      const asset = await env.app.inject({ url: "/assets/gone.js", headers: { accept: "*/*" } });
      assert.equal(asset.statusCode, 404);
    });

    test("the API still answers beside the app", async () => {
      const response = await env.app.inject({ url: "/api/health" });
      assert.equal(response.statusCode, 200);
    });
  });
}
