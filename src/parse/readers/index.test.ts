import assert from "node:assert/strict";
import { test } from "node:test";
import { readDocument } from "./index.ts";
import { show } from "./test-helpers.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

const refused = (data: Uint8Array, file: string, problem: RegExp) =>
  assert.rejects(readDocument(data, file), (error: Error) => {
    assert.equal(error.name, "PlanInputError");
    assert.ok(error.message.startsWith(`${file}: `), error.message);
    assert.match(error.message, problem);
    return true;
  });

test("an empty file is refused", () => refused(new Uint8Array(), "empty.docx", /the file is empty/));

test("a legacy .doc (OLE compound file) asks to be saved as .docx", () =>
  refused(
    bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(504).fill(0)),
    "old.doc",
    /legacy.*\.docx/,
  ));

test("RTF asks to be saved as .docx", () => refused(bytes("{\\rtf1\\ansi 任务}"), "plan.rtf", /RTF.*\.docx/));

test("an image says it needs OCR", async () => {
  await refused(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Array(64).fill(0)), "scan.png", /OCR/);
  await refused(bytes([0xff, 0xd8, 0xff, 0xe0], new Array(64).fill(0)), "scan.docx", /OCR/);
});

test("a truncated zip is corrupt, not a crash", () =>
  refused(bytes([0x50, 0x4b, 0x03, 0x04], new Array(40).fill(7)), "cut.xlsx", /corrupt or unreadable/));

test("binary junk is an unsupported type", () =>
  refused(bytes(Array.from({ length: 256 }, (_, i) => i)), "junk.bin", /unsupported file type/));

test("text decodes from UTF-8, UTF-8 with BOM, UTF-16LE and GB18030", async () => {
  const text = "任务清单\t落实举措\n一、总体要求\n";
  const utf16le = [0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
  // The same text in GB18030, written out by hand since TextEncoder only encodes UTF-8.
  const gb = [
    [0xc8, 0xce, 0xce, 0xf1, 0xc7, 0xe5, 0xb5, 0xa5],
    [0x09],
    [0xc2, 0xe4, 0xca, 0xb5, 0xbe, 0xd9, 0xb4, 0xeb],
    [0x0a],
    [0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xd2, 0xaa, 0xc7, 0xf3],
    [0x0a],
  ].flat();
  for (const data of [bytes(text), bytes([0xef, 0xbb, 0xbf], text), bytes(utf16le), bytes(gb)]) {
    const doc = await readDocument(data, "plan.txt");
    assert.equal(doc.format, "txt");
    assert.deepEqual(show(doc.blocks), ["任务清单 | 落实举措", "一、总体要求"]);
  }
});

test("HTML is recognized by content even under a .txt or .doc name", async () => {
  const doc = await readDocument(bytes("\ufeff  <!DOCTYPE html><p>一、总体要求</p>"), "saved-as.doc");
  assert.equal(doc.format, "html");
  assert.deepEqual(show(doc.blocks), ["一、总体要求"]);
});
