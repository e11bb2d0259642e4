import assert from "node:assert/strict";
import { test } from "node:test";
import { parseUnits } from "./units.ts";

const show = (raw: string, role?: "lead" | "support" | "owner") =>
  parseUnits(raw, role).units.map((u) => `${u.name}/${u.role}${u.fanout ? "*" : ""}`);

test("lead and support by role words, for every name of the clause", () => {
  assert.deepEqual(show("知识产权运用促进处、法规处牵头，知识产权保护处、省知识产权事业发展中心配合"), [
    "知识产权运用促进处/lead",
    "法规处/lead",
    "知识产权保护处/support",
    "省知识产权事业发展中心/support",
  ]);
});

test("a semicolon starts a fresh group of owners; groups fan out", () => {
  assert.deepEqual(show("知识产权保护处；各市市场监督管理局"), ["知识产权保护处/owner", "各市市场监督管理局/owner*"]);
  assert.deepEqual(show("办公室牵头，各处室（单位）配合；各市市场监督管理局"), [
    "办公室/lead",
    "各处室（单位）/support*",
    "各市市场监督管理局/owner*",
  ]);
});

test("a role word right before the next name ends the names before it", () => {
  assert.deepEqual(show("知识产权运用促进处牵头，各有关知识产权处室（单位）配合各市市场监督管理局").slice(0, 2), [
    "知识产权运用促进处/lead",
    "各有关知识产权处室（单位）/support*",
  ]);
});

test("a role word inside a name is part of the name (政协办公厅)", () => {
  assert.deepEqual(show("省人大常委会办公厅、省政协办公厅按职责分工负责"), [
    "省人大常委会办公厅/owner",
    "省政协办公厅/owner",
  ]);
});

test("names run together or split by a space are separated where the left one is complete", () => {
  assert.deepEqual(show("知识产权运用促进处、知识产权保护处各市市场监督管理局"), [
    "知识产权运用促进处/owner",
    "知识产权保护处/owner",
    "各市市场监督管理局/owner*",
  ]);
  assert.deepEqual(show("知识产权运用促进处、知识产权保护处 省知识产权事业发展中心").length, 3);
  assert.deepEqual(show("公共服务司、 运用促进司"), ["公共服务司/owner", "运用促进司/owner"]);
});

test("canonical names: full-width parentheses, 等 and role words removed, inner parentheses kept", () => {
  assert.deepEqual(show("省市场监管局(省知识产权局)、省司法厅按职责分工负责"), [
    "省市场监管局（省知识产权局）/owner",
    "省司法厅/owner",
  ]);
  assert.deepEqual(show("区委组织部、区人社局、区市场监管局等按职责分工负责"), [
    "区委组织部/owner",
    "区人社局/owner",
    "区市场监管局/owner",
  ]);
  assert.deepEqual(show("各乡镇（街道、园区）"), ["各乡镇（街道、园区）/owner*"]);
});

test("group names fan out, and a bare name after a 各 group belongs to it", () => {
  assert.deepEqual(show("区市场监管局、各街道镇、园区等按职责分工负责"), [
    "区市场监管局/owner",
    "各街道镇/owner*",
    "园区/owner*",
  ]);
  assert.deepEqual(show("省政府知识产权战略实施工作领导小组成员单位按职责分工负责"), [
    "省政府知识产权战略实施工作领导小组成员单位/owner*",
  ]);
  assert.deepEqual(show("有关市市场监督管理局"), ["有关市市场监督管理局/owner*"]);
});

test("a column's default role applies; '/' means none", () => {
  assert.deepEqual(show("市科技局、市工信局", "support"), ["市科技局/support", "市工信局/support"]);
  assert.deepEqual(show("/"), []);
  assert.deepEqual(show("无"), []);
});

test("a units cell that cannot be split is reported, not dropped", () => {
  const r = parseUnits("请各单位按照职责认真做好各项工作并于每月底报送工作进展情况确保各项任务落到实处取得实效。");
  assert.ok(r.problems.length > 0);
});
