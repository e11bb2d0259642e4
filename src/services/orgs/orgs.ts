// Editing the org directory: each use case is one transaction that makes the change and writes its audit
// entry (before → after), so a change that fails leaves neither.
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../store/audit.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { Database } from "../../store/schema.ts";
import { readOrgSheetUpload } from "../parsing/pool.ts";
import {
  addAlias,
  createOrg,
  getOrg,
  listOrgs,
  type NewOrg,
  type Org,
  type OrgPatch,
  removeAlias,
  updateOrg,
} from "./queries.ts";
import { applyOrgSheet, type ImportSummary, type TransferFormat } from "./transfer.ts";

type Tx = Transaction<Database>;
/**
 * Who makes a change and when, for its audit entry; null: the system (CLI, demo, tests). A change that
 * stores statuses (a resolved unit name's new assignments) takes its day in `timeZone` (China's when absent).
 */
export type Actor = { userId: number | null; at: Date; timeZone?: string | undefined };

/** What the audit log keeps of an org: everything a person can change. */
export function orgSnapshot(org: Org) {
  return {
    name: org.name,
    kind: org.kind,
    parentId: org.parentId,
    regionCode: org.regionCode,
    isRegionOffice: org.isRegionOffice,
    aliases: org.aliases,
  };
}

async function mustGet(tx: Tx, id: number): Promise<Org> {
  const org = await getOrg(tx, id);
  if (!org) throw new NotFoundError(`No org ${id}.`);
  return org;
}

/** Creates an org inside the caller's transaction and audits it; the review of unit names uses it too. */
export async function createOrgIn(tx: Tx, actor: Actor, input: NewOrg): Promise<Org> {
  const org = await createOrg(tx, input);
  await writeAudit(tx, {
    userId: actor.userId,
    action: "org.create",
    entity: "org",
    entityId: org.id,
    after: orgSnapshot(org),
    at: actor.at,
  });
  return org;
}

export function addOrg(db: Kysely<Database>, actor: Actor, input: NewOrg): Promise<Org> {
  return db.transaction().execute((tx) => createOrgIn(tx, actor, input));
}

/** Optimistic: a stale `expectedVersion` is a ConflictError (409) and nothing changes. */
export function changeOrg(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  expectedVersion: number,
  patch: OrgPatch,
): Promise<Org> {
  return db.transaction().execute(async (tx) => {
    const before = await mustGet(tx, id);
    const after = await updateOrg(tx, id, expectedVersion, patch);
    await writeAudit(tx, {
      userId: actor.userId,
      action: "org.update",
      entity: "org",
      entityId: id,
      before: orgSnapshot(before),
      after: orgSnapshot(after),
      at: actor.at,
    });
    return after;
  });
}

/** Remembers another printed name in the caller's transaction; audits it when it was new. */
export async function addAliasIn(tx: Tx, actor: Actor, orgId: number, alias: string): Promise<boolean> {
  const before = await mustGet(tx, orgId);
  const added = await addAlias(tx, orgId, alias);
  if (added) {
    const after = await mustGet(tx, orgId);
    await writeAudit(tx, {
      userId: actor.userId,
      action: "org.alias.add",
      entity: "org",
      entityId: orgId,
      before: { aliases: before.aliases },
      after: { aliases: after.aliases },
      at: actor.at,
    });
  }
  return added;
}

export async function addOrgAlias(
  db: Kysely<Database>,
  actor: Actor,
  orgId: number,
  alias: string,
): Promise<{ org: Org; added: boolean }> {
  return db.transaction().execute(async (tx) => {
    const added = await addAliasIn(tx, actor, orgId, alias);
    return { org: await mustGet(tx, orgId), added };
  });
}

export function removeOrgAlias(db: Kysely<Database>, actor: Actor, orgId: number, aliasId: number): Promise<Org> {
  return db.transaction().execute(async (tx) => {
    const before = await mustGet(tx, orgId);
    const removed = await removeAlias(tx, orgId, aliasId);
    if (removed === undefined) throw new NotFoundError(`Org ${orgId} has no alias ${aliasId}.`);
    const after = await mustGet(tx, orgId);
    await writeAudit(tx, {
      userId: actor.userId,
      action: "org.alias.remove",
      entity: "org",
      entityId: orgId,
      before: { aliases: before.aliases },
      after: { aliases: after.aliases },
      at: actor.at,
    });
    return after;
  });
}

export type DirectoryImport = ImportSummary & { dryRun: boolean };

/** Thrown inside the transaction of a dry run, so that everything it did is rolled back. */
class DryRun extends Error {
  constructor(readonly summary: ImportSummary) {
    super("dry run");
  }
}

/**
 * A spreadsheet of orgs: every row checked first, then applied in one transaction with one audit entry
 * per org created or changed. `writable` limits a plan office to its subtree; `dryRun` checks and counts
 * without keeping anything.
 */
export async function importOrgDirectory(
  db: Kysely<Database>,
  actor: Actor,
  file: { bytes: Uint8Array; format: TransferFormat; name: string },
  options: { writable?: ReadonlySet<number> | undefined; dryRun?: boolean } = {},
): Promise<DirectoryImport> {
  // Read in a worker, with the document limits: a workbook of a million rows is refused, never loaded here.
  const rows = await readOrgSheetUpload(file.bytes, file.format, file.name);
  try {
    const summary = await db.transaction().execute(async (tx) => {
      const before = new Map((await listOrgs(tx)).map((o) => [o.id, orgSnapshot(o)]));
      const summary = await applyOrgSheet(tx, rows, { writable: options.writable });
      for (const org of await listOrgs(tx)) {
        const was = before.get(org.id);
        const now = orgSnapshot(org);
        if (was && JSON.stringify(was) === JSON.stringify(now)) continue;
        await writeAudit(tx, {
          userId: actor.userId,
          action: was ? "org.import.update" : "org.import.create",
          entity: "org",
          entityId: org.id,
          before: was,
          after: now,
          at: actor.at,
        });
      }
      await writeAudit(tx, {
        userId: actor.userId,
        action: "org.import",
        entity: "org_directory",
        entityId: file.name,
        after: summary,
        at: actor.at,
      });
      if (options.dryRun) throw new DryRun(summary);
      return summary;
    });
    return { ...summary, dryRun: false };
  } catch (error) {
    if (error instanceof DryRun) return { ...error.summary, dryRun: true };
    throw error;
  }
}

/**
 * The orgs a person's reference names (the CLI's --org): an id (all digits), else an exact name or alias,
 * in id order. More than one match means the reference is ambiguous.
 */
export async function findOrgByRef(
  db: Kysely<Database>,
  ref: string,
): Promise<{ byId: boolean; matches: { id: number; name: string }[] }> {
  if (/^\d+$/.test(ref)) {
    const org = await db.selectFrom("orgs").select(["id", "name"]).where("id", "=", Number(ref)).executeTakeFirst();
    return { byId: true, matches: org ? [org] : [] };
  }
  const matches = await db
    .selectFrom("orgs")
    .select(["orgs.id", "orgs.name"])
    .where((eb) =>
      eb.or([
        eb("orgs.name", "=", ref),
        eb("orgs.id", "in", eb.selectFrom("org_aliases").select("org_id").where("alias", "=", ref)),
      ]),
    )
    .orderBy("orgs.id")
    .execute();
  return { byId: false, matches };
}

/** An org's id and name, or undefined when there is no such org. */
export async function orgNamed(db: Kysely<Database>, id: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom("orgs").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
}
