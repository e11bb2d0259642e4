// Alias writes shared by the directory functions, the reference loader and the spreadsheet import.
import type { Kysely, Transaction } from "kysely";
import { normalizeOrgName } from "./org-names.ts";
import type { Database } from "./schema.ts";

/** Inserts the aliases the org does not have yet; returns how many were new. */
export async function insertAliases(
  db: Kysely<Database> | Transaction<Database>,
  orgId: number,
  aliases: string[],
): Promise<number> {
  const clean = [...new Set(aliases.map(normalizeOrgName).filter((a) => a.length > 0))];
  if (clean.length === 0) return 0;
  const inserted = await db
    .insertInto("org_aliases")
    .values(clean.map((alias) => ({ org_id: orgId, alias })))
    .onConflict((oc) => oc.columns(["alias", "org_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}
