// The PDF reader on other producers' output than the committed fixtures': LibreOffice's
// writer_pdf_Export of the seeds' .docx (ruled tables, and the paragraph layouts), untagged and tagged, committed
// under fixtures/pdf-producers (`soffice --headless --convert-to pdf`), and Chromium's print-to-PDF of
// the .html fixtures, portrait and landscape, printed here; pandoc → xelatex of every seed (the tables unruled)
// and a two-column Chromium print of the paragraph layouts (committed, `npx tsx scripts/make-pdf-producers.ts`). Each PDF is scored against
// the gold on its own.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, test } from "node:test";
import { parsePlanFile } from "../src/parse/index.ts";
import { printToPdf } from "./support/print-pdf.ts";
import { formatScore, type ScoredPlan, scoreCorpus } from "./support/score.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const gold = (name: string): ScoredPlan =>
  JSON.parse(readFileSync(join(fixtures, "gold", `${name}.json`), "utf8")) as ScoredPlan;

/** Scores every PDF in the directory on its own: each one must clear the bars, not only their sum. */
async function assertEachDocument(dir: string, bars = { tasks: 0.98, measures: 0.98, units: 0.98 }): Promise<void> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
  assert.ok(files.length >= 3, `PDFs in ${dir}`);
  for (const file of files) {
    const name = basename(file, ".pdf");
    const score = scoreCorpus([{ name, gold: gold(name), pred: await parsePlanFile(join(dir, file)) }]).overall;
    const line = `${basename(dir)}/${file}: ${formatScore(score)}`;
    assert.ok(score.tasks.f1 >= bars.tasks, line);
    assert.ok(score.measures.f1 >= bars.measures, line);
    assert.ok(score.units.f1 >= bars.units, line);
  }
}

const printed = mkdtempSync(join(tmpdir(), "luoshi-pdf-"));
after(() => rmSync(printed, { recursive: true, force: true }));

async function printHtml(landscape: boolean): Promise<string> {
  const dir = join(printed, landscape ? "landscape" : "portrait");
  const formats = join(fixtures, "formats");
  mkdirSync(dir, { recursive: true });
  const jobs = readdirSync(formats)
    .filter((f) => f.endsWith(".html"))
    .map((f) => ({ html: join(formats, f), pdf: join(dir, f.replace(/\.html$/, ".pdf")) }));
  await printToPdf(jobs, { landscape });
  return dir;
}

test("LibreOffice PDFs of the seeds' Word tables score ≥ 98 on tasks, measures and units", async () => {
  await assertEachDocument(join(fixtures, "pdf-producers", "libreoffice"));
});

test("LibreOffice PDFs of the seeds' paragraph layouts score ≥ 98", async () => {
  await assertEachDocument(join(fixtures, "pdf-producers", "libreoffice-paragraphs"));
});

// Tagged PDF (UseTaggedPDF): the same pages with a structure tree and marked content; each line's closing
// punctuation and every string of the "— N —" footer (an artifact) come out as strings of their own.
function assertTagged(dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".pdf"))) {
    const bytes = readFileSync(join(dir, file), "latin1");
    assert.match(bytes, /\/StructTreeRoot/, `${file} has a structure tree`);
    assert.match(bytes, /\/MarkInfo\s*<<\s*\/Marked\s+true/, `${file} is marked`);
  }
}

test("LibreOffice tagged PDFs of the seeds' Word tables score ≥ 98 per document", async () => {
  const dir = join(fixtures, "pdf-producers", "libreoffice-tagged");
  assert.equal(readdirSync(dir).filter((f) => f.endsWith(".pdf")).length, 5, "every seed has its tagged PDF");
  assertTagged(dir);
  await assertEachDocument(dir);
});

test("LibreOffice tagged PDFs of the seeds' paragraph layouts score ≥ 98 per document", async () => {
  const dir = join(fixtures, "pdf-producers", "libreoffice-tagged-paragraphs");
  assertTagged(dir);
  await assertEachDocument(dir);
});

test("Chromium's print-to-PDF of the .html fixtures (A4 portrait) scores ≥ 98", { timeout: 180_000 }, async () => {
  await assertEachDocument(await printHtml(false));
});

test("Chromium's print-to-PDF in landscape scores ≥ 98 per document", { timeout: 180_000 }, async () => {
  await assertEachDocument(await printHtml(true));
});

// The table seeds come out as longtables without rules (the reader rebuilds columns and rows from glyph
// positions), their merged cells centred over their rows and overfull titles printed over the next column.
test("pandoc → xelatex PDFs of the paragraph layouts and of the borderless tables score ≥ 98 per document", async () => {
  const dir = join(fixtures, "pdf-producers", "pandoc-xelatex");
  assert.equal(readdirSync(dir).filter((f) => f.endsWith(".pdf")).length, 5, "every seed has its pandoc PDF");
  await assertEachDocument(dir);
});

test("Chromium's two-column print (CSS columns) of the paragraph layouts scores ≥ 98 per document", async () => {
  await assertEachDocument(join(fixtures, "pdf-producers", "chromium-two-column"));
});
