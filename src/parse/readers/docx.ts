// Word documents: mammoth renders the body as HTML (tables keep rowspan/colspan for vMerge and
// gridSpan), and the shared HTML walker turns that into blocks. Known gap: Word auto-numbering
// (w:numPr) becomes a plain <ol>/<li> without its rendered number ("一、", "（一）"), so numbered
// headings arrive without their numbers.
import mammoth from "mammoth";
import type { SourceDocument } from "../blocks.ts";
import { htmlToDocument } from "./html-blocks.ts";

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = await mammoth.convertToHtml(
    { buffer },
    // Images carry no plan text; inlining them as data URIs would only bloat the HTML we parse.
    { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  return htmlToDocument(result.value, "docx");
}
