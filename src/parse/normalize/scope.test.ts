import assert from "node:assert/strict";
import { test } from "node:test";
import { detectScope } from "./scope.ts";

test("the issuer speaking of its own part", () => {
  assert.equal(detectScope("国家知识产权局：配合做好知识产权强国战略印发实施。"), "issuer");
  assert.equal(detectScope("省知识产权局：制定年度推进计划。"), "issuer");
});

test("all subordinates", () => {
  for (const t of [
    "各地区要制定本地区落实知识产权强国战略的配套文件。",
    "各地要进一步加强执法队伍建设。",
    "各市县要结合自身实际，做好衔接。",
    "各省（区、市）要加强指导。",
  ]) {
    assert.equal(detectScope(t), "all-subordinates", t);
  }
});

test("some subordinates", () => {
  for (const t of [
    "有关地区要高起点谋划局省知识产权合作会商。",
    "有条件的地区结合自身发展需求，出台相应的知识产权强省战略。",
    "有条件的地区要积极参与合作。",
  ]) {
    assert.equal(detectScope(t), "some-subordinates", t);
  }
});

test("no scope when the text does not say whom it addresses", () => {
  assert.equal(detectScope("修订《山东省知识产权促进条例》。"), null);
  assert.equal(detectScope("推动各级党委政府将知识产权保护工作纳入重要议事日程。"), null);
  assert.equal(detectScope("省知识产权纠纷人民调解委员会加强与省高院合作。"), null);
});
