// Tab-separated copies of Word tables sometimes carry a cell's line break as a real line break, so
// one table row arrives as two or three lines. The lines are joined back before they become rows:
// a line continues the row above when the row so far has fewer cells than the table (or it is the
// row's last cell that wrapped), the line starts with no item number, and it is not a header row.

import { readEnumerator } from "../layout/enumerators.ts";
import { readHeader } from "../layout/table.ts";
import { isNoiseLine, squeeze } from "../normalize/text.ts";

/** How many lines without tabs one row may have wrapped into, at most. */
const MAX_TAILS = 6;

export type LogicalLine = { text: string; line: number };

const cellsOf = (line: string) => line.split("\t");
const width = (line: string) => cellsOf(line).length;
const isRow = (line: string) => line.includes("\t");
const isHeaderLine = (line: string) =>
  isRow(line) && readHeader(cellsOf(line).map((c) => ({ paragraphs: [plain(c)] }))) !== null;
const plain = (s: string) => s.replace(/<\/?p>/g, "").trim();
/** The line's item marker, also where the marker stands alone ("23." before a wrapped title). */
const markerOf = (s: string) => readEnumerator(plain(s)) ?? readEnumerator(`${plain(s)} 项`);
const numbered = (s: string) => markerOf(s) !== null;

/** The width rows of the table should have: the header's, else the commonest width of the tab lines. */
function commonWidth(lines: readonly string[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) if (isRow(l)) counts.set(width(l), (counts.get(width(l)) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, n] of counts) if (n > bestCount || (n === bestCount && w > best)) [best, bestCount] = [w, n];
  return best;
}

export function joinWrappedRows(lines: readonly string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  const common = commonWidth(lines);
  const table: Table = { width: common, header: null };
  let open: LogicalLine | null = null;
  // Where the table goes on below line i: past blank lines and more wrapped tails, a row.
  const following = (i: number): string | undefined => {
    for (const l of lines.slice(i + 1, i + 1 + MAX_TAILS)) if (l.trim() !== "" && (isRow(l) || numbered(l))) return l;
    return undefined;
  };
  lines.forEach((line, i) => {
    if (isHeaderLine(line)) {
      table.width = Math.max(width(line), common);
      table.header = squeeze(line);
    }
    if (open && table.width > 1 && continuesRow(open.text, line, following(i), table)) {
      // A wrap at a space keeps one: it may part two names ("…保护处 省…中心").
      const gap = /[ \u3000]$/.test(open.text) || /^[ \u3000]/.test(line) ? " " : "";
      open.text = `${open.text.replace(/[ \u3000]+$/, "")}${gap}${line.replace(/^[ \u3000]+/, "")}`;
      return;
    }
    const logical = { text: line, line: i + 1 };
    out.push(logical);
    open = line.trim() === "" ? null : logical;
  });
  return out;
}

type Table = { width: number; header: string | null };

/** `next` is the first line below that is a row or a numbered line, past blank lines and wrapped tails. */
function continuesRow(prev: string, line: string, next: string | undefined, table: Table): boolean {
  if (line.trim() === "" || isNoiseLine(line) || isHeaderLine(line) || isHeaderLine(prev)) return false;
  const a = width(prev);
  const b = width(line);
  if (a + b - 1 > table.width) return false;
  const first = cellsOf(line)[0] ?? "";
  if (first.trim() !== "" && numbered(first)) return false;
  // Below, a row of the same table: a body row or the header repeated after a page break.
  const tableGoesOn = next !== undefined && isRow(next) && (!isHeaderLine(next) || squeeze(next) === table.header);
  // Two lines without tabs: a numbered first cell wrapped more than once.
  if (!isRow(prev) && !isRow(line)) return tableGoesOn && numbered(prev) && (markerOf(prev)?.level ?? 0) >= 3;
  // A line without tabs is the tail of the row's last cell only while the table goes on below it.
  if (!isRow(line)) return tableGoesOn;
  if (!isRow(prev)) {
    // A line without tabs starts the row's first cell where the rest of the row is empty (a section
    // row) or the line is numbered as a task is; otherwise it is a heading or text of its own.
    if (
      cellsOf(line)
        .slice(1)
        .every((c) => plain(c) === "")
    )
      return true;
    const e = markerOf(prev);
    return e !== null && e.level >= 3;
  }
  return true;
}
