// Metadata of other regions' documents in other layouts (web copies, closing signatures, issuer in the
// title, 文号 in 〔〕/[]/（）, dates in Chinese numerals): hand-labelled title, 文号, issuer, 成文日期 and
// period, scored as the share of fields right (the scorer's meta) and printed; the bar is 95%.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { parsePlanFile } from "../src/parse/index.ts";
import type { ParsedPlan } from "../src/parse/types.ts";

const dir = join(import.meta.dirname, "fixtures", "layouts");
type Label = [
  title: string,
  docNumber: string | null,
  issuer: string | null,
  issuedOn: string | null,
  from: number,
  to: number,
];
const LABELS: Record<string, Label> = {
  "web-page-fields.txt": [
    "济宁市2024年知识产权保护工作方案",
    "济市监发〔2024〕22号",
    "济宁市市场监督管理局",
    "2024-05-20",
    2024,
    2024,
  ],
  "closing-signature.txt": [
    "曲阜市知识产权强市建设推进方案（2024—2026年）",
    "曲政办字〔2024〕9号",
    "曲阜市人民政府办公室",
    "2024-06-03",
    2024,
    2026,
  ],
  "issuer-in-title.txt": ["邹城市市场监督管理局2024年知识产权工作要点", null, "邹城市市场监督管理局", null, 2024, 2024],
  "web-page-copy.txt": [
    "潍坊市2024年知识产权工作要点",
    "潍市监字〔2024〕31号",
    "潍坊市市场监督管理局",
    "2024-04-10",
    2024,
    2024,
  ],
  "signature-chinese-numerals.txt": [
    "湖北省2022年知识产权保护工作要点",
    "鄂知发[2022]3号",
    "湖北省知识产权局",
    "2022-03-05",
    2022,
    2022,
  ],
  "issuer-title-paren-number.txt": [
    "常州市知识产权强市建设2023年工作计划",
    "常市监（2023）12号",
    "常州市市场监督管理局",
    null,
    2023,
    2023,
  ],
};

const fields = (p: ParsedPlan): unknown[] => [p.title, p.docNumber, p.issuer, p.issuedOn, p.period?.from, p.period?.to];

test("metadata of other regions' partial copies: ≥ 95% of fields right", async () => {
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  for (const [file, label] of Object.entries(LABELS)) {
    const got = fields(await parsePlanFile(join(dir, file)));
    label.forEach((want, i) => {
      total++;
      if (got[i] === want) right++;
      else misses.push(`${file}[${i}]: want ${want}, got ${got[i]}`);
    });
  }
  const share = right / total;
  console.log(`meta ${(100 * share).toFixed(1)}% of ${total} fields on ${Object.keys(LABELS).length} documents`);
  assert.ok(share >= 0.95, misses.join("\n"));
});

test("deadlines and indicators in other words: 11月底前, 每季度, 长期坚持, 起, 期间, ranges; 力争/不低于/以上/左右", async () => {
  const hubei = await parsePlanFile(join(dir, "signature-chinese-numerals.txt"));
  const due = hubei.tasks.flatMap((t) => t.measures.map((m) => [m.deadline?.due ?? null, m.deadline?.ongoing ?? null]));
  assert.deepEqual(due, [
    ["2022-11-30", false],
    ["2022-03-31", true],
    [null, true],
  ]);
  assert.deepEqual(
    hubei.tasks[0]?.measures[0]?.units.map((u) => [u.name, u.role]),
    [
      ["省知识产权局", "lead"],
      ["省司法厅", "support"],
    ],
  );
  const changzhou = await parsePlanFile(join(dir, "issuer-title-paren-number.txt"));
  assert.deepEqual(
    changzhou.tasks.flatMap((t) =>
      t.measures.map((m) => [m.deadline?.raw, m.deadline?.due ?? null, m.deadline?.ongoing]),
    ),
    [
      ["2023年起", null, true],
      ["“十四五”期间", "2025-12-31", true],
      ["2023—2025年", "2025-12-31", false],
    ],
  );
  // Three targets in one sentence, with 力争…左右, 不低于 and 以上.
  const targets = changzhou.indicators.map((i) => [i.op, i.target, i.unit]);
  assert.deepEqual(targets.slice(0, 3), [
    [">=", 3.5, "万件"],
    [">=", 800, "件"],
    [">=", 25, "件"],
  ]);
  // A growth against the previous year, without naming it: the name drops 比上年, the growth stays.
  const growth = changzhou.indicators.at(-1);
  assert.equal(growth?.name, "质押融资额");
  assert.deepEqual((growth as { growth?: { by: number } } | undefined)?.growth?.by, 10);
  const first = changzhou.indicators[0] as { approximate?: boolean; aspirational?: boolean } | undefined;
  assert.equal(first?.approximate, true);
  assert.equal(first?.aspirational, true);
});
