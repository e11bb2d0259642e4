import assert from "node:assert/strict";
import { test } from "node:test";
import { DOMAIN_TERMS, segment, segmentQuery } from "./text-search.ts";

const tokens = (s: string) => s.split(" ");

test("domain terms come out whole in queries", () => {
  const q = tokens(
    segmentQuery("各市市场监督管理局要加强知识产权质押融资、地理标志保护和维权援助，推进行政裁决和专利导航。"),
  );
  for (const term of ["市场监督管理局", "知识产权", "质押融资", "地理标志", "维权援助", "行政裁决", "专利导航"]) {
    assert.ok(q.includes(term), `${term} in ${q.join("/")}`);
  }
  assert.ok(!q.includes("，") && !q.includes("。") && !q.includes("、"));
});

test("every domain term is one query token", () => {
  for (const term of DOMAIN_TERMS) assert.equal(segmentQuery(term), term);
});

test("the index holds whole terms and their parts, so narrower and broader queries both hit", () => {
  const index = tokens(segment("开展知识产权质押融资入园惠企行动"));
  for (const t of ["知识产权", "知识", "产权", "质押融资", "质押", "融资"]) assert.ok(index.includes(t), t);
  // A longer word still yields the domain term inside it.
  const bureau = tokens(segment("省知识产权局"));
  assert.ok(bureau.includes("知识产权局") && bureau.includes("知识产权"), bureau.join("/"));
});

test("punctuation and spaces vanish; Latin and numbers survive lower-cased", () => {
  assert.equal(segmentQuery("  ，。"), "");
  assert.equal(segment(""), "");
  const t = tokens(segmentQuery("落实PCT申请2024年"));
  assert.ok(t.includes("pct") && t.includes("2024"), t.join("/"));
  // Every token is space-free, as to_tsvector('simple', …) needs.
  assert.ok(tokens(segment("建设 国家级 知识产权保护中心")).every((x) => x !== "" && !/\s/.test(x)));
});
