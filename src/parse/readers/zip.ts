// Peeks inside a zip container to tell a Word document from a workbook.
import JSZip from "jszip";

export type ZipKind = "docx" | "xlsx" | "both" | "other";

export async function zipKind(bytes: Uint8Array): Promise<ZipKind> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  const has = (name: string) => zip.file(name) !== null;
  const docx = has("word/document.xml");
  const xlsx = has("xl/workbook.xml");
  if (docx && xlsx) return "both";
  if (docx) return "docx";
  if (xlsx) return "xlsx";
  return "other";
}
