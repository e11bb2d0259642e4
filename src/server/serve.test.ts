// The server on a real port, and the CLI commands that sit on top of the store (tests live here because
// the server branch owns no test files under src/cli/).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../test/support/stores.ts";
import { UsageError } from "../cli/usage-error.ts";
import { runUser } from "../cli/user.ts";
import { userSnapshot } from "../services/users/index.ts";
import { getUser, type User, verifyPassword } from "../services/users/queries.ts";
import { startServer } from "./serve.ts";
import { closeTemplate, insertOrg, type TestEnv, testEnvOn } from "./testing.ts";

for (const kind of storeKinds()) {
  describe(`the server on a port and the user CLI on ${kind.name}`, () => {
    let env: TestEnv;
    let orgId: number;
    before(async () => {
      env = await testEnvOn(kind);
      orgId = await insertOrg(env.store, "山东省市场监督管理局", null, "province");
      await insertOrg(env.store, "济南市市场监督管理局", orgId);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    test("startServer listens and answers over HTTP", async () => {
      const lines: string[] = [];
      const { app, url } = await startServer({
        store: env.store,
        port: 0,
        host: "127.0.0.1",
        log: (l) => lines.push(l),
      });
      try {
        assert.match(lines[0] as string, /^Luoshi listening on http:\/\/127\.0\.0\.1:\d+/);
        const res = await fetch(`${url}/api/health`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { status: "ok", database: kind.name });
      } finally {
        await app.close();
      }
    });

    // runUser closes the store it opens; hand it the test database with a close that leaves it open.
    const cli = (args: string[]) => {
      const out: string[] = [];
      const openStore = async () => ({ ...env.store, close: async () => {} });
      return { out, run: () => runUser(args, { out: (t) => out.push(t), openStore }) };
    };

    test("user add with a generated password, by org name", async () => {
      const c = cli(["add", "Admin", "--org", "山东省市场监督管理局", "--role", "admin", "--name", "管理员"]);
      assert.equal(await c.run(), 0);
      const text = c.out.join("");
      assert.match(text, /created admin "admin" \(id \d+\) in 山东省市场监督管理局/);
      const password = /password: (\S+)/.exec(text)?.[1] as string;
      assert.ok(password.length >= 16);
      const row = await env.store.db
        .selectFrom("users")
        .selectAll()
        .where("username", "=", "admin")
        .executeTakeFirstOrThrow();
      assert.equal(row.display_name, "管理员");
      assert.ok(await verifyPassword(password, row.password_hash));
      assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
      const audit = await env.store.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity_id", "=", String(row.id))
        .execute();
      assert.equal(audit.length, 1);
      // The same snapshot the API's POST /api/users writes (services/users), nothing more.
      assert.deepEqual(audit[0]?.after, userSnapshot((await getUser(env.store.db, row.id)) as User));
    });

    test("user add with a given password prints none; bad input is a usage error", async () => {
      const c = cli(["add", "reporter1", "--org", String(orgId), "--role", "reporter", "--password", "given-password"]);
      assert.equal(await c.run(), 0);
      assert.doesNotMatch(c.out.join(""), /password:/);
      await assert.rejects(cli(["add", "reporter1", "--org", String(orgId), "--role", "reporter"]).run(), UsageError);
      await assert.rejects(cli(["add", "x", "--org", String(orgId), "--role", "reporter"]).run(), /3–32 characters/);
      await assert.rejects(
        cli(["add", "someone", "--org", "无此单位", "--role", "viewer"]).run(),
        /no organization named/,
      );
      await assert.rejects(
        cli(["add", "someone", "--org", String(orgId), "--role", "boss"]).run(),
        /--role must be one of/,
      );
      await assert.rejects(
        cli(["add", "someone", "--org", String(orgId), "--role", "viewer", "--password", "short"]).run(),
        /at least 8/,
      );
      for (const [password, message] of [
        ["12345678", /most common passwords/],
        ["        ", /only spaces/],
        ["someone-else", /contain the username/],
      ] as const)
        await assert.rejects(
          cli(["add", "someone", "--org", String(orgId), "--role", "viewer", "--password", password]).run(),
          (error: unknown) => error instanceof UsageError && message.test(error.message),
          password,
        );
      await assert.rejects(cli(["list"]).run(), UsageError);
    });
  });
}
