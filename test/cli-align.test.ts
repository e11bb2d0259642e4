// `luoshi align` end to end: the JSON contract of issue 14, the text view and the usage errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";
import { readAlignArgs } from "../src/cli/align.ts";
import { UsageError } from "../src/cli/usage-error.ts";
import { parsePlanFile } from "../src/parse/index.ts";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "luoshi.mjs");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });

// Relative paths, as a person types them: `file` must come back exactly as given.
const seed = (name: string) => relative(root, join(import.meta.dirname, "fixtures", "seeds", name));
const provincial = seed("sd-2021-provincial-task-list.txt");
const national = seed("cnipa-2021-national-task-list.txt");
const protection = seed("sd-2023-2025-protection-plan.txt");

type Report = {
  lower: { file: string; title: string };
  upper: { file: string; title: string }[];
  links: {
    lowerKey: string;
    lowerTitle: string;
    candidates: { file: string; key: string; title: string; score: number; evidence: Record<string, unknown> }[];
  }[];
};

test("align prints one link per lower task in document order, candidates across the upper files", async () => {
  const r = run("align", provincial, "--upper", national, protection);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  assert.deepEqual(Object.keys(report), ["lower", "upper", "links"]);
  assert.deepEqual(report.lower, { file: provincial, title: "2021年全省知识产权工作任务清单" });
  assert.deepEqual(
    report.upper.map((u) => u.file),
    [national, protection],
  );
  assert.equal(report.upper[0]?.title, "2021年推动知识产权高质量发展任务清单");
  const lower = await parsePlanFile(provincial);
  assert.deepEqual(
    report.links.map((l) => [l.lowerKey, l.lowerTitle]),
    lower.tasks.map((t) => [t.key, t.title]),
  );
  const uppers = new Map([
    [national, await parsePlanFile(national)],
    [protection, await parsePlanFile(protection)],
  ]);
  for (const link of report.links) {
    assert.ok(link.candidates.length <= 3);
    const scores = link.candidates.map((c) => c.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    for (const c of link.candidates) {
      assert.deepEqual(Object.keys(c), ["file", "key", "title", "score", "evidence"]);
      const task = uppers.get(c.file)?.tasks.find((t) => t.key === c.key);
      assert.equal(task?.title, c.title);
    }
  }
  const byKey = new Map(report.links.map((l) => [l.lowerKey, l]));
  assert.equal(byKey.get("四/12")?.candidates[0]?.key, "三/8");
  assert.equal(byKey.get("四/12")?.candidates[0]?.file, national);
  assert.deepEqual(byKey.get("七/25")?.candidates, []);
  const files = new Set(report.links.flatMap((l) => l.candidates.map((c) => c.file)));
  assert.deepEqual(files, new Set([national, protection]));
});

test("--top limits the candidates; --format text prints a table with the evidence", () => {
  const r = run("align", provincial, "--top", "1", "--upper", national, "--format", "text");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^下级 lower: 2021年全省知识产权工作任务清单/);
  assert.match(r.stdout, /上级 upper U1: 2021年推动知识产权高质量发展任务清单/);
  assert.match(r.stdout, /\[四\/12\] 实施专利导航强链计划\n {2}\d\.\d{3} {2}U1 \[三\/8\] 深化专利导航和专利奖评选工作/);
  assert.match(r.stdout, /共有 shared: .*专利导航/);
  assert.match(r.stdout, /\[七\/25\] 持续加强党风廉政建设\n\s+—\s+无对应上级任务/);
  const json = run("align", provincial, "--upper", national, "--top", "1");
  const report = JSON.parse(json.stdout) as Report;
  assert.ok(report.links.every((l) => l.candidates.length <= 1));
});

test("a missing plan file is one line on stderr and exit code 2", () => {
  const r = run("align", provincial, "--upper", "no-such-upper.txt");
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /no-such-upper\.txt: no such file/);
  assert.equal(r.stdout, "");
});

test("a file without tasks is named in the error", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-align-"));
  const file = join(dir, "note.txt");
  writeFileSync(file, "这是一段说明文字，没有任务。\n");
  const r = run("align", file, "--upper", national);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /note\.txt: no tasks recognized/);
});

test("usage errors exit 2 with the problem on the first line of stderr", () => {
  const r = run("align", provincial, "--upper", national, "--top", "0");
  assert.equal(r.status, 2);
  assert.match(r.stderr.split("\n")[0] ?? "", /^luoshi: --top must be a whole number from 1 to 100, not "0"$/);
  assert.equal(r.stdout, "");
});

test("the arguments: upper files run until the next option; each mistake says what is wrong", () => {
  assert.deepEqual(readAlignArgs(["low.txt", "--upper", "a.txt", "b.txt", "--format", "text", "--top", "5"]), {
    lower: "low.txt",
    upper: ["a.txt", "b.txt"],
    format: "text",
    top: 5,
  });
  assert.deepEqual(readAlignArgs(["--upper", "a.txt", "--upper", "b.txt", "--top", "2", "low.txt"]), {
    lower: "low.txt",
    upper: ["a.txt", "b.txt"],
    format: "json",
    top: 2,
  });
  const cases: [string[], RegExp][] = [
    [["low.txt"], /name at least one upper plan: --upper FILE/],
    [["--upper", "a.txt"], /name the lower plan's file/],
    [["low.txt", "other.txt", "--upper", "a.txt"], /one lower plan, not 2 \(low\.txt, other\.txt\)/],
    [["low.txt", "--upper", "a.txt", "--top", "x"], /--top must be a whole number from 1 to 100, not "x"/],
    [["low.txt", "--upper", "a.txt", "--format", "xml"], /--format must be json or text, not "xml"/],
    [["low.txt", "--upper", "a.txt", "--frobnicate"], /^align: Unknown option '--frobnicate'/],
  ];
  for (const [args, message] of cases) {
    assert.throws(
      () => readAlignArgs(args),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
    );
  }
});
