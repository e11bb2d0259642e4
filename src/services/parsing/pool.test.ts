// The parsing pool: jobs run in workers whose time and memory limits end the worker, not the process; the pool
// carries on with a fresh worker.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { generatePlan } from "../../../test/support/generate-plan.ts";
import { PlanInputError, PlanLimitError } from "../../parse/errors.ts";
import { ImportError } from "../../store/errors.ts";
import type { PlanParse } from "./jobs.ts";
import { ParsePool } from "./pool.ts";

const seed = readFileSync(
  join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt"),
);
const pools: ParsePool[] = [];
const pool = (options: ConstructorParameters<typeof ParsePool>[0]) => {
  const p = new ParsePool(options);
  pools.push(p);
  return p;
};
after(() => Promise.all(pools.map((p) => p.close())));

const planJob = (bytes: Uint8Array, fileName: string) => ({ kind: "plan" as const, bytes, fileName });

test("a plan parses in a worker: the ParsedPlan and its blocks come back", async () => {
  const result = (await pool({ size: 1 }).run(planJob(seed, "seed.txt"))) as PlanParse;
  assert.equal(result.plan.title, "2021年全省知识产权工作任务清单");
  assert.equal(result.plan.tasks.length, 25);
  assert.ok(result.doc.blocks.length > 25);
});

test("errors cross the thread as what they were: input, limit and import-row errors", async () => {
  const p = pool({ size: 1 });
  await assert.rejects(p.run(planJob(new Uint8Array([1, 2, 3]), "junk.bin")), (error: Error) => {
    assert.ok(error instanceof PlanInputError);
    assert.match(error.message, /^junk\.bin: unsupported file type/);
    return true;
  });
  await assert.rejects(
    p.run(planJob(new TextEncoder().encode("一、任务\n".repeat(100_001)), "long.txt")),
    (error: Error) => {
      assert.ok(error instanceof PlanLimitError);
      assert.equal(error.limit, "paragraphs");
      return true;
    },
  );
  const csv = new TextEncoder().encode("名称,类型,上级,区划代码,是否本级区域局,别名\nX,星球,,370000,否,\n");
  await assert.rejects(p.run({ kind: "orgSheet", bytes: csv, format: "csv", fileName: "orgs.csv" }), (error: Error) => {
    assert.ok(error instanceof ImportError);
    assert.deepEqual(
      error.issues.map((i) => [i.row, i.field]),
      [[2, "类型"]],
    );
    return true;
  });
});

test("a job over the time limit ends its worker with a parse-time refusal; the next job gets a new worker", async () => {
  const p = pool({ size: 1 });
  const started = Date.now();
  await assert.rejects(
    p.run(planJob(new TextEncoder().encode(generatePlan(6_000_000).text), "slow.txt"), { timeoutMs: 150 }),
    (error: Error) => {
      assert.ok(error instanceof PlanLimitError, String(error));
      assert.equal(error.limit, "parse time");
      assert.match(
        error.message,
        /^slow\.txt: exceeds the limit on parse time: at most 150 ms, found still parsing after 150 ms/,
      );
      return true;
    },
  );
  assert.ok(Date.now() - started < 30_000);
  assert.equal(p.workers, 0);
  const next = (await p.run(planJob(seed, "seed.txt"))) as PlanParse;
  assert.equal(next.plan.tasks.length, 25);
});

test("a job over the memory limit ends its worker with a parse-memory refusal, not the process", async () => {
  const p = pool({ size: 1, memoryMb: 48 });
  await assert.rejects(
    p.run(planJob(new TextEncoder().encode(generatePlan(8_000_000).text), "huge.txt")),
    (error: Error) => {
      assert.ok(error instanceof PlanLimitError, String(error));
      assert.equal(error.limit, "parse memory");
      assert.match(error.message, /at most 48 MB/);
      return true;
    },
  );
});

test("an org sheet too long for the org-sheet row limit is refused before it is read", async () => {
  const lines = [
    "名称,类型,上级,区划代码,是否本级区域局,别名",
    ...Array.from({ length: 50_001 }, (_, i) => `单位${i},县级,,370000,否,`),
  ];
  const bytes = new TextEncoder().encode(lines.join("\n"));
  await assert.rejects(
    pool({ size: 1 }).run({ kind: "orgSheet", bytes, format: "csv", fileName: "orgs.csv" }),
    (error: Error) => {
      assert.ok(error instanceof PlanLimitError, String(error));
      assert.equal(error.limit, "rows per sheet");
      return true;
    },
  );
});

test("an idle worker is ended after the idle time; the next job starts a new one", async () => {
  const p = pool({ size: 1, idleMs: 50 });
  await p.run(planJob(seed, "seed.txt"));
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(p.workers, 0);
  const again = (await p.run(planJob(seed, "seed.txt"))) as PlanParse;
  assert.equal(again.plan.tasks.length, 25);
  assert.equal(p.workers, 1);
});

test("closing the pool fails the job in flight and those waiting, instead of leaving them hanging", async () => {
  const p = new ParsePool({ size: 1 });
  const slow = new TextEncoder().encode(generatePlan(4_000_000).text);
  const running = assert.rejects(p.run(planJob(slow, "a.txt")), /the parsing pool was closed/);
  const waiting = assert.rejects(p.run(planJob(seed, "b.txt")), /the parsing pool was closed/);
  await p.close();
  await Promise.all([running, waiting]);
});
