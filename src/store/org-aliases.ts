// Aliases: the other names plans print for an org. Shared by the directory functions, the reference
// loader, the spreadsheet import and the review of unresolved unit names.
import { InputError, NotFoundError } from "./errors.ts";
import { normalizeOrgName } from "./org-names.ts";
import type { Db } from "./tx.ts";

/** Inserts the aliases the org does not have yet; returns how many were new. */
export async function insertAliases(db: Db, orgId: number, aliases: string[]): Promise<number> {
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

/**
 * Remembers another printed name for an org, so that every later import resolves it without asking.
 * Returns false when the org already had that alias (or that name).
 */
export async function addAlias(db: Db, orgId: number, alias: string): Promise<boolean> {
  const clean = normalizeOrgName(alias);
  if (!clean) throw new InputError("an alias cannot be empty", "alias");
  const org = await db.selectFrom("orgs").select("name").where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new NotFoundError(`org ${orgId} does not exist`);
  if (org.name === clean) return false;
  return (await insertAliases(db, orgId, [clean])) > 0;
}

/** Forgets one alias of an org; returns the removed alias, or undefined when the org has no such alias. */
export async function removeAlias(db: Db, orgId: number, aliasId: number): Promise<string | undefined> {
  const row = await db
    .deleteFrom("org_aliases")
    .where("id", "=", aliasId)
    .where("org_id", "=", orgId)
    .returning("alias")
    .executeTakeFirst();
  return row?.alias;
}
