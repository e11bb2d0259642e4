// Lays out the pages of a PDF as blocks: ruled tables become rows, the rest paragraphs, in reading
// order down each page. A table that runs onto the next page keeps its number and row count, and
// what the page break cut (a repeated header, a row split in two, a merged cell) is put back together.
import type { Block, Cell, RowBlock } from "../blocks.ts";
import { findBorderlessTable } from "./pdf-borderless.ts";
import type { Rulings } from "./pdf-geometry.ts";
import { findTables, type PdfTable } from "./pdf-tables.ts";
import { type Fragment, joinWrapped, type Line, toLines, toParagraphs } from "./pdf-text.ts";
import { hasContent } from "./table-grid.ts";

export type PageContent = { page: number; fragments: Fragment[]; rulings: Rulings };

type OpenTable = {
  table: number;
  rows: number;
  xs: number[];
  header: string | null;
  last: RowBlock | null;
  /** The last row was cut by the page break (no rule closed it). */
  cut: boolean;
};

export function layoutPages(pages: readonly PageContent[]): Block[] {
  const blocks: Block[] = [];
  let paragraph = 0;
  let tableCount = 0;
  let open: OpenTable | null = null;
  const furniture = runningNumbers(pages);
  let borderlessColumns: number[] | undefined;
  for (const { page, fragments, rulings } of pages) {
    const unique = dedupe(fragments).filter((f) => !furniture.has(f));
    const tables = findTables(rulings, unique);
    if (tables.length === 0) {
      const borderless = findBorderlessTable(unique, borderlessColumns);
      if (borderless) tables.push(borderless);
      borderlessColumns = borderless?.xs.slice(0, -1);
    }
    const used = new Set(tables.flatMap((t) => [...t.used]));
    const free = unique.filter((f) => !used.has(f));
    const gutter = findGutter(free);
    // On a page set in two columns, the text that spans the gutter (a title) comes first, then the left
    // column top to bottom, then the right one; each column keeps its own margins for paragraph breaks.
    const columns =
      gutter === null
        ? [free]
        : [
            free.filter((f) => f.x < gutter.from && f.x + f.width > gutter.to),
            free.filter((f) => f.x + f.width <= gutter.to && f.x < gutter.from),
            free.filter((f) => f.x >= gutter.from),
          ];
    type Item = { column: number; top: number; paragraph?: string; table?: PdfTable };
    const items: Item[] = [];
    columns.forEach((part, column) => {
      const lines = dropPageNumbers(toLines(part));
      if (lines.length === 0) return;
      const left = Math.min(...lines.map((l) => l.x));
      const right = Math.max(...lines.map((l) => l.right));
      for (const p of toParagraphs(lines, left, right)) {
        items.push({ column, top: p.line.y + p.line.size, paragraph: p.text });
      }
    });
    for (const t of tables) {
      const middle = ((t.xs[0] ?? 0) + (t.xs.at(-1) ?? 0)) / 2;
      items.push({ column: gutter === null ? 0 : middle < gutter.from ? 1 : 2, top: t.ys[0] ?? 0, table: t });
    }
    // Paragraphs and tables in order of their top edge, column by column.
    items.sort((a, b) => a.column - b.column || b.top - a.top);

    items.forEach((item, index) => {
      if (item.paragraph !== undefined) {
        blocks.push({ kind: "paragraph", text: item.paragraph, loc: { page, paragraph: ++paragraph } });
        open = null;
        return;
      }
      const table = item.table;
      if (!table) return;
      const previous: OpenTable | null = open;
      const continued = index === 0 && previous !== null && sameColumns(previous.xs, table.xs);
      const current: OpenTable =
        continued && previous
          ? previous
          : { table: ++tableCount, rows: 0, xs: table.xs, header: null, last: null, cut: false };
      let rows = table.rows;
      let start = 0;
      if (continued) {
        // Word and LibreOffice repeat the heading row on each page; it is not a row of its own.
        if (rowKey(rows[0]) === current.header) start = 1;
        rows = stitch(table, start, current.last);
        const first = rows[start];
        if (first && current.last && (current.cut || isSplitRow(current.last.cells, first))) {
          const merged = mergeSplitRow(current.last.cells, first);
          current.last.cells = merged;
          // A merged cell that goes on below the cut row carries the whole text, not its overleaf tail.
          const top = table.regions[start];
          for (let r = start + 1; r < rows.length; r++) {
            table.regions[r]?.forEach((region, c) => {
              const cell = rows[r]?.[c];
              const whole = merged[c];
              if (region === top?.[c] && cell?.spanned && whole && !whole.spanned) {
                (rows[r] ?? [])[c] = { paragraphs: [...whole.paragraphs], spanned: true };
              }
            });
          }
          start++;
        }
      }
      for (let i = start; i < rows.length; i++) {
        const cells = rows[i] ?? [];
        current.rows++;
        if (!hasContent(cells)) continue;
        const block: RowBlock = { kind: "row", cells, loc: { page, table: current.table, row: current.rows } };
        blocks.push(block);
        current.header ??= rowKey(cells);
        current.last = block;
      }
      current.cut = table.openBottom;
      open = current;
    });
  }
  return blocks;
}

