// Layouts the seed plans do not show, each hand-labelled here: labelled annotation fields,
// 序号 task tables with lead/support columns, 第一部分 nesting, tasks at the （一） level.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { parsePlanFile } from "../src/parse/index.ts";
import type { Measure, ParsedPlan } from "../src/parse/types.ts";

const dir = join(import.meta.dirname, "fixtures", "layouts");
const parse = (name: string): Promise<ParsedPlan> => parsePlanFile(join(dir, name));
const units = (m: Measure | undefined) => (m?.units ?? []).map((u) => `${u.name}/${u.role}`);
const due = (m: Measure | undefined) => (m?.deadline ? [m.deadline.due, m.deadline.ongoing] : null);

test("work points with labelled fields on the item's line, the next line, and split across two lines", async () => {
  const plan = await parse("city-work-points-labelled.txt");
  assert.equal(plan.title, "2024年全市知识产权工作要点");
  assert.equal(plan.docNumber, "济市监发〔2024〕15号");
  assert.equal(plan.issuer, "济南市市场监督管理局");
  assert.equal(plan.issuedOn, "2024-03-15", "a date in Chinese numerals is a date");
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["一/1", "一/2", "一/3", "二/4", "二/5", "二/6"],
    "保障措施 items are not tasks",
  );
  const [t1, t2, t3, t4, t5] = plan.tasks;
  assert.deepEqual(units(t1?.measures[0]), ["知识产权促进处/lead", "各区县市场监督管理局/support"]);
  assert.deepEqual(due(t1?.measures[0]), ["2024-12-31", false]);
  assert.deepEqual(
    units(t2?.measures[0]),
    ["商标处/lead", "各区县市场监督管理局/support"],
    "fields apart by one full-width space",
  );
  assert.deepEqual(due(t2?.measures[0]), ["2024-10-31", false]);
  assert.deepEqual(units(t3?.measures[0]), ["知识产权促进处/lead", "各区县市场监督管理局/support"]);
  assert.deepEqual(due(t4?.measures[0]), [null, true], "完成时限 on a second annotation line joins the first");
  assert.equal(t5?.measures.length, 2, "one measure per （1） sub-item");
  assert.equal(t5?.measures[0]?.text, "新建维权援助工作站5家以上。");
  assert.deepEqual(due(t5?.measures[1]), ["2024-06-30", false]);
  const names = plan.indicators.map((i) => `${i.op}${i.target}${i.unit}`);
  assert.ok(names.includes(">=2000件") && names.includes(">=95%") && names.includes(">=60%"), names.join(" "));
  assert.ok(!names.includes(">=38000件"), "a past year's baseline is not a target");
  assert.ok(
    !plan.tasks.some((t) => t.measures.some((m) => m.deadline?.raw.includes("12月10日"))),
    "the notice's report date is no deadline",
  );
});

test("a 序号 table with lead and support columns, section rows, '/' and a row split by a page break", async () => {
  const plan = await parse("sequence-table.txt");
  assert.equal(plan.title, "2024年知识产权强市建设重点任务分工表");
  assert.deepEqual(
    plan.tasks.map((t) => [t.key, t.title]),
    [
      ["一/1", "提升专利质量"],
      ["一/2", "加强商标品牌培育"],
      ["二/3", "加大执法力度"],
      ["二/4", "加强司法保护"],
    ],
  );
  const [t1, t2, t3] = plan.tasks;
  assert.equal(t1?.measures.length, 2, "two <p> paragraphs in the measure cell");
  assert.deepEqual(units(t1?.measures[1]), ["市市场监管局/lead", "市科技局/support", "市工信局/support"]);
  assert.deepEqual(units(t2?.measures[1]), ["市市场监管局/lead"], "'/' means no support unit");
  assert.deepEqual(due(t2?.measures[0]), ["2024-12-31", true]);
  assert.equal(t3?.measures.length, 2, "the row after the repeated header belongs to task 3");
  assert.deepEqual(
    plan.headings.map((h) => [h.key, h.title]),
    [
      ["一", "强化知识产权创造"],
      ["二", "强化知识产权保护"],
    ],
    "section rows merged across the table are the headings",
  );
});

test("第一部分 nesting keys tasks by the full path; 总体要求 and 保障措施 hold no tasks", async () => {
  const plan = await parse("parts-and-subtasks.txt");
  assert.deepEqual(plan.period, { from: 2024, to: 2026 });
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["第二部分/（一）/1", "第二部分/（一）/2", "第二部分/（二）/1", "第二部分/（二）/2"],
  );
  assert.deepEqual(units(plan.tasks[0]?.measures[0]), ["市市场监管局/lead", "市科技局/support", "市工信局/support"]);
  assert.deepEqual(due(plan.tasks[3]?.measures[0]), [null, true]);
  const ops = plan.indicators.map((i) => `${i.op}${i.target}${i.unit}`);
  assert.deepEqual(ops, [">=30件", ">100亿元", ">=50家"]);
  assert.deepEqual(
    plan.headings.map((h) => [h.key, h.title]),
    [
      ["第二部分", "重点任务"],
      ["第二部分/（一）", "提升知识产权创造质量"],
      ["第二部分/（二）", "加强知识产权保护"],
    ],
    "headings of parts without tasks are left out",
  );
});

