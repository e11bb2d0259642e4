// Word documents: mammoth renders the body as HTML (tables keep rowspan/colspan for vMerge and
// gridSpan), and the shared HTML walker turns that into blocks. Word auto-numbering (w:numPr), which
// mammoth renders as a bare <ol>/<li>, is first written into the paragraphs as text ("一、", "（一）").
import mammoth from "mammoth";
import type { SourceDocument } from "../blocks.ts";
import { inlineNumbering } from "./docx-numbering.ts";
import { htmlToDocument } from "./html-blocks.ts";

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  const numbered = await inlineNumbering(bytes);
  const buffer = Buffer.from(numbered.buffer, numbered.byteOffset, numbered.byteLength);
  const result = await mammoth.convertToHtml(
    { buffer },
    // Images carry no plan text; inlining them as data URIs would only bloat the HTML we parse.
    { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  return htmlToDocument(result.value, "docx");
}
