// Regenerates test/fixtures/formats/ from the plain-text seeds: the same plan as Word (.docx), Excel (.xlsx),
// web page (.html) and PDF, laid out the way people actually make these documents (one Word table with merged
// cells, not a tab-separated copy), so test/formats.test.ts can check every reader yields the same plan.
//
//   npm run fixtures
//
// PDFs need LibreOffice (soffice) on PATH; without it the committed PDFs are kept as they are.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from "docx";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import JSZip from "jszip";
import type { Block, RowBlock } from "../src/parse/blocks.ts";
import { readTextDocument } from "../src/parse/readers/text.ts";

const root = join(import.meta.dirname, "..");
const seedsDir = join(root, "test", "fixtures", "seeds");
const outDir = join(root, "test", "fixtures", "formats");

/** Seeds written as prose (numbered paragraphs, no task table): they also get a plain paragraphs-only .docx. */
const PROSE_SEEDS = new Set(["sd-14th-fyp-ip-plan", "sd-2023-2025-protection-plan", "taishan-2022-2025-county-plan"]);
/** Seeds whose task table is also published as a spreadsheet. */
const TABLE_SEEDS = new Set(["cnipa-2021-national-task-list", "sd-2021-provincial-task-list"]);
/** Provincial sites still serve GBK pages; one fixture keeps the readers honest about it. */
const GBK_HTML_SEED = "sd-2021-provincial-task-list";

// Fixed so that regenerating unchanged seeds does not churn the committed binaries more than the tools force.
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");
/** `npm run fixtures -- --force` rewrites every file, PDFs included, even where nothing changed. */
const FORCE = process.argv.includes("--force");

// ---------------------------------------------------------------------------------------------------------------
// The layout shared by every container: paragraphs and tables whose cells know their merges.

type Anchor = { kind: "anchor"; paragraphs: string[]; rowSpan: number; colSpan: number };
/** A grid position covered by a merge: "down" from a cell above (vertical), "right" from a cell to the left. */
type Covered = { kind: "covered"; by: "down" | "right" };
type GridCell = Anchor | Covered;
type GridTable = { kind: "table"; columns: number; header: boolean; rows: GridCell[][] };
type ParagraphSegment = { kind: "paragraph"; text: string; line: number; blankBefore: boolean };
type Segment = ParagraphSegment | GridTable;

const SECTION_HEADING = /^[一二三四五六七八九十]+、/;
const cellParagraphs = (row: RowBlock, i: number): string[] => row.cells[i]?.paragraphs ?? [];
const cellKey = (paragraphs: string[]): string => paragraphs.join("\n");
const isEmpty = (row: RowBlock, i: number): boolean => cellParagraphs(row, i).length === 0;

function isSectionRow(row: RowBlock): boolean {
  const first = cellKey(cellParagraphs(row, 0));
  return SECTION_HEADING.test(first) && row.cells.slice(1).every((c) => c.paragraphs.length === 0);
}

/** A column-label row (任务清单 / 落实举措 / 责任单位 / 完成时间): short labels only, no task text. */
function isHeaderRow(row: RowBlock): boolean {
  const labels = row.cells.map((c) => cellKey(c.paragraphs));
  return (
    labels.every((l) => l.length > 0 && l.length <= 10) && /任务|举措|措施|单位|部门|时间|时限/.test(labels.join(""))
  );
}

function sameRow(a: RowBlock, b: RowBlock): boolean {
  const n = Math.max(a.cells.length, b.cells.length);
  for (let i = 0; i < n; i++) if (cellKey(cellParagraphs(a, i)) !== cellKey(cellParagraphs(b, i))) return false;
  return true;
}

/**
 * One table for a run of row lines. The seeds are copies of PDFs, so a page break shows as a blank line and a
 * repeated header row; in the Word original that is one table whose header row repeats by itself, so the
 * repeats are dropped and the first row is marked as the header.
 */
