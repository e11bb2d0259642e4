import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pdfPages } from "./support/bombs.ts";
import { generatePlan } from "./support/generate-plan.ts";

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

const seed = join(import.meta.dirname, "fixtures", "seeds", "sd-2021-provincial-task-list.txt");

test("parse prints the ParsedPlan as JSON by default", () => {
  const r = run("parse", seed);
  assert.equal(r.status, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { title: string; tasks: { key: string }[] };
  assert.equal(plan.title, "2021年全省知识产权工作任务清单");
  assert.equal(plan.tasks[0]?.key, "一/1");
});

test("--format text prints a readable outline with units, roles and due dates", () => {
  const r = run("parse", seed, "--format", "text");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^2021年全省知识产权工作任务清单\n/);
  assert.match(r.stdout, /\[一\/2\] 完善知识产权法规政策/);
  assert.match(r.stdout, /知识产权运用促进处（牵头）、法规处（牵头）、知识产权保护处（配合）/);
  assert.match(r.stdout, /due 2021-09-30 \[10月份前\]/);
});

test("--year sets the plan year that relative deadlines resolve against", () => {
  const r = run("parse", seed, "--year", "2022");
  const plan = JSON.parse(r.stdout) as { tasks: { measures: { deadline: { due: string } | null }[] }[] };
  assert.equal(plan.tasks[0]?.measures[0]?.deadline?.due, "2022-09-30");
});

test("bad options are usage errors with exit code 2", () => {
  assert.equal(run("parse", seed, "--format", "yaml").status, 2);
  assert.match(run("parse", seed, "--year", "soon").stderr, /--year must be a year/);
  assert.equal(run("parse").status, 2);
});

test("a document with no recognizable tasks names the file and exits 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-"));
  const file = join(dir, "letter.txt");
  writeFileSync(file, "关于召开座谈会的通知\n请各单位派员参加。\n");
  const r = run("parse", file);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /letter\.txt: no tasks recognized/);
  assert.doesNotMatch(r.stderr, /at .*\.ts/);
});

test("parse into a reader that stops early (| head -1) exits 0 without an EPIPE stack trace", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-"));
  const file = join(dir, "plan.txt");
  // Far more JSON than a pipe buffers, so the write is still going when head closes the pipe.
  writeFileSync(file, generatePlan(1_000_000).text);
  const errFile = join(dir, "stderr");
  const script = `"${process.execPath}" "${bin}" parse "${file}" 2>"${errFile}" | head -1; echo "\${PIPESTATUS[0]}"`;
  const r = spawnSync("bash", ["-c", script], { encoding: "utf8", timeout: 60_000 });
  const [first, status] = r.stdout.trim().split("\n");
  assert.equal(first, "{");
  assert.equal(readFileSync(errFile, "utf8"), "");
  assert.equal(status, "0");
});

test("a document over a limit is one line naming the limit and exit code 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-"));
  const file = join(dir, "pages.pdf");
  writeFileSync(file, pdfPages(1_001));
  const r = run("parse", file);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /pages\.pdf: exceeds the limit on PDF pages: at most 1,000, found 1,001/);
});
