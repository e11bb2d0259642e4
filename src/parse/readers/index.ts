// Routes a document's bytes to the reader for its container, decided by content (magic bytes),
// with the file name only as a tie-breaker.
import type { SourceDocument } from "../blocks.ts";
import { PlanInputError } from "../errors.ts";
import { decodeText, looksLikeText, readTextDocument } from "./text.ts";

export async function readDocument(bytes: Uint8Array, fileName: string): Promise<SourceDocument> {
  if (bytes.length === 0) throw new PlanInputError(fileName, "the file is empty");
  if (looksLikeText(bytes)) return readTextDocument(decodeText(bytes));
  throw new PlanInputError(fileName, "unsupported file type (expected .txt, .docx, .xlsx, .html or .pdf)");
}
