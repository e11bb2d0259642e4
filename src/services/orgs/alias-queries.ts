// Aliases: the other names plans print for an org. Shared by the directory functions, the reference
// loader, the spreadsheet import and the review of unresolved unit names.
import { InputError, NotFoundError } from "../../store/errors.ts";
import type { Db } from "../../store/tx.ts";
import { normalizeOrgName } from "./names.ts";

/**
 * Inserts the aliases the org does not have yet; returns how many were new. A scope (the office whose
 * import taught them) limits them to that office's imports and those of the offices under it.
 */
export async function insertAliases(
  db: Db,
  orgId: number,
  aliases: string[],
  scopeOrgId: number | null = null,
): Promise<number> {
  const clean = [...new Set(aliases.map(normalizeOrgName).filter((a) => a.length > 0))];
  if (clean.length === 0) return 0;
  const inserted = await db
    .insertInto("org_aliases")
    .values(clean.map((alias) => ({ org_id: orgId, alias, scope_org_id: scopeOrgId })))
    .onConflict((oc) => oc.columns(["alias", "org_id", "scope_org_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

/**
 * Remembers another printed name for an org, so that later imports resolve it without asking: every
 * import when global (scopeOrgId null), else the imports of that office and the offices under it.
 * Returns false when the org already had that alias in that scope, or that name. A taught alias is kept
 * even when a global one exists: it outranks the region rules for that office (see domain/fanout).
 */
export async function addAlias(
  db: Db,
  orgId: number,
  alias: string,
  scopeOrgId: number | null = null,
): Promise<boolean> {
  const clean = normalizeOrgName(alias);
  if (!clean) throw new InputError("an alias cannot be empty", "alias");
  const org = await db.selectFrom("orgs").select("name").where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new NotFoundError(`org ${orgId} does not exist`);
  if (org.name === clean) return false;
  return (await insertAliases(db, orgId, [clean], scopeOrgId)) > 0;
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
