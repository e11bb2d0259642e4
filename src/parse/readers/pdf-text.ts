// Rebuilds lines and paragraphs from positioned text fragments (PDF user space: y grows upward,
// y is the baseline). Used for page text outside tables and for the text inside one table cell.

import { readEnumerator } from "../layout/enumerators.ts";

export type Fragment = { str: string; x: number; y: number; width: number; size: number };

export type Line = { y: number; x: number; right: number; size: number; text: string };

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2014\u2018-\u201d\u2026]/;
const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/** Groups fragments into lines by baseline (top to bottom), each line's fragments left to right. */
export function toLines(fragments: readonly Fragment[]): Line[] {
  const sorted = [...fragments].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Fragment[][] = [];
  for (const fragment of sorted) {
    const group = groups.at(-1);
    const first = group?.[0];
    // Superscripts and mixed fonts shift baselines a little; a third of the font size is still one line.
    if (group && first && Math.abs(first.y - fragment.y) <= Math.max(first.size, fragment.size) * 0.35) {
      group.push(fragment);
    } else groups.push([fragment]);
  }
  return groups.map((group) => joinLine(group.sort((a, b) => a.x - b.x))).filter((line): line is Line => line !== null);
}

function joinLine(fragments: readonly Fragment[]): Line | null {
  let text = "";
  let lastEnd = Number.NEGATIVE_INFINITY;
  let pendingSpace = false;
  let size = 0;
  let x = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const f of fragments) {
    if (f.str.trim() === "") {
      if (text) pendingSpace = true;
      continue;
    }
    const gap = f.x - lastEnd;
    const wide = gap > f.size * 0.5 && !(isCjk(text.at(-1)) && isCjk(f.str[0]) && gap < f.size * 2);
    if (text && (pendingSpace || wide) && !text.endsWith(" ") && !f.str.startsWith(" ")) text += " ";
    text += f.str;
    pendingSpace = false;
    lastEnd = Math.max(lastEnd, f.x + f.width);
    size = Math.max(size, f.size);
    x = Math.min(x, f.x);
    right = Math.max(right, f.x + f.width);
  }
  text = text.replace(/\s+/g, " ").trim();
  if (!text) return null;
  const y = fragments.reduce((sum, f) => sum + f.y, 0) / fragments.length;
  return { y, x, right, size, text };
}

/** Joins a wrapped line to the previous one: Chinese runs on directly, Latin words get their lost space back. */
export function joinWrapped(previous: string, next: string): string {
  if (!previous) return next;
  const last = previous.at(-1);
  const first = next[0];
  if (last && first && /[A-Za-z0-9,;:.)]/.test(last) && /[A-Za-z0-9(]/.test(first)) return `${previous} ${next}`;
  return previous + next;
}

/**
 * Splits lines into paragraphs. A line starts a new paragraph when it is indented, follows a line
 * that stopped short of the right edge, changes font size, or sits after a wider vertical gap.
 */
export function toParagraphs(
  lines: readonly Line[],
  left: number,
  right: number,
  inCell = false,
): { text: string; line: Line }[] {
  const paragraphs: { text: string; line: Line }[] = [];
  const gaps = lines
    .slice(1)
    .map((line, i) => (lines[i]?.y ?? 0) - line.y)
    .filter((g) => g > 0);
  const pitch = median(gaps) ?? 0;
  let previous: Line | undefined;
  for (const line of lines) {
    const current = paragraphs.at(-1);
    const startsNew =
      !previous ||
      !current ||
      line.x > left + line.size * 0.8 ||
      (previous.right < right - previous.size * 2 && !(inCell && forcedBreak(previous.text, line.text))) ||
      // A full line ending in a colon closes an addressee line or a lead-in ("主要目标：").
      /[：:]$/.test(previous.text) ||
      // The next item's number or an annotation's label at the margin starts anew, even after a full
      // line (a wrapped units list runs to the right edge, and some drivers justify every line).
      (!inCell && startsItem(line.text) && !/[第\d（(“《、，]$/.test(previous.text)) ||
      Math.abs(previous.size - line.size) > line.size * 0.15 ||
      previous.y - line.y > Math.max(pitch * 1.4, line.size * 2.2);
    if (startsNew || !current) paragraphs.push({ text: line.text, line });
    else current.text = joinWrapped(current.text, line.text);
    previous = line;
  }
  return paragraphs;
}

const LABEL_START = /^(牵头|配合|责任|协办|参与|主责)(单位|部门|处室|科室)[:：]|^完成(时限|时间)[:：]/;

/** A line that opens a numbered item ("5.", "（二）", "三、") or a labelled annotation field. */
function startsItem(text: string): boolean {
  const t = text.trimStart();
  if (LABEL_START.test(t)) return true;
  const e = readEnumerator(t);
  return e !== null && e.level >= 1 && e.level <= 4 && /^[\u4e00-\u9fa5“《]/.test(e.rest);
}

/**
 * In a narrow table cell a line can stop short without ending its paragraph when the next word did not fit: a Latin or
 * numeric run that cannot be broken, or a character that may not be separated from the closing
 * punctuation after it (Chinese line-breaking rules).
 */
function forcedBreak(previous: string, next: string): boolean {
  if (/[。；;！!？?：:]$/.test(previous)) return false;
  return /^[A-Za-z0-9（(《“〔[]/.test(next) || /^.?[》）)」』”〕\]、，,。；;]/.test(next);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
