// Finds ruled tables on a PDF page and rebuilds their rows. Borders decide everything: vertical
// rules give the columns, horizontal rules the rows, and a rule missing between two grid cells means
// they are one merged cell, exactly as Word drew it.
import type { Cell } from "../blocks.ts";
import type { Rulings, Segment } from "./pdf-geometry.ts";
import { type Fragment, toLines, toParagraphs } from "./pdf-text.ts";

export type PdfTable = {
  /** Column boundaries, left to right. */
  xs: number[];
  /** Row boundaries, top to bottom (descending y). */
  ys: number[];
  rows: Cell[][];
  /** For each row and column, the id of the merged cell (region) it belongs to. */
  regions: number[][];
  /** Which fragments fell inside the table, so the page text can skip them. */
  used: Set<Fragment>;
  /** The borders run on below the last rule: the page break cut the bottom row, which goes on overleaf. */
  openBottom: boolean;
};

const TOLERANCE = 2;

export function findTables(rulings: Rulings, fragments: readonly Fragment[]): PdfTable[] {
  return connectedGrids(rulings)
    .map((grid) => buildTable(grid, fragments))
    .filter((table): table is PdfTable => table !== null)
    .sort((a, b) => (b.ys[0] ?? 0) - (a.ys[0] ?? 0));
}

/** Groups rulings that touch into separate grids (one per table). */
function connectedGrids({ horizontal, vertical }: Rulings): Rulings[] {
  const all: Segment[] = [...horizontal, ...vertical];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  horizontal.forEach((h, i) => {
    vertical.forEach((v, k) => {
      const touches =
        v.x1 >= h.x1 - TOLERANCE && v.x1 <= h.x2 + TOLERANCE && h.y1 >= v.y1 - TOLERANCE && h.y1 <= v.y2 + TOLERANCE;
      if (touches) parent[find(i)] = find(horizontal.length + k);
    });
  });
  // A border piece between two staggered merged cells meets no crossing rule, only the pieces of the
  // same border above and below it (Chromium draws each cell's edges): collinear pieces that meet join too.
  const joinCollinear = (segments: readonly Segment[], offset: number, vertical: boolean) => {
    const order = segments
      .map((s, i) => i)
      .sort((a, b) => {
        const [sa, sb] = [segments[a], segments[b]];
        if (!sa || !sb) return 0;
        return vertical ? sa.x1 - sb.x1 || sa.y1 - sb.y1 : sa.y1 - sb.y1 || sa.x1 - sb.x1;
      });
    for (let n = 1; n < order.length; n++) {
      for (let m = n - 1; m >= 0; m--) {
        const a = segments[order[m] ?? 0];
        const b = segments[order[n] ?? 0];
        if (!a || !b) break;
        const along = vertical ? Math.abs(a.x1 - b.x1) : Math.abs(a.y1 - b.y1);
        if (along > TOLERANCE) break;
        const meets = vertical
          ? b.y1 <= a.y2 + TOLERANCE && a.y1 <= b.y2 + TOLERANCE
          : b.x1 <= a.x2 + TOLERANCE && a.x1 <= b.x2 + TOLERANCE;
        if (meets) parent[find(offset + (order[n] ?? 0))] = find(offset + (order[m] ?? 0));
      }
    }
  };
  joinCollinear(horizontal, 0, false);
  joinCollinear(vertical, horizontal.length, true);
  const groups = new Map<number, Rulings>();
  all.forEach((segment, i) => {
    const root = find(i);
    const group = groups.get(root) ?? { horizontal: [], vertical: [] };
    (i < horizontal.length ? group.horizontal : group.vertical).push(segment);
    groups.set(root, group);
  });
  return [...groups.values()].filter((g) => g.horizontal.length >= 2 && g.vertical.length >= 2);
}

function cluster(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const result: number[] = [];
  for (const v of sorted) {
    const last = result.at(-1);
    if (last === undefined || v - last > TOLERANCE) result.push(v);
  }
  return result;
}

/**
 * Horizontal rule positions, plus the ends of the vertical rules where they run on past the last
 * horizontal one: a row cut by a page break (Chromium prints rows across pages) has no closing rule.
 */
function withOpenEdges(grid: Rulings): number[] {
  const ys = grid.horizontal.map((s) => s.y1);
  if (ys.length === 0 || grid.vertical.length === 0) return ys;
  const low = Math.min(...grid.vertical.map((s) => s.y1));
  const high = Math.max(...grid.vertical.map((s) => s.y2));
  if (low < Math.min(...ys) - OPEN_EDGE) ys.push(low);
  if (high > Math.max(...ys) + OPEN_EDGE) ys.push(high);
  return ys;
}
const OPEN_EDGE = 6;

