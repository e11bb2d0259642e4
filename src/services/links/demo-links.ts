// The demo's cascade, through the suggestions the import made: the province's 2021 list → the national
// 2021 list, and the county plan → the provincial plans and the national list (its upper plans: cited in
// its opening, or issued by its ancestors). Most primaries are confirmed, every fifth left pending, so a
// person sees the review step.
import type { Db } from "../../store/tx.ts";
import { confirmLink, listPlanLinks } from "./links.ts";

/** The demo's lower plans: a provincial list under the national one, a county plan under both levels. */
export const DEMO_LINKED_PLANS = new Set(["sd-2021-provincial-task-list", "taishan-2022-2025-county-plan"]);

export async function linkDemoPlan(db: Db, lowerPlanId: number, userId: number | null): Promise<number> {
  const primaries = (await listPlanLinks(db, lowerPlanId, "suggested")).filter((l) => l.kind === "primary");
  let confirmed = 0;
  for (const [i, link] of primaries.entries()) {
    if (i % 5 === 4) continue;
    await confirmLink(db, link.id, { userId, version: link.version });
    confirmed++;
  }
  return confirmed;
}