test("tasks at the （一） level, with an annotation on its own line", async () => {
  const plan = await parse("tasks-at-second-level.txt");
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["二/（一）", "二/（二）", "二/（三）"],
  );
  assert.deepEqual(units(plan.tasks[2]?.measures[0]), ["区市场监管局/owner"]);
  assert.deepEqual(due(plan.tasks[1]?.measures[0]), ["2025-12-31", true]);
  assert.ok(plan.indicators.some((i) => i.unit === "万件" && i.target === 1.2));
});

test("a units cell with labelled fields, measures numbered inside one cell, dotted and recurring deadlines", async () => {
  const plan = await parse("labelled-units-table.txt");
  const [t1, t2] = plan.tasks;
  assert.deepEqual(
    t1?.measures.map((m) => m.text),
    ["开展专利提质行动。", "培育高价值专利组合。"],
  );
  assert.deepEqual(units(t1?.measures[1]), ["县市场监管局/lead", "县科技局/support", "县工信局/support"]);
  assert.deepEqual(due(t1?.measures[0]), ["2024-06-30", false]);
  assert.deepEqual(
    units(t2?.measures[0]),
    ["县市场监管局/owner", "各乡镇（街道）/owner"],
    "及 before a group name separates",
  );
  assert.equal(t2?.measures[0]?.units[1]?.fanout, true);
  assert.deepEqual(due(t2?.measures[0]), ["2024-03-31", true]);
});

test("an annotation on a heading's line holds for the tasks below it that name none", async () => {
  const plan = await parse("heading-annotation.txt");
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["一/1", "一/2"],
  );
  assert.deepEqual(units(plan.tasks[0]?.measures[0]), ["区市场监管局/lead", "区公安分局/support"]);
  assert.deepEqual(due(plan.tasks[0]?.measures[0]), ["2024-12-31", false]);
  assert.deepEqual(units(plan.tasks[1]?.measures[0]), ["区商务局/owner"]);
  assert.deepEqual(due(plan.tasks[1]?.measures[0]), [null, true]);
  assert.deepEqual(
    plan.headings.map((h) => [h.key, h.title]),
    [["一", "加强行政保护"]],
    "the heading's title without its annotation",
  );
});

test("a web page's copy: chrome and the page's own date ignored, 责任科室 labels, tasks at （一）", async () => {
  const plan = await parse("web-page-copy.txt");
  assert.equal(plan.title, "潍坊市2024年知识产权工作要点");
  assert.equal(plan.docNumber, "潍市监字〔2024〕31号");
  assert.equal(plan.issuer, "潍坊市市场监督管理局");
  assert.equal(plan.issuedOn, "2024-04-10", "the date under the notice, not the page's 发布时间");
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["一/（一）", "一/（二）", "二/（三）"],
  );
  assert.deepEqual(units(plan.tasks[0]?.measures[0]), ["知识产权科/owner"]);
  assert.deepEqual(units(plan.tasks[2]?.measures[0]), ["执法支队/owner", "各县市区局/owner"]);
  assert.deepEqual(due(plan.tasks[2]?.measures[0]), [null, true]);
});

test("an annotation closing the title sentence, before the body", async () => {
  const plan = await parse("annotation-after-title.txt");
  assert.deepEqual(
    plan.tasks.map((t) => t.title),
    ["完善政策体系", "加强执法"],
  );
  assert.equal(plan.tasks[0]?.measures[0]?.text, "完善知识产权保护政策，出台若干措施。");
  assert.deepEqual(units(plan.tasks[0]?.measures[0]), ["市市场监管局/lead", "市司法局/support"]);
  assert.deepEqual(due(plan.tasks[1]?.measures[0]), ["2024-12-31", true]);
});

test("a table without a task column: each numbered row is a task; inline （1）（2） sub-items are measures", async () => {
  const plan = await parse("no-task-column.txt");
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["一/1", "一/2", "二/3"],
  );
  assert.deepEqual(
    plan.tasks[1]?.measures.map((m) => m.text),
    ["建设商标品牌指导站；", "培育区域公用品牌。"],
  );
  assert.deepEqual(units(plan.tasks[0]?.measures[0]), ["市市场监管局/lead", "市科技局/support"]);
  assert.deepEqual(due(plan.tasks[2]?.measures[0]), [null, true]);
});
