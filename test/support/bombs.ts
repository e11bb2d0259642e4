// Hostile documents, generated at test time without ever holding their unpacked content in memory: each zip entry
// is deflated from a stream of repeated chunks, so a 230 MB document.xml costs a few hundred KB to make and to keep.
import { Readable } from "node:stream";
import { crc32, createDeflateRaw } from "node:zlib";

export type BombEntry = {
  name: string;
  /** The entry's content, chunk by chunk (a generator may repeat one chunk millions of times). */
  content: () => Iterable<Uint8Array>;
  /** Store instead of deflate (for entries that are archives themselves). */
  store?: boolean;
  /** Write this as the unpacked size in the central directory instead of the true one: a zip that lies. */
  declaredSize?: number;
};

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** `chunk` repeated until `totalBytes` (rounded up to whole chunks). */
export function* repeat(chunk: Uint8Array, totalBytes: number): Iterable<Uint8Array> {
  for (let n = 0; n < totalBytes; n += chunk.length) yield chunk;
}

/** A zip file (method 8 or 0, no data descriptors, no zip64) of the entries. */
export async function zipOf(entries: readonly BombEntry[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    let size = 0;
    let crc = 0;
    const counted = function* () {
      for (const chunk of entry.content()) {
        size += chunk.length;
        crc = crc32(chunk, crc);
        yield chunk;
      }
    };
    let data: Uint8Array;
    if (entry.store) data = Buffer.concat([...counted()]);
    else {
      const out: Buffer[] = [];
      for await (const piece of Readable.from(counted()).pipe(createDeflateRaw({ level: 1 })))
        out.push(piece as Buffer);
      data = Buffer.concat(out);
    }
    const name = utf8(entry.name);
    const declared = entry.declaredSize ?? size;
    const method = entry.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const once = (text: string) => () => [utf8(text)];

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx whose body is `body` (chunks of <w:p> elements) between the document's opening and closing tags. */
export function docxOf(body: () => Iterable<Uint8Array>, extra: BombEntry[] = [], declaredSize?: number) {
  return zipOf([
    { name: "[Content_Types].xml", content: once(DOCX_TYPES) },
    { name: "_rels/.rels", content: once(DOCX_RELS) },
    {
      name: "word/document.xml",
      content: function* () {
        yield utf8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`);
        yield* body();
        yield utf8("</w:body></w:document>");
      },
      ...(declaredSize === undefined ? {} : { declaredSize }),
    },
    ...extra,
  ]);
}

const PARAGRAPH = utf8("<w:p><w:r><w:t>一、加强知识产权保护</w:t></w:r></w:p>".repeat(1024));

/** ~`megabytes` MB of short paragraphs (the 650 KB file of 4 million paragraphs). */
export const paragraphBomb = (megabytes: number) => docxOf(() => repeat(PARAGRAPH, megabytes * 2 ** 20));

/** One paragraph with one run of ~`megabytes` MB of text. */
export const runBomb = (megabytes: number) =>
  docxOf(function* () {
    yield utf8("<w:p><w:r><w:t>");
    yield* repeat(utf8("任务".repeat(10_000)), megabytes * 2 ** 20);
    yield utf8("</w:t></w:r></w:p>");
  });

/** A small real .docx whose document.xml claims to unpack to `declared` bytes but inflates to ~`megabytes` MB. */
export const lyingDocx = (megabytes: number, declared: number) =>
  docxOf(() => repeat(PARAGRAPH, megabytes * 2 ** 20), [], declared);

const XLSX_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const XLSX_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** An .xlsx with one sheet of `rows` rows of three inline-string cells (名称, 类型, 上级 … as an org sheet would). */
export function xlsxRows(rows: number): Promise<Uint8Array> {
  return zipOf([
    { name: "[Content_Types].xml", content: once(XLSX_TYPES) },
    { name: "_rels/.rels", content: once(XLSX_RELS) },
    {
      name: "xl/workbook.xml",
      content: once(`<workbook ${S} ${R}><sheets><sheet name="组织机构" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      content: once(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
          'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    {
      name: "xl/worksheets/sheet1.xml",
      content: function* () {
        yield utf8(`<worksheet ${S}><sheetData>`);
        const row = (r: number) =>
          `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>单位${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>市级</t></is></c></row>`;
        for (let r = 1; r <= rows; r += 1000) {
          let chunk = "";
          for (let i = r; i < r + 1000 && i <= rows; i++) chunk += row(i);
          yield utf8(chunk);
        }
        yield utf8("</sheetData></worksheet>");
      },
    },
  ]);
}

/** A zip of `count` tiny entries (a .docx's first parts, so it is not refused for what it is before its size). */
export function manyEntries(count: number): Promise<Uint8Array> {
  const tiny = Array.from({ length: count }, (_, i) => ({
    name: `word/media/x${i}.xml`,
    content: once("<a/>"),
    store: true,
  }));
  return docxOf(() => [utf8("<w:p><w:r><w:t>一、任务</w:t></w:r></w:p>")], tiny);
}

/** A zip holding a zip holding a zip … `depth` deep, the innermost a paragraph bomb; and `width` such at each level. */
export async function nestedZips(depth: number, width = 1): Promise<Uint8Array> {
  let inner = await paragraphBomb(4);
  for (let level = 0; level < depth; level++) {
    const bytes = inner;
    inner = await zipOf(
      Array.from({ length: width }, (_, i) => ({ name: `part${level}-${i}.zip`, content: () => [bytes], store: true })),
    );
  }
  return inner;
}

/** A .docx with `count` embedded workbooks (each a tiny zip) beside a one-task body. */
export async function docxWithEmbeddedArchives(count: number): Promise<Uint8Array> {
  const tiny = await zipOf([{ name: "a.txt", content: once("x") }]);
  const embedded = Array.from({ length: count }, (_, i) => ({
    name: `word/embeddings/Microsoft_Excel_Worksheet${i}.xlsx`,
    content: () => [tiny],
    store: true,
  }));
  return docxOf(() => [utf8("<w:p><w:r><w:t>一、任务</w:t></w:r></w:p>")], embedded);
}

/** A PDF of `pages` pages, each showing one line of text from one shared content stream. */
export function pdfPages(pages: number): Uint8Array {
  const content = "BT /F1 12 Tf 72 720 Td (1. Task) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "", // the page tree, written once the kids are known
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  const kids: string[] = [];
  for (let p = 0; p < pages; p++) {
    kids.push(`${objects.length + 1} 0 R`);
    objects.push(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    );
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages} >>`;
  const chunks: string[] = ["%PDF-1.4\n"];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const text = `${i + 1} 0 obj\n${object}\nendobj\n`;
    chunks.push(text);
    length += text.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const offset of offsets) xref.push(`${String(offset).padStart(10, "0")} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return utf8(chunks.join("") + xref.join(""));
}
