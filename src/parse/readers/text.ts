// Plain-text plans: decoding (UTF-8 with or without BOM, UTF-16, GB18030/GBK) and the tab-separated
// layout that copies of Word tables take, where a line with tabs is a table row and "<p>…</p>"
// marks paragraphs inside a cell.
import type { Block, Cell, SourceDocument } from "../blocks.ts";
import { joinWrappedRows } from "./text-rows.ts";

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const utf8 = (bytes: Uint8Array): string => new TextDecoder("utf-8").decode(bytes);

/** UTF-16 without a BOM shows as many NUL bytes on one side of each pair (ASCII, line breaks). */
function sniffUtf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.2 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.2 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

/** True when the bytes look like text rather than a binary container. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (sniffUtf16WithoutBom(head) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return true;
  }
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  return control <= head.length * 0.01;
}

export function cellFromMarkup(raw: string): Cell {
  const paragraphs = raw.includes("<p>")
    ? [...raw.matchAll(/<p>([\s\S]*?)(?:<\/p>|$)/g)].map((m) => m[1] ?? "")
    : [raw.replace(/<\/?p>/g, "")];
  return { paragraphs: paragraphs.map((p) => p.trim()).filter((p) => p.length > 0) };
}

export function readTextDocument(text: string): SourceDocument {
  const blocks: Block[] = [];
  const lines = joinWrappedRows(text.replace(/\r\n?/g, "\n").split("\n"));
  for (const { text: line, line: number } of lines) {
    const loc = { line: number };
    if (line.includes("\t")) {
      const cells = line.split("\t").map(cellFromMarkup);
      if (cells.some((c) => c.paragraphs.length > 0)) blocks.push({ kind: "row", cells, loc });
      continue;
    }
    const plain = line.replace(/<\/?p>/g, "").trim();
    if (plain) blocks.push({ kind: "paragraph", text: plain, loc });
  }
  return { format: "txt", blocks };
}
