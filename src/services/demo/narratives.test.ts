import assert from "node:assert/strict";
import { test } from "node:test";
import { narrative, subjectOf } from "./narratives.ts";

test("the subject is the measure's action and object, without the unit list in front", () => {
  assert.equal(subjectOf("国家知识产权局：建立专利、商标审查质量管控机制。"), "建立专利、商标审查质量管控机制");
  assert.equal(subjectOf("各市要加强知识产权保护政策法规的宣传，提高全社会意识。"), "加强知识产权保护政策法规的宣传");
});

test("narratives are deterministic, quote the measure, and never repeat the previous one word for word", () => {
  const text = "修订《山东省专利条例》，报送省政府审议。";
  const facts = { percent: 60, period: "2021-Q3", filedOn: "2021-09-20", seed: 12345 };
  const a = narrative("milestone", text, facts);
  assert.equal(narrative("milestone", text, facts), a);
  assert.ok(a.includes("《山东省专利条例》") || a.includes("修订"), a);
  const b = narrative("milestone", text, facts, a);
  assert.notEqual(b, a);
  const done = narrative("done", text, { ...facts, percent: 100 });
  assert.ok(done.includes("完成"), done);
  const behind = narrative("behind", text, { ...facts, percent: 30 });
  assert.match(behind, /原因|受阻/);
});
