import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "./data-lock.ts";

const dir = () => mkdtempSync(join(tmpdir(), "luoshi-lock-"));

test("the lock names its holder and goes when released", () => {
  const d = dir();
  const lock = lockDataDir(d);
  const holder = JSON.parse(readFileSync(join(d, LOCK_FILE), "utf8")) as { pid: number; host: string };
  assert.equal(holder.pid, process.pid);
  assert.equal(holder.host, hostname());
  assert.throws(() => lockDataDir(d), DataDirLockedError, "a second open in the same process is refused too");
  lock.release();
  assert.equal(existsSync(join(d, LOCK_FILE)), false);
  lockDataDir(d).release();
});

test("a lock held by a live process is refused with the directory and the pid", () => {
  const d = dir();
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
  try {
    writeFileSync(
      join(d, LOCK_FILE),
      JSON.stringify({ pid: child.pid, host: hostname(), startedAt: "2025-01-01T00:00:00Z", command: "luoshi serve" }),
    );
    assert.throws(
      () => lockDataDir(d),
      (error: unknown) =>
        error instanceof DataDirLockedError &&
        error.message.includes(d) &&
        error.message.includes(`process ${child.pid}`) &&
        /Stop that server first/.test(error.message) &&
        /请先停止该服务器/.test(error.message),
    );
  } finally {
    child.kill();
  }
});

test("a stale lock (its process is gone) is replaced", () => {
  const d = dir();
  const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
  writeFileSync(
    join(d, LOCK_FILE),
    JSON.stringify({ pid: gone, host: hostname(), startedAt: "2025-01-01T00:00:00Z", command: "luoshi serve" }),
  );
  const lock = lockDataDir(d);
  assert.equal((JSON.parse(readFileSync(join(d, LOCK_FILE), "utf8")) as { pid: number }).pid, process.pid);
  lock.release();
  // A half-written lock (no pid) is stale too.
  writeFileSync(join(d, LOCK_FILE), "");
  lockDataDir(d).release();
});
