// The periods a progress report can cover, as GET /api/plans/:id/report.docx accepts them: a year (2025,
// the annual work summary), a quarter (2025-Q1), a month (2025-03), or everything to date (no period).
// The server refuses a period that starts after today, so those are never offered.

export type PeriodKind = "year" | "quarter" | "month" | "to_date";
export type PeriodChoice = { kind: PeriodKind; year: number; part: number };

type PlanYears = { periodFrom: number | null; periodTo: number | null };

/** The years a report may cover, newest first: the plan's years up to this one (this year alone if it names none). */
export function reportYears(plan: PlanYears, today: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  const first = plan.periodFrom ?? plan.periodTo ?? thisYear;
  const last = Math.min(plan.periodTo ?? thisYear, thisYear);
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  return years;
}

/** Quarters (1–4) or months (1–12) of a year that have begun by today. */
export function partsBegun(kind: "quarter" | "month", year: number, today: string): number[] {
  const count = kind === "quarter" ? 4 : 12;
  const monthsPer = kind === "quarter" ? 3 : 1;
  const parts: number[] = [];
  for (let p = 1; p <= count; p++) {
    const start = `${year}-${String((p - 1) * monthsPer + 1).padStart(2, "0")}-01`;
    if (start <= today) parts.push(p);
  }
  return parts;
}

/** The period query value, or undefined for "to date". */
export function periodParam(choice: PeriodChoice): string | undefined {
  switch (choice.kind) {
    case "year":
      return String(choice.year);
    case "quarter":
      return `${choice.year}-Q${choice.part}`;
    case "month":
      return `${choice.year}-${String(choice.part).padStart(2, "0")}`;
    case "to_date":
      return undefined;
  }
}

/**
 * What the modal opens with: the annual summary of the plan's latest year that has begun; a plan whose
 * years are all still to come gets everything to date.
 */
export function defaultPeriod(plan: PlanYears, today: string): PeriodChoice {
  const [year] = reportYears(plan, today);
  return year === undefined
    ? { kind: "to_date", year: Number(today.slice(0, 4)), part: 1 }
    : { kind: "year", year, part: 1 };
}

/** Another kind of period for the same year, at its latest part begun (a past year's Q4, this year's current month). */
export function withKind(choice: PeriodChoice, kind: PeriodKind, today: string): PeriodChoice {
  if (kind !== "quarter" && kind !== "month") return { ...choice, kind };
  return { ...choice, kind, part: partsBegun(kind, choice.year, today).at(-1) ?? 1 };
}

/** The choice with its part moved to one that has begun (switching to this year's quarters, say). */
export function settle(choice: PeriodChoice, today: string): PeriodChoice {
  if (choice.kind !== "quarter" && choice.kind !== "month") return choice;
  const parts = partsBegun(choice.kind, choice.year, today);
  return parts.includes(choice.part) ? choice : { ...choice, part: parts.at(-1) ?? 1 };
}

/** Today in the browser's own calendar (not UTC), as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
