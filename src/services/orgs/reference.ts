// Loads the reference directory (reference/orgs.json) into the database. Only adds what is missing, so it can
// run at every start and never undoes what people changed: an org renamed by a person is still recognised
// by its old name kept as an alias.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Kysely, sql, type Transaction } from "kysely";
import { z } from "zod";
import type { Database, OrgKind } from "../../store/schema.ts";
import { insertAliases } from "./alias-queries.ts";

const LOCK_KEY = 7_245_111; // serializes concurrent loaders, which would otherwise both insert the same org

const KIND = z.enum(["national", "province", "city", "county", "township", "division", "department", "other"]);

type ReferenceOrg = {
  name: string;
  kind: OrgKind;
  region?: string | undefined;
  regionOffice?: boolean | undefined;
  aliases?: string[] | undefined;
  children?: ReferenceOrg[] | undefined;
};

const ReferenceOrgSchema: z.ZodType<ReferenceOrg> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    kind: KIND,
    region: z.string().optional(),
    regionOffice: z.boolean().optional(),
    aliases: z.array(z.string()).optional(),
    children: z.array(ReferenceOrgSchema).optional(),
  }),
);

const ReferenceSchema = z.object({
  orgs: z.array(ReferenceOrgSchema),
  groups: z.array(
    z.object({
      /** Names from the root down to the owner org. */
      owner: z.array(z.string()).min(1),
      /** Every printed name of the group; each becomes a group row with the same members. */
      names: z.array(z.string()).min(1),
      members: z.object({
        /** The owner's direct children of these kinds. */
        kinds: z.array(KIND).default([]),
        includeOwner: z.boolean().default(false),
      }),
    }),
  ),
});

export type ReferenceData = z.infer<typeof ReferenceSchema>;

export type ReferenceLoadSummary = {
  orgsCreated: number;
  aliasesAdded: number;
  groupsCreated: number;
  membersAdded: number;
};

export function readReferenceData(path = join(import.meta.dirname, "reference", "orgs.json")): ReferenceData {
  return ReferenceSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

type FlatOrg = { path: string; parentPath: string | null; node: ReferenceOrg; region: string; depth: number };

function flatten(nodes: ReferenceOrg[], parent: FlatOrg | null, out: FlatOrg[] = []): FlatOrg[] {
  for (const node of nodes) {
    const region = node.region ?? parent?.region;
    if (!region) throw new Error(`reference org "${node.name}" has no region and no parent to inherit one from`);
    const path = parent ? `${parent.path}/${node.name}` : node.name;
    const flat = { path, parentPath: parent?.path ?? null, node, region, depth: (parent?.depth ?? -1) + 1 };
    out.push(flat);
    flatten(node.children ?? [], flat, out);
  }
  return out;
}

/** Idempotent: a second run finds everything in place and writes nothing. */
export async function loadReferenceDirectory(
  db: Kysely<Database>,
  data: ReferenceData = readReferenceData(),
): Promise<ReferenceLoadSummary> {
  const flat = flatten(data.orgs, null);
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    const summary = { orgsCreated: 0, aliasesAdded: 0, groupsCreated: 0, membersAdded: 0 };
    const ids = new Map<string, number>();
    const maxDepth = Math.max(...flat.map((f) => f.depth));
    for (let depth = 0; depth <= maxDepth; depth++) {
      summary.orgsCreated += await ensureLevel(
        tx,
        flat.filter((f) => f.depth === depth),
        ids,
      );
    }
    for (const f of flat) summary.aliasesAdded += await insertAliases(tx, idOf(ids, f.path), f.node.aliases ?? []);
    for (const group of data.groups) {
      const ownerPath = group.owner.join("/");
      const ownerId = idOf(ids, ownerPath);
      const members = flat
        .filter((f) => f.parentPath === ownerPath && group.members.kinds.includes(f.node.kind))
        .map((f) => idOf(ids, f.path));
      if (group.members.includeOwner) members.push(ownerId);
      for (const name of group.names) {
        const created = await tx
          .insertInto("org_groups")
          .values({ owner_org_id: ownerId, name })
          .onConflict((oc) => oc.columns(["owner_org_id", "name"]).doNothing())
          .returning("id")
          .execute();
        summary.groupsCreated += created.length;
        const { id } = await tx
          .selectFrom("org_groups")
          .select("id")
          .where("owner_org_id", "=", ownerId)
          .where("name", "=", name)
          .executeTakeFirstOrThrow();
        if (members.length === 0) continue;
        const added = await tx
          .insertInto("org_group_members")
          .values(members.map((org_id) => ({ group_id: id, org_id })))
          .onConflict((oc) => oc.columns(["group_id", "org_id"]).doNothing())
          .returning("org_id")
          .execute();
        summary.membersAdded += added.length;
      }
    }
    return summary;
  });
}

function idOf(ids: Map<string, number>, path: string): number {
  const id = ids.get(path);
  if (id === undefined) throw new Error(`reference directory names "${path}", which is not one of its orgs`);
  return id;
}

/** Finds or inserts one tree level (their parents are all known by now) in a couple of statements. */
async function ensureLevel(tx: Transaction<Database>, level: FlatOrg[], ids: Map<string, number>): Promise<number> {
  const parentIds = [...new Set(level.map((f) => (f.parentPath === null ? null : idOf(ids, f.parentPath))))];
  const known = parentIds.filter((p): p is number => p !== null);
  const existing = await tx
    .selectFrom("orgs as o")
    .leftJoin("org_aliases as a", "a.org_id", "o.id")
    .select(["o.id", "o.name", "o.parent_id", "a.alias"])
    .where((eb) => {
      const conditions = [];
      if (known.length > 0) conditions.push(eb("o.parent_id", "in", known));
      if (parentIds.includes(null)) conditions.push(eb("o.parent_id", "is", null));
      return eb.or(conditions);
    })
    .execute();
  const byKey = new Map<string, number>();
  // Exact names first, so an alias of one sibling never shadows another sibling's own name.
  for (const row of existing) byKey.set(`${row.parent_id ?? 0}|${row.name}`, row.id);
  for (const row of existing) {
    const key = `${row.parent_id ?? 0}|${row.alias}`;
    if (row.alias !== null && !byKey.has(key)) byKey.set(key, row.id);
  }
  const missing: FlatOrg[] = [];
  for (const f of level) {
    const parentId = f.parentPath === null ? null : idOf(ids, f.parentPath);
    const id = byKey.get(`${parentId ?? 0}|${f.node.name}`);
    if (id === undefined) missing.push(f);
    else ids.set(f.path, id);
  }
  if (missing.length === 0) return 0;
  const inserted = await tx
    .insertInto("orgs")
    .values(
      missing.map((f) => ({
        name: f.node.name,
        kind: f.node.kind,
        parent_id: f.parentPath === null ? null : idOf(ids, f.parentPath),
        region_code: f.region,
        is_region_office: f.node.regionOffice ?? false,
      })),
    )
    .returning(["id", "name", "parent_id"])
    .execute();
  // Matched back by (parent, name), which the unique index makes one org; RETURNING order is not promised.
  const created = new Map(inserted.map((row) => [`${row.parent_id ?? 0}|${row.name}`, row.id]));
  for (const f of missing) {
    const parentId = f.parentPath === null ? null : idOf(ids, f.parentPath);
    const id = created.get(`${parentId ?? 0}|${f.node.name}`);
    if (id === undefined) throw new Error(`the insert of "${f.path}" returned no row`);
    ids.set(f.path, id);
  }
  return missing.length;
}
