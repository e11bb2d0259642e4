// Pins each scoring rule of the plan-json contract on small hand-made gold/prediction pairs, so the
// seed thresholds in seeds.test.ts mean what the contract says they mean.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  overlap,
  type ScoredIndicator,
  type ScoredMeasure,
  type ScoredPlan,
  type ScoredTask,
  scoreCorpus,
  scorePlan,
} from "./support/score.ts";

const measure = (text: string, extra: Partial<ScoredMeasure> = {}): ScoredMeasure => ({
  text,
  units: [],
  deadline: null,
  ...extra,
});
const task = (key: string, title: string, measures: ScoredMeasure[]): ScoredTask => ({ key, title, measures });
const plan = (
  tasks: ScoredTask[],
  indicators: ScoredIndicator[] = [],
  extra: Partial<ScoredPlan> = {},
): ScoredPlan => ({
  title: "2021年全省知识产权工作任务清单",
  docNumber: "鲁政办字〔2021〕78号",
  issuer: "山东省人民政府办公厅",
  issuedOn: "2021-07-20",
  period: { from: 2021, to: 2021 },
  tasks,
  indicators,
  ...extra,
});

const gold = plan(
  [
    task("一/1", "完善知识产权法规政策", [
      measure("修订《山东省知识产权促进条例》。", {
        units: [
          { name: "法规处", role: "lead" },
          { name: "知识产权保护处", role: "support" },
        ],
        deadline: { raw: "全年", due: "2021-12-31", ongoing: true },
      }),
      measure("开展专利代理行业专项整治行动。", {
        units: [{ name: "省市场监管局（省知识产权局）", role: "owner" }],
        deadline: { raw: "6月底前", due: "2021-06-30", ongoing: false },
      }),
    ]),
    task("二/（一）/2", "加强知识产权工作领导", [
      measure("推动各级党委政府将知识产权保护工作纳入重要议事日程。", {
        units: [{ name: "各市市场监督管理局", role: "owner", alts: ["各市市场监管局"], anyRole: true }],
      }),
    ]),
  ],
  [
    { name: "万人高价值发明专利拥有量", op: ">=", target: 7, unit: "件" },
    { name: "有效注册商标", op: ">=", target: 2.1, unit: "万件" },
    { name: "知识产权示范企业", op: "range", target: 20, targetHigh: 30, unit: "家" },
  ],
);

/** A deep copy to mutate: every test starts from a perfect prediction and breaks one thing. */
const perfect = (): ScoredPlan => structuredClone(gold);
const firstMeasure = (p: ScoredPlan, t = 0, m = 0): ScoredMeasure => {
  const found = p.tasks[t]?.measures[m];
  if (!found) throw new Error(`no measure ${t}/${m}`);
  return found;
};
const mutableTask = (p: ScoredPlan, t: number): ScoredTask => {
  const found = p.tasks[t];
  if (!found) throw new Error(`no task ${t}`);
  return found;
};

describe("overlap", () => {
  test("counts gold characters found in the candidate, each at most once", () => {
    assert.equal(overlap("abcd", "abcd"), 1);
    assert.equal(overlap("aabb", "ab"), 0.5);
    assert.equal(overlap("ab", "aabb"), 1);
  });
  test("ignores whitespace and <p> markup", () => {
    assert.equal(overlap("修订 条例", "<p>修订条例</p>"), 1);
  });
  test("an empty gold text matches only an empty candidate", () => {
    assert.equal(overlap("", ""), 1);
    assert.equal(overlap("", "x"), 0);
  });
});

