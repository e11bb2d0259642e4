// A small RFC 4180 CSV reader and writer for the directory's spreadsheet exchange. Excel is the other side:
// it wants a UTF-8 byte-order mark to open Chinese text, and on Chinese Windows it saves CSV as GB18030/GBK.

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function writeCsv(rows: string[][]): Buffer {
  const text = rows
    .map((row) => row.map((field) => (NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(","))
    .join("\r\n");
  return Buffer.from(`\uFEFF${text}\r\n`, "utf8");
}

/** Decodes UTF-8 (with or without BOM), falling back to GB18030 for files Excel saved on Chinese Windows. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

export class CsvSyntaxError extends Error {
  override name = "CsvSyntaxError";
}

/** Parses CSV text into records; quoted fields may hold commas, quotes ("") and line breaks. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && !fieldStarted) {
      const start = records.length + 1;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(`record ${start}: a quoted field is never closed`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      fieldStarted = true;
      continue;
    }
    if (c === ",") endField();
    else if (c === "\r" || c === "\n") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else {
      field += c;
      fieldStarted = true;
    }
    i++;
  }
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}
