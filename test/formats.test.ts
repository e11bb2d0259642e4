// Every container of a seed plan (test/fixtures/formats, made by `npm run fixtures`) must parse to the plan its
// plain-text seed parses to: the readers differ, the grammar behind them is one, so any difference here is a
// reader losing or inventing structure (a merged cell, a split row, a header repeated on a new page).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { ParsedPlan } from "../src/parse/index.ts";
import { parsePlanFile } from "../src/parse/index.ts";

const seedsDir = join(import.meta.dirname, "fixtures", "seeds");
const formatsDir = join(import.meta.dirname, "fixtures", "formats");

const seedStems = readdirSync(seedsDir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -".txt".length))
  .sort();
const fixtureFiles = readdirSync(formatsDir)
  .filter((f) => f !== "README.md")
  .sort();
/** "sd-14th-fyp-ip-plan.paragraphs.docx" → "sd-14th-fyp-ip-plan": stems have no dots, containers may have two. */
const stemOf = (file: string): string => file.slice(0, file.indexOf("."));

const seedPlans = new Map<string, Promise<ParsedPlan>>();
function seedPlan(stem: string): Promise<ParsedPlan> {
  let plan = seedPlans.get(stem);
  if (!plan) {
    plan = parsePlanFile(join(seedsDir, `${stem}.txt`));
    seedPlans.set(stem, plan);
  }
  return plan;
}

const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** Share of characters two strings have in common (as multisets), over the longer one's length. */
function overlap(a: string, b: string): number {
  const left = new Map<string, number>();
  for (const ch of a) left.set(ch, (left.get(ch) ?? 0) + 1);
  let shared = 0;
  for (const ch of b) {
    const n = left.get(ch) ?? 0;
    if (n > 0) {
      shared++;
      left.set(ch, n - 1);
    }
  }
  const longer = Math.max([...a].length, [...b].length);
  return longer === 0 ? 1 : shared / longer;
}

/** What must survive any container: structure, titles, who is responsible and by when. Texts are compared apart. */
function shape(plan: ParsedPlan) {
  return plan.tasks.map((task) => ({
    key: task.key,
    title: squeeze(task.title),
    measures: task.measures.map((m) => ({
      units: m.units.map((u) => ({ name: u.name, role: u.role })),
      deadline: m.deadline ? { due: m.deadline.due, ongoing: m.deadline.ongoing } : null,
    })),
  }));
}

// A PDF holds positioned glyphs, not text: the reader rebuilds a cell's text from pieces of lines and from rows
// a page break cut in two, and the glyph-to-character maps of embedded CJK fonts may give a compatibility form
// of a punctuation mark; the "— N —" page number printed between two pages must be dropped by the reader or
// grammar, but a leftover dash is no reason to fail a measure here. So a PDF's measure texts need only share 95% of their characters with the seed's; every
// other container stores the text itself and must give it back exactly (up to whitespace).
const PDF_TEXT_OVERLAP = 0.95;

test("every seed has its containers and every container a seed", () => {
  for (const stem of seedStems) {
    const isTable = readFileSync(join(seedsDir, `${stem}.txt`), "utf8").includes("\t");
    const expected = [`${stem}.docx`, `${stem}.html`, `${stem}.pdf`];
    expected.push(isTable ? `${stem}.xlsx` : `${stem}.paragraphs.docx`);
    for (const file of expected) assert.ok(fixtureFiles.includes(file), `missing fixture ${file} (npm run fixtures)`);
  }
  for (const file of fixtureFiles) assert.ok(seedStems.includes(stemOf(file)), `${file} has no seed`);
});

for (const file of fixtureFiles) {
  const stem = stemOf(file);
  test(`${file} parses to the same plan as seeds/${stem}.txt`, async () => {
    const expected = await seedPlan(stem);
    assert.ok(expected.tasks.length > 0, `seeds/${stem}.txt parsed to no tasks`);
    const actual = await parsePlanFile(join(formatsDir, file));

    const want = shape(expected);
    const got = shape(actual);
    assert.deepEqual(
      got.map((t) => t.key),
      want.map((t) => t.key),
      `${file}: task keys differ`,
    );
    for (const [i, task] of want.entries()) assert.deepEqual(got[i], task, `${file}: task ${task.key} differs`);

    const isPdf = file.endsWith(".pdf");
    expected.tasks.forEach((task, i) => {
      task.measures.forEach((measure, j) => {
        const wantText = squeeze(measure.text);
        const gotText = squeeze(actual.tasks[i]?.measures[j]?.text ?? "");
        const where = `${file}: task ${task.key} measure ${j + 1}`;
        if (!isPdf) assert.equal(gotText, wantText, where);
        else {
          const share = overlap(gotText, wantText);
          assert.ok(
            share >= PDF_TEXT_OVERLAP,
            `${where}: ${(share * 100).toFixed(1)}% shared\n  got:  ${gotText}\n  want: ${wantText}`,
          );
        }
      });
    });
  });
}