describe("scorePlan", () => {
  test("a perfect prediction scores 100 everywhere with no misses", () => {
    const s = scorePlan(gold, perfect());
    for (const f of [s.tasks, s.measures, s.units, s.indicators]) assert.equal(f.f1, 1);
    assert.equal(s.deadlines.acc, 1);
    assert.equal(s.meta.share, 1);
    assert.deepEqual(s.misses, []);
    assert.equal(s.units.gold, 4);
    assert.equal(s.deadlines.gold, 2);
  });

  test("keys are compared after dropping 、 and widening parentheses", () => {
    const pred = perfect();
    mutableTask(pred, 0).key = "一、/1";
    mutableTask(pred, 1).key = "二、/(一)/2";
    assert.equal(scorePlan(gold, pred).tasks.f1, 1);
  });

  test("a title under 60% overlap loses the task and all its measures, units and deadlines", () => {
    const pred = perfect();
    mutableTask(pred, 0).title = "完善知识"; // 4 of 10 characters
    const s = scorePlan(gold, pred);
    assert.deepEqual([s.tasks.matched, s.tasks.pred, s.tasks.gold], [1, 2, 2]);
    assert.deepEqual([s.measures.matched, s.measures.pred, s.measures.gold], [1, 1, 3]);
    assert.deepEqual([s.units.matched, s.units.gold], [1, 4]);
    assert.deepEqual([s.deadlines.correct, s.deadlines.gold], [0, 2]);
    assert.equal(s.measures.p, 1, "the lost task's measures do not count against precision");
    assert.ok(s.misses.includes("task 一/1"));
  });

  test("a title at exactly 60% overlap still matches", () => {
    const pred = perfect();
    mutableTask(pred, 0).title = "完善知识产权法"; // 6 of 10 characters
    assert.equal(scorePlan(gold, pred).tasks.matched, 2);
  });

  test("an extra task lowers precision only; a missing one lowers recall only", () => {
    const extra = perfect();
    extra.tasks = [...extra.tasks, task("三/1", "多余的任务", [])];
    const withExtra = scorePlan(gold, extra).tasks;
    assert.deepEqual([withExtra.p, withExtra.r], [2 / 3, 1]);
    const missing = perfect();
    missing.tasks = missing.tasks.slice(0, 1);
    const withMissing = scorePlan(gold, missing).tasks;
    assert.deepEqual([withMissing.p, withMissing.r], [1, 0.5]);
  });

  test("a duplicated key counts the first task only", () => {
    const pred = perfect();
    pred.tasks = [task("一/1", "完全不同的标题", []), ...pred.tasks];
    const s = scorePlan(gold, pred);
    assert.deepEqual([s.tasks.matched, s.tasks.pred], [1, 3]);
  });

  test("measures align in order: one matched out of order blocks the earlier gold measure", () => {
    const pred = perfect();
    const t = mutableTask(pred, 0);
    t.measures = [...t.measures].reverse();
    const s = scorePlan(gold, pred);
    // Gold #1 finds pred #2 (its text); gold #2 then may only look past it and finds nothing.
    assert.deepEqual([s.measures.matched, s.measures.pred, s.measures.gold], [2, 3, 3]);
  });

  test("a measure under 60% text overlap is lost with its units and deadline", () => {
    const pred = perfect();
    firstMeasure(pred).text = "修订条例。";
    const s = scorePlan(gold, pred);
    assert.equal(s.measures.matched, 2);
    assert.equal(s.units.matched, 2);
    assert.equal(s.units.pred, 4, "units of unmatched measures in matched tasks still count as predicted");
    assert.equal(s.deadlines.correct, 1);
  });

  test("a wrong role loses the unit", () => {
    const pred = perfect();
    firstMeasure(pred).units = [
      { name: "法规处", role: "owner" },
      { name: "知识产权保护处", role: "support" },
    ];
    const s = scorePlan(gold, pred);
    assert.deepEqual([s.units.matched, s.units.pred, s.units.gold], [3, 4, 4]);
    assert.ok(s.misses.includes("unit in 一/1: 法规处/lead"));
  });

  test("unit names compare with half-width parentheses widened", () => {
    const pred = perfect();
    firstMeasure(pred, 0, 1).units = [{ name: "省市场监管局(省知识产权局)", role: "owner" }];
    assert.equal(scorePlan(gold, pred).units.f1, 1);
  });

  test("an alt name is accepted and anyRole accepts any role", () => {
    const pred = perfect();
    firstMeasure(pred, 1).units = [{ name: "各市市场监管局", role: "lead" }];
    assert.equal(scorePlan(gold, pred).units.f1, 1);
  });

  test("without anyRole an alt name still needs the right role", () => {
    const local = structuredClone(gold);
    const unit = firstMeasure(local, 1).units[0];
    if (unit) unit.anyRole = false;
    const pred = perfect();
    firstMeasure(pred, 1).units = [{ name: "各市市场监管局", role: "lead" }];
    assert.equal(scorePlan(local, pred).units.matched, 3);
  });

  test("one predicted unit cannot satisfy two gold units", () => {
    const pred = perfect();
    firstMeasure(pred).units = [{ name: "法规处", role: "lead" }];
    const local = structuredClone(gold);
    firstMeasure(local).units = [
      { name: "法规处", role: "lead" },
      { name: "法规处", role: "lead" },
    ];
    assert.equal(scorePlan(local, pred).units.matched, 3);
  });

  test("a deadline needs both due and ongoing right", () => {
    const wrongDue = perfect();
    firstMeasure(wrongDue).deadline = { raw: "全年", due: "2021-12-30", ongoing: true };
    assert.equal(scorePlan(gold, wrongDue).deadlines.acc, 0.5);
    const wrongOngoing = perfect();
    firstMeasure(wrongOngoing).deadline = { raw: "全年", due: "2021-12-31", ongoing: false };
    assert.equal(scorePlan(gold, wrongOngoing).deadlines.acc, 0.5);
    const missing = perfect();
    firstMeasure(missing).deadline = null;
    assert.equal(scorePlan(gold, missing).deadlines.acc, 0.5);
  });

  test("only gold deadlines with raw text are scored; an extra predicted deadline costs nothing", () => {
    const pred = perfect();
    firstMeasure(pred, 1).deadline = { raw: "年底前", due: "2021-12-31", ongoing: false };
    assert.equal(scorePlan(gold, pred).deadlines.gold, 2);
    assert.equal(scorePlan(gold, pred).deadlines.acc, 1);
  });

  test("an open-ended gold deadline (due null) is matched by due null", () => {
    const local = structuredClone(gold);
    firstMeasure(local).deadline = { raw: "持续推进", due: null, ongoing: true };
    const pred = structuredClone(local);
    assert.equal(scorePlan(local, pred).deadlines.acc, 1);
    firstMeasure(pred).deadline = { raw: "持续推进", due: "2021-12-31", ongoing: true };
    assert.equal(scorePlan(local, pred).deadlines.acc, 0.5);
  });

  test("indicators compare after 万/亿 scaling, on the base unit", () => {
    const pred = perfect();
    pred.indicators = [
      { name: "万人高价值发明专利拥有量", op: ">=", target: 7, unit: "件" },
      { name: "有效注册商标", op: ">=", target: 21000, unit: "件" },
      { name: "知识产权示范企业", op: "range", target: 20, targetHigh: 30, unit: "家" },
    ];
    assert.equal(scorePlan(gold, pred).indicators.f1, 1);
    const other = perfect();
    other.indicators = [{ name: "有效注册商标", op: ">=", target: 2.1, unit: "万家" }];
    assert.equal(scorePlan(gold, other).indicators.matched, 0, "a different base unit does not match");
  });

  test("亿 scales by 1e8", () => {
    const local = plan([], [{ name: "质押额", op: ">=", target: 4.2, unit: "亿元" }]);
    const pred = plan([], [{ name: "质押额", op: ">=", target: 42000, unit: "万元" }]);
    assert.equal(scorePlan(local, pred).indicators.f1, 1);
  });

  test("an indicator needs the same op and target", () => {
    const pred = perfect();
    pred.indicators = [
      { name: "万人高价值发明专利拥有量", op: ">", target: 7, unit: "件" },
      { name: "有效注册商标", op: ">=", target: 2.2, unit: "万件" },
    ];
    assert.equal(scorePlan(gold, pred).indicators.matched, 0);
  });

  test("a range needs its high end", () => {
    const pred = perfect();
    pred.indicators = pred.indicators.map((i) => (i.op === "range" ? { ...i, targetHigh: undefined } : i));
    const s = scorePlan(gold, pred).indicators;
    assert.deepEqual([s.matched, s.pred, s.gold], [2, 3, 3]);
    const wrongHigh = perfect();
    wrongHigh.indicators = wrongHigh.indicators.map((i) => (i.op === "range" ? { ...i, targetHigh: 31 } : i));
    assert.equal(scorePlan(gold, wrongHigh).indicators.matched, 2);
  });

  test("an indicator name needs at least 30% of the gold name's characters", () => {
    const pred = perfect();
    pred.indicators = [{ name: "发明专利拥", op: ">=", target: 7, unit: "件" }]; // 5 of 12 characters
    assert.equal(scorePlan(gold, pred).indicators.matched, 1);
    pred.indicators = [{ name: "发明专", op: ">=", target: 7, unit: "件" }]; // 3 of 12 characters
    assert.equal(scorePlan(gold, pred).indicators.matched, 0);
  });

  test("meta is the share of five fields right, parentheses and whitespace forgiven", () => {
    const pred = perfect();
    pred.title = "2021年全省知识产权 工作任务清单";
    pred.issuer = null;
    pred.period = { from: 2021, to: 2022 };
    const s = scorePlan(gold, pred);
    assert.equal(s.meta.share, 3 / 5);
    assert.ok(s.misses.some((m) => m.startsWith("issuer:")));
    assert.ok(s.misses.some((m) => m.startsWith("period:")));
  });

  test("null and absent meta fields agree", () => {
    const local = plan([], [], { docNumber: null, period: null });
    const pred: ScoredPlan = { ...plan([], [], { docNumber: null }), period: null };
    assert.equal(scorePlan(local, pred).meta.share, 1);
  });

  test("an empty prediction has full precision and zero recall", () => {
    const s = scorePlan(gold, plan([], []));
    assert.deepEqual([s.tasks.p, s.tasks.r, s.tasks.f1], [1, 0, 0]);
    assert.equal(s.deadlines.acc, 0);
  });
});

describe("scoreCorpus", () => {
  test("micro-averages counts over documents", () => {
    const small = plan([task("一/1", "甲乙丙", [measure("一二三")])]);
    const big = perfect();
    const r = scoreCorpus([
      { name: "small", gold: small, pred: plan([]) },
      { name: "big", gold, pred: big },
    ]);
    assert.deepEqual([r.overall.tasks.matched, r.overall.tasks.gold, r.overall.tasks.pred], [2, 3, 2]);
    assert.equal(r.overall.tasks.r, 2 / 3, "not the mean of per-document recalls (0.5)");
    assert.equal(r.overall.meta.share, 1);
    assert.deepEqual(r.misses, ["small: task 一/1"]);
  });
});
