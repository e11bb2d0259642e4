// What a progress report covers: a year (the annual work summary, 年度工作总结), a quarter, a month,
// or, with no period given, everything up to today.
import { lastDayOfMonth, minDate } from "./dates.ts";
import { parsePeriodLabel } from "./periods.ts";
import type { IsoDate } from "./types.ts";

export type ReportSpan = {
  kind: "year" | "quarter" | "month" | "to_date";
  /** As given: "2025", "2025-Q1", "2025-03"; null for to_date. */
  label: string | null;
  /** In words for the title: 2025年度, 2025年第一季度, 2025年3月. */
  words: string;
  from: IsoDate | null;
  to: IsoDate;
  /** The day statuses are taken on: the span's last day, or today if the span is still running. */
  asOf: IsoDate;
};

const QUARTERS = ["一", "二", "三", "四"];

/** null when `period` is not a year, quarter or month label, or starts after today. */
export function reportSpan(period: string | undefined, today: IsoDate): ReportSpan | null {
  if (period === undefined || period === "")
    return { kind: "to_date", label: null, words: "", from: null, to: today, asOf: today };
  const year = /^(\d{4})$/.exec(period);
  const span = year
    ? {
        kind: "year" as const,
        from: `${year[1]}-01-01`,
        to: lastDayOfMonth(Number(year[1]), 12),
        words: `${year[1]}年度`,
      }
    : fromLabel(period);
  if (!span || span.from > today) return null;
  return { ...span, label: period, asOf: minDate(span.to, today) };
}

function fromLabel(label: string) {
  const p = parsePeriodLabel(label);
  if (!p) return null;
  const [y, rest] = label.split("-") as [string, string];
  const words = rest.startsWith("Q") ? `${y}年第${QUARTERS[Number(rest.slice(1)) - 1]}季度` : `${y}年${Number(rest)}月`;
  return { kind: rest.startsWith("Q") ? ("quarter" as const) : ("month" as const), from: p.start, to: p.end, words };
}

/**
 * Whether a reporting period label (2025-Q1, 2025-03) overlaps the span: a quarterly report speaks
 * for each of its months, and the running period's report counts before the period ends.
 */
export function periodWithin(span: ReportSpan, period: string): boolean {
  const p = parsePeriodLabel(period);
  if (!p) return false;
  return (span.from === null || p.end >= span.from) && p.start <= span.to;
}

/** 1 → 一, 12 → 十二, 21 → 二十一: section numbers of a Chinese report. */
export function chineseOrdinal(n: number): string {
  const digits = "零一二三四五六七八九";
  if (n <= 0 || n >= 100 || !Number.isInteger(n)) return String(n);
  if (n < 10) return digits[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : digits[tens]}十${ones === 0 ? "" : digits[ones]}`;
}
