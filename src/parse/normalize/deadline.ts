// Deadlines (完成时间/完成时限) in every convention of the genre, resolved against the plan year.
import type { Deadline } from "../types.ts";
import { arabizeDates, asciiDigits } from "./numerals.ts";
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
    /^(全年|年内|年底|年末|上半年|下半年|每年|每季度|每月|第[一二三四1-4]季度|[一二三四1-4]季度|\d{4}年|\d{1,2}月|\d{4}[-—–至]\d{4})/.test(
      s,
    ) ||
    ONGOING_TAIL.test(s)
  );
}

const normalize = (raw: string) => asciiDigits(arabizeDates(squeeze(raw))).replace(/[。.]$/, "");

export function parseDeadline(raw: string, planYear: number | null): DeadlineReading {
  const printed = squeeze(raw);
  const s = normalize(raw);
  const result = (due: string | null, ongoing: boolean, understood = true): DeadlineReading => ({
    raw: printed,
    due,
    ongoing,
    understood,
  });
  if (ONGOING_ONLY.test(s)) return result(null, true);

  const tail = ONGOING_TAIL.exec(s);
  const ongoing = tail !== null || /^(全年|每年|每季度|每月)/.test(s);
  const core = tail ? s.slice(0, tail.index) : s;
  const due = resolveDate(core, planYear);
  if (due === undefined) return result(null, ongoing, tail !== null);
  return result(due, ongoing);
}

/** The ISO due date of a phrase; null for a relative phrase with no plan year; undefined when unknown. */
function resolveDate(s: string, planYear: number | null): string | null | undefined {
  const Y = planYear;
  const rel = (f: (y: number) => string): string | null => (Y === null ? null : f(Y));
  let m: RegExpExecArray | null;

  // A year range ("2023—2025年") is due at the end of its last year.
  if ((m = /^(\d{4})年?[-—–~～至到](\d{4})年/.exec(s))) return monthEnd(Number(m[2]), 12);

  const year = /^(\d{4})年(?:度)?/.exec(s);
  const y = year ? Number(year[1]) : Y;
  const rest = year ? s.slice(year[0].length) : s.replace(/^每年/, "");
  const at = (f: (yy: number) => string): string | null => (y === null ? null : f(y));

  if (
    /^(全年|年内|年底|年末|年终|底|末|前|内|12月底|12月末)/.test(rest) ||
    rest === "" ||
    /^(年|完成|有阶段性成果)/.test(rest)
  ) {
    if (!year && /^(全年|年内|年底|年末|年终)/.test(rest)) return rel((yy) => monthEnd(yy, 12));
    if (year && (rest === "" || /^(底|末|年底|年末|前|内|完成|全年|年内)/.test(rest))) return monthEnd(y as number, 12);
  }
  if (/^上半年/.test(rest)) return at((yy) => monthEnd(yy, 6));
  if (/^下半年/.test(rest)) return at((yy) => monthEnd(yy, 12));
  if ((m = /^第?([1-4一二三四])季度/.exec(rest))) {
    const q = "一二三四".indexOf(m[1] as string) + 1 || Number(m[1]);
    return at((yy) => monthEnd(yy, q * 3));
  }
  if ((m = /^(\d{1,2})月(\d{1,2})日/.exec(rest))) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return at((yy) => date(yy, month, day));
  }
  if ((m = /^(\d{1,2})月(份)?(上旬|中旬|下旬|底|末|中|初)?(前|之前|以前|内|完成)?/.exec(rest))) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return undefined;
    const part = m[3];
    const before = m[4] === "前" || m[4] === "之前" || m[4] === "以前";
    if (part === "上旬" || part === "初") return at((yy) => date(yy, month, 10));
    if (part === "中旬" || part === "中") return at((yy) => date(yy, month, 20));
    if (part === undefined && before) return at((yy) => beforeMonth(yy, month));
    return at((yy) => monthEnd(yy, month));
  }
  if (/^(年内有阶段性成果|有阶段性成果)/.test(rest)) return at((yy) => monthEnd(yy, 12));
  return undefined;
}
