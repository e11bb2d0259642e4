// Rebuilds a table drawn without rules (pandoc's longtables, "no borders" Word tables) from glyph
// positions alone. Columns: left edges that many multi-cell lines share, with an empty gap before them.
// Rows: a line where every cell starts a new paragraph (top-aligned cells) or ends one (bottom-aligned),
// including the widest column; a line that crosses the column gaps on its own is a spanning (section) row.
// Text floating between such lines (a vertically centred merged cell) joins the row whose anchor line
// is just above it.
import type { Cell } from "../blocks.ts";
import { readEnumerator } from "../layout/enumerators.ts";
import type { PdfTable } from "./pdf-tables.ts";
import { type Fragment, toLines, toParagraphs } from "./pdf-text.ts";

type Piece = { line: number; column: number; x: number; right: number; y: number; text: string; frags: Fragment[] };
type TableLine = { y: number; pieces: Piece[]; spanning: boolean };

const TERMINAL = /[。；;！!？?]$/;
const UNIT_END = /[处局室委院厅部办司组站心]$/;

/**
 * `carried`: the column starts of the borderless table on the page before, for a page that goes on
 * without a repeated header.
 */
export function findBorderlessTable(fragments: readonly Fragment[], carried?: readonly number[]): PdfTable | null {
  const text = fragments.filter((f) => f.str.trim() !== "" && f.width > 0);
  if (text.length < 12) return null;
  const size = median(text.map((f) => f.size)) ?? 10;
  const lines = groupLines(text, size);
  const multi = lines.filter((l) => l.length >= 2);
  if (multi.length < 3) return null;
  // A header line (short cells, one per column, no sentence punctuation) gives the columns by position;
  // without one, the columns of the page before or left edges that many lines share.
  const headerLine = multi.find((l) => l.length >= 3 && l.every((c) => isHeaderCell(c.text, c.right - c.x, size)));
  const starts = headerLine
    ? headerLine.map((c) => c.x)
    : carried && carried.length >= 3
      ? [...carried]
      : columnStarts(
          multi.flatMap((l) => l.map((c) => c.x)),
          size,
          Math.max(3, multi.length * 0.2),
        );
  if (starts.length < 3) return null;
  const tol = size * 0.8;
  const columnOf = (x: number) => {
    let c = 0;
    starts.forEach((s, i) => {
      if (x >= s - tol) c = i;
    });
    return c;
  };
  // A cell filled to its column's edge touches the next cell: split where a fragment starts on a column edge.
  for (const line of lines) {
    for (let k = 0; k < line.length; k++) {
      const chunk = line[k] as Chunk;
      const cut = chunk.frags.findIndex(
        (f, n) =>
          n > 0 &&
          starts.some((s) => s > chunk.x + tol && Math.abs(f.x - s) <= 1.5 && (chunk.frags[n - 1]?.x ?? 0) < s - tol),
      );
      if (cut <= 0) continue;
      const tail = chunk.frags.splice(cut);
      const text = (frags: Fragment[]) => toLines(frags)[0]?.text ?? "";
      const rightOf = (frags: Fragment[]) => Math.max(...frags.map((f) => f.x + f.width));
      line.splice(k + 1, 0, { x: tail[0]?.x ?? 0, right: rightOf(tail), y: chunk.y, text: text(tail), frags: tail });
      chunk.right = rightOf(chunk.frags);
      chunk.text = text(chunk.frags);
    }
  }
  const aligned = (chunks: Chunk[]) => chunks.every((c) => starts.some((s) => Math.abs(s - c.x) <= tol));
  const first = lines.findIndex((l) => l.length >= 2 && aligned(l));
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l.length >= 2 && aligned(l));
  if (first < 0 || last - first < 2) return null;
  // Below the last multi-cell line the widest cell may go on alone; stop at a line back at the left margin.
  let end = last;
  const pitch = median(
    lines.slice(first + 1, last + 1).map((l, i) => (lines[first + i]?.[0]?.y ?? 0) - (l[0]?.y ?? 0)),
  );
  const step = (pitch ?? size * 1.2) * 1.6;
  while (end + 1 < lines.length) {
    const next = lines[end + 1] ?? [];
    const gap = (lines[end]?.[0]?.y ?? 0) - (next[0]?.y ?? 0);
    if (gap > step || !next.every((c) => columnOf(c.x) >= 1 && aligned([c]))) break;
    end++;
  }
  const right = starts.map((_, i) => starts[i + 1] ?? Math.max(...text.map((f) => f.x + f.width)));
  const rows = lines.slice(first, end + 1).map((chunks, index): TableLine => {
    const y = chunks[0]?.y ?? 0;
    const only = chunks[0];
    // One text from the first column across the next (a section row); a numbered title that merely runs
    // over the gap (an overfull merged cell) stays in its column.
    const level = only ? (readEnumerator(only.text)?.level ?? 9) : 9;
    const spanning =
      chunks.length === 1 &&
      only !== undefined &&
      columnOf(only.x) === 0 &&
      only.right > (starts[1] ?? 0) + size &&
      (level <= 2 || only.right > (starts[2] ?? 0) - size);
    const pieces = chunks.map((c) => ({ ...c, line: index, column: spanning ? 0 : columnOf(c.x), y }));
    return { y, pieces, spanning };
  });
  return buildRows(rows, starts, right, size, pitch ?? size * 1.2);
}