const rowKey = (cells: readonly Cell[] | undefined): string =>
  (cells ?? []).map((c) => c.paragraphs.join("\n")).join("\t");

/**
 * A merged cell cut by the page break continues at the top of the next page with no text of its own;
 * fill it (every row it covers) from the cell above, as the Word file would have it. A single-row
 * empty cell is filled only in the first column, where an empty cell is never meant.
 */
function stitch(table: PdfTable, start: number, last: RowBlock | null): Cell[][] {
  const rows = table.rows.map((cells) => cells.map((c) => ({ ...c, paragraphs: [...c.paragraphs] })));
  const top = table.regions[start];
  if (!last || !top) return rows;
  top.forEach((region, c) => {
    const above = last.cells[c];
    const master = rows[start]?.[c];
    if (!above || above.paragraphs.length === 0 || !master || master.paragraphs.length > 0) return;
    if (c > 0 && top[c - 1] === region) return; // right part of a horizontal merge
    const covered = table.regions.flatMap((line, r) => (line[c] === region ? [r] : []));
    if (covered.length < 2 && c > 0) return;
    for (const r of covered) {
      const row = rows[r];
      if (row) row[c] = { paragraphs: [...above.paragraphs], spanned: true };
    }
  });
  return rows;
}

const TERMINAL = /[。；;！!？?：:]$/;

/**
 * A row that the page break split in two: the new page's first row starts no task of its own (its
 * first cell is empty or carried over) and the longest cell above stops mid-sentence.
 */
function isSplitRow(previous: readonly Cell[], next: readonly Cell[]): boolean {
  const first = next[0];
  if (first && first.paragraphs.length > 0 && !first.spanned) return false;
  let longest = -1;
  let length = 0;
  previous.forEach((cell, c) => {
    const text = cell.spanned ? "" : cell.paragraphs.join("");
    if (text.length > length) [longest, length] = [c, text.length];
  });
  const cut = previous[longest]?.paragraphs.at(-1);
  const continuation = next[longest];
  if (cut === undefined || continuation === undefined || continuation.spanned) return false;
  // A new row always has its own text in the main column; a row without it is the rest of the one above.
  if (continuation.paragraphs.length === 0) return next.some((c) => !c.spanned && c.paragraphs.length > 0);
  return !TERMINAL.test(cut);
}

function mergeSplitRow(previous: readonly Cell[], next: readonly Cell[]): Cell[] {
  return previous.map((cell, c) => {
    const more = next[c];
    if (!more || more.spanned || more.paragraphs.length === 0) return cell;
    if (cell.spanned || cell.paragraphs.length === 0) return { paragraphs: [...more.paragraphs] };
    const head = cell.paragraphs.slice(0, -1);
    const cut = cell.paragraphs.at(-1) ?? "";
    const [firstMore = "", ...rest] = more.paragraphs;
    const joined = TERMINAL.test(cut) ? [cut, firstMore] : [joinWrapped(cut, firstMore)];
    return { paragraphs: [...head, ...joined, ...rest] };
  });
}

function sameColumns(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] ?? Number.NaN)) <= 3);
}

/** Fake bold draws each string twice at almost the same spot. */
function dedupe(fragments: readonly Fragment[]): Fragment[] {
  const result: Fragment[] = [];
  for (const f of fragments) {
    const twin = result.some((g) => g.str === f.str && Math.abs(g.x - f.x) < 1 && Math.abs(g.y - f.y) < 1);
    if (!twin) result.push(f);
  }
  return result;
}

/**
 * Page numbers set at the same height on several pages, counting up: a longtable row that runs past
 * the bottom margin puts them among the table's lines, where the first/last-line rule cannot see them.
 * A number is read from a run of touching fragments on one baseline, not from one fragment: a tagged
 * PDF sets "— 3 —" as five strings (dash, space, digit, space, dash), and all of them go.
 */
