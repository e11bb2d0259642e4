// The CLI's "today" is the server's: the day in LUOSHI_TIME_ZONE (domain/today.ts), so what a command run
// by hand stores (a report's review, an import's statuses) is for the day the server reads and the daily
// run keeps. An unknown zone is a usage error, as for `luoshi serve`.
import { timeZoneFrom } from "../domain/today.ts";
import { UsageError } from "./usage-error.ts";

export function timeZoneOfEnv(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return timeZoneFrom(env.LUOSHI_TIME_ZONE);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
