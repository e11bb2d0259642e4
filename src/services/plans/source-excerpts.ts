// The original text at each place a parsed plan cites, so the import preview can put a measure beside the
// line (or table row) it was read from without sending the whole document back.
import { cellText, type SourceDocument } from "../../parse/blocks.ts";
import type { ParsedPlan, SourceLoc } from "../../parse/types.ts";

export type SourceExcerpt = { loc: SourceLoc; text: string };

/** Key order varies between readers ({page, table, row} vs {table, row, page}); the key must not. */
export const locKey = (loc: SourceLoc): string =>
  JSON.stringify(Object.entries(loc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The document's blocks that a task, measure, indicator or warning points at, in document order. */
export function sourceExcerpts(doc: SourceDocument, plan: ParsedPlan): SourceExcerpt[] {
  const cited = new Set<string>();
  for (const task of plan.tasks) {
    cited.add(locKey(task.source));
    for (const m of task.measures) cited.add(locKey(m.source));
  }
  for (const i of plan.indicators) cited.add(locKey(i.source));
  for (const w of plan.warnings) cited.add(locKey(w.source));
  const excerpts: SourceExcerpt[] = [];
  const seen = new Set<string>();
  for (const block of doc.blocks) {
    const key = locKey(block.loc);
    if (!cited.has(key) || seen.has(key)) continue;
    seen.add(key);
    // A table row reads as its cells in order, one tab apart, as the stored source text has it.
    const text = block.kind === "paragraph" ? block.text : block.cells.map((c) => cellText(c)).join("\t");
    excerpts.push({ loc: block.loc, text });
  }
  return excerpts;
}