function runningNumbers(pages: readonly PageContent[]): Set<Fragment> {
  const candidates = pages.flatMap(({ page, fragments }) =>
    touchingRuns(fragments).flatMap((run) => {
      const m = /^[-—–－\s]*(\d{1,4})[-—–－\s]*$/.exec(run.map((f) => f.str).join(""));
      const first = run[0];
      return m && first ? [{ page, value: Number(m[1]), first, run }] : [];
    }),
  );
  const found = new Set<Fragment>();
  for (const c of candidates) {
    const same = candidates.filter(
      (o) =>
        Math.abs(o.first.y - c.first.y) < 1 &&
        Math.abs(o.first.x - c.first.x) < c.first.size * 2 &&
        o.page - c.page === o.value - c.value,
    );
    if (new Set(same.map((o) => o.page)).size >= 3) for (const f of c.run) found.add(f);
  }
  return found;
}

/** Fragments on one baseline (within a point) less than half a glyph apart, each run left to right. */
function touchingRuns(fragments: readonly Fragment[]): Fragment[][] {
  const baselines: Fragment[][] = [];
  for (const f of [...fragments].sort((a, b) => b.y - a.y)) {
    const line = baselines.at(-1);
    const first = line?.[0];
    if (line && first && Math.abs(first.y - f.y) < 1) line.push(f);
    else baselines.push([f]);
  }
  const runs: Fragment[][] = [];
  for (const line of baselines) {
    let run: Fragment[] = [];
    let end = Number.NEGATIVE_INFINITY;
    for (const f of line.sort((a, b) => a.x - b.x)) {
      if (run.length > 0 && f.x - end > f.size * 0.5) {
        runs.push(run);
        run = [];
      }
      run.push(f);
      end = Math.max(end, f.x + f.width);
    }
    if (run.length > 0) runs.push(run);
  }
  return runs;
}

/** Page numbers ("- 3 -", "—3—", "3") in the top or bottom line carry no plan text. */
function dropPageNumbers(lines: Line[]): Line[] {
  const isNumber = (line: Line | undefined) => line !== undefined && /^[-—–－\s]*\d{1,4}[-—–－\s]*$/.test(line.text);
  const result = [...lines];
  if (isNumber(result.at(-1))) result.pop();
  if (isNumber(result[0])) result.shift();
  return result;
}

/**
 * A vertical strip of the page, in its middle half, that no text crosses while both sides carry a good
 * share of the text in many lines: the gutter of a two-column page. A few lines may cross it (a title
 * set across both columns), no more than a tenth of the characters.
 */
function findGutter(fragments: readonly Fragment[]): { from: number; to: number } | null {
  const text = fragments.filter((f) => f.str.trim() !== "" && f.width > 0);
  if (text.length < 20) return null;
  const left = Math.min(...text.map((f) => f.x));
  const right = Math.max(...text.map((f) => f.x + f.width));
  const sizes = text.map((f) => f.size).sort((a, b) => a - b);
  const size = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const chars = (list: readonly Fragment[]) => list.reduce((n, f) => n + f.str.length, 0);
  const total = chars(text);
  // Widest fragments first may be the spanning title: drop the ones that cover the middle, up to 10%.
  const middle = (left + right) / 2;
  const crossing = text.filter((f) => f.x < middle - size && f.x + f.width > middle + size);
  if (chars(crossing) > total * 0.1) return null;
  const rest = text.filter((f) => !crossing.includes(f)).sort((a, b) => a.x - b.x);
  let reach = Number.NEGATIVE_INFINITY;
  let best: { from: number; to: number } | null = null;
  for (const f of rest) {
    const from = reach;
    if (f.x - from > Math.max(size, 8) && from > left + (right - left) * 0.25 && f.x < right - (right - left) * 0.25) {
      if (!best || f.x - from > best.to - best.from) best = { from, to: f.x };
    }
    reach = Math.max(reach, f.x + f.width);
  }
  if (!best) return null;
  const gap = best;
  const leftSide = rest.filter((f) => f.x + f.width <= gap.from + 0.5);
  const rightSide = rest.filter((f) => f.x >= gap.to - 0.5);
  const lines = (list: readonly Fragment[]) => new Set(list.map((f) => Math.round(f.y))).size;
  if (chars(leftSide) < total * 0.25 || chars(rightSide) < total * 0.25) return null;
  if (lines(leftSide) < 8 || lines(rightSide) < 8) return null;
  return gap;
}
