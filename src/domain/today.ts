// "Today" for the whole app: the calendar day an instant falls on in one configured time zone
// (LUOSHI_TIME_ZONE, China's by default). The daily run, the API's reads and writes, the exports and the
// CLI all take their day from here, so the status a write or the daily run stores is for the same day
// a read asks about. Deadlines themselves stay whole days (dates.ts); only "which day is it now" needs
// the zone.
import type { IsoDate } from "./types.ts";

/** Plans and deadlines are Chinese, so "today" is China's unless LUOSHI_TIME_ZONE says otherwise. */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

// One formatter per zone: making one costs far more than formatting with it. Zones come from the
// configuration, so there are only ever a few.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formats.set(zone, format);
  }
  return format;
}

/** Whether `zone` is a time zone the runtime knows (an IANA name such as Asia/Shanghai, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    formatIn(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The configured zone (LUOSHI_TIME_ZONE's value), checked: China's when unset or blank, else the name
 * itself; a name the runtime does not know is a RangeError that says what to set.
 */
export function timeZoneFrom(value: string | undefined): string {
  const zone = value?.trim() || DEFAULT_TIME_ZONE;
  if (!isTimeZone(zone))
    throw new RangeError(`LUOSHI_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not "${zone}"`);
  return zone;
}

/** "YYYY-MM-DD": the calendar day `at` falls on in `zone`. Throws a RangeError for an unknown zone. */
export function dayIn(zone: string, at: Date): IsoDate {
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatIn(zone).formatToParts(at)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year.padStart(4, "0")}-${month}-${day}`;
}