function buildTable(run: RowBlock[]): GridTable {
  const first = run[0];
  if (!first) throw new Error("empty table run");
  const header = isHeaderRow(first);
  const rows = header ? [first, ...run.slice(1).filter((r) => !sameRow(r, first))] : run;
  const columns = Math.max(...rows.map((r) => r.cells.length));
  const grid: GridCell[][] = rows.map((row) =>
    Array.from(
      { length: columns },
      (_, i): GridCell => ({
        kind: "anchor",
        paragraphs: cellParagraphs(row, i),
        rowSpan: 1,
        colSpan: 1,
      }),
    ),
  );
  const anchorAt = (r: number, c: number): Anchor => {
    const cell = grid[r]?.[c];
    if (cell?.kind !== "anchor") throw new Error(`no anchor at ${r},${c}`);
    return cell;
  };
  const cover = (r: number, c: number, by: Covered["by"]): void => {
    const row = grid[r];
    if (row) row[c] = { kind: "covered", by };
  };

  // A section heading ("一、…" with the other cells empty) is typed once across the whole width.
  rows.forEach((row, r) => {
    if (header && r === 0) return;
    if (!isSectionRow(row)) return;
    anchorAt(r, 0).colSpan = columns;
    for (let c = 1; c < columns; c++) cover(r, c, "right");
  });

  // A task's rows: its first row names it, the rows after it leave the first cell empty. Its name cell is merged
  // down over them, and a units/deadline cell is merged where the task's consecutive rows repeat the same text.
  let r = header ? 1 : 0;
  while (r < rows.length) {
    const row = rows[r];
    if (!row || isSectionRow(row) || isEmpty(row, 0)) {
      r++;
      continue;
    }
    let end = r + 1;
    while (end < rows.length) {
      const next = rows[end];
      if (!next || !isEmpty(next, 0) || isSectionRow(next)) break;
      end++;
    }
    if (end - r > 1) {
      anchorAt(r, 0).rowSpan = end - r;
      for (let k = r + 1; k < end; k++) cover(k, 0, "down");
    }
    for (let c = 2; c < columns; c++) {
      let start = r;
      while (start < end) {
        const text = cellKey(anchorAt(start, c).paragraphs);
        let stop = start + 1;
        while (stop < end && text !== "" && cellKey(cellParagraphs(rows[stop] as RowBlock, c)) === text) stop++;
        if (stop - start > 1) {
          anchorAt(start, c).rowSpan = stop - start;
          for (let k = start + 1; k < stop; k++) cover(k, c, "down");
        }
        start = stop;
      }
    }
    r = end;
  }
  return { kind: "table", columns, header, rows: grid };
}

function layout(blocks: Block[]): Segment[] {
  const segments: Segment[] = [];
  let run: RowBlock[] = [];
  let lastLine = 0;
  const flush = (): void => {
    if (run.length > 0) segments.push(buildTable(run));
    run = [];
  };
  for (const block of blocks) {
    const line = block.loc.line ?? lastLine + 1;
    if (block.kind === "row") run.push(block);
    else {
      flush();
      segments.push({ kind: "paragraph", text: block.text, line, blankBefore: line > lastLine + 1 });
    }
    lastLine = line;
  }
  flush();
  return segments;
}

// ---------------------------------------------------------------------------------------------------------------
// Word

const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };

function wordDocument(children: (Paragraph | Table)[], title: string): Document {
  return new Document({
    title,
    creator: "luoshi fixtures",
    lastModifiedBy: "luoshi fixtures",
    styles: { default: { document: { run: { font: BODY_FONT, size: 21 } } } },
    sections: [{ footers: { default: pageNumberFooter() }, children }],
  });
}

/**
 * Government documents print the page number as "— 5 —" at the foot of each page. Word keeps it apart from
 * the text, but in the PDF it stands between the text of two pages, which is what the PDF fixtures should test.
 */
function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

const cellParagraph = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] });

/** Column widths in twips for the usual 任务 / 举措 / 单位 / 时间 table on an A4 portrait page. */
function columnWidths(columns: number): number[] {
  if (columns === 4) return [1900, 4000, 2000, 1100];
  return Array.from({ length: columns }, () => Math.floor(9000 / columns));
}

