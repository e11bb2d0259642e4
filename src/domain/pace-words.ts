// Pace in the words a report draft and a supervision list use: the band's name, whether an indicator is
// off pace (a supervision state of its own), and the sentence a progress report says about it.
import type { Pace, PaceBand } from "./pace.ts";

export const PACE_BAND_LABEL: Record<PaceBand, string> = {
  target_achieved: "已达标",
  on_track: "进度正常",
  acceleration_needed: "需加快进度",
  limited_progress: "进展有限",
  deterioration: "出现倒退",
  not_achieved: "到期未达标",
  unable_to_assess: "暂无法研判",
};

export const FORECAST_METHOD_LABEL = { compound: "按现增速（复合增长）", linear: "按线性趋势" } as const;

/** Off pace: a band below on track, or a forecast that misses the target. */
export function isOffPace(pace: Pace): boolean {
  if (pace.band === "target_achieved" || pace.band === "unable_to_assess") return false;
  if (pace.band === "on_track") return pace.forecast?.meetsTarget === false;
  return true;
}

const figure = (n: number): string => {
  const rounded = Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
  return String(rounded);
};

/** The latest figure's year: a year-end time of 2024 is 2024年; 2024.5 is within 2025. */
const yearOfTime = (t: number): number => (Number.isInteger(t) ? t : Math.floor(t) + 1);

/**
 * "高价值发明专利：2024年为498件，按现增速预计2025年达到531件，低于目标560件。" — null where there is
 * nothing to say (no value, or no forecast and no missed target).
 */
export function paceSentence(name: string, unit: string, pace: Pace): string | null {
  const { latest, target, forecast } = pace;
  if (!latest || !target) return null;
  const now = `${name}：${yearOfTime(latest.t)}年为${figure(latest.value)}${unit}`;
  const goal = `${figure(target.value)}${unit}`;
  if (pace.band === "target_achieved") return `${now}，已达到${target.year}年目标${goal}。`;
  if (pace.band === "not_achieved") return `${now}，未达到${target.year}年目标${goal}。`;
  if (!forecast) return null;
  const how = forecast.method === "compound" ? "按现增速" : "按线性趋势";
  const verdict = forecast.meetsTarget
    ? `可达到目标${goal}`
    : `${forecast.value < target.value ? "低于" : "高于"}目标${goal}`;
  return `${now}，${how}预计${forecast.year}年达到${figure(forecast.value)}${unit}，${verdict}。`;
}
