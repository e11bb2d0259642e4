import assert from "node:assert/strict";
import { test } from "node:test";
import type { Indicator, ParseWarning } from "../types.ts";
import { extractIndicators } from "./indicators.ts";

function read(text: string): { items: Omit<Indicator, "source" | "raw">[]; warnings: string[]; raw: string[] } {
  const warnings: ParseWarning[] = [];
  const found = extractIndicators(text, {
    by: "2025",
    source: { line: 1 },
    planYear: 2023,
    warn: (w) => warnings.push(w),
  });
  return {
    items: found.map(({ source: _s, raw: _r, ...rest }) => rest),
    warnings: warnings.map((w) => w.message),
    raw: found.map((i) => i.raw ?? ""),
  };
}

test("由2020年的X提高到Y: the base year and value, the name without them, the raw sentence kept", () => {
  const { items, raw } = read("到2025年，万人高价值发明专利拥有量由2020年的3.2件提高到7件。");
  assert.deepEqual(items, [
    {
      name: "万人高价值发明专利拥有量",
      op: ">=",
      target: 7,
      unit: "件",
      by: "2025",
      baseline: { year: 2020, value: 3.2 },
      kind: "stock",
    },
  ]);
  assert.deepEqual(raw, ["到2025年，万人高价值发明专利拥有量由2020年的3.2件提高到7件。"]);
});

test("从2020年的X增加到2025年的Y: the target year after the verb", () => {
  const [i] = read("万人发明专利拥有量从2020年的5.2件增加到2025年的8件。").items;
  assert.equal(i?.name, "万人发明专利拥有量");
  assert.equal(i?.target, 8);
  assert.equal(i?.by, "2025");
  assert.deepEqual(i?.baseline, { year: 2020, value: 5.2 });
});

test("比2020年增长N%: a growth over a base year; the level is unsettled without the base value", () => {
  const { items, warnings } = read("专利密集型产业增加值比2020年增长20%。");
  assert.equal(items[0]?.op, ">=");
  assert.equal(items[0]?.target, 20);
  assert.equal(items[0]?.unit, "%");
  assert.deepEqual(items[0]?.growth, { by: 20, unit: "%", baseYear: 2020, annual: false });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? "", /2020 value is not printed/);
});

test("growth with the base value printed gives the level due", () => {
  const [i] = read("到2025年，专利质押融资额由2020年的10亿元年均增长10%。").items;
  assert.deepEqual(i?.growth, { by: 10, unit: "%", baseYear: 2020, annual: true });
  // 10 · 1.1^5 = 16.1051
  assert.deepEqual(i?.path, [{ year: 2025, value: 16.1051 }]);
});

test("年均增长N% and 下降N%", () => {
  const annual = read("专利申请量年均增长10%。");
  assert.deepEqual(annual.items[0]?.growth, { by: 10, unit: "%", baseYear: null, annual: true });
  assert.equal(annual.items[0]?.kind, "flow");
  assert.match(annual.warnings[0] ?? "", /annual growth of 10%/);
  const fall = read("专利侵权纠纷案件平均办案周期比2020年下降20%。").items[0];
  assert.deepEqual(fall?.growth, { by: -20, unit: "%", baseYear: 2020, annual: false });
});

test("several target years in one sentence become a path; the last year is the target", () => {
  for (const text of [
    "到2025年，全区高价值发明专利2023年达到300件、2025年达到500件。",
    "高价值发明专利2023年达到300件，2025年达到500件以上。",
  ]) {
    const { items } = read(text);
    assert.equal(items.length, 1, text);
    assert.equal(items[0]?.name, "高价值发明专利");
    assert.equal(items[0]?.target, 500);
    assert.equal(items[0]?.by, "2025");
    assert.deepEqual(items[0]?.path, [
      { year: 2023, value: 300 },
      { year: 2025, value: 500 },
    ]);
  }
});

test("累计 and 每年新增: running totals and a year's amounts; 左右 and 力争", () => {
  const { items } = read("到2025年累计办理知识产权质押融资登记40项以上，质押额达到4.2亿元左右。");
  // A running total is reported as the total so far: a level.
  assert.equal(items[0]?.cumulative, true);
  assert.equal(items[0]?.kind, "stock");
  assert.equal(items[1]?.kind, "flow", "质押额, a year's amount");
  assert.equal(items[1]?.approximate, true);
  assert.equal(items[1]?.cumulative, undefined);
  const stock = read("拥有有效注册商标累计达到2.1万件。").items[0];
  assert.equal(stock?.cumulative, true);
  assert.equal(stock?.kind, "stock");
  const yearly = read("每年新增专利导航项目3项以上。").items[0];
  assert.equal(yearly?.kind, "flow");
  assert.equal(yearly?.by, null);
  assert.equal(read("力争国家知识产权优势示范企业突破8家。").items[0]?.aspirational, true);
});

test("不超过 / 以内 / 以上 keep their bounds beside the new readings", () => {
  const { items } = read("知识产权保护社会满意度保持在85%以上，专利审查周期压缩至15个月以内。");
  assert.deepEqual(
    items.map((i) => `${i.op}${i.target}${i.unit}:${i.kind}`),
    [">=85%:stock", "<=15个月:stock"],
  );
});
