// The organization directory: who can be made responsible for a measure. Orgs form a tree (national office →
// provincial bureau → its divisions, departments and city bureaus → …); aliases are the other names plans
// print for an org; groups are printed names (各市市场监督管理局) that stand for several orgs.

import { type Selectable, sql } from "kysely";
import { ORG_KINDS } from "../../domain/org-kinds.ts";
import {
  ConflictError,
  InputError,
  isForeignKeyViolation,
  isUniqueViolation,
  NotFoundError,
} from "../../store/errors.ts";
import type { OrgKind, OrgsTable } from "../../store/schema.ts";
import { type Db, inTransaction } from "../../store/tx.ts";
import { insertAliases } from "./alias-queries.ts";
import { normalizeOrgName } from "./names.ts";

export { ConflictError, ImportError, NotFoundError } from "../../store/errors.ts";
export { addAlias, removeAlias } from "./alias-queries.ts";
export { loadReferenceDirectory, type ReferenceLoadSummary } from "./reference.ts";
export {
  exportOrgs,
  type ImportSummary,
  importOrgs,
  sniffSheetFormat,
  type TransferFormat,
} from "./transfer.ts";

// Serializes re-parenting across transactions: two concurrent moves (A under B, B under A) would each
// pass the cycle check on their own snapshot and together cut a loop out of the tree.
const MOVE_LOCK_KEY = 7_245_112;

export type Org = {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  regionCode: string;
  isRegionOffice: boolean;
  rowVersion: number;
  aliases: string[];
  /** The same aliases with their ids, for removing one. */
  aliasEntries: { id: number; alias: string }[];
};

export type NewOrg = {
  name: string;
  kind: OrgKind;
  parentId: number | null;
  regionCode: string;
  isRegionOffice?: boolean;
  aliases?: string[];
};

export type OrgPatch = Partial<Pick<Org, "name" | "kind" | "parentId" | "regionCode" | "isRegionOffice">>;

/** What the domain resolver needs to turn printed unit names into orgs, read once per import. */
export type Directory = {
  orgs: Omit<Org, "aliases" | "aliasEntries" | "rowVersion">[];
  /** scopeOrgId: the office whose import taught the alias (it applies there and below); null for everyone. */
  aliases: { orgId: number; alias: string; scopeOrgId: number | null }[];
  groups: { ownerOrgId: number; name: string; memberOrgIds: number[] }[];
};

/** The kinds (domain/org-kinds.ts, shared with the web app). */
export { ORG_KINDS };

function selectOrgs(db: Db) {
  return db
    .selectFrom("orgs as o")
    .select([
      "o.id",
      "o.name",
      "o.kind",
      "o.parent_id",
      "o.region_code",
      "o.is_region_office",
      "o.row_version",
      sql<
        { id: number; alias: string }[]
      >`coalesce((select json_agg(json_build_object('id', a.id, 'alias', a.alias) order by a.id) from org_aliases a where a.org_id = o.id), '[]')`.as(
        "aliases",
      ),
    ]);
}

type OrgRow = Omit<Selectable<OrgsTable>, "created_at" | "path"> & { aliases: { id: number; alias: string }[] };

function toOrg(row: OrgRow): Org {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    regionCode: row.region_code,
    isRegionOffice: row.is_region_office,
    rowVersion: row.row_version,
    aliases: row.aliases.map((a) => a.alias),
    aliasEntries: row.aliases.map((a) => ({ id: Number(a.id), alias: a.alias })),
  };
}

export type OrgFilter = {
  parentId?: number | null;
  kind?: OrgKind;
  regionCode?: string;
  /** Only these orgs (a user's scope); undefined for all. */
  ids?: readonly number[] | undefined;
};

export async function listOrgs(db: Db, filter: OrgFilter = {}): Promise<Org[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let query = selectOrgs(db).orderBy("o.id");
  if (filter.ids) query = query.where("o.id", "in", filter.ids);
  if (filter.parentId === null) query = query.where("o.parent_id", "is", null);
  else if (filter.parentId !== undefined) query = query.where("o.parent_id", "=", filter.parentId);
  if (filter.kind) query = query.where("o.kind", "=", filter.kind);
  if (filter.regionCode) query = query.where("o.region_code", "=", filter.regionCode);
  return (await query.execute()).map(toOrg);
}

export async function getOrg(db: Db, id: number): Promise<Org | undefined> {
  const row = await selectOrgs(db).where("o.id", "=", id).executeTakeFirst();
  return row && toOrg(row);
}

/** The org and everything under it, parents before children (breadth first), with each one's depth. */
export async function subtree(db: Db, orgId: number): Promise<(Org & { depth: number })[]> {
  const levels = await descendants(db, orgId);
  if (levels.length === 0) return [];
  const depth = new Map(levels.map((l) => [l.id, l.depth]));
  const orgs = await selectOrgs(db)
    .where(
      "o.id",
      "in",
      levels.map((l) => l.id),
    )
    .execute();
  return orgs
    .map((row) => ({ ...toOrg(row), depth: depth.get(row.id) ?? 0 }))
    .sort((a, b) => a.depth - b.depth || a.id - b.id);
}

