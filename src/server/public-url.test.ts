// Absolute URLs come from LUOSHI_PUBLIC_URL or the listen address, never from the Host header.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { storeKinds } from "../../test/support/stores.ts";
import { buildApp } from "./app.ts";
import { PublicUrlError, parsePublicUrl } from "./public-url.ts";
import { closeTemplate, insertOrg, insertUser, TEST_PASSWORD, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`public URLs on ${kind.name}`, () => {
    let env: TestEnv;
    before(async () => {
      env = await testEnvOn(kind);
      const org = await insertOrg(env.store, "市局", null);
      await insertUser(env.store, "jinan", "reporter", org);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    /** The feed URL the app hands out to a request claiming to be for evil.example. */
    async function feedUrl(app: FastifyInstance): Promise<string> {
      const signIn = await app.inject({
        method: "POST",
        url: "/api/session",
        headers: { host: "evil.example" },
        payload: { username: "jinan", password: TEST_PASSWORD },
      });
      const cookie = String(signIn.headers["set-cookie"]).split(";")[0] as string;
      const res = await app.inject({
        method: "POST",
        url: "/api/session/calendar-token",
        headers: {
          host: "evil.example",
          "x-forwarded-host": "evil.example",
          cookie,
          "x-csrf-token": signIn.json().csrfToken,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { url: string }).url;
    }

    test("the configured public URL, whatever Host the request names", async () => {
      const app = buildApp({ store: env.store, config: { publicUrl: "https://luoshi.example.gov.cn/tracker" } });
      try {
        assert.match(
          await feedUrl(app),
          /^https:\/\/luoshi\.example\.gov\.cn\/tracker\/api\/orgs\/\d+\/calendar\.ics\?token=/,
        );
      } finally {
        await app.close();
      }
    });

    test("without one, the server's own listen address, never the Host header", async () => {
      const app = buildApp({ store: env.store, config: { trustProxy: true } });
      await app.listen({ port: 0, host: "127.0.0.1" });
      try {
        const port = (app.server.address() as { port: number }).port;
        const url = await feedUrl(app);
        assert.ok(url.startsWith(`http://127.0.0.1:${port}/api/orgs/`), url);
      } finally {
        await app.close();
      }
      assert.doesNotMatch(await feedUrl(env.app), /evil/);
    });

    test("LUOSHI_PUBLIC_URL is checked: absolute http(s), no query or credentials; the trailing slash dropped", () => {
      assert.equal(parsePublicUrl(undefined), null);
      assert.equal(parsePublicUrl(" "), null);
      assert.equal(parsePublicUrl("https://luoshi.example.gov.cn/"), "https://luoshi.example.gov.cn");
      assert.equal(parsePublicUrl("http://10.0.0.5:8080/luoshi/"), "http://10.0.0.5:8080/luoshi");
      for (const bad of ["luoshi.example.gov.cn", "ftp://x.example", "https://x.example/?a=1", "https://u:p@x.example"])
        assert.throws(() => parsePublicUrl(bad), PublicUrlError, bad);
    });
  });
}
