// Groups: a printed name (各市市场监督管理局) that stands for several orgs, as seen from its owner org.
// The fan-out of an import reads them through loadDirectory; these functions let people maintain them.
import { sql } from "kysely";
import {
  ConflictError,
  InputError,
  isForeignKeyViolation,
  isUniqueViolation,
  NotFoundError,
} from "../../store/errors.ts";
import { type Db, inTransaction } from "../../store/tx.ts";
import { normalizeOrgName } from "./names.ts";

export type OrgGroup = {
  id: number;
  ownerOrgId: number;
  name: string;
  memberOrgIds: number[];
  members: { id: number; name: string }[];
};

function selectGroups(db: Db) {
  return db.selectFrom("org_groups as g").select([
    "g.id",
    "g.owner_org_id",
    "g.name",
    sql<{ id: number; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.id)
        from org_group_members m join orgs o on o.id = m.org_id
        where m.group_id = g.id), '[]')`.as("members"),
  ]);
}

type GroupRow = { id: number; owner_org_id: number; name: string; members: { id: number; name: string }[] };

const toGroup = (row: GroupRow): OrgGroup => {
  const members = row.members.map((m) => ({ id: Number(m.id), name: m.name }));
  return { id: row.id, ownerOrgId: row.owner_org_id, name: row.name, memberOrgIds: members.map((m) => m.id), members };
};

/** Groups owned by one of these orgs (undefined: all groups), by owner then name. */
export async function listGroups(db: Db, ownerOrgIds?: readonly number[]): Promise<OrgGroup[]> {
  if (ownerOrgIds && ownerOrgIds.length === 0) return [];
  let query = selectGroups(db).orderBy("g.owner_org_id").orderBy("g.id");
  if (ownerOrgIds) query = query.where("g.owner_org_id", "in", ownerOrgIds);
  return (await query.execute()).map(toGroup);
}

export async function getGroup(db: Db, id: number): Promise<OrgGroup | undefined> {
  const row = await selectGroups(db).where("g.id", "=", id).executeTakeFirst();
  return row && toGroup(row);
}

export async function createGroup(
  db: Db,
  input: { ownerOrgId: number; name: string; memberOrgIds: readonly number[] },
): Promise<OrgGroup> {
  const name = normalizeOrgName(input.name);
  if (!name) throw new InputError("a group needs a name", "name");
  try {
    const id = await inTransaction(db, async (tx) => {
      const row = await tx
        .insertInto("org_groups")
        .values({ owner_org_id: input.ownerOrgId, name })
        .returning("id")
        .executeTakeFirstOrThrow();
      const members = [...new Set(input.memberOrgIds)];
      if (members.length > 0)
        await tx
          .insertInto("org_group_members")
          .values(members.map((org_id) => ({ group_id: row.id, org_id })))
          .execute();
      return row.id;
    });
    return (await getGroup(db, id)) as OrgGroup;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`org ${input.ownerOrgId} already has a group "${name}"`);
    if (isForeignKeyViolation(error)) throw new NotFoundError("the owner or a member org does not exist");
    throw error;
  }
}

/** Returns false when the org was a member already. */
export async function addGroupMember(db: Db, groupId: number, orgId: number): Promise<boolean> {
  try {
    const rows = await db
      .insertInto("org_group_members")
      .values({ group_id: groupId, org_id: orgId })
      .onConflict((oc) => oc.columns(["group_id", "org_id"]).doNothing())
      .returning("org_id")
      .execute();
    return rows.length > 0;
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new NotFoundError(`group ${groupId} or org ${orgId} does not exist`);
    throw error;
  }
}

/** Returns false when the org was not a member. */
export async function removeGroupMember(db: Db, groupId: number, orgId: number): Promise<boolean> {
  const rows = await db
    .deleteFrom("org_group_members")
    .where("group_id", "=", groupId)
    .where("org_id", "=", orgId)
    .returning("org_id")
    .execute();
  return rows.length > 0;
}