function wordTable(table: GridTable): Table {
  const widths = columnWidths(table.columns);
  const rows = table.rows.map((cells, r) => {
    const children: TableCell[] = [];
    cells.forEach((cell, c) => {
      const width = { size: widths[c] ?? 1000, type: WidthType.DXA };
      if (cell.kind === "covered") {
        // Word keeps a cell under a vertical merge (empty, vMerge continue); a horizontal merge has no cell at all.
        if (cell.by === "down") {
          children.push(
            new TableCell({ children: [new Paragraph("")], verticalMerge: VerticalMergeType.CONTINUE, width }),
          );
        }
        return;
      }
      const spanWidth = widths.slice(c, c + cell.colSpan).reduce((a, b) => a + b, 0);
      children.push(
        new TableCell({
          children: cell.paragraphs.length > 0 ? cell.paragraphs.map(cellParagraph) : [new Paragraph("")],
          width: { size: spanWidth, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
          ...(cell.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
        }),
      );
    });
    return new TableRow({ children, tableHeader: table.header && r === 0 });
  });
  return new Table({ rows, columnWidths: widths, width: { size: 9000, type: WidthType.DXA } });
}

/** The Word original: tables as tables, headings in heading styles, blank lines kept as empty paragraphs. */
function docxFromLayout(segments: Segment[], title: string): Document {
  const children: (Paragraph | Table)[] = [];
  for (const seg of segments) {
    if (seg.kind === "table") {
      children.push(wordTable(seg));
      continue;
    }
    if (seg.blankBefore && children.length > 0) children.push(new Paragraph(""));
    const text = seg.text;
    const heading = headingLevel(text);
    children.push(
      new Paragraph({
        children: [new TextRun(text)],
        ...(heading ? { heading } : {}),
        ...(text.replace(/\s+/g, "") === title ? { alignment: AlignmentType.CENTER } : {}),
      }),
    );
  }
  return wordDocument(children, title);
}

/** Short "一、…" and "（一）…" lines are headings in a Word original; long numbered items are body text. */
function headingLevel(text: string): (typeof HeadingLevel)[keyof typeof HeadingLevel] | null {
  const body = text.replace(/。$/, "");
  if (body.includes("。")) return null;
  if (SECTION_HEADING.test(text) && text.length <= 40) return HeadingLevel.HEADING_1;
  if (/^[（(][一二三四五六七八九十]+[）)]/.test(text) && text.length <= 30) return HeadingLevel.HEADING_2;
  return null;
}

/** Every non-empty line as one plain paragraph, the way a copy-paste into Word comes out. */
function docxParagraphs(text: string, title: string): Document {
  const children = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/<\/?p>/g, "")
        .replace(/\t+/g, " ")
        .trim(),
    )
    .filter((line) => line.length > 0)
    .map((line) => new Paragraph({ children: [new TextRun(line)] }));
  return wordDocument(children, title);
}

// ---------------------------------------------------------------------------------------------------------------
// Excel

