// The heading and item markers of Chinese official documents, outermost first:
//   第一部分 / 一、 / （一） / 1. / （1） / ①
import { chineseToNumber } from "../normalize/numerals.ts";

export type Enumerator = {
  /** 0 第一部分, 1 一、, 2 （一）, 3 1., 4 （1）, 5 ①. */
  level: number;
  /** The marker as it appears in a key: "第二部分", "一", "（一）", "1", "（1）", "①". */
  key: string;
  /** The marker's ordinal (1-based), to notice restarts. */
  ordinal: number;
  /** The text after the marker. */
  rest: string;
};

const CN = "[一二三四五六七八九十百零〇两]+";
const PATTERNS: [number, RegExp, (m: RegExpExecArray) => [string, number]][] = [
  [0, new RegExp(`^第(${CN}|\\d+)(部分|篇|章)\\s*[、.．:：]?`), (m) => [m[0].replace(/[\s、.．:：]+$/, ""), ord(m[1])]],
  [1, new RegExp(`^(${CN})\\s*[、.．，,]`), (m) => [m[1] as string, ord(m[1])]],
  [2, new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*[、.．]?`), (m) => [`（${m[1]}）`, ord(m[1])]],
  [3, /^(\d{1,3})\s*(?:[.．、，,](?!\d)|\s(?=[\u4e00-\u9fa5“《]))/, (m) => [m[1] as string, Number(m[1])]],
  [4, /^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?|^(\d{1,3})[）)]/, (m) => [`（${m[1] ?? m[2]}）`, Number(m[1] ?? m[2])]],
  [5, /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/, (m) => [m[1] as string, "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".indexOf(m[1] as string) + 1]],
];

function ord(s: string | undefined): number {
  if (!s) return 0;
  return /^\d+$/.test(s) ? Number(s) : (chineseToNumber(s) ?? 0);
}

export function readEnumerator(text: string): Enumerator | null {
  const t = text.trimStart();
  for (const [level, re, keyOf] of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const [key, ordinal] = keyOf(m);
    const rest = t.slice(m[0].length).trim();
    // "2021年…", "1.5万件" and bare numbers are not markers.
    if (level === 3 && (/^[年月日万亿%]/.test(rest) || rest === "")) return null;
    if (level === 1 && /^[是要]/.test(rest)) return null;
    return { level, key, ordinal, rest };
  }
  return null;
}

/** Positions of inline sub-item markers "（1）…（2）…" or "①…②…" in one paragraph, in sequence from 1. */
export function splitInlineSubItems(text: string): string[] | null {
  const re = /[（(](\d{1,2})[）)]|([①②③④⑤⑥⑦⑧⑨⑩])/g;
  const cuts: number[] = [];
  let expected = 1;
  for (const m of text.matchAll(re)) {
    const n = m[1] ? Number(m[1]) : "①②③④⑤⑥⑦⑧⑨⑩".indexOf(m[2] as string) + 1;
    if (n === expected) {
      cuts.push(m.index ?? 0);
      expected++;
    }
  }
  if (cuts.length < 2) return null;
  const parts = [text.slice(0, cuts[0])];
  cuts.forEach((c, i) => {
    parts.push(text.slice(c, cuts[i + 1]));
  });
  return parts;
}

/** "1.…。2.…。3.…" inside one table cell: measures numbered in sequence after sentence ends. */
export function splitNumberedRun(text: string): string[] | null {
  const cuts: number[] = [];
  let expected = 1;
  for (const m of text.matchAll(/(^|[。；;])\s*(\d{1,2})[.．、](?!\d)/g)) {
    if (Number(m[2]) !== expected) continue;
    cuts.push((m.index ?? 0) + (m[1] as string).length);
    expected++;
  }
  if (cuts.length < 2 || cuts[0] !== 0) return null;
  return cuts.map((c, i) => text.slice(c, cuts[i + 1]).trim());
}
