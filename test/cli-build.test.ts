// The built CLI (dist/) is never stale: a source newer than the build makes the next `luoshi` rebuild before it
// runs, and the built server finds the files it reads beside its sources (migrations, the reference directory).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
// @ts-expect-error -- a plain .mjs script without types
import { currentBuild, sourceState } from "../scripts/build-cli.mjs";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "luoshi.mjs");
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });
const current = () =>
  JSON.parse(readFileSync(join(root, "dist", "current.json"), "utf8")) as { build: string; newest: number };

test("a source edited after the build makes the next run rebuild dist/ and run the new build", () => {
  assert.equal(run(["--help"]).status, 0);
  assert.ok(currentBuild(), "a run leaves an up-to-date build");
  const source = join(root, "src", "cli", "usage-error.ts");
  const edited = new Date(Math.max(Date.now(), sourceState().newest + 1000));
  const before = statSync(source);
  utimesSync(source, before.atime, edited);
  try {
    assert.equal(currentBuild(), null, "the build is stale once a source is newer");
    const r = run(["--help"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "", "rebuilding says nothing on a successful run");
    assert.ok(Math.abs(current().newest - edited.getTime()) < 1, "the build records the edited mtime");
    const main = currentBuild() as string;
    assert.ok(main.endsWith(join(current().build, "main.js")));
  } finally {
    utimesSync(source, before.atime, before.mtime);
  }
});

test("the built CLI migrates a new embedded database and loads the reference directory", () => {
  const data = mkdtempSync(join(tmpdir(), "luoshi-build-"));
  try {
    const r = run(["orgs", "reference"], { LUOSHI_DATA: data, DATABASE_URL: "" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(currentBuild(), "it ran from dist/");
    assert.match(r.stdout, /\d+/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test("LUOSHI_TSX=1 runs the sources through tsx with the same result", () => {
  const seed = join(root, "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt");
  const built = run(["parse", seed]);
  const sources = run(["parse", seed], { LUOSHI_TSX: "1" });
  assert.equal(built.status, 0, built.stderr);
  assert.equal(sources.status, 0, sources.stderr);
  assert.equal(built.stdout, sources.stdout);
});
