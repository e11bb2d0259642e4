// Maintaining groups (各市市场监督管理局 = these orgs), each change audited in its own transaction.
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";
import { addGroupMember, createGroup, getGroup, type OrgGroup, removeGroupMember } from "./group-queries.ts";
import type { Actor } from "./orgs.ts";

const snapshot = (g: OrgGroup) => ({ ownerOrgId: g.ownerOrgId, name: g.name, memberOrgIds: g.memberOrgIds });

async function mustGet(tx: Transaction<Database>, id: number): Promise<OrgGroup> {
  const group = await getGroup(tx, id);
  if (!group) throw new NotFoundError(`No group ${id}.`);
  return group;
}

export function addGroup(
  db: Kysely<Database>,
  actor: Actor,
  input: { ownerOrgId: number; name: string; memberOrgIds: readonly number[] },
): Promise<OrgGroup> {
  return db.transaction().execute(async (tx) => {
    const group = await createGroup(tx, input);
    await writeAudit(tx, {
      userId: actor.userId,
      action: "org_group.create",
      entity: "org_group",
      entityId: group.id,
      after: snapshot(group),
      at: actor.at,
    });
    return group;
  });
}

/** Adds or removes one member; a change that changes nothing (already a member, not a member) is not audited. */
export function changeGroupMember(
  db: Kysely<Database>,
  actor: Actor,
  groupId: number,
  orgId: number,
  change: "add" | "remove",
): Promise<OrgGroup> {
  return db.transaction().execute(async (tx) => {
    const before = await mustGet(tx, groupId);
    const changed =
      change === "add" ? await addGroupMember(tx, groupId, orgId) : await removeGroupMember(tx, groupId, orgId);
    if (!changed && change === "remove") throw new NotFoundError(`Org ${orgId} is not a member of group ${groupId}.`);
    const after = await mustGet(tx, groupId);
    if (changed)
      await writeAudit(tx, {
        userId: actor.userId,
        action: `org_group.member.${change}`,
        entity: "org_group",
        entityId: groupId,
        before: snapshot(before),
        after: snapshot(after),
        at: actor.at,
      });
    return after;
  });
}