/** Ids of the org and everything under it, by a recursive walk down parent_id. */
function descendants(db: Db, orgId: number) {
  return db
    .withRecursive("t(id, depth)", (qb) =>
      qb
        .selectFrom("orgs")
        .select(["id", sql<number>`0`.as("depth")])
        .where("id", "=", orgId)
        .unionAll((q) =>
          q
            .selectFrom("orgs as c")
            .innerJoin("t", "t.id", "c.parent_id")
            .select(["c.id", sql<number>`t.depth + 1`.as("depth")]),
        ),
    )
    .selectFrom("t")
    .select(["t.id", "t.depth"])
    .execute();
}

export async function createOrg(db: Db, input: NewOrg): Promise<Org> {
  const name = normalizeOrgName(input.name);
  if (!name) throw new InputError("an org needs a name", "name");
  try {
    const id = await inTransaction(db, async (tx) => {
      const row = await tx
        .insertInto("orgs")
        .values({
          name,
          kind: input.kind,
          parent_id: input.parentId,
          region_code: input.regionCode,
          is_region_office: input.isRegionOffice ?? false,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertAliases(tx, row.id, input.aliases ?? []);
      return row.id;
    });
    return await mustGetOrg(db, id);
  } catch (error) {
    throw storeError(error, name);
  }
}

/**
 * Optimistic update: applies only when the row is still at `expectedVersion`, so two people editing the same
 * org cannot silently overwrite each other; the loser gets a ConflictError and reloads.
 */
export async function updateOrg(db: Db, id: number, expectedVersion: number, patch: OrgPatch): Promise<Org> {
  const name = patch.name === undefined ? undefined : normalizeOrgName(patch.name);
  if (name === "") throw new InputError("an org needs a name", "name");
  try {
    await inTransaction(db, async (tx) => {
      if (patch.parentId !== undefined && patch.parentId !== null) {
        await sql`select pg_advisory_xact_lock(${MOVE_LOCK_KEY})`.execute(tx);
        await assertNotUnder(tx, id, patch.parentId);
      }
      const result = await tx
        .updateTable("orgs")
        .set((eb) => ({
          ...(name !== undefined && { name }),
          ...(patch.kind !== undefined && { kind: patch.kind }),
          ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
          ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
          ...(patch.isRegionOffice !== undefined && { is_region_office: patch.isRegionOffice }),
          row_version: eb("row_version", "+", 1),
        }))
        .where("id", "=", id)
        .where("row_version", "=", expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw await staleError(tx, id, expectedVersion);
    });
  } catch (error) {
    throw storeError(error, name);
  }
  return mustGetOrg(db, id);
}

function storeError(error: unknown, name: string | undefined): unknown {
  if (isUniqueViolation(error)) return new ConflictError(`an org named "${name}" already exists under the same parent`);
  if (isForeignKeyViolation(error)) return new InputError("the parent org does not exist", "parentId");
  return error;
}

async function staleError(db: Db, id: number, expectedVersion: number): Promise<ConflictError> {
  const current = await db.selectFrom("orgs").select("row_version").where("id", "=", id).executeTakeFirst();
  return current
    ? new ConflictError(
        `org ${id} was changed by someone else (now version ${current.row_version}, you had version ${expectedVersion}); reload it and apply your change again`,
      )
    : new ConflictError(`org ${id} was deleted by someone else; reload the directory`);
}

/** Moving an org under itself or its own descendant would cut the subtree off the tree. */
async function assertNotUnder(db: Db, id: number, newParentId: number): Promise<void> {
  const below = await descendants(db, id);
  if (below.some((l) => l.id === newParentId)) {
    throw new InputError(
      `org ${newParentId} is org ${id} or under it; an org cannot be moved under itself or its own descendant`,
      "parentId",
    );
  }
}

export async function loadDirectory(db: Db): Promise<Directory> {
  const [orgs, aliases, groups] = await Promise.all([
    db
      .selectFrom("orgs")
      .select(["id", "name", "kind", "parent_id", "region_code", "is_region_office"])
      .orderBy("id")
      .execute(),
    db.selectFrom("org_aliases").select(["org_id", "alias", "scope_org_id"]).orderBy("id").execute(),
    db
      .selectFrom("org_groups as g")
      .select([
        "g.owner_org_id",
        "g.name",
        sql<
          number[]
        >`coalesce((select array_agg(m.org_id order by m.org_id) from org_group_members m where m.group_id = g.id), '{}')`.as(
          "members",
        ),
      ])
      .orderBy("g.id")
      .execute(),
  ]);
  return {
    orgs: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      parentId: o.parent_id,
      regionCode: o.region_code,
      isRegionOffice: o.is_region_office,
    })),
    aliases: aliases.map((a) => ({ orgId: a.org_id, alias: a.alias, scopeOrgId: a.scope_org_id })),
    // bigint[] comes back as strings from node-postgres; ids fit in a number (see db.ts).
    groups: groups.map((g) => ({ ownerOrgId: g.owner_org_id, name: g.name, memberOrgIds: g.members.map(Number) })),
  };
}

async function mustGetOrg(db: Db, id: number): Promise<Org> {
  const org = await getOrg(db, id);
  if (!org) throw new NotFoundError(`org ${id} does not exist`);
  return org;
}