function buildTable(grid: Rulings, fragments: readonly Fragment[]): PdfTable | null {
  const xs = cluster(grid.vertical.map((s) => s.x1));
  const ys = cluster(withOpenEdges(grid)).reverse();
  const columns = xs.length - 1;
  const bands = ys.length - 1;
  if (columns < 1 || bands < 1) return null;
  const hasVertical = (x: number, y: number) =>
    grid.vertical.some((s) => Math.abs(s.x1 - x) <= TOLERANCE && y >= s.y1 - TOLERANCE && y <= s.y2 + TOLERANCE);
  const hasHorizontal = (y: number, x: number) =>
    grid.horizontal.some((s) => Math.abs(s.y1 - y) <= TOLERANCE && x >= s.x1 - TOLERANCE && x <= s.x2 + TOLERANCE);

  // Union grid cells that no rule separates; each resulting region is one (possibly merged) cell.
  const id = (r: number, c: number) => r * columns + c;
  const parent = Array.from({ length: bands * columns }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < bands; r++) {
    const midY = ((ys[r] ?? 0) + (ys[r + 1] ?? 0)) / 2;
    for (let c = 0; c < columns; c++) {
      const midX = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
      if (c + 1 < columns && !hasVertical(xs[c + 1] ?? 0, midY)) union(id(r, c), id(r, c + 1));
      if (r + 1 < bands && !hasHorizontal(ys[r + 1] ?? 0, midX)) union(id(r, c), id(r + 1, c));
    }
  }

  const top = ys[0] ?? 0;
  const bottom = ys[bands] ?? 0;
  const left = xs[0] ?? 0;
  const right = xs[columns] ?? 0;
  const used = new Set<Fragment>();
  const byRegion = new Map<number, Fragment[]>();
  for (const f of fragments) {
    // A fragment belongs where its first glyph sits: its start x and a point above the baseline.
    const px = f.x + Math.min(f.width, f.size) / 2;
    const py = f.y + f.size * 0.3;
    if (px < left || px > right || py > top || py < bottom) continue;
    const c = xs.findIndex((x, i) => i < columns && px >= x && px <= (xs[i + 1] ?? x));
    const r = ys.findIndex((y, i) => i < bands && py <= y && py >= (ys[i + 1] ?? y));
    if (c < 0 || r < 0) continue;
    used.add(f);
    const region = find(id(r, c));
    byRegion.set(region, [...(byRegion.get(region) ?? []), f]);
  }
  if (used.size === 0) return null;
  const lowestRule = Math.min(...grid.horizontal.map((h) => h.y1));
  const openBottom = bottom < lowestRule - OPEN_EDGE;

  const regionText = new Map<number, string[]>();
  const regionBox = (region: number) => {
    let minC = columns;
    let maxC = -1;
    for (let i = 0; i < parent.length; i++) {
      if (find(i) !== region) continue;
      minC = Math.min(minC, i % columns);
      maxC = Math.max(maxC, i % columns);
    }
    return { left: xs[minC] ?? 0, right: xs[maxC + 1] ?? 0 };
  };
  for (const [region, list] of byRegion) {
    const lines = toLines(list);
    const box = regionBox(region);
    const textLeft = Math.min(...lines.map((l) => l.x));
    const padding = Math.max(0, textLeft - box.left);
    regionText.set(
      region,
      toParagraphs(lines, textLeft, box.right - padding, true).map((p) => p.text),
    );
  }

  const rows: Cell[][] = [];
  const regions: number[][] = [];
  for (let r = 0; r < bands; r++) {
    const cells: Cell[] = [];
    regions.push(Array.from({ length: columns }, (_, c) => find(id(r, c))));
    for (let c = 0; c < columns; c++) {
      const region = find(id(r, c));
      const masterRow = Math.floor(region / columns);
      const masterColumn = region % columns;
      const text = regionText.get(region) ?? [];
      if (masterRow === r && masterColumn === c) cells.push({ paragraphs: text });
      else if (masterColumn === c) cells.push({ paragraphs: [...text], spanned: true });
      else cells.push({ paragraphs: [] });
    }
    rows.push(cells);
  }
  return { xs, ys, rows, regions, used, openBottom };
}
