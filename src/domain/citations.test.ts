import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { citedAs, extractCitations, normalizeDocNumber, normalizeTitle } from "./citations.ts";

const plan = (title: string, docNumber: string | null, orgName: string, issuer: string | null = null) => ({
  title,
  docNumber,
  orgName,
  issuer,
});

test("titles in 《》 (and an inner 〈〉 title) and 文号 in any bracket are extracted once each, in order", () => {
  const c = extractCitations(
    "为深入贯彻《湖南省“十四五”知识产权发展规划》和《深入实施〈关于强化知识产权保护的意见〉推进计划》" +
      "（国知发保函字［2022］158号），根据《湖南省“十四五”知识产权发展规划》及湘政办发(2021) 第 12 号文件精神，制定本方案。",
  );
  assert.deepEqual(c.titles, [
    "湖南省“十四五”知识产权发展规划",
    "深入实施〈关于强化知识产权保护的意见〉推进计划",
    "关于强化知识产权保护的意见",
  ]);
  assert.deepEqual(c.docNumbers, ["国知发保函字〔2022〕158号", "湘政办发〔2021〕12号"]);
  assert.deepEqual(extractCitations("一、总体要求。加强知识产权保护。"), { titles: [], docNumbers: [] });
});

test("normalised titles drop marks, quotes, spaces and years but keep what the years were", () => {
  assert.deepEqual(normalizeTitle("《知识产权强国建设纲要（2021—2035年）》"), {
    key: "知识产权强国建设纲要",
    years: "2021-2035",
  });
  assert.equal(
    normalizeTitle("浙江省第十四个五年知识产权 发展规划").key,
    normalizeTitle("浙江省“十四五”知识产权发展规划").key,
  );
  assert.equal(normalizeDocNumber("鲁政办字[2021]78号"), "鲁政办字〔2021〕78号");
});

test("a citation names a plan by 文号, by title with other years or quotes, or by an issuer's prefix", () => {
  const cites = extractCitations(
    "为落实《知识产权强国建设纲要(2021-2035年)》、《广东省“十四五”知识产权保护和运用规划》，" +
      "根据《2022年全省知识产权工作要点》（粤知发〔2022〕3号）要求，制定本方案。",
  );
  const byNumber = plan("全省知识产权工作要点", "粤知发 [2022] 3号", "广东省市场监督管理局（广东省知识产权局）");
  assert.equal(citedAs(cites, byNumber), "doc_number");
  assert.equal(citedAs(cites, plan("知识产权强国建设纲要（2021—2035年）", null, "国家知识产权局")), "title");
  // The issuer's place prefixed to a title the plan carries without it.
  const guangdong = "广东省市场监督管理局（广东省知识产权局）";
  assert.equal(citedAs(cites, plan("“十四五”知识产权保护和运用规划", null, guangdong)), "title");
  // …but not the same title issued somewhere else.
  assert.equal(citedAs(cites, plan("“十四五”知识产权保护和运用规划", null, "福州市市场监督管理局")), null);
  // Stated years must agree: the 2022 key points are not the 2023 ones.
  assert.equal(citedAs(cites, plan("2023年全省知识产权工作要点", null, guangdong)), null);
  assert.equal(citedAs(cites, plan("2022年全省知识产权工作要点", null, guangdong)), "title");
  assert.equal(citedAs(cites, plan("知识产权保护推进计划", null, guangdong)), null);
  // A title too short to tell anything apart is never matched.
  assert.equal(citedAs(extractCitations("根据《规划》"), plan("规划", null, guangdong)), null);
});

test("the county seed's opening cites the provincial five-year plan, not the provincial task list", () => {
  const text = readFileSync(
    join(import.meta.dirname, "..", "..", "test", "fixtures", "seeds", "taishan-2022-2025-county-plan.txt"),
    "utf8",
  );
  const opening = text.slice(0, text.indexOf("一、"));
  const cites = extractCitations(opening);
  assert.ok(cites.docNumbers.length >= 2, cites.docNumbers.join(" "));
  const province = "山东省市场监督管理局（山东省知识产权局）";
  assert.equal(citedAs(cites, plan("山东省“十四五”知识产权保护和运用规划", "鲁政办字〔2021〕78号", province)), "title");
  assert.equal(citedAs(cites, plan("2021年全省知识产权工作任务清单", null, province)), null);
  assert.equal(citedAs(cites, plan("山东省2023—2025年知识产权保护推进计划", "鲁知战办〔2023〕11号", province)), null);
});
