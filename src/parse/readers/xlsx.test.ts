import assert from "node:assert/strict";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { readDocument } from "./index.ts";
import { show } from "./test-helpers.ts";

async function workbookBytes(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet("说明");
  notes.addRow(["本表由综合处汇总"]);
  notes.addRow(["请于每季度末报送"]);
  const sheet = workbook.addWorksheet("任务清单");
  sheet.addRow([null, "2021年任务清单"]);
  sheet.mergeCells("B1:E1");
  sheet.addRow([null, "任务清单", "落实举措", "责任单位", "完成时间"]);
  sheet.addRow([null, "1. 完善法规政策", "修订条例。\n推动专利条例修订。", "法规处", new Date(Date.UTC(2021, 9, 31))]);
  sheet.addRow([
    null,
    null,
    { richText: [{ text: "研究" }, { text: "起草纲要", font: { bold: true } }] },
    "保护处",
    "全年",
  ]);
  sheet.mergeCells("B3:B4");
  sheet.addRow([null, "2. 指标", { formula: "1+1", result: 2 }, 0.3, null]);
  sheet.getCell("E5").value = null;
  sheet.getCell("D5").numFmt = "0%";
  sheet.addRow([]);
  sheet.addRow([null, "二、强化创造"]);
  sheet.mergeCells("B7:E7");
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

test("the sheet with the task header is chosen and merges are expanded", async () => {
  const doc = await readDocument(await workbookBytes(), "tasks.xlsx");
  assert.equal(doc.format, "xlsx");
  assert.deepEqual(show(doc.blocks), [
    "2021年任务清单 |  |  | ",
    "任务清单 | 落实举措 | 责任单位 | 完成时间",
    "1. 完善法规政策 | 修订条例。/推动专利条例修订。 | 法规处 | 2021-10-31",
    "^1. 完善法规政策 | 研究起草纲要 | 保护处 | 全年",
    "2. 指标 | 2 | 30% | ",
    "二、强化创造 |  |  | ",
  ]);
  assert.deepEqual(doc.blocks[3]?.loc, { sheet: "任务清单", row: 4 });
});

test("a zip that is neither Word nor Excel is refused by name", async () => {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  zip.file("readme.txt", "hello");
  const bytes = await zip.generateAsync({ type: "uint8array" });
  await assert.rejects(readDocument(bytes, "archive.zip"), {
    name: "PlanInputError",
    message: "archive.zip: is a zip archive that is neither .docx nor .xlsx",
  });
});

test("a broken workbook is reported as corrupt, naming the file", async () => {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  zip.file("xl/workbook.xml", "<workbook><sheets><sheet");
  const bytes = await zip.generateAsync({ type: "uint8array" });
  await assert.rejects(readDocument(bytes, "bad.xlsx"), {
    name: "PlanInputError",
    message: /^bad\.xlsx: is a corrupt or unreadable/,
  });
});
