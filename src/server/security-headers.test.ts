import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../test/support/stores.ts";
import { closeTemplate, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`security headers on ${kind.name}`, () => {
    let env: TestEnv;
    before(async () => {
      env = await testEnvOn(kind);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    test("every response carries the CSP, no framing, no Referer and no sniffing", async () => {
      for (const url of ["/api/health", "/api/session", "/api/docs", "/api/no-such-route"]) {
        const res = await env.app.inject({ method: "GET", url });
        const csp = String(res.headers["content-security-policy"]);
        assert.match(csp, /default-src 'self'/, url);
        assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or remote scripts`);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /object-src 'none'/, url);
        assert.doesNotMatch(csp, /upgrade-insecure-requests/, url);
        assert.equal(res.headers["x-frame-options"], "DENY", url);
        assert.equal(res.headers["referrer-policy"], "no-referrer", url);
        assert.equal(res.headers["x-content-type-options"], "nosniff", url);
        assert.equal(res.headers["strict-transport-security"], undefined, `${url}: no HSTS over plain HTTP`);
      }
    });

    test("HSTS when the server is reached over HTTPS", async () => {
      const https = await testEnvOn(kind, { cookieSecure: true });
      try {
        const res = await https.app.inject({ method: "GET", url: "/api/health" });
        assert.match(String(res.headers["strict-transport-security"]), /max-age=15552000/);
      } finally {
        await https.close();
      }
    });
  });
}
