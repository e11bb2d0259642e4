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
  // 各有关市… and 各有关处室 are selective scopes: assigned to nobody until the office chooses (issue 10).
  assert.match(r.stdout, /version 1: 25 tasks, 85 measures, 677 assignments, 2 indicators/);
  assert.match(r.stdout, /19 selective scopes \(有关地区…\) wait for the office/);
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

test("luoshi import --choose and --opt-in decide selective scopes at import", () => {
  const env = { ...process.env, LUOSHI_DATA: mkdtempSync(join(tmpdir(), "luoshi-scopes-")), DATABASE_URL: "" };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 120_000 });
  assert.equal(run("orgs", "reference").status, 0);
  const file = join(mkdtempSync(join(tmpdir(), "luoshi-scope-plan-")), "scopes.txt");
  writeFileSync(
    file,
    [
      "2025年全省知识产权运用工作要点（命令行范围）",
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、促进运用\t\t\t",
      "1. 建设运营中心\t有条件的地区要建设知识产权运营中心。\t\t2025年12月底前",
      "2. 开展专利导航\t开展专利导航服务。\t各有关市\t2025年11月底前",
      "",
    ].join("\n"),
  );
  const bad = run("import", file, "--org", "山东省市场监督管理局", "--choose", "有关地区=山东省市场监督管理局");
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /scopes\[0\]\.orgIds: .*不是“有关地区”的候选单位/);
  const r = run(
    "import",
    file,
    "--org",
    "山东省市场监督管理局",
    "--choose",
    "有关地区=泰安市市场监督管理局,济南市市场监督管理局",
    "--opt-in",
    "各有关市=2099-12-31",
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2 measures, 2 assignments/);
  assert.match(r.stdout, /1 selective scopes/);
  assert.match(run("import", file, "--org", "山东省市场监督管理局", "--opt-in", "x=soon").stderr, /YYYY-MM-DD/);
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
