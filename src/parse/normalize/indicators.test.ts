import assert from "node:assert/strict";
import { test } from "node:test";
import { extractIndicators } from "./indicators.ts";

const ctx = { by: "2025", source: { line: 1 }, planYear: 2023 };
const read = (text: string) =>
  extractIndicators(text, ctx).map(
    (i) => `${i.name}|${i.op}|${i.target}${i.targetHigh !== undefined ? `-${i.targetHigh}` : ""}|${i.unit}`,
  );

test("ops: 以上, 提高至, 达到, 突破, 不少于", () => {
  assert.deepEqual(read("全区高价值发明专利达到560件以上，万人高价值发明专利拥有量提高至7.0件；"), [
    "高价值发明专利|>=|560|件",
    "万人高价值发明专利拥有量|>=|7|件",
  ]);
  assert.deepEqual(read("力争国家知识产权优势示范企业突破8家。"), ["国家知识产权优势示范企业|>|8|家"]);
  assert.deepEqual(read("累计培育知识产权贯标企业不少于35家。"), ["培育知识产权贯标企业|>=|35|家"]);
});

test("scale words stay in the unit; several targets in one clause joined by 、", () => {
  assert.deepEqual(read("拥有有效注册商标累计达到2.1万件、中国驰名商标累计达到13件。"), [
    "有效注册商标|>=|2.1|万件",
    "中国驰名商标|>=|13|件",
  ]);
  assert.deepEqual(read("质押额达到4.2亿元以上。"), ["质押额|>=|4.2|亿元"]);
});

test("percentages with 以上, ranges, bare counts after a verb", () => {
  assert.deepEqual(read("实现市级人民调解组织覆盖率 90%以上、仲裁组织覆盖率 80%以上。"), [
    "市级人民调解组织覆盖率|>=|90|%",
    "仲裁组织覆盖率|>=|80|%",
  ]);
  assert.deepEqual(read("争取新增 3-5 家国家级知识产权保护中心、快速维权中心。"), [
    "国家级知识产权保护中心、快速维权中心|range|3-5|家",
  ]);
  assert.deepEqual(read("争取新建国家级知识产权保护中心、快速维权中心 1-2 家。"), [
    "争取新建国家级知识产权保护中心、快速维权中心|range|1-2|家".replace("争取", ""),
  ]);
  assert.deepEqual(read("完成建设100家技术与创新支持中心（TISC）首期目标。"), ["技术与创新支持中心|>=|100|家"]);
});

test("不超过 and 以内 are upper bounds; 增长 a growth target", () => {
  assert.deepEqual(read("专利审查周期压缩至15个月以内。"), ["专利审查周期|<=|15|个月"]);
  assert.deepEqual(read("维权援助响应时间不超过3天。"), ["维权援助响应时间|<=|3|天"]);
  assert.deepEqual(read("专利转化率年均增长10%。"), ["专利转化率|>=|10|%"]);
});

test("baselines, years, document numbers and campaign names are not targets", () => {
  assert.deepEqual(read("2022年，全市有效发明专利8136件，同比增长12%。"), []);
  assert.deepEqual(read("截至2022年底，全市累计培育示范企业15家。"), []);
  assert.deepEqual(
    read("出台《山东省2021-2022年知识产权保护推进计划》，面向2035年，持续开展美国301、337案件通报工作。"),
    [],
  );
  assert.deepEqual(read("落实《关于强化知识产权保护的意见》(中办发〔2019〕56号)。"), []);
});

test("a recurring target has no due year", () => {
  const [i] = extractIndicators("每年举办2场以上知识产权培训。", ctx);
  assert.equal(i?.by, null);
  assert.equal(i?.target, 2);
});