type Chunk = { x: number; right: number; y: number; text: string; frags: Fragment[] };

/** Lines by baseline, each split into chunks at wide gaps or where one piece of text overlaps the next. */
function groupLines(text: readonly Fragment[], size: number): Chunk[][] {
  const sorted = [...text].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Fragment[][] = [];
  for (const f of sorted) {
    const group = groups.at(-1);
    const head = group?.[0];
    if (group && head && Math.abs(head.y - f.y) <= Math.max(head.size, f.size) * 0.35) group.push(f);
    else groups.push([f]);
  }
  return groups.map((group) => {
    const chunks: Chunk[] = [];
    // Overlapping text (a merged cell's title run on over the next column) interleaves by x: each
    // fragment continues the chunk that ends where it starts.
    for (const f of group.sort((a, b) => a.x - b.x)) {
      const current = chunks
        .filter((c) => Math.abs(f.x - c.right) <= size * 0.6)
        .sort((a, b) => Math.abs(f.x - a.right) - Math.abs(f.x - b.right))[0];
      if (current) {
        current.frags.push(f);
        current.right = Math.max(current.right, f.x + f.width);
      } else chunks.push({ x: f.x, right: f.x + f.width, y: f.y, text: "", frags: [f] });
    }
    for (const c of chunks) c.text = toLines(c.frags)[0]?.text ?? "";
    return chunks.sort((a, b) => a.x - b.x);
  });
}

/** Left edges shared by enough chunks, each the median of its cluster. */
function columnStarts(xs: readonly number[], size: number, support: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of sorted) {
    const c = clusters.at(-1);
    if (c && x - (c.at(-1) ?? x) <= size * 0.6) c.push(x);
    else clusters.push([x]);
  }
  return clusters.filter((c) => c.length >= support).map((c) => median(c) ?? 0);
}

