import assert from "node:assert/strict";
import { test } from "node:test";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from "docx";
import { readDocument } from "./index.ts";
import { show } from "./test-helpers.ts";

const cell = (paragraphs: string[], options: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ children: paragraphs.map((p) => new Paragraph(p)), ...options });

async function taskTableDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph("2021年知识产权工作任务清单"),
          new Table({
            rows: [
              new TableRow({ children: [cell(["任务清单"]), cell(["落实举措"]), cell(["责任单位"])] }),
              new TableRow({ children: [cell(["一、加强顶层设计"], { columnSpan: 3 })] }),
              new TableRow({
                children: [
                  cell(["1. 完善法规政策"], { verticalMerge: VerticalMergeType.RESTART }),
                  cell(["修订条例。", "推动专利条例修订。"]),
                  cell(["法规处"]),
                ],
              }),
              new TableRow({
                children: [
                  cell([], { verticalMerge: VerticalMergeType.CONTINUE }),
                  cell(["研究起草纲要。"]),
                  new TableCell({
                    children: [
                      new Paragraph({ children: [new TextRun("保护处"), new TextRun({ text: "运用处", break: 1 })] }),
                    ],
                  }),
                ],
              }),
            ],
          }),
          new Paragraph("各市要结合实际抓好落实。"),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

test("a Word task table keeps merges, cell paragraphs and line breaks", async () => {
  const doc = await readDocument(await taskTableDocx(), "plan.docx");
  assert.equal(doc.format, "docx");
  assert.deepEqual(show(doc.blocks), [
    "2021年知识产权工作任务清单",
    "任务清单 | 落实举措 | 责任单位",
    "一、加强顶层设计 |  | ",
    "1. 完善法规政策 | 修订条例。/推动专利条例修订。 | 法规处",
    "^1. 完善法规政策 | 研究起草纲要。 | 保护处\n运用处",
    "各市要结合实际抓好落实。",
  ]);
  assert.deepEqual(
    doc.blocks.map((b) => b.loc),
    [
      { paragraph: 1 },
      { table: 1, row: 1 },
      { table: 1, row: 2 },
      { table: 1, row: 3 },
      { table: 1, row: 4 },
      { paragraph: 2 },
    ],
  );
});

test("the file name does not matter: a .docx renamed to .pdf still reads as Word", async () => {
  const doc = await readDocument(await taskTableDocx(), "renamed.pdf");
  assert.equal(doc.format, "docx");
});

test("a truncated .docx is reported as corrupt, naming the file", async () => {
  const bytes = await taskTableDocx();
  await assert.rejects(readDocument(bytes.subarray(0, bytes.length >> 1), "broken.docx"), {
    name: "PlanInputError",
    message: /^broken\.docx: is a corrupt or unreadable zip file/,
  });
});
