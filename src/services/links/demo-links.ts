// The demo's cascade: the province's 2021 list linked to the national 2021 list through the suggestions,
// most primaries confirmed and every fifth left pending, so a person sees the review step.

import type { Db } from "../../store/tx.ts";
import { confirmLink, listPlanLinks } from "./links.ts";
import { suggestLinks } from "./suggest.ts";

export async function linkDemoPlan(db: Db, lowerPlanId: number, userId: number | null): Promise<number> {
  await suggestLinks(db, lowerPlanId, { userId, origin: "import" });
  const primaries = (await listPlanLinks(db, lowerPlanId, "suggested")).filter((l) => l.kind === "primary");
  let confirmed = 0;
  for (const [i, link] of primaries.entries()) {
    if (i % 5 === 4) continue;
    await confirmLink(db, link.id, { userId, version: link.version });
    confirmed++;
  }
  return confirmed;
}