function buildRows(
  lines: readonly TableLine[],
  starts: readonly number[],
  right: readonly number[],
  size: number,
  pitch: number,
): PdfTable {
  const columns = starts.length;
  const byColumn = starts.map((_, c) => lines.flatMap((l) => l.pieces.filter((p) => p.column === c && !l.spanning)));
  const chars = byColumn.map((list) => list.reduce((n, p) => n + p.text.length, 0));
  const main = chars.reduce((best, n, c) => (n > (chars[best] ?? 0) ? c : best), 0);
  const edge = byColumn.map(
    (list) =>
      percentile(
        list.map((p) => p.right),
        0.9,
      ) ?? 0,
  );
  // A unit list may fill its column exactly; ending on an office's name (…处, …局, …中心) it ends there,
  // where a wrapped list breaks after 、 or inside a name.
  const short = (p: Piece) =>
    p.right < (edge[p.column] ?? 0) - size * 2 ||
    TERMINAL.test(p.text) ||
    (p.column !== main && p.column > 0 && UNIT_END.test(p.text));
  const near = (a: Piece, b: Piece) => Math.abs(a.y - b.y) <= pitch * 1.5;
  const starts_ = new Set<Piece>();
  const ends = new Set<Piece>();
  for (const list of byColumn) {
    list.forEach((p, i) => {
      const before = list[i - 1];
      const after = list[i + 1];
      if (!before || !near(before, p) || short(before)) starts_.add(p);
      if (!after || !near(after, p) || short(p)) ends.add(p);
    });
  }
  const anchorsBy = (set: Set<Piece>) =>
    lines.map(
      (l) =>
        !l.spanning &&
        l.pieces.length >= 2 &&
        l.pieces.some((p) => p.column === main) &&
        l.pieces.every((p) => set.has(p)),
    );
  const opening: boolean[] = anchorsBy(starts_);
  const closing = anchorsBy(ends);
  const top = opening.filter(Boolean).length >= closing.filter(Boolean).length;
  // In top-aligned rows a units cell that starts after a gap starts its row, even when the widest column's
  // paragraph above ran to the edge and so looks unfinished; not where that paragraph ends (a merged cell
  // centred over its rows may sit on any line).
  const second = chars.reduce((best, n, c) => (c !== main && c > 0 && n > (chars[best] ?? -1) ? c : best), -1);
  if (top && second > 0) {
    lines.forEach((l, i) => {
      const body = l.pieces.find((p) => p.column === main);
      const unit = l.pieces.find((p) => p.column === second);
      if (l.spanning || !body || !unit || (ends.has(body) && !starts_.has(body))) return;
      const list = byColumn[second] ?? [];
      const above = list[list.indexOf(unit) - 1];
      const afterGap = above === undefined || !near(above, unit);
      if (afterGap && l.pieces.every((p) => p.column === main || starts_.has(p))) opening[i] = true;
    });
  }
  // Row index of each line: a new row begins at an opening line (after a closing one), and around a spanning line.
  // A cell's text set lower than its row's first line (a merged cell centred over its rows) opens a row at
  // the nearest line above where the widest column starts a paragraph, if no anchor is there.
  if (top) {
    for (const p of byColumn.flatMap((list, c) => (c === main ? [] : list))) {
      if (!starts_.has(p) || opening[p.line]) continue;
      if (p.column === 0 && (readEnumerator(p.text)?.level ?? 0) < 3) continue;
      const candidates = lines
        .map((l, i) => ({ l, i }))
        .filter(({ l }) => l.y >= p.y && l.y <= p.y + pitch * 2.2)
        .filter(({ l }) => l.pieces.some((q) => q.column === main && starts_.has(q)));
      const own = candidates.find(({ i }) => i === p.line);
      if (!own && candidates.some(({ i }) => opening[i])) continue;
      const nearest = own ?? candidates.at(-1);
      if (nearest) opening[nearest.i] = true;
    }
  }
  const header = lines.map((_, i) => isHeader(lines, i, size));
  const rowOf: number[] = [];
  let row = -1;
  const anchor = lines.map((l, i) => {
    const fresh = i === 0 || l.spanning || lines[i - 1]?.spanning || header[i - 1] === true;
    if (fresh || header[i] || (top ? opening[i] : closing[i - 1])) row++;
    rowOf.push(row);
    if (header[i] || l.spanning) return false;
    return top ? opening[i] === true || fresh : closing[i] === true;
  });
  const anchorRows = lines.flatMap((l, i) => (anchor[i] ? [{ y: l.y, row: rowOf[i] ?? 0 }] : []));
  // A run of lines in one column that meets no anchor line floats (a merged cell set in the middle of
  // its rows): it belongs to the first row anchored within two lines above its top.
  const target = new Map<Piece, number>();
  for (const list of byColumn) {
    let run: Piece[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const floats = run.every((p) => !anchor[p.line]);
      const head = run[0] as Piece;
      const home = floats ? anchorRows.find((a) => a.y >= head.y && a.y <= head.y + pitch * 2.2) : undefined;
      for (const p of run) target.set(p, home?.row ?? rowOf[p.line] ?? 0);
      run = [];
    };
    for (const p of list) {
      const previous = run.at(-1);
      if (previous && (!near(previous, p) || ends.has(previous) || anchor[p.line])) flush();
      run.push(p);
    }
    flush();
  }
  const count = row + 1;
  const cellPieces: Piece[][][] = Array.from({ length: count }, () => starts.map(() => []));
  lines.forEach((l) => {
    for (const p of l.pieces) cellPieces[target.get(p) ?? rowOf[p.line] ?? 0]?.[p.column]?.push(p);
  });
  // The first row under a section row belongs to a task: a title centred lower, on the next row, moves up.
  const sectionRows = new Set(lines.flatMap((l, i) => (l.spanning ? [rowOf[i] ?? 0] : [])));
  cellPieces.forEach((cells, r) => {
    const next = cellPieces[r + 1]?.[0];
    const topY = Math.max(...cells.flat().map((p) => p.y));
    if (!sectionRows.has(r - 1) || (cells[0]?.length ?? 0) > 0 || !next?.length) return;
    if ((next[0]?.y ?? 0) < topY - pitch * 2.2 || (readEnumerator(next[0]?.text ?? "")?.level ?? 0) < 3) return;
    cells[0] = next.splice(0);
  });
  const rows: Cell[][] = cellPieces.map((cells) =>
    cells.map((pieces, c) => {
      if (pieces.length === 0) return { paragraphs: [] };
      // Latin runs come in a font of another nominal size; within one cell that is no paragraph break.
      const frags = pieces.flatMap((p) => p.frags);
      const common = median(frags.flatMap((f) => Array.from(f.str, () => f.size))) ?? size;
      const cellLines = toLines(frags.map((f) => ({ ...f, size: common })));
      // A sentence that ends with room for another glyph before the edge ends its paragraph: Chinese
      // text may break anywhere, so the next character would have been set there.
      const groups: (typeof cellLines)[] = [[]];
      for (const [k, line] of cellLines.entries()) {
        // Lines of one cell far apart (a merged cell's text and the row's own) are separate paragraphs.
        const above = cellLines[k - 1];
        if (above && above.y - line.y > pitch * 1.6 && (groups.at(-1)?.length ?? 0) > 0) groups.push([]);
        groups.at(-1)?.push(line);
        if (TERMINAL.test(line.text) && line.right < (edge[c] ?? 0) - common * 0.8) groups.push([]);
      }
      const paragraphs = groups.flatMap((g) => toParagraphs(g, starts[c] ?? 0, edge[c] ?? right[c] ?? 0, true));
      return { paragraphs: paragraphs.map((p) => p.text) };
    }),
  );
  // Rows under a merged unit or deadline cell show it once; the rows after it with that cell empty (and no
  // new task) carry it on, as the merged cell's continuation rows do in a ruled table.
  const special = new Set(lines.flatMap((l, i) => (header[i] || l.spanning ? [rowOf[i] ?? 0] : [])));
  if (top && main > 0) {
    rows.forEach((cells, r) => {
      const above = rows[r - 1];
      if (!above || special.has(r) || special.has(r - 1) || (cells[0]?.paragraphs.length ?? 0) > 0) return;
      cells.forEach((cell, c) => {
        const from = above[c];
        if (c === 0 || c === main || cell.paragraphs.length > 0 || !from || from.paragraphs.length === 0) return;
        cells[c] = { paragraphs: [...from.paragraphs], spanned: true };
      });
    });
  }
  const used = new Set(lines.flatMap((l) => l.pieces.flatMap((p) => p.frags)));
  const rowTops = cellPieces.map((cells) => Math.max(...cells.flat().map((p) => p.y + size)));
  return {
    xs: [...starts, right.at(-1) ?? 0],
    ys: [...rowTops, (lines.at(-1)?.y ?? 0) - size * 0.3],
    rows,
    regions: rows.map((_, r) => Array.from({ length: columns }, (_, c) => r * columns + c)),
    used,
    openBottom: false,
  };
}

/** A line of short cells, one per column, that opens the table (落实举措 | 责任单位 | 完成时间 …). */
function isHeader(lines: readonly TableLine[], i: number, size: number): boolean {
  const l = lines[i];
  if (!l || l.pieces.length < 3) return false;
  const shortCells = l.pieces.every((p) => isHeaderCell(p.text, p.right - p.x, size));
  return shortCells && lines.slice(0, i).every((p) => p.spanning || p.pieces.length < 2);
}

const isHeaderCell = (text: string, width: number, size: number) =>
  width <= size * 8 && !/[。；，、：:]/.test(text) && !/^\d/.test(text);

function median(values: readonly number[]): number | undefined {
  return percentile(values, 0.5);
}

function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}
