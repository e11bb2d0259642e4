import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../test/support/stores.ts";
import { buildApp } from "./app.ts";
import { closeTemplate, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`the app on ${kind.name}`, () => {
    let env: TestEnv;
    before(async () => {
      env = await testEnvOn(kind, { bodyLimit: 1024 });
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    /** Every method and path Fastify serves, read from its route tree (HEAD is implied by GET). */
    function registeredRoutes(tree: string): string[] {
      const out: string[] = [];
      const stack: string[] = [];
      for (const line of tree.split("\n")) {
        const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
        if (!match) continue;
        const depth = (match[1] as string).length / 4;
        stack.length = depth;
        const path = (stack[depth - 1] ?? "") + (match[2] as string);
        stack.push(path);
        for (const method of (match[3] as string).split(", ")) if (method !== "HEAD") out.push(`${method} ${path}`);
      }
      return out.sort();
    }

    describe("OpenAPI", () => {
      test("the document is valid JSON, OpenAPI 3.1, and lists every route the server has", async () => {
        const res = await env.app.inject({ method: "GET", url: "/api/openapi.json" });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers["content-type"]), /^application\/json/);
        const doc = JSON.parse(res.body) as { openapi: string; paths: Record<string, Record<string, unknown>> };
        assert.equal(doc.openapi, "3.1.0");
        const documented = Object.entries(doc.paths)
          .flatMap(([path, methods]) =>
            Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
          )
          .sort();
        const served = registeredRoutes(env.app.printRoutes({ commonPrefix: false }));
        assert.ok(served.length >= 9, served.join("\n"));
        assert.deepEqual(documented, served);
      });

      test("operations carry their schemas, parameters, roles and problem responses", async () => {
        const doc = (await env.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
        const create = doc.paths["/api/users"].post;
        assert.deepEqual(create["x-roles"], ["admin"]);
        const body = create.requestBody.content["application/json"].schema;
        assert.deepEqual(body.required.sort(), ["orgId", "password", "role", "username"]);
        assert.equal(body.properties.password.minLength, 8);
        assert.ok(create.responses["201"].content["application/json"].schema.properties.username);
        assert.equal(
          create.responses["400"].content["application/problem+json"].schema.$ref,
          "#/components/schemas/Problem",
        );
        const patch = doc.paths["/api/users/{id}"].patch;
        assert.deepEqual(
          patch.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
          [["id", "path", true]],
        );
        const audit = doc.paths["/api/audit"].get;
        assert.deepEqual(audit.parameters.map((p: { name: string }) => p.name).sort(), [
          "before",
          "entity",
          "entityId",
          "from",
          "limit",
          "to",
          "userId",
        ]);
        assert.ok(doc.components.schemas.Problem.properties.status);
        assert.deepEqual(doc.paths["/api/session"].post.security, []);
      });

      test("the docs page is self-contained HTML listing every endpoint", async () => {
        const res = await env.app.inject({ method: "GET", url: "/api/docs" });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers["content-type"]), /^text\/html/);
        assert.doesNotMatch(res.body, /<script|https?:\/\/(?!json-schema)/);
        for (const path of ["/api/session", "/api/users/{id}", "/api/audit", "/api/health", "/api/openapi.json"])
          assert.ok(res.body.includes(`<code>${path}</code>`), path);
      });
    });

    describe("errors and basics", () => {
      test("health", async () => {
        const res = await env.app.inject({ method: "GET", url: "/api/health" });
        assert.equal(res.statusCode, 200);
        assert.deepEqual(res.json(), { status: "ok", database: kind.name });
        assert.equal(res.headers["cache-control"], "no-store");
      });

      test("an unknown route is a 404 problem", async () => {
        const res = await env.app.inject({ method: "GET", url: "/api/nope?x=1" });
        assert.equal(res.statusCode, 404);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        assert.equal(res.json().detail, "No route for GET /api/nope.");
      });

      test("a body over the limit is a 413 problem", async () => {
        const res = await env.app.inject({
          method: "POST",
          url: "/api/session",
          payload: { username: "x", password: "y".repeat(2000) },
        });
        assert.equal(res.statusCode, 413);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        assert.equal(res.json().status, 413);
      });

      test("an unexpected error is a 500 problem without internals", async () => {
        const app = buildApp({ store: env.store });
        app.get("/api/boom", async () => {
          throw new Error("secret internal detail at /srv/luoshi/db.ts:42");
        });
        const res = await app.inject({ method: "GET", url: "/api/boom" });
        await app.close();
        assert.equal(res.statusCode, 500);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        assert.doesNotMatch(res.body, /secret|db\.ts|at /);
        assert.deepEqual(Object.keys(res.json()).sort(), ["detail", "status", "title", "type"]);
      });
    });
  });
}
