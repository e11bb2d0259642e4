// Routes a document's bytes to the reader for its container, decided by content (magic bytes),
// with the file name only as a tie-breaker. Every failure to read becomes a PlanInputError that
// names the file, so the CLI prints one line instead of a stack trace.
import type { SourceDocument } from "../blocks.ts";
import { PlanInputError } from "../errors.ts";
import { readDocx, readHtml, readPdf, readXlsx } from "./lazy.ts";
import { DOCUMENT_LIMITS, type DocumentLimits, ReadBudget } from "./limits.ts";
import { sniffContainer } from "./sniff.ts";
import { decodeText, readTextDocument } from "./text.ts";
import { ZipArchive } from "./zip.ts";

export async function readDocument(
  bytes: Uint8Array,
  fileName: string,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<SourceDocument> {
  if (bytes.length === 0) throw new PlanInputError(fileName, "the file is empty");
  const budget = new ReadBudget(fileName, limits);
  const fail = (problem: string): never => {
    throw new PlanInputError(fileName, problem);
  };
  switch (sniffContainer(bytes, fileName)) {
    case "zip":
      return readZip(bytes, budget);
    case "pdf":
      return guard(fileName, "PDF", () => readPdf(bytes, budget));
    case "html":
      return capBlocks(await guard(fileName, "HTML", async () => readHtml(bytes)), budget);
    case "text":
      return capBlocks(readTextDocument(decodeText(bytes)), budget);
    case "ole":
      return fail(
        "is a legacy Office file (.doc, .wps, .xls or .et) or a password-protected one; " +
          "open it in Word/WPS/Excel and save it as .docx or .xlsx without a password",
      );
    case "rtf":
      return fail("is an RTF file; open it in Word/WPS and save it as .docx");
    case "image":
      return fail("is an image; a scanned plan needs OCR first; upload the original .docx/.pdf");
    case "unknown":
      return fail("unsupported file type (expected .txt, .docx, .xlsx, .html or .pdf)");
  }
}

async function readZip(bytes: Uint8Array, budget: ReadBudget): Promise<SourceDocument> {
  const { fileName } = budget;
  const zip = ZipArchive.open(bytes, budget);
  const kind = zip.kind();
  const preferXlsx = /\.(xlsx|xlsm|et)$/i.test(fileName);
  if (kind === "docx" || (kind === "both" && !preferXlsx)) return guard(fileName, "Word", () => readDocx(zip, budget));
  if (kind === "xlsx" || kind === "both") return guard(fileName, "Excel", () => readXlsx(zip, budget));
  throw new PlanInputError(fileName, "is a zip archive that is neither .docx nor .xlsx");
}

/** Text and HTML are read whole (they are no larger than the upload); what comes out is capped. */
function capBlocks(doc: SourceDocument, budget: ReadBudget): SourceDocument {
  budget.cap("paragraphs", doc.blocks.length);
  return doc;
}

/** Any error from a third-party parser means the container is damaged (or not what it claims). */
async function guard<T>(fileName: string, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PlanInputError) throw error;
    const reason = error instanceof Error ? error.message.split("\n")[0]?.slice(0, 120) : String(error);
    throw new PlanInputError(fileName, `is a corrupt or unreadable ${what} file (${reason})`);
  }
}
