// Document limits: each hostile shape is refused with a PlanLimitError naming its limit, before the work it would
// cost; real documents (images, embedded parts, several sheets) still read.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Document, ImageRun, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import {
  docxOf,
  docxWithEmbeddedArchives,
  lyingDocx,
  manyEntries,
  paragraphBomb,
  pdfPages,
  runBomb,
  utf8,
  xlsxRows,
} from "../../../test/support/bombs.ts";
import { PlanLimitError } from "../errors.ts";
import { readDocument } from "./index.ts";
import { DOCUMENT_LIMITS, type DocumentLimits } from "./limits.ts";

const limits = (overrides: Partial<DocumentLimits>): DocumentLimits => ({ ...DOCUMENT_LIMITS, ...overrides });

async function refusedFor(
  bytes: Uint8Array,
  file: string,
  limit: string,
  options: { limits?: DocumentLimits; withinMs?: number } = {},
): Promise<void> {
  const started = Date.now();
  await assert.rejects(readDocument(bytes, file, options.limits), (error: Error) => {
    assert.ok(error instanceof PlanLimitError, `expected a PlanLimitError, got ${error.name}: ${error.message}`);
    assert.equal(error.limit, limit);
    assert.ok(error.message.startsWith(`${file}: exceeds the limit on ${limit}: at most `), error.message);
    return true;
  });
  const ms = Date.now() - started;
  assert.ok(ms < (options.withinMs ?? 2_000), `refused after ${ms} ms`);
}

const paragraphs = (n: number) => () => [utf8("<w:p><w:r><w:t>一、任务</w:t></w:r></w:p>".repeat(n))];

test("a document.xml of 230 MB is refused from the zip directory, before inflating", async () =>
  refusedFor(await paragraphBomb(230), "bomb.docx", "unpacked size"));

test("one part larger than the part limit is refused by its declared size", async () =>
  refusedFor(await runBomb(40), "run.docx", "unpacked size of one part"));

test("an entry that unpacks to more than it declares is cut off at the declared size", async () => {
  const started = Date.now();
  await assert.rejects(readDocument(await lyingDocx(50, 4_096), "liar.docx"), /does not unpack to its declared 4096/);
  assert.ok(Date.now() - started < 5_000);
});

test("too many zip entries", async () => refusedFor(await manyEntries(10_000), "many.docx", "zip entries"));

test("too many archives inside the package", async () =>
  refusedFor(await docxWithEmbeddedArchives(17), "nested.docx", "nested archives"));

test("too many paragraphs in a Word document", async () =>
  refusedFor(await docxOf(paragraphs(11)), "long.docx", "paragraphs", { limits: limits({ paragraphs: 10 }) }));

test("at the paragraph limit a Word document still reads", async () => {
  const doc = await readDocument(await docxOf(paragraphs(10)), "ok.docx", limits({ paragraphs: 10 }));
  assert.equal(doc.blocks.length, 10);
});

test("too many rows in a worksheet, counted in its XML", async () =>
  refusedFor(await xlsxRows(21), "rows.xlsx", "rows per sheet", { limits: limits({ rows: 20 }) }));

test("a sheet whose used range is huge though it holds two cells", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("任务");
  sheet.getCell("A1").value = "任务";
  sheet.getCell("ZZ5000").value = "x";
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  await refusedFor(bytes, "sparse.xlsx", "cells");
});

test("too many sheets", async () => {
  const workbook = new ExcelJS.Workbook();
  for (const name of ["一", "二", "三"]) workbook.addWorksheet(name).addRow(["任务"]);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  await refusedFor(bytes, "sheets.xlsx", "sheets", { limits: limits({ sheets: 2 }) });
});

test("a PDF of 20,000 pages is refused before pdfjs opens it", async () =>
  refusedFor(pdfPages(20_000), "pages.pdf", "PDF pages", { withinMs: 1_000 }));

test("a PDF over a lower page limit", async () =>
  refusedFor(pdfPages(4), "four.pdf", "PDF pages", { limits: limits({ pdfPages: 3 }) }));

test("too many lines of text", async () =>
  refusedFor(utf8("一、任务\n".repeat(11)), "long.txt", "paragraphs", { limits: limits({ paragraphs: 10 }) }));

test("reading stops once it has taken longer than the parse-time limit", async () =>
  refusedFor(await xlsxRows(5), "slow.xlsx", "parse time", { limits: limits({ parseMs: -1 }) }));

test("a Word document with an image still reads (the image is never unpacked)", async () => {
  // A 1×1 PNG.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph("一、加强保护"),
          new Paragraph({
            children: [new ImageRun({ type: "png", data: png, transformation: { width: 10, height: 10 } })],
          }),
          new Paragraph("1. 完善制度。"),
        ],
      },
    ],
  });
  const read = await readDocument(new Uint8Array(await Packer.toBuffer(doc)), "image.docx");
  const texts = read.blocks.map((b) => (b.kind === "paragraph" ? b.text : ""));
  assert.deepEqual(texts, ["一、加强保护", "1. 完善制度。"]);
});
