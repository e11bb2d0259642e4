// Calendar arithmetic on "YYYY-MM-DD" strings. Dates are counted as whole UTC days so that time zones
// and daylight saving never shift a deadline.
import type { IsoDate } from "./types.ts";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// Statuses of tens of thousands of assignments turn the same few hundred dates over and over: each is
// parsed and formatted once, then looked up. Bounded, so a long-running server does not grow them.
const CACHE_LIMIT = 20_000;
const dayNumbers = new Map<IsoDate, number>();
const isoDates = new Map<number, IsoDate>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Days since 1970-01-01; throws on anything that is not a real calendar date. */
export function dayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2023-02-29 over to March; a rolled date is a typo, not a deadline.
  if (new Date(ms).getUTCDate() !== d || mo < 1 || mo > 12) throw new RangeError(`no such day: ${date}`);
  return remember(dayNumbers, date, ms / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  return isoDates.get(n) ?? remember(isoDates, n, new Date(n * DAY_MS).toISOString().slice(0, 10));
}

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(date) + days);

/** b − a in days: positive when b is later. */
export const daysBetween = (a: IsoDate, b: IsoDate): number => dayNumber(b) - dayNumber(a);

export const pad2 = (n: number): string => String(n).padStart(2, "0");

export function lastDayOfMonth(year: number, month: number): IsoDate {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));
export const monthOf = (date: IsoDate): number => Number(date.slice(5, 7));

// ISO dates of equal length order as strings; these keep call sites readable.
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

export type SeriesStep = "week" | "month";

/**
 * The days a time series is sampled on: `from`, then every 7 days (week) or the same day of each
 * following month (month; the month's last day when it is shorter), and `to` itself as the last point,
 * so the series always ends on the day asked for. Empty when `to` is before `from`.
 */
export function daySeries(from: IsoDate, to: IsoDate, step: SeriesStep): IsoDate[] {
  const out: IsoDate[] = [];
  if (to < from) return out;
  const day = Number(from.slice(8, 10));
  for (let i = 0; ; i++) {
    let next: IsoDate;
    if (step === "week") next = addDays(from, 7 * i);
    else {
      const months = yearOf(from) * 12 + monthOf(from) - 1 + i;
      const [y, m] = [Math.floor(months / 12), (months % 12) + 1];
      const last = lastDayOfMonth(y, m);
      next = `${y}-${pad2(m)}-${pad2(Math.min(day, Number(last.slice(8, 10))))}`;
    }
    if (next >= to) break;
    out.push(next);
  }
  out.push(to);
  return out;
}
