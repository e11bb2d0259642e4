// Word documents: mammoth renders the body as HTML (tables keep rowspan/colspan for vMerge and
// gridSpan), and the shared HTML walker turns that into blocks. Word auto-numbering (w:numPr), which
// mammoth renders as a bare <ol>/<li>, is first written into the paragraphs as text ("一、", "（一）").
import mammoth from "mammoth";
import type { SourceDocument } from "../blocks.ts";
import { inlineNumbering } from "./docx-numbering.ts";
import { htmlToDocument } from "./html-blocks.ts";
import { countTags, type ReadBudget } from "./limits.ts";
import type { ZipArchive } from "./zip.ts";

export async function readDocx(zip: ZipArchive, budget: ReadBudget): Promise<SourceDocument> {
  const body = zip.read("word/document.xml");
  if (body) budget.cap("paragraphs", countTags(body, "p"));
  // Only the XML parts reach mammoth: images, embedded objects and fonts carry no plan text, and are never inflated.
  const clean = await zip.repack((entry) => /\.(xml|rels)$/i.test(entry.name));
  budget.checkTime("unpacking");
  const numbered = await inlineNumbering(clean);
  const buffer = Buffer.from(numbered.buffer, numbered.byteOffset, numbered.byteLength);
  const result = await mammoth.convertToHtml(
    { buffer },
    // Images carry no plan text; inlining them as data URIs would only bloat the HTML we parse.
    { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  budget.checkTime("converting");
  return htmlToDocument(result.value, "docx");
}
