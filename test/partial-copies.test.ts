// Partial copies of plans (web pages, fragments without the notice): the notice's facts come from the
// page's header fields, a closing signature or a title line naming the issuer, and publication notes
// ("（此件公开发布）") never stay in the title. Fixtures in test/fixtures/layouts, hand-labelled here.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { parsePlanFile } from "../src/parse/index.ts";
import { parseDocument } from "../src/parse/layout/plan.ts";
import { readTextDocument } from "../src/parse/readers/text.ts";
import type { ParsedPlan } from "../src/parse/types.ts";

const dir = join(import.meta.dirname, "fixtures", "layouts");
const parse = (name: string): Promise<ParsedPlan> => parsePlanFile(join(dir, name));
const meta = (p: ParsedPlan) => [p.title, p.docNumber, p.issuer, p.issuedOn];
const fromText = (lines: string[]) => parseDocument(readTextDocument(lines.join("\n")));

test("a web page's header fields give issuer, 文号 and 成文日期 (not the page's 发布日期)", async () => {
  const plan = await parse("web-page-fields.txt");
  assert.deepEqual(meta(plan), [
    "济宁市2024年知识产权保护工作方案",
    "济市监发〔2024〕22号",
    "济宁市市场监督管理局",
    "2024-05-20",
  ]);
  assert.deepEqual(
    plan.tasks.map((t) => t.key),
    ["一/1", "一/2", "二/3"],
  );
  assert.deepEqual(
    plan.tasks.map((t) => [t.measures[0]?.deadline?.due, t.measures[0]?.deadline?.ongoing]),
    [
      ["2024-11-30", false],
      ["2024-03-31", true],
      [null, true],
    ],
    "2024年11月底前, 每季度 (first due at the first quarter's end), 长期坚持",
  );
});

test("a closing signature gives issuer and date and is not read as the last task's text", async () => {
  const plan = await parse("closing-signature.txt");
  assert.deepEqual(meta(plan), [
    "曲阜市知识产权强市建设推进方案（2024—2026年）",
    "曲政办字〔2024〕9号",
    "曲阜市人民政府办公室",
    "2024-06-03",
  ]);
  const due = plan.tasks.map((t) => {
    const d = t.measures[0]?.deadline;
    return [d?.raw, d?.due, d?.ongoing];
  });
  assert.deepEqual(due, [
    ["2024年起", null, true],
    ["2025年前后", "2025-12-31", false],
    ["2024—2026年", "2026-12-31", false],
    ["“十四五”期间", "2025-12-31", true],
  ]);
  assert.deepEqual(plan.warnings, [], "every deadline phrase is understood");
  const last = plan.tasks.at(-1)?.measures.at(-1);
  assert.equal(last?.text, "开展知识产权质押融资。");
  assert.deepEqual(plan.period, { from: 2024, to: 2026 });
});

test("a title line naming its issuer gives the issuer; 【此件不公开】 leaves the title", async () => {
  const plan = await parse("issuer-in-title.txt");
  assert.deepEqual(meta(plan), ["邹城市市场监督管理局2024年知识产权工作要点", null, "邹城市市场监督管理局", null]);
});

test("publication notes in either bracket leave the title: 此件公开发布 / 主动公开 / 不公开 / 依申请公开", () => {
  for (const note of ["（此件公开发布）", "(此件主动公开)", "（此件不公开）", "(此件依申请公开)", "【此件公开发布】"]) {
    const plan = fromText([
      `某县2024年知识产权工作要点${note}`,
      "一、强化创造",
      "1. 开展专利提质行动。（责任单位：县市场监管局）",
    ]);
    assert.equal(plan.title, "某县2024年知识产权工作要点", note);
  }
  const below = fromText(["某县2024年知识产权工作要点", "（此件主动公开）", "一、强化创造", "1. 开展专利提质行动。"]);
  assert.equal(below.title, "某县2024年知识产权工作要点");
  assert.equal(below.tasks[0]?.measures[0]?.text, "开展专利提质行动。", "a note under the title is no content");
});

test("an issuer named in a 关于印发 line when the copy has no signature", () => {
  const plan = fromText([
    "嘉祥县人民政府办公室关于印发《嘉祥县知识产权工作方案》的通知",
    "嘉祥县知识产权工作方案",
    "一、强化创造",
    "1. 开展专利提质行动。（责任单位：县市场监管局）",
  ]);
  assert.deepEqual(meta(plan), ["嘉祥县知识产权工作方案", null, "嘉祥县人民政府办公室", null]);
});
