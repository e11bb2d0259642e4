// PDF plans: pdfjs gives positioned text and drawing operators per page; pdf-layout rebuilds
// paragraphs and ruled tables from them.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceDocument } from "../blocks.ts";
import { PlanInputError } from "../errors.ts";
import { unifyRadicals } from "../normalize/text.ts";
import type { ReadBudget } from "./limits.ts";
import { extractRulings } from "./pdf-geometry.ts";
import { layoutPages, type PageContent } from "./pdf-layout.ts";
import type { Fragment } from "./pdf-text.ts";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

// pdfjs is large; load it only when a PDF actually arrives.
let pdfjsModule: Promise<PdfJs> | undefined;
const loadPdfJs = (): Promise<PdfJs> => {
  pdfjsModule ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsModule;
};

// Chinese PDFs often use predefined CMaps (UniGB-UCS2-H) and the 14 standard fonts; pdfjs reads
// both from its package directory.
const pdfjsDir = join(dirname(fileURLToPath(import.meta.resolve("pdfjs-dist/package.json"))), "/");

export async function readPdf(bytes: Uint8Array, budget: ReadBudget): Promise<SourceDocument> {
  const { fileName } = budget;
  // pdfjs takes seconds (and, the first time, ~200 MB) just to open a file of 100,000 pages; the page objects a
  // file shows uncompressed are counted first. Those inside compressed object streams are counted after opening.
  budget.cap("pdfPages", visiblePageObjects(bytes));
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdfjs transfers (detaches) the buffer it is given; hand it a copy so the caller's bytes survive.
    data: new Uint8Array(bytes),
    cMapUrl: join(pdfjsDir, "cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsDir, "standard_fonts/"),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    if (error instanceof Error && error.name === "PasswordException") {
      throw new PlanInputError(
        fileName,
        "is a password-protected PDF; remove the password (or print it to a new PDF) and try again",
      );
    }
    throw error;
  }
  try {
    budget.cap("pdfPages", doc.numPages);
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      budget.checkTime(`reading page ${n} of ${doc.numPages}`);
      const page = await doc.getPage(n);
      const text = await page.getTextContent();
      const fragments: Fragment[] = [];
      for (const item of text.items) {
        if (!("str" in item) || item.str === "") continue;
        const [a, b, , , e, f] = item.transform as number[];
        const size = Math.hypot(a ?? 0, b ?? 0) || item.height;
        fragments.push({ str: unifyRadicals(item.str), x: e ?? 0, y: f ?? 0, width: item.width, size });
      }
      const operators = await page.getOperatorList();
      const rulings = extractRulings(operators.fnArray, operators.argsArray, pdfjs.OPS);
      pages.push({ page: n, fragments, rulings });
      page.cleanup();
    }
    if (!pages.some((p) => p.fragments.some((f) => f.str.trim() !== ""))) {
      throw new PlanInputError(fileName, "has no text layer (a scanned document?): run OCR or use the original .docx");
    }
    return { format: "pdf", blocks: layoutPages(pages) };
  } finally {
    await doc.destroy();
  }
}

/** How many `/Type /Page` dictionaries appear in the file's uncompressed bytes. */
function visiblePageObjects(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let n = 0;
  for (const _ of text.matchAll(/\/Type\s*\/Page(?![A-Za-z0-9])/g)) n++;
  return n;
}