async function xlsxFromLayout(segments: Segment[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "luoshi fixtures";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  // A decoy sheet first: exported task registers often open on an instructions sheet.
  const notes = wb.addWorksheet("说明");
  notes.getColumn(1).width = 80;
  [
    "填表说明",
    "1. 本表为工作任务清单的电子版，请在“任务清单”工作表中查看各项任务。",
    "2. 责任单位请按季度报送进展情况，报送时间为每季度末月25日前。",
    "3. 如有疑问，请联系办公室。",
  ].forEach((line, i) => {
    notes.getCell(i + 1, 1).value = line;
  });

  const tables = segments.filter((s): s is GridTable => s.kind === "table");
  const columns = Math.max(1, ...tables.map((t) => t.columns));
  const ws = wb.addWorksheet("任务清单");
  columnWidths(columns).forEach((twips, i) => {
    ws.getColumn(i + 1).width = Math.round(twips / 110);
  });
  const wrap = { wrapText: true, vertical: "middle" } as const;
  let rowNo = 1;
  const fullWidthRow = (text: string, bold: boolean): void => {
    const cell = ws.getCell(rowNo, 1);
    cell.value = text;
    cell.alignment = { ...wrap, horizontal: bold ? "center" : "left" };
    if (bold) cell.font = { bold: true, size: 14 };
    if (columns > 1) ws.mergeCells(rowNo, 1, rowNo, columns);
    rowNo++;
  };

  // The sheet opens with the plan's title as printed; the "附件" label and other lines above the table are not kept.
  fullWidthRow(printedTitle(segments) || title, true);
  let started = false;
  for (const seg of segments) {
    if (seg.kind === "paragraph") {
      // A heading between two tables of the Word original is one merged row across the sheet's table.
      if (started) fullWidthRow(seg.text, false);
      continue;
    }
    const top = rowNo;
    seg.rows.forEach((cells, r) => {
      // The header row is only written once: the Word original's later tables continue the first.
      if (seg.header && r === 0 && started) return;
      cells.forEach((cell, c) => {
        if (cell.kind !== "anchor") return;
        const target = ws.getCell(rowNo, c + 1);
        target.value = cell.paragraphs.join("\n");
        target.alignment = wrap;
        if (seg.header && r === 0) target.font = { bold: true };
        if (cell.rowSpan > 1 || cell.colSpan > 1) {
          ws.mergeCells(rowNo, c + 1, rowNo + cell.rowSpan - 1, c + cell.colSpan);
        }
      });
      rowNo++;
    });
    if (rowNo === top) continue;
    started = true;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function htmlTable(table: GridTable): string {
  const out: string[] = ['<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">'];
  table.rows.forEach((cells, r) => {
    const isHead = table.header && r === 0;
    if (isHead) out.push("<thead>");
    if (table.header && r === 1) out.push("<tbody>");
    const tag = isHead ? "th" : "td";
    const tds = cells
      .filter((cell): cell is Anchor => cell.kind === "anchor")
      .map((cell) => {
        const attrs = `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ""}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ""}`;
        // One paragraph is plain cell text, as editors write it; several are <p>s, as Word exports them.
        const body =
          cell.paragraphs.length === 1
            ? escapeHtml(cell.paragraphs[0] ?? "")
            : cell.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
        return `<${tag}${attrs}>${body}</${tag}>`;
      });
    out.push(`<tr>${tds.join("")}</tr>`);
    if (isHead) out.push("</thead>");
  });
  if (table.header && table.rows.length > 1) out.push("</tbody>");
  out.push("</table>");
  return out.join("\n");
}

function htmlFromLayout(segments: Segment[], title: string, charset: string): string {
  const body = segments.map((seg) => (seg.kind === "table" ? htmlTable(seg) : `<p>${escapeHtml(seg.text)}</p>`));
  return [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    `<meta charset="${charset}">`,
    `<title>${escapeHtml(title)}</title>`,
    "</head>",
    "<body>",
    '<div class="article">',
    ...body,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function encodeGbk(html: string): Buffer {
  const bytes = iconv.encode(html, "gbk");
  // iconv-lite writes "?" for what GBK cannot hold; a fixture that silently lost characters would lie.
  if (iconv.decode(bytes, "gbk") !== html) throw new Error("text not representable in GBK");
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF via LibreOffice

function hasSoffice(): boolean {
  return spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;
}

function toPdf(docxPath: string, pdfPath: string): void {
  const work = mkdtempSync(join(tmpdir(), "luoshi-pdf-"));
  try {
    // A private profile so a running LibreOffice or a stale lock cannot block the headless conversion.
    const r = spawnSync(
      "soffice",
      [`-env:UserInstallation=file://${work}/profile`, "--headless", "--convert-to", "pdf", "--outdir", work, docxPath],
      { encoding: "utf8", timeout: 180_000 },
    );
    const produced = join(work, `${basename(docxPath).replace(/\.docx$/, "")}.pdf`);
    if (r.status !== 0 || !existsSync(produced)) {
      throw new Error(`soffice failed for ${docxPath}: ${r.stderr || r.stdout}`);
    }
    copyFileSync(produced, pdfPath);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Writes a fixture only when its content changed. Word and Excel files carry their creation time (in
 * docProps/core.xml and in the zip entries), so they are compared entry by entry without it; that keeps a
 * re-run on unchanged seeds from rewriting every committed binary.
 */
async function writeIfChanged(path: string, bytes: Uint8Array, zipped: boolean): Promise<boolean> {
  if (!FORCE && existsSync(path)) {
    const old = readFileSync(path);
    if (zipped ? await sameZipContent(old, bytes) : Buffer.compare(old, bytes) === 0) return false;
  }
  writeFileSync(path, bytes);
  return true;
}

async function sameZipContent(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  const [left, right] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const entries = (zip: JSZip): string[] =>
    Object.values(zip.files)
      .filter((f) => !f.dir && f.name !== "docProps/core.xml")
      .map((f) => f.name)
      .sort();
  const names = entries(left);
  if (names.join("\n") !== entries(right).join("\n")) return false;
  for (const name of names) {
    const [x, y] = await Promise.all([left.file(name)?.async("string"), right.file(name)?.async("string")]);
    if (x !== y) return false;
  }
  return true;
}

const readme: string[] = [];
const describe = (file: string, what: string): void => {
  readme.push(`- \`${file}\`: ${what}`);
};

async function makeFixtures(stem: string, soffice: boolean): Promise<void> {
  const text = readFileSync(join(seedsDir, `${stem}.txt`), "utf8");
  const segments = layout(readTextDocument(text).blocks);
  const title = planTitle(stem, segments);
  const seed = `seeds/${stem}.txt`;
  const hasTable = segments.some((s) => s.kind === "table");

  const docxPath = join(outDir, `${stem}.docx`);
  const docxChanged = await writeIfChanged(docxPath, await Packer.toBuffer(docxFromLayout(segments, title)), true);
  describe(
    `${stem}.docx`,
    hasTable
      ? `${seed} as Word: each run of table rows is one table with merged task/unit/deadline cells and full-width section rows`
      : `${seed} as Word: paragraphs, short headings in heading styles, blank lines as empty paragraphs`,
  );

  let pdfSource = docxPath;
  let pdfSourceChanged = docxChanged;
  if (PROSE_SEEDS.has(stem)) {
    pdfSource = join(outDir, `${stem}.paragraphs.docx`);
    pdfSourceChanged = await writeIfChanged(pdfSource, await Packer.toBuffer(docxParagraphs(text, title)), true);
    describe(`${stem}.paragraphs.docx`, `${seed} as Word: every non-empty line one plain paragraph`);
  }

  if (TABLE_SEEDS.has(stem)) {
    await writeIfChanged(join(outDir, `${stem}.xlsx`), await xlsxFromLayout(segments, title), true);
    describe(
      `${stem}.xlsx`,
      `${seed} as Excel: a decoy "说明" sheet first, then "任务清单" with a title row and the table, merged cells as in the .docx`,
    );
  }

  const gbk = stem === GBK_HTML_SEED;
  const html = htmlFromLayout(segments, title, gbk ? "gbk" : "utf-8");
  await writeIfChanged(join(outDir, `${stem}.html`), gbk ? encodeGbk(html) : Buffer.from(html, "utf8"), false);
  describe(
    `${stem}.html`,
    `${seed} as a web page (${gbk ? 'GBK-encoded, <meta charset="gbk">' : "UTF-8"}): ${hasTable ? "tables with rowspan/colspan, " : ""}paragraphs as <p>`,
  );

  const pdfPath = join(outDir, `${stem}.pdf`);
  // LibreOffice stamps each PDF with the time, so a PDF is only printed again when its Word source changed.
  if (soffice && (pdfSourceChanged || FORCE || !existsSync(pdfPath))) toPdf(pdfSource, pdfPath);
  describe(
    `${stem}.pdf`,
    `${basename(pdfSource)} printed to PDF by LibreOffice, "— N —" page numbers in the footer (kept as committed when soffice is missing)`,
  );
}

/**
 * The plan's own title, for document properties and the page <title>: the gold file's, since the prose seeds
 * print it broken over lines; without one, the line above the task table (or the first line).
 */
function planTitle(stem: string, segments: Segment[]): string {
  const gold = join(root, "test", "fixtures", "gold", `${stem}.json`);
  if (existsSync(gold)) {
    const parsed: unknown = JSON.parse(readFileSync(gold, "utf8"));
    if (typeof parsed === "object" && parsed !== null && "title" in parsed && typeof parsed.title === "string") {
      return parsed.title;
    }
  }
  return printedTitle(segments);
}

/** The title line as printed: the last paragraph above the first table, else the first paragraph. */
function printedTitle(segments: Segment[]): string {
  const firstTable = segments.findIndex((s) => s.kind === "table");
  const before = (firstTable < 0 ? segments : segments.slice(0, firstTable)).filter(
    (s): s is ParagraphSegment => s.kind === "paragraph",
  );
  return (firstTable >= 0 ? before[before.length - 1] : before[0])?.text ?? "";
}

async function main(): Promise<void> {
  const soffice = hasSoffice();
  if (!soffice) console.log("soffice not on PATH: keeping the committed PDFs (install LibreOffice to regenerate them)");
  const stems = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.replace(/\.txt$/, ""))
    .sort();
  for (const stem of stems) {
    await makeFixtures(stem, soffice);
    console.log(`${stem}: done`);
  }
  writeFileSync(
    join(outDir, "README.md"),
    [
      "# Container fixtures",
      "",
      "The seed plans of `../seeds/` in other containers, generated by `npm run fixtures`",
      "(`scripts/make-fixtures.ts`; the PDFs need LibreOffice). Do not edit them by hand: change the script",
      "or the seed and regenerate. `test/formats.test.ts` checks each parses to the same plan as its seed.",
      "",
      ...readme,
      "",
    ].join("\n"),
  );
}

await main();
