// Calendar arithmetic on ISO strings (YYYY-MM-DD days, YYYY-MM months) in UTC, so no time zone moves a day.

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parts = (month: string) => month.split("-").map(Number) as [number, number];

export const monthOf = (day: string): string => day.slice(0, 7);

export function addMonths(month: string, count: number): string {
  const [year, m] = parts(month);
  const d = new Date(Date.UTC(year, m - 1 + count, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

export const firstDayOf = (month: string): string => `${month}-01`;

export function lastDayOf(month: string): string {
  const [year, m] = parts(month);
  return iso(new Date(Date.UTC(year, m, 0)));
}

export function addDays(day: string, count: number): string {
  return iso(new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000));
}

/** The same day `count` months earlier (the month's last day when it is shorter). */
export function monthsBefore(day: string, count: number): string {
  const target = addMonths(monthOf(day), -count);
  const last = lastDayOf(target);
  const wanted = `${target}-${day.slice(8, 10)}`;
  return wanted > last ? last : wanted;
}
