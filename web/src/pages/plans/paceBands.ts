// Open SDG's progress bands as the app names and colours them (shared by the plan's indicators, the
// small multiples, the dashboard and supervision).
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { useLang } from "../../i18n/lang.tsx";
import type { Indicator } from "./indicatorData.ts";

export type Band = Indicator["pace"]["headline"]["pace"]["band"];

export const BAND_LABEL: Record<"zh" | "en", Record<Band, string>> = {
  zh: {
    target_achieved: "已达标",
    on_track: "进度正常",
    acceleration_needed: "需加快进度",
    limited_progress: "进展有限",
    deterioration: "出现倒退",
    not_achieved: "到期未达标",
    unable_to_assess: "暂无法研判",
  },
  en: {
    target_achieved: "Target achieved",
    on_track: "On track",
    acceleration_needed: "Acceleration needed",
    limited_progress: "Limited progress",
    deterioration: "Deterioration",
    not_achieved: "Target missed",
    unable_to_assess: "Unable to assess",
  },
};

/** The status tags' accessible colours (dark text on a light tint), by how worrying the band is. */
export const BAND_COLOURS: Record<Band, (typeof STATUS_COLOURS)[keyof typeof STATUS_COLOURS]> = {
  target_achieved: STATUS_COLOURS.done,
  on_track: STATUS_COLOURS.on_track,
  acceleration_needed: STATUS_COLOURS.due_soon,
  limited_progress: STATUS_COLOURS.report_missing,
  deterioration: STATUS_COLOURS.overdue,
  not_achieved: STATUS_COLOURS.overdue,
  unable_to_assess: STATUS_COLOURS.not_started,
};

export function useBandLabel(): (band: Band) => string {
  const { lang } = useLang();
  return (band) => BAND_LABEL[lang][band];
}
