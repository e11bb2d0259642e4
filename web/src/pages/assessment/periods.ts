// The days an assessment can be taken as of: the end of each reporting period of the plan (quarters or months
// within its years) up to today, newest first. The server takes any date; these are the ones offices compare.
export type PeriodEnd = { asOf: string; year: number; index: number };

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Today in the browser's time zone as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function periodEnds(
  plan: { periodFrom: number | null; periodTo: number | null; cadence: "monthly" | "quarterly" },
  today: string,
): PeriodEnd[] {
  const from = plan.periodFrom ?? plan.periodTo;
  const to = plan.periodTo ?? plan.periodFrom;
  if (from === null || to === null) return [];
  const step = plan.cadence === "monthly" ? 1 : 3;
  const ends: PeriodEnd[] = [];
  for (let year = from; year <= to; year++)
    for (let month = step; month <= 12; month += step) {
      const asOf = `${year}-${pad(month)}-${pad(lastDay(year, month))}`;
      if (asOf < today) ends.push({ asOf, year, index: month / step });
    }
  return ends.reverse();
}
