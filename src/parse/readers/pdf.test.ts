import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readDocument } from "./index.ts";
import { show } from "./test-helpers.ts";

const formats = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "formats");
const fixture = (name: string) => new Uint8Array(readFileSync(join(formats, name)));
const squash = (rows: string[]) => rows.map((r) => r.replace(/\s+/g, ""));

/** A one-page PDF whose page draws a rectangle and no text, with a correct cross-reference table. */
function pdfWithoutText(): Uint8Array {
  const content = "0 0 m 100 100 l S";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

test("a task table printed to PDF reads like the same table in Word (ignoring spacing)", async () => {
  const word = await readDocument(fixture("sd-2021-provincial-task-list.docx"), "plan.docx");
  const pdf = await readDocument(fixture("sd-2021-provincial-task-list.pdf"), "plan.pdf");
  assert.equal(pdf.format, "pdf");
  const rows = (blocks: typeof pdf.blocks) => squash(show(blocks.filter((b) => b.kind === "row")));
  assert.deepEqual(rows(pdf.blocks), rows(word.blocks));
  assert.deepEqual(
    show(pdf.blocks.filter((b) => b.kind === "paragraph")),
    show(word.blocks.filter((b) => b.kind === "paragraph")),
  );
  // Tables keep Word's numbering across page breaks, and each row records its page.
  const tableOf = (blocks: typeof pdf.blocks) => blocks.flatMap((b) => (b.kind === "row" ? [b.loc.table] : []));
  assert.deepEqual(tableOf(pdf.blocks), tableOf(word.blocks));
  const locs = pdf.blocks.flatMap((b) => (b.kind === "row" ? [b.loc] : []));
  assert.ok(locs.every((loc) => typeof loc.page === "number"));
  assert.deepEqual(locs[0], { page: 1, table: 1, row: 1 });
  assert.ok((locs.at(-1)?.page ?? 0) > 1);
});

test("paragraphs of a plain PDF are rebuilt from wrapped lines", async () => {
  const word = await readDocument(fixture("sd-14th-fyp-ip-plan.pdf"), "plan.pdf");
  const paragraphs = show(word.blocks);
  assert.ok(paragraphs.length >= 25);
  assert.ok(
    paragraphs.some(
      (p) => p.startsWith("为深入贯彻党中央、国务院关于加强知识产权工作的决策部署") && p.endsWith("制定本规划。"),
    ),
  );
});

test("a PDF without a text layer asks for OCR, naming the file", async () => {
  await assert.rejects(readDocument(pdfWithoutText(), "scan.pdf"), {
    name: "PlanInputError",
    message: "scan.pdf: has no text layer (a scanned document?): run OCR or use the original .docx",
  });
});

test("a broken PDF is reported as corrupt, naming the file", async () => {
  await assert.rejects(readDocument(new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type"), "cut.pdf"), {
    name: "PlanInputError",
    message: /^cut\.pdf: is a corrupt or unreadable PDF file/,
  });
});

test("a truncated real PDF never hangs or crashes", async () => {
  const bytes = fixture("sd-2021-provincial-task-list.pdf");
  try {
    const doc = await readDocument(bytes.subarray(0, Math.floor(bytes.length / 3)), "half.pdf");
    assert.equal(doc.format, "pdf"); // pdfjs may recover the pages it still has
  } catch (error) {
    assert.match(String(error), /half\.pdf: /);
  }
});
