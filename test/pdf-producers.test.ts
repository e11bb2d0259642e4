// The PDF reader on other producers' output than the committed fixtures': LibreOffice's
// writer_pdf_Export of the seeds' .docx (ruled tables, and the paragraph layouts), committed under
// fixtures/pdf-producers (`soffice --headless --convert-to pdf`), and Chromium's print-to-PDF of
// the .html fixtures, portrait and landscape, printed here; pandoc → xelatex and a two-column Chromium print
// of the paragraph layouts (committed, `npx tsx scripts/make-pdf-producers.ts`). Each PDF is scored against
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
async function assertEachDocument(
  dir: string,
  bars = { tasks: 0.98, measures: 0.98, units: 0.98 },
  pick?: (file: string) => boolean,
): Promise<void> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".pdf") && (pick?.(f) ?? true));
  assert.ok(files.length >= (pick ? 1 : 3), `PDFs in ${dir}`);
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

test("Chromium's print-to-PDF of the .html fixtures (A4 portrait) scores ≥ 98", { timeout: 180_000 }, async () => {
  await assertEachDocument(await printHtml(false));
});

test("Chromium's print-to-PDF in landscape scores ≥ 98 per document", { timeout: 180_000 }, async () => {
  await assertEachDocument(await printHtml(true));
});

test("pandoc → xelatex PDFs of the seeds' paragraph layouts score ≥ 98 per document", async () => {
  await assertEachDocument(join(fixtures, "pdf-producers", "pandoc-xelatex"), undefined, (f) => !TABLE_SEEDS.has(f));
});

// pandoc sets the table seeds as longtables without rules: the reader rebuilds columns and rows from glyph
// positions. The national list (one row per task) clears the bar; the provincial one, whose merged task and
// unit cells pandoc centres over their rows (and overprints on the next column), does not yet: its floor
// is held here so it cannot slip back, and is raised as the reader improves.
const TABLE_SEEDS = new Map([
  ["cnipa-2021-national-task-list.pdf", { tasks: 0.98, measures: 0.98, units: 0.98 }],
  ["sd-2021-provincial-task-list.pdf", { tasks: 0.98, measures: 0.97, units: 0.97 }],
]);
for (const [file, bars] of TABLE_SEEDS) {
  test(`pandoc → xelatex PDF of the borderless table ${file} clears ${JSON.stringify(bars)}`, async () => {
    await assertEachDocument(join(fixtures, "pdf-producers", "pandoc-xelatex"), bars, (f) => f === file);
  });
}

test("Chromium's two-column print (CSS columns) of the paragraph layouts scores ≥ 98 per document", async () => {
  await assertEachDocument(join(fixtures, "pdf-producers", "chromium-two-column"));
});
