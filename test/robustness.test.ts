// Robustness: whatever it is fed, the parser returns a well-formed plan or rejects the input with a
// PlanInputError, and it does so promptly. The properties run in child processes (see
// support/fuzz-child.ts) so that a hang fails the test instead of freezing the suite.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { PlanInputError, parsePlanBytes } from "../src/parse/index.ts";
import { generatePlan } from "./support/generate-plan.ts";
import { planShapeProblems } from "./support/plan-shape.ts";

const root = join(import.meta.dirname, "..");
const fuzzChild = join(import.meta.dirname, "support", "fuzz-child.ts");
const bin = join(root, "bin", "luoshi.mjs");
const work = mkdtempSync(join(tmpdir(), "luoshi-robust-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** Kept modest: five properties share two cores with the rest of the suite. */
const RUNS: Record<string, number> = {
  "random unicode text": 200,
  "random bytes": 200,
  "plan-like fragments": 200,
  "truncated seeds": 100,
  "mutated seeds": 150,
};
const PROPERTY_TIMEOUT_MS = 120_000;
const CLI_TIMEOUT_MS = 60_000;

type ChildResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

/**
 * Runs a child to completion or kills it at the deadline. Output can be sent to a file instead of
 * memory, since a 50 MB plan prints far more JSON than is worth buffering.
 */
function runChild(args: string[], opts: { timeoutMs: number; env?: NodeJS.ProcessEnv; stdoutFile?: string }) {
  return new Promise<ChildResult>((resolve) => {
    const started = Date.now();
    const out = opts.stdoutFile ? openSync(opts.stdoutFile, "w") : "pipe";
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", out, "pipe"],
      timeout: opts.timeoutMs,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.on("close", (code, signal) => {
      if (typeof out === "number") closeSync(out);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Copies a failing input out of the scratch directory, which is removed after the run. */
function keep(path: string, label: string): string {
  if (!existsSync(path)) return "(nowhere: the child saved none)";
  const kept = join(tmpdir(), `luoshi-${label.replace(/\W+/g, "-")}-${Date.now()}.bin`);
  copyFileSync(path, kept);
  return kept;
}

describe("parsePlanBytes on arbitrary input (fast-check)", () => {
  for (const [name, runs] of Object.entries(RUNS)) {
    test(`${name}: a valid plan or PlanInputError, within budget`, async () => {
      const last = join(work, `${name.replace(/\W+/g, "-")}.last`);
      // CI replays one fixed seed so a red run is reproducible; elsewhere each run explores new inputs.
      const fixed = process.env.LUOSHI_FUZZ_SEED ?? (process.env.CI ? "20261123" : undefined);
      const seed = fixed ? [fixed] : [];
      const r = await runChild(["--import", "tsx", fuzzChild, name, String(runs), ...seed], {
        timeoutMs: PROPERTY_TIMEOUT_MS,
        env: { LUOSHI_FUZZ_LAST: last },
      });
      if (r.signal) {
        const kept = keep(last, `hang-${name}`);
        assert.fail(
          `property "${name}" did not finish in ${PROPERTY_TIMEOUT_MS} ms (${r.signal}); input kept at ${kept}`,
        );
      }
      if (r.code !== 0) {
        const kept = keep(`${last}.counterexample`, `counterexample-${name}`);
        assert.fail(`${r.stdout}${r.stderr}\ncounterexample kept at ${kept}`);
      }
    });
  }
});

describe("parsePlanBytes on known edge cases", () => {
  const edgeCases: Record<string, string> = {
    "only a BOM": "\ufeff",
    "only whitespace": " \n\t\r\n\u3000",
    "only markers": "一、\n（一）\n1.\n",
    "an item with an empty annotation": "一、任务\n1. 标题。（牵头单位：；完成时限：）\n",
    "an unterminated parenthesis": "一、任务\n1. 标题。正文（牵头单位：省知识产权局\n",
    "a table header and nothing else": "任务清单\t落实举措\t责任单位\t完成时间\n",
    "a tab-only row": "\t\t\t\n",
    "an unclosed <p>": "一、任务\n1. 标题\t<p>举措一<p>举措二\t省知识产权局\t年底前\n",
    // Found by "mutated seeds": the annotation line became a measure with empty text.
    "an annotation line, then a lone 。":
      "一、加强保护\n58. 加强中医药知识产权保护和利用\n〔省卫生健康委（省中医药局）负责，持续推进〕\n。\n",
    // Found by "plan-like fragments": a two-cell row became a task whose one measure has empty text.
    "a row of 。 and 1.": "。\t1.",
    // Found by "mutated seeds": the last four digits of a long number were read as the period's start.
    "a long number in the title's year range":
      "泰安市泰山区国家知识产权强县建设试点县（区）工作方案（28653022-2025年）\n一、重点任务\n1. 加强保护。（责任单位：区市场监管局）\n",
  };
  for (const [name, text] of Object.entries(edgeCases)) {
    test(name, async () => {
      try {
        const plan = await parsePlanBytes(new TextEncoder().encode(text), "edge.txt");
        assert.deepEqual(planShapeProblems(plan), []);
      } catch (error) {
        assert.ok(error instanceof PlanInputError, `unexpected ${String(error)}`);
      }
    });
  }
});

describe("CLI on very large input", () => {
  /** Finished either way, as the CLI promises: exit 0, or 2 with one line and no stack trace. */
  function assertCleanFinish(r: ChildResult, what: string): void {
    assert.equal(r.signal, null, `${what}: killed by ${r.signal} after ${r.ms} ms`);
    assert.ok(r.code === 0 || r.code === 2, `${what}: exit ${r.code}\n${r.stderr.slice(0, 2_000)}`);
    assert.doesNotMatch(r.stderr, /^\s+at /m, `${what}: stack trace on stderr`);
    if (r.code === 2) {
      assert.equal(r.stderr.trim().split("\n").length, 1, `${what}: stderr is not one line:\n${r.stderr}`);
      assert.match(r.stderr, /^luoshi: /);
    }
  }

  test("a ~50 MB plan finishes", { timeout: CLI_TIMEOUT_MS + 30_000 }, async () => {
    const file = join(work, "big.txt");
    writeFileSync(file, generatePlan(50_000_000).text);
    const stdoutFile = join(work, "big.json");
    const r = await runChild([bin, "parse", file], { timeoutMs: CLI_TIMEOUT_MS, stdoutFile });
    rmSync(file);
    assertCleanFinish(r, "50 MB plan");
    if (r.code === 0) assert.ok(statSync(stdoutFile).size > 0, "exit 0 but nothing printed");
    rmSync(stdoutFile);
  });

  test("a 16 MB single line finishes", { timeout: CLI_TIMEOUT_MS + 30_000 }, async () => {
    const file = join(work, "line.txt");
    // The same realistic text with its line breaks gone: every regex now sees one 16 MB line.
    const text = generatePlan(16_000_000).text.replace(/\n/g, "");
    writeFileSync(file, text);
    const stdoutFile = join(work, "line.json");
    const r = await runChild([bin, "parse", file], { timeoutMs: CLI_TIMEOUT_MS, stdoutFile });
    rmSync(file);
    assertCleanFinish(r, "16 MB line");
    rmSync(stdoutFile);
  });
});
