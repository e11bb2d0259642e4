import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const bin = join(import.meta.dirname, "..", "bin", "luoshi.mjs");
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });

test("a missing file is one line on stderr and exit code 2", () => {
  const r = run("parse", "no-such-plan.txt");
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /no-such-plan\.txt: no such file/);
  assert.equal(r.stdout, "");
});

test("an empty file is rejected with exit code 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-"));
  const file = join(dir, "empty.txt");
  writeFileSync(file, "");
  const r = run("parse", file);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /empty\.txt: the file is empty/);
});

test("an unknown command prints usage and exit code 2", () => {
  const r = run("frobnicate");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
});
