// Regenerates the PDF-producer fixtures that need tools CI lacks (test/fixtures/pdf-producers/):
//   libreoffice/          LibreOffice writer_pdf_Export (Debian: libreoffice-writer-nogui, fonts-noto-cjk) of
//                         each seed's .docx (the table seeds' Word tables, the others in heading styles), untagged;
//   libreoffice-paragraphs/  the same of each paragraph-layout .docx (every line one plain paragraph);
//   libreoffice-tagged/, libreoffice-tagged-paragraphs/  both again as tagged PDF (UseTaggedPDF: a structure
//                         tree, marked content, page furniture as artifacts; a line's closing punctuation and the
//                         footer's "— N —" come out as strings of their own);
//   pandoc-xelatex/       pandoc → xelatex (Debian: pandoc texlive-xetex texlive-lang-chinese lmodern
//                         texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended, Noto CJK)
//                         of each seed's paragraph-layout .docx, and of the table seeds' .docx, which pandoc
//                         sets as longtables without rules (pandoc 2.17 reads <w:tblHeader w:val="off"/> as a
//                         heading row, repeating the whole table on every page; the copy given to it drops those);
//   chromium-two-column/  the same paragraph .docx through pandoc to HTML, printed by Chromium with CSS
//                         columns (two columns per A4 page), so lines of both columns share baselines.
// Run: npx tsx scripts/make-pdf-producers.ts [DIR…]   (no DIR: all of them; e.g. `libreoffice-tagged
// libreoffice-tagged-paragraphs` needs only LibreOffice).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { chromium } from "playwright-core";

const root = join(import.meta.dirname, "..");
const formats = join(root, "test", "fixtures", "formats");
const out = join(root, "test", "fixtures", "pdf-producers");
const work = mkdtempSync(join(tmpdir(), "luoshi-producers-"));

const seeds = readdirSync(formats)
  .filter((f) => f.endsWith(".docx") && !f.endsWith(".paragraphs.docx"))
  .map((f) => f.replace(/\.docx$/, ""));
const source = (seed: string): string => {
  const paragraphs = `${seed}.paragraphs.docx`;
  return join(formats, readdirSync(formats).includes(paragraphs) ? paragraphs : `${seed}.docx`);
};

const PRODUCERS = [
  "libreoffice",
  "libreoffice-paragraphs",
  "libreoffice-tagged",
  "libreoffice-tagged-paragraphs",
  "pandoc-xelatex",
  "chromium-two-column",
] as const;
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(PRODUCERS as readonly string[]).includes(a));
if (unknown.length > 0) throw new Error(`unknown producer ${unknown.join(", ")}; one of ${PRODUCERS.join(", ")}`);
const wanted = (producer: (typeof PRODUCERS)[number]): boolean => asked.length === 0 || asked.includes(producer);

const TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}';

/** LibreOffice's PDF export of each .docx into out/dir, named by seed; a private profile, so a running LibreOffice cannot block it. */
function libreOffice(dir: string, docxs: readonly string[], filter: string): void {
  const tmp = mkdtempSync(join(work, "soffice-"));
  const profile = `-env:UserInstallation=file://${tmp}/profile`;
  execFileSync("soffice", [profile, "--headless", "--convert-to", filter, "--outdir", tmp, ...docxs], {
    stdio: "ignore",
  });
  mkdirSync(join(out, dir), { recursive: true });
  for (const docx of docxs) {
    const name = basename(docx).replace(/\.docx$/, "");
    copyFileSync(join(tmp, `${name}.pdf`), join(out, dir, `${name.replace(/\.paragraphs$/, "")}.pdf`));
  }
}

try {
  const tables = seeds.map((seed) => join(formats, `${seed}.docx`));
  const paragraphs = seeds.map(source).filter((f) => f.endsWith(".paragraphs.docx"));
  if (wanted("libreoffice")) libreOffice("libreoffice", tables, "pdf");
  if (wanted("libreoffice-paragraphs")) libreOffice("libreoffice-paragraphs", paragraphs, "pdf");
  if (wanted("libreoffice-tagged")) libreOffice("libreoffice-tagged", tables, TAGGED);
  if (wanted("libreoffice-tagged-paragraphs")) libreOffice("libreoffice-tagged-paragraphs", paragraphs, TAGGED);

  if (wanted("pandoc-xelatex")) mkdirSync(join(out, "pandoc-xelatex"), { recursive: true });
  for (const seed of wanted("pandoc-xelatex") ? seeds : []) {
    let input = source(seed);
    if (!input.endsWith(".paragraphs.docx")) {
      const zip = await JSZip.loadAsync(readFileSync(input));
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      zip.file("word/document.xml", xml.replace(/<w:tblHeader w:val="(off|false|0)"\/>/g, ""));
      input = join(work, `${seed}.docx`);
      writeFileSync(input, await zip.generateAsync({ type: "uint8array" }));
    }
    execFileSync("pandoc", [
      input,
      "-o",
      join(out, "pandoc-xelatex", `${seed}.pdf`),
      "--pdf-engine=xelatex",
      "-V",
      "CJKmainfont=Noto Serif CJK SC",
      "-V",
      "geometry:margin=2.5cm",
    ]);
  }

  if (wanted("chromium-two-column")) await twoColumns();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function twoColumns(): Promise<void> {
  mkdirSync(join(out, "chromium-two-column"), { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage();
    for (const seed of seeds.filter((s) => source(s).endsWith(".paragraphs.docx"))) {
      const html = join(work, `${seed}.html`);
      execFileSync("pandoc", [source(seed), "-s", "--metadata", `title=${seed}`, "-o", html]);
      await page.goto(`file://${html}`);
      await page.addStyleTag({
        content:
          "header{display:none} body{max-width:none;margin:0;padding:0;column-count:2;column-gap:2em;" +
          "font-size:11pt;line-height:1.5} p{margin:0 0 .4em}",
      });
      await page.pdf({
        path: join(out, "chromium-two-column", `${seed}.pdf`),
        format: "A4",
        margin: { top: "2cm", bottom: "2cm", left: "1.8cm", right: "1.8cm" },
      });
    }
  } finally {
    await browser.close();
  }
}
