// The grammar's entry point: blocks → metadata, outline, tasks, indicators, warnings.
import { type Block, cellText, type SourceDocument } from "../blocks.ts";
import { extractIndicators } from "../normalize/indicators.ts";
import type { Indicator, ParsedPlan, ParseOptions, ParseWarning } from "../types.ts";
import { problems } from "../warnings.ts";
import { splitTrailingAnnotation } from "./annotations.ts";
import { readEnumerator } from "./enumerators.ts";
import { expandFlattenedTables } from "./flattened.ts";
import { readMetadata } from "./metadata.ts";
import { buildOutline } from "./outline.ts";
import { collectTasks } from "./tasks.ts";

export function parseDocument(doc: SourceDocument, options: ParseOptions = {}): ParsedPlan {
  const flattened = expandFlattenedTables(doc.blocks);
  const blocks = flattened.blocks.map(bannerToParagraph);
  const meta = readMetadata(blocks, options.year);
  const warnings: ParseWarning[] = flattened.guessed.map((g) => ({ ...problems.guessedCells(), ...g }));
  const outline = buildOutline(blocks.slice(meta.bodyStart, Math.max(meta.bodyStart, meta.bodyEnd)));
  const { tasks, headings } = collectTasks(outline.roots, meta.planYear, warnings);
  for (const s of outline.stray) warnings.push({ ...problems.strayRow(), text: s.text, source: s.loc });

  const defaultBy = meta.period ? String(meta.period.to) : meta.planYear !== null ? String(meta.planYear) : null;
  const indicators: Indicator[] = [];
  for (const p of outline.paragraphs) {
    const { body } = splitTrailingAnnotation(readEnumerator(p.text)?.rest ?? p.text);
    indicators.push(
      ...extractIndicators(body, {
        by: defaultBy,
        source: p.loc,
        planYear: meta.planYear,
        warn: (w) => warnings.push(w),
      }),
    );
  }
  return {
    title: meta.title,
    docNumber: meta.docNumber,
    issuer: meta.issuer,
    issuedOn: meta.issuedOn,
    period: meta.period,
    tasks,
    headings,
    indicators,
    warnings,
    format: doc.format,
  };
}

/**
 * A row whose only text starts in its first cell (a title or section row merged across the table,
 * as spreadsheets and Word tables print them) reads as a paragraph. Rows with text only in a later
 * cell stay rows: they continue a measure cut by a page break.
 */
function bannerToParagraph(block: Block): Block {
  if (block.kind !== "row") return block;
  const texts = block.cells.map((c) => cellText(c).trim());
  const distinct = new Set(texts.filter((t) => t !== ""));
  if (distinct.size !== 1 || texts[0] === "" || block.cells.some((c) => c.spanned)) return block;
  return { kind: "paragraph", text: texts[0] as string, loc: block.loc };
}
