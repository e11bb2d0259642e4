// Expands a table whose cells carry row and column spans into a rectangular grid of Cells, the way
// the layout grammar expects: a vertical merge repeats the master's text in each continuation row
// (marked spanned), a horizontal merge leaves empty cells after the master so columns line up.
import type { Cell } from "../blocks.ts";

export type SpanCell = { paragraphs: string[]; rowSpan: number; colSpan: number };

export function expandSpans(rows: readonly (readonly SpanCell[])[]): Cell[][] {
  const grid: (Cell | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    const line = grid[r] ?? [];
    let c = 0;
    for (const cell of row) {
      while (line[c]) c++;
      // A span of 0 (HTML) or one reaching past the table means "to the last row".
      const rowSpan = cell.rowSpan >= 1 ? Math.min(cell.rowSpan, rows.length - r) : rows.length - r;
      const colSpan = Math.max(1, cell.colSpan);
      for (let i = 0; i < rowSpan; i++) {
        const target = grid[r + i];
        if (!target) continue;
        for (let j = 0; j < colSpan; j++) {
          if (target[c + j]) continue; // overlapping spans in malformed tables: first one wins
          if (i === 0 && j === 0) target[c] = { paragraphs: cell.paragraphs };
          else if (j === 0) target[c] = { paragraphs: [...cell.paragraphs], spanned: true };
          else target[c + j] = { paragraphs: [] };
        }
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((line) => line.length));
  return grid.map((line) => Array.from({ length: width }, (_, i) => line[i] ?? { paragraphs: [] }));
}

export const hasContent = (cells: readonly Cell[]): boolean => cells.some((c) => c.paragraphs.length > 0);
