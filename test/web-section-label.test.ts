// Section labels in the web app: the printed heading with its marker, the heading above it for context.
import assert from "node:assert/strict";
import { test } from "node:test";
import { headingText, sectionLabel } from "../web/src/components/sectionLabel.ts";

const headings = [
  { key: "四", title: "重点任务" },
  { key: "四/（一）", title: "完善知识产权制度体系" },
  { key: "第二部分", title: "主要任务" },
  { key: "第二部分/三", title: "加强保护" },
];

test("a marker joins its title the way plans print it", () => {
  assert.equal(headingText("一", "强化创造"), "一、强化创造");
  assert.equal(headingText("（二）", "加强保护"), "（二）加强保护");
  assert.equal(headingText("(2)", "加强保护"), "(2)加强保护");
  assert.equal(headingText("第二部分", "主要任务"), "第二部分 主要任务");
});

test("a nested section names its parent heading; a top one has none", () => {
  assert.deepEqual(sectionLabel(headings, "四/（一）"), {
    title: "（一）完善知识产权制度体系",
    parent: "四、重点任务",
  });
  assert.deepEqual(sectionLabel(headings, "四"), { title: "四、重点任务", parent: null });
  assert.deepEqual(sectionLabel(headings, "第二部分/三"), { title: "三、加强保护", parent: "第二部分 主要任务" });
});

test("a section without a printed heading has no label, so the caller falls back to its marker", () => {
  assert.equal(sectionLabel(headings, "五"), null);
  assert.equal(sectionLabel([], "四/（一）"), null);
  assert.equal(sectionLabel(headings, ""), null);
});
