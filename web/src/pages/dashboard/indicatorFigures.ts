// How an indicator reads on the dashboard: its target as an office writes it, where it stands (met, still open,
// past its due year unmet, not reported, not judgeable) and the figures from the first value to the latest.
// Attainment itself comes from the server (the assessment's rule); this only words and classifies it.

export type IndicatorValueLike = { id: number; value: number; asOf: string; orgName: string };
export type IndicatorLike = {
  op: string;
  target: number;
  targetHigh: number | null;
  unit: string;
  dueBy: string | null;
  values: IndicatorValueLike[];
  latest: (IndicatorValueLike & { attainment: { ratio: number; met: boolean } | null }) | null;
};

export const INDICATOR_STATES = ["missed", "open", "unreported", "unjudged", "met"] as const;
export type IndicatorState = (typeof INDICATOR_STATES)[number];

/** A figure as printed: no float noise, no trailing zeros, no grouping (offices write 2300, not 2,300). */
export const formatNumber = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** 0.889 → "88.9%". */
export const percentText = (ratio: number): string => `${Math.round(ratio * 1000) / 10}%`;

/** The target as an office writes it: "≥560件", ">8家", "≤15个月", "3–5家" (as the server's report draft does). */
export function targetText(op: string, target: number, targetHigh: number | null, unit: string): string {
  const n = formatNumber;
  switch (op) {
    case ">=":
      return `≥${n(target)}${unit}`;
    case ">":
      return `>${n(target)}${unit}`;
    case "<=":
      return `≤${n(target)}${unit}`;
    case "=":
      return `${n(target)}${unit}`;
    case "range":
      return targetHigh === null ? `≥${n(target)}${unit}` : `${n(target)}–${n(targetHigh)}${unit}`;
    default:
      return `${op} ${n(target)}${unit}`;
  }
}

/** The year a target is due, from the plan's wording ("2025", "2025年底"); undefined for a recurring target. */
export function dueYear(dueBy: string | null): number | undefined {
  const year = /\d{4}/.exec(dueBy ?? "")?.[0];
  return year === undefined ? undefined : Number(year);
}

/** Where an indicator stands today (YYYY-MM-DD): a target not met once its due year is over is missed. */
export function indicatorState(indicator: IndicatorLike, today: string | undefined): IndicatorState {
  const latest = indicator.latest;
  if (!latest) return "unreported";
  if (!latest.attainment) return "unjudged";
  if (latest.attainment.met) return "met";
  const due = dueYear(indicator.dueBy);
  return due !== undefined && today !== undefined && Number(today.slice(0, 4)) > due ? "missed" : "open";
}

/**
 * The earliest value of the org the latest is from, when there is a later one to compare it with: where the
 * figure started (not an org under it that holds a share).
 */
export function baselineOf(indicator: IndicatorLike): IndicatorValueLike | undefined {
  const org = indicator.latest?.orgName;
  const first = indicator.values.find((v) => v.orgName === org);
  return first && indicator.latest && first.id !== indicator.latest.id ? first : undefined;
}
