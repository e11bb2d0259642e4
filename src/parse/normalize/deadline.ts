// Deadlines (完成时间/完成时限) in every convention of the genre, resolved against the plan year.
import type { Deadline } from "../types.ts";
import { memoized } from "./memo.ts";
import { arabizeDates, asciiDigits, chineseToNumber } from "./numerals.ts";
import { squeeze } from "./text.ts";

export type DeadlineReading = Deadline & {
  /** False when no convention matched: the raw text is kept and the caller warns. */
  understood: boolean;
};

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(lastDay(y, m))}`;
const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(Math.min(d, lastDay(y, m)))}`;

/** Before month N starts: the last day of month N-1 (of the previous year for January). */
const beforeMonth = (y: number, m: number) => (m === 1 ? monthEnd(y - 1, 12) : monthEnd(y, m - 1));

const ONGOING_ONLY =
  /^(持续推进|持续进行|持续开展|持续实施|持续|长期坚持|长期推进|长期|常态化(开展|推进|实施)?|常年|经常性工作|逐年推进|每年)$/;
const ONGOING_TAIL = /(并|后|，|,)?(持续推进|持续进行|持续开展|长期坚持|常态化(开展|推进)?)$/;

/** A phrase that is a deadline on its face (used to tell a deadline field from a units field). */
export function looksLikeDeadline(raw: string): boolean {
  const s = normalize(raw);
  if (s === "") return false;
  return (
    ONGOING_ONLY.test(s) ||
    /^(全年|年内|年底|年末|今年|明年|上半年|下半年|每年|每季度|每月|第[一二三四1-4]季度|[一二三四1-4]季度|\d{4}年|\d{1,2}月|\d{4}[-—–至]\d{4})/.test(
      s,
    ) ||
    ONGOING_TAIL.test(s)
  );
}

/** "2024.6", "2024-06-30", "2024/6/30" → "2024年6月", "2024年6月30日". */
const dottedDates = (s: string) =>
  s.replace(/^(\d{4})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?(?!\d)/, (_, y: string, m: string, d?: string) =>
    d ? `${y}年${Number(m)}月${Number(d)}日` : `${y}年${Number(m)}月`,
  );

/**
 * Quotes and lead-in words off ("到“十四五”末", "力争2025年前后"); 今年/明年 as years of the plan year;
 * a five-year plan's period ("十四五期间") as its years ("2021-2025年期间").
 */
function plainPhrase(s: string, planYear: number | null): string {
  let t = s.replace(/[“”"‘’《》]/g, "").replace(/^(到|于|在|截至|截止|至|力争|争取|计划|预计)(?=\d|今|明|十)/, "");
  if (planYear !== null) t = t.replace(/^今年/, `${planYear}年`).replace(/^明年/, `${planYear + 1}年`);
  return t.replace(/^(十[一二三四五六七八九]?)五(?:规划)?/, (m, n: string) => {
    const ordinal = chineseToNumber(n);
    if (ordinal === null) return m;
    const from = 2006 + (ordinal - 11) * 5;
    return `${from}-${from + 4}年`;
  });
}

const normalize = (raw: string, planYear: number | null = null) =>
  dottedDates(plainPhrase(asciiDigits(arabizeDates(squeeze(raw))).replace(/[。.]$/, ""), planYear));

/** Reads a deadline phrase (cached: plans repeat them). */
export const parseDeadline = memoized(readDeadline, (d) => ({ ...d }));

function readDeadline(raw: string, planYear: number | null): DeadlineReading {
  const printed = squeeze(raw);
  const s = normalize(raw, planYear);
  const result = (due: string | null, ongoing: boolean, understood = true): DeadlineReading => ({
    raw: printed,
    due,
    ongoing,
    understood,
  });
  if (ONGOING_ONLY.test(s)) return result(null, true);

  const tail = ONGOING_TAIL.exec(s);
  const ongoing =
    tail !== null ||
    /^(全年|每年|每季度|每半年|每月)/.test(s) ||
    /(起|开始|以来)$/.test(s) ||
    /^\d{4}年?[-—–~～至到]\d{4}年?(期间|时期|内)$/.test(s);
  const core = tail ? s.slice(0, tail.index) : s;
  // "2023年起": ongoing from then on, with no end.
  if (/^\d{4}年(起|开始|以来)$/.test(core)) return result(null, true);
  const due = resolveDate(core, planYear);
  if (due === undefined) return result(null, ongoing, tail !== null);
  return result(due, ongoing);
}

type Rule = [RegExp, (m: RegExpExecArray, y: number) => string | false];

/** Rules over the phrase with any leading "YYYY年" taken off; y is that year or the plan year. */
const RULES: Rule[] = [
  [/^(全年|年内|年底|年末|年终|年度)/, (_, y) => monthEnd(y, 12)],
  [/^上半年/, (_, y) => monthEnd(y, 6)],
  [/^下半年/, (_, y) => monthEnd(y, 12)],
  // Recurring work is first due at the end of its first period.
  [/^每季度/, (_, y) => monthEnd(y, 3)],
  [/^每半年/, (_, y) => monthEnd(y, 6)],
  [/^每月/, (_, y) => monthEnd(y, 1)],
  [/^第?([1-4一二三四])季度/, (m, y) => monthEnd(y, ("一二三四".indexOf(m[1] as string) + 1 || Number(m[1])) * 3)],
  [/^(\d{1,2})月(\d{1,2})日/, (m, y) => validMonth(m[1]) && date(y, Number(m[1]), Number(m[2]))],
  [/^(\d{1,2})月(份)?(上旬|初)/, (m, y) => validMonth(m[1]) && date(y, Number(m[1]), 10)],
  [/^(\d{1,2})月(份)?(中旬|中)/, (m, y) => validMonth(m[1]) && date(y, Number(m[1]), 20)],
  [/^(\d{1,2})月(份)?(之前|以前|前)/, (m, y) => validMonth(m[1]) && beforeMonth(y, Number(m[1]))],
  [/^(\d{1,2})月(份)?(下旬|底|末|内|完成|$)/, (m, y) => validMonth(m[1]) && monthEnd(y, Number(m[1]))],
];

const validMonth = (s: string | undefined): boolean => Number(s) >= 1 && Number(s) <= 12;

/** The ISO due date of a phrase; null for a relative phrase with no plan year; undefined when unknown. */
function resolveDate(s: string, planYear: number | null): string | null | undefined {
  // A year range ("2023—2025年") is due at the end of its last year.
  const range = /^(\d{4})年?[-—–~～至到](\d{4})(?:年|$)/.exec(s);
  if (range) return monthEnd(Number(range[2]), 12);
  const year = /^(\d{4})年度?/.exec(s);
  const rest = year ? s.slice(year[0].length).replace(/^年/, "") : s.replace(/^每年(?!度)/, "");
  // "2023年", "2023年底前", "2023年完成": the end of that year.
  if (year && /^(有阶段性成果|完成|底|末|前后|左右|以前|之前|前|内|$)/.test(rest)) return monthEnd(Number(year[1]), 12);
  for (const [re, resolve] of RULES) {
    const m = re.exec(rest);
    if (!m) continue;
    const y = year ? Number(year[1]) : planYear;
    if (y === null) return null;
    return resolve(m, y) || undefined;
  }
  return undefined;
}
