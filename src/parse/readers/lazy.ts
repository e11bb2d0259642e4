// The container readers, each loaded on first use: their libraries (exceljs, mammoth, node-html-parser,
// pdfjs) take up to a second to load, and most runs read one kind of file; a .txt plan needs none of them.
import type * as Docx from "./docx.ts";
import type * as Html from "./html.ts";
import type * as Pdf from "./pdf.ts";
import type * as Xlsx from "./xlsx.ts";

export const readDocx = async (...args: Parameters<typeof Docx.readDocx>): ReturnType<typeof Docx.readDocx> =>
  (await import("./docx.ts")).readDocx(...args);
export const readHtml = async (
  ...args: Parameters<typeof Html.readHtml>
): Promise<Awaited<ReturnType<typeof Html.readHtml>>> => (await import("./html.ts")).readHtml(...args);
export const readPdf = async (...args: Parameters<typeof Pdf.readPdf>): ReturnType<typeof Pdf.readPdf> =>
  (await import("./pdf.ts")).readPdf(...args);
export const readXlsx = async (...args: Parameters<typeof Xlsx.readXlsx>): ReturnType<typeof Xlsx.readXlsx> =>
  (await import("./xlsx.ts")).readXlsx(...args);
