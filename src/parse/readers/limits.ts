// How large a document the readers accept. A hostile upload (a zip bomb, a million rows, a hundred thousand pages)
// is refused with a PlanLimitError naming the limit before it can exhaust memory or time; real plans are far
// below every one of these (the largest seed: 90 paragraphs of tasks, 14 pages). The README's "Document
// limits" table lists them; keep the two in step.
import { PlanLimitError } from "../errors.ts";

export type DocumentLimits = {
  /** Entries in a .docx/.xlsx package (a Word document has ~20, a workbook ~10 plus one per sheet). */
  zipEntries: number;
  /** Sum of every entry's unpacked size, as the central directory declares it and as inflated. */
  unpackedBytes: number;
  /** Unpacked size of one part (document.xml, a worksheet, sharedStrings.xml). */
  partBytes: number;
  /** Archives packed inside the package (embedded workbooks, zips); they are never opened. */
  nestedArchives: number;
  /** Paragraphs in a Word document; paragraphs and table rows in a text or HTML document. */
  paragraphs: number;
  /** Rows in one worksheet. */
  rows: number;
  /** Worksheets in a workbook. */
  sheets: number;
  /** Cells of a workbook: those written in its sheets, and the grid the reader walks (rows × columns). */
  cells: number;
  /** Pages of a PDF. */
  pdfPages: number;
  /** Wall-clock time for reading one document (checked between pages, sheets and parts). */
  parseMs: number;
};

const MB = 1024 * 1024;

export const DOCUMENT_LIMITS: Readonly<DocumentLimits> = Object.freeze({
  zipEntries: 1_000,
  unpackedBytes: 100 * MB,
  partBytes: 32 * MB,
  nestedArchives: 16,
  paragraphs: 100_000,
  rows: 20_000,
  sheets: 100,
  cells: 500_000,
  pdfPages: 1_000,
  parseMs: 60_000,
});

const LABELS: Record<keyof DocumentLimits, string> = {
  zipEntries: "zip entries",
  unpackedBytes: "unpacked size",
  partBytes: "unpacked size of one part",
  nestedArchives: "nested archives",
  paragraphs: "paragraphs",
  rows: "rows per sheet",
  sheets: "sheets",
  cells: "cells",
  pdfPages: "PDF pages",
  parseMs: "parse time",
};

// The web app shows a refusal as it comes; its readers are Chinese.
const LABELS_ZH: Record<keyof DocumentLimits, string> = {
  zipEntries: "压缩包条目数",
  unpackedBytes: "解压后大小",
  partBytes: "单个部件解压后大小",
  nestedArchives: "内嵌压缩包数",
  paragraphs: "段落数",
  rows: "每个工作表的行数",
  sheets: "工作表数",
  cells: "单元格数",
  pdfPages: "PDF 页数",
  parseMs: "解析时间",
};

/** The refusal's words in both languages, for a limit the readers or the parsing workers enforce. */
export function limitProblem(label: string, labelZh: string, atMost: string, found: string | null): string {
  return (
    `exceeds the limit on ${label}: at most ${atMost}${found === null ? "" : `, found ${found}`}; ` +
    `split the document or remove what the plan does not need（超出文档限制「${labelZh}」：最多 ${atMost}，请拆分文档或删去计划不需要的内容）`
  );
}

const count = (n: number): string => n.toLocaleString("en-US");

export const formatMs = (ms: number): string => (ms % 1000 === 0 ? `${count(ms / 1000)} s` : `${count(ms)} ms`);

export function formatLimit(key: keyof DocumentLimits, value: number): string {
  if (key === "unpackedBytes" || key === "partBytes") return `${count(Math.round(value / MB))} MB`;
  if (key === "parseMs") return formatMs(value);
  return count(value);
}

/**
 * The refusal for a document over a limit: "exceeds the limit on PDF pages: at most 1,000, found 20,000". `found`
 * is what the reader saw, or how far it got before it stopped.
 */
export function overLimit(
  fileName: string,
  limits: DocumentLimits,
  key: keyof DocumentLimits,
  found: string,
): PlanLimitError {
  const label = LABELS[key];
  return new PlanLimitError(fileName, label, limitProblem(label, LABELS_ZH[key], formatLimit(key, limits[key]), found));
}

/** Limits plus the clock for one document: readers call check() between units of work. */
export class ReadBudget {
  private readonly deadline: number;
  constructor(
    readonly fileName: string,
    readonly limits: DocumentLimits = DOCUMENT_LIMITS,
  ) {
    this.deadline = Date.now() + limits.parseMs;
  }

  /**
   * Throws when `actual` is over the limit `key`; `what` says what was found (made only then: number
   * formatting's first call loads the locale data, tens of milliseconds a parse need not spend).
   */
  cap(key: Exclude<keyof DocumentLimits, "parseMs">, actual: number, what?: () => string): void {
    if (actual > this.limits[key]) throw overLimit(this.fileName, this.limits, key, what ? what() : count(actual));
  }

  /** Throws once the document has taken longer than the parse-time limit. */
  checkTime(stage: string): void {
    if (Date.now() > this.deadline) throw overLimit(this.fileName, this.limits, "parseMs", `still ${stage}`);
  }
}

/** Counts XML start tags with a local name (any prefix): `<w:p>`, `<w:p w:rsidR="…">`, `<row r="3">`, `<x:c/>`. */
export function countTags(xml: Uint8Array, localName: string): number {
  const name = new TextEncoder().encode(localName);
  let n = 0;
  for (let i = xml.indexOf(0x3c); i >= 0; i = xml.indexOf(0x3c, i + 1)) {
    let j = i + 1;
    // An optional prefix: letters, digits, '_', '-', '.', then ':'.
    let k = j;
    while (k < xml.length && isNameByte(xml[k] as number)) k++;
    if (xml[k] === 0x3a) j = k + 1;
    if (!name.every((b, o) => xml[j + o] === b)) continue;
    const after = xml[j + name.length];
    if (after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d || after === 0x3e || after === 0x2f) n++;
  }
  return n;
}

const isNameByte = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) ||
  (b >= 0x41 && b <= 0x5a) ||
  (b >= 0x61 && b <= 0x7a) ||
  b === 0x5f ||
  b === 0x2d ||
  b === 0x2e;
