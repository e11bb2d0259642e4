import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";

const bin = join(import.meta.dirname, "..", "bin", "luoshi.mjs");
const seeds = join(import.meta.dirname, "fixtures", "seeds");

test("luoshi orgs reference, then import several files with progress and a review summary", () => {
  const env = { ...process.env, LUOSHI_DATA: mkdtempSync(join(tmpdir(), "luoshi-data-")), DATABASE_URL: "" };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 120_000 });
  assert.equal(run("orgs", "reference").status, 0);
  const r = run(
    "import",
    join(seeds, "sd-2021-provincial-task-list.txt"),
    join(seeds, "sd-2023-2025-protection-plan.txt"),
    "missing.docx",
    "--org",
    "山东省市场监督管理局",
  );
  assert.equal(r.status, 2, "one file failed, so the run says so");
  assert.match(r.stdout, /version 1: 25 tasks, 85 measures, 921 assignments, 2 indicators/);
  assert.match(r.stdout, /needs review: 2 unit names matched no org:\n\s+各级党委/);
  assert.match(r.stderr, /\[#+-*\] 2\/3 missing\.docx/);
  assert.match(r.stderr, /missing\.docx: no such file or not readable \(nothing imported from this file\)/);
  const again = run("import", join(seeds, "sd-2021-provincial-task-list.txt"), "--org", "山东省市场监督管理局");
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /Nothing changed: the file is the same as version 1/);
  const revised = join(mkdtempSync(join(tmpdir(), "luoshi-rev-")), "sd-2021-revised.txt");
  const text = readFileSync(join(seeds, "sd-2021-provincial-task-list.txt"), "utf8");
  writeFileSync(
    revised,
    text.replace("积极推动《山东省专利条例》的修订。", "积极推动《山东省专利条例》的修订，年内提交审议。"),
  );
  const next = run("import", revised, "--org", "山东省市场监督管理局");
  assert.equal(next.status, 0, next.stderr);
  assert.match(next.stdout, /version 2: .*\n\s+revised: 84 unchanged .*, 1 changed/);
  assert.match(run("import", "x.txt", "--org", "不存在的单位").stderr, /--org "不存在的单位": no such org/);
});

test("luoshi backup, then restore into an empty data directory; restore refuses a non-empty one", () => {
  const base = { ...process.env, DATABASE_URL: "" };
  const source = { ...base, LUOSHI_DATA: mkdtempSync(join(tmpdir(), "luoshi-src-")) };
  const target = { ...base, LUOSHI_DATA: mkdtempSync(join(tmpdir(), "luoshi-dst-")) };
  const run = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 120_000 });
  assert.equal(run(source, "orgs", "reference").status, 0);
  assert.equal(
    run(source, "import", join(seeds, "taishan-2022-2025-county-plan.txt"), "--org", "泰山区市场监督管理局").status,
    0,
  );
  const file = join(mkdtempSync(join(tmpdir(), "luoshi-bak-")), "luoshi.backup");
  const b = run(source, "backup", file);
  assert.equal(b.status, 0, b.stderr);
  assert.equal(statSync(file).mode & 0o777, 0o600, "the backup holds password hashes: owner only");
  // A backup with its audit lines removed: exit 2, one clear line, nothing restored.
  const [header = "", ...lines] = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
  const cut = join(dirname(file), "cut.backup");
  writeFileSync(cut, gzipSync([header, ...lines.filter((l) => !l.startsWith('{"t":"audit_log"'))].join("\n")));
  const refused = run(target, "restore", cut);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /^luoshi: .*cut\.backup: the header counts \d+ rows of audit_log but the file holds 0 .*\(nothing restored\)\n$/,
  );
  const r = run(target, "restore", file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /restored \d+ rows from .* \(1 plans, 149 assignments\)/);
  const again = run(target, "restore", file);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /restore needs an empty database, but orgs has \d+ rows \(nothing restored\)/);
});
