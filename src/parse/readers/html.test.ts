import assert from "node:assert/strict";
import { test } from "node:test";
import { readDocument } from "./index.ts";
import { show } from "./test-helpers.ts";

const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>不要</title><style>p{}</style></head>
<body><nav>首页 | 政策</nav><script>var x = "<p>不要</p>";</script>
<h1>2021年知识产权工作要点</h1>
<div>一、总体要求<br>二、重点任务</div>
<p>各市要结合实际&nbsp;抓好落实，知识
产权工作。</p>
<table border="1">
  <thead><tr><th>任务</th><th>落实举措</th><th>责任单位</th></tr></thead>
  <tbody>
    <tr><td colspan="3">一、加强顶层设计</td></tr>
    <tr><td rowspan="2">1. 完善法规</td><td><p>修订条例。</p><p>推动修订。</p></td><td>法规处<br>保护处</td></tr>
    <tr><td>研究起草。</td><td>运用处</td></tr>
    <tr><td></td><td></td><td></td></tr>
  </tbody>
</table>
<footer>版权所有</footer>
</body></html>`;

test("an HTML page yields paragraphs and expanded table rows in document order", async () => {
  const doc = await readDocument(new TextEncoder().encode(page), "plan.html");
  assert.equal(doc.format, "html");
  assert.deepEqual(show(doc.blocks), [
    "2021年知识产权工作要点",
    "一、总体要求",
    "二、重点任务",
    "各市要结合实际 抓好落实，知识产权工作。",
    "任务 | 落实举措 | 责任单位",
    "一、加强顶层设计 |  | ",
    "1. 完善法规 | 修订条例。/推动修订。 | 法规处\n保护处",
    "^1. 完善法规 | 研究起草。 | 运用处",
  ]);
  assert.deepEqual(doc.blocks[7]?.loc, { table: 1, row: 4 });
  assert.deepEqual(doc.blocks[3]?.loc, { paragraph: 4 });
});

test("a GBK page is decoded by its <meta> charset", async () => {
  // "任务清单" and "落实举措" in GBK, inside an HTML page that declares gb2312.
  const gbk = [0xc8, 0xce, 0xce, 0xf1, 0xc7, 0xe5, 0xb5, 0xa5, 0x3c, 0x2f, 0x74, 0x64, 0x3e, 0x3c, 0x74, 0x64, 0x3e];
  const gbk2 = [0xc2, 0xe4, 0xca, 0xb5, 0xbe, 0xd9, 0xb4, 0xeb];
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  const bytes = new Uint8Array([
    ...ascii(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table><tr><td>',
    ),
    ...gbk,
    ...gbk2,
    ...ascii("</td></tr></table></body></html>"),
  ]);
  const doc = await readDocument(bytes, "gbk.htm");
  assert.deepEqual(show(doc.blocks), ["任务清单 | 落实举措"]);
});

test("nested tables flatten into the outer cell's paragraphs", async () => {
  const html =
    "<table><tr><td>A</td><td><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table></td></tr></table>";
  const doc = await readDocument(new TextEncoder().encode(html), "nested.html");
  assert.deepEqual(show(doc.blocks), ["A | x/y/z"]);
});

test("a text file with tabs and <p> markup stays text, not HTML", async () => {
  const text = "任务\t举措\n1. 任务\t<p>甲</p><p>乙</p>\n";
  const doc = await readDocument(new TextEncoder().encode(text), "plan.txt");
  assert.equal(doc.format, "txt");
  assert.deepEqual(show(doc.blocks), ["任务 | 举措", "1. 任务 | 甲/乙"]);
});
