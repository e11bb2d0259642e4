// Two real processes on one embedded data directory: the second refuses at once, naming the directory
// and the server's pid, and writes nothing.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const bin = join(import.meta.dirname, "..", "bin", "luoshi.mjs");

test("a second process on the data directory of a running server refuses, naming the directory and the pid", async () => {
  const data = join(mkdtempSync(join(tmpdir(), "luoshi-")), "data");
  const env = { ...process.env, LUOSHI_DATA: data, DATABASE_URL: "", LOG_LEVEL: "warn" };
  const server = spawn(process.execPath, [bin, "serve", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("listening on")) resolve();
      });
      server.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 60_000 });
    for (const args of [
      ["user", "add", "second", "--org", "1", "--role", "admin", "--password", "a long passphrase 42"],
      ["serve", "--port", "0"],
    ]) {
      const started = Date.now();
      const r = run(...args);
      assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`the data directory ${data} is in use by process ${server.pid}`), r.stderr);
      assert.match(r.stderr, /Stop that server first, or make the change through the running server's API/);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.ok(Date.now() - started < 30_000);
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  // Once the server has stopped, the directory is free again.
  const after = spawnSync(process.execPath, [bin, "backup", join(data, "..", "b.jsonl.gz")], {
    env: { ...process.env, LUOSHI_DATA: data, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(after.status, 0, after.stderr);
});
