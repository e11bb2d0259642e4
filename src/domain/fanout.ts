// Fan-out: a measure's printed units (and its scope) become assignments to organizations.
//
// A name resolves through the directory in stages, stopping at the first stage that finds anyone:
//   1. an org name or alias equal to the name;
//   2. an org whose name has a bracketed part equal to the name (省市场监管局（省知识产权局） ← 省知识产权局);
//   3. the name's own parts, outside the brackets first, then inside: exact, then bracketed part.
// Among several candidates the one nearest the importing org wins: inside its subtree first (its own
// divisions, its subordinate bureaus), then under its parent, grandparent…; shallower before deeper.
// Two candidates equally near are ambiguous and left for a person, never guessed.
import type {
  Assignment,
  Directory,
  DirectoryOrg,
  FanoutResult,
  Role,
  Scope,
  UnitRef,
  UnresolvedReason,
  UnresolvedUnit,
} from "./types.ts";

/** Names compare without whitespace and with full-width brackets, as the parser prints them. */
export const normalizeName = (s: string): string =>
  s
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");

/** The text outside brackets, then each bracketed text; empty when the name has no brackets. */
export function nameParts(name: string): string[] {
  if (!/（[^（）]+）/.test(name)) return [];
  const outside = name.replace(/（[^（）]*）/g, "");
  const inside = [...name.matchAll(/（([^（）]+)）/g)].map((m) => m[1] ?? "");
  return [outside, ...inside].filter((p) => p !== "" && p !== name);
}

const ROLE_STRENGTH: Record<Role, number> = { lead: 3, owner: 2, support: 1 };

export const VIA_ALL_REGIONS = "各地区";
export const VIA_SOME_REGIONS = "有关地区";

export type DirectoryIndex = {
  importer: DirectoryOrg;
  byId: Map<number, DirectoryOrg>;
  /** The importer, its parent, its grandparent… */
  lineage: number[];
  exact: Map<string, Set<number>>;
  bracketed: Map<string, Set<number>>;
  /** Groups by owner org, then by normalized name. */
  groups: Map<number, Map<string, number[]>>;
};

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

/** Build once per import; resolving hundreds of measures then costs map look-ups. */
export function indexDirectory(directory: Directory, importerOrgId: number): DirectoryIndex {
  const byId = new Map(directory.orgs.map((o) => [o.id, o]));
  const importer = byId.get(importerOrgId);
  if (!importer) throw new RangeError(`importing org ${importerOrgId} is not in the directory`);
  const exact = new Map<string, Set<number>>();
  const bracketed = new Map<string, Set<number>>();
  const names: [number, string][] = [
    ...directory.orgs.map((o): [number, string] => [o.id, o.name]),
    ...directory.aliases.filter((a) => byId.has(a.orgId)).map((a): [number, string] => [a.orgId, a.alias]),
  ];
  for (const [id, raw] of names) {
    const name = normalizeName(raw);
    addTo(exact, name, id);
    for (const part of nameParts(name)) addTo(bracketed, part, id);
  }
  const groups = new Map<number, Map<string, number[]>>();
  for (const g of directory.groups) {
    const owned = groups.get(g.ownerOrgId) ?? new Map<string, number[]>();
    owned.set(normalizeName(g.name), g.memberOrgIds);
    groups.set(g.ownerOrgId, owned);
  }
  return { importer, byId, lineage: ancestry(byId, importer.id), exact, bracketed, groups };
}

/** An org and its ancestors, nearest first; a cycle in bad data ends the walk instead of hanging. */
function ancestry(byId: Map<number, DirectoryOrg>, id: number): number[] {
  const out: number[] = [];
  for (let cur = byId.get(id); cur && !out.includes(cur.id); cur = byId.get(cur.parentId ?? Number.NaN)) {
    out.push(cur.id);
  }
  return out;
}

/** [how many steps up from the importer the shared ancestor is, how deep below it the org is]. */
function distance(index: DirectoryIndex, orgId: number): [number, number] {
  const chain = ancestry(index.byId, orgId);
  for (let depth = 0; depth < chain.length; depth++) {
    const up = index.lineage.indexOf(chain[depth] ?? Number.NaN);
    if (up >= 0) return [up, depth];
  }
  return [Number.POSITIVE_INFINITY, chain.length];
}

type Lookup = { orgId: number } | { reason: UnresolvedReason };

function nearest(index: DirectoryIndex, candidates: Set<number>): Lookup {
  const ranked = [...candidates].map((id) => ({ id, d: distance(index, id) }));
  ranked.sort((a, b) => a.d[0] - b.d[0] || a.d[1] - b.d[1]);
  const [best, next] = ranked;
  if (!best) return { reason: "unknown" };
  if (next && next.d[0] === best.d[0] && next.d[1] === best.d[1]) return { reason: "ambiguous" };
  return { orgId: best.id };
}

export function lookupOrg(index: DirectoryIndex, rawName: string): Lookup {
  const name = normalizeName(rawName);
  const stages: (Set<number> | undefined)[] = [index.exact.get(name), index.bracketed.get(name)];
  for (const part of nameParts(name)) stages.push(index.exact.get(part), index.bracketed.get(part));
  for (const candidates of stages) {
    if (candidates && candidates.size > 0) return nearest(index, candidates);
  }
  return { reason: "unknown" };
}

/** A group printed by name, defined by the importer or, failing that, the nearest ancestor. */
export function lookupGroup(index: DirectoryIndex, rawName: string): number[] | null {
  const name = normalizeName(rawName);
  for (const owner of index.lineage) {
    const members = index.groups.get(owner)?.get(name);
    if (members) return members.filter((id) => index.byId.has(id));
  }
  return null;
}

/** The region an org's region sits in: the nearest ancestor with another region code, else the code's parent. */
function parentRegion(index: DirectoryIndex, org: DirectoryOrg): string | null {
  for (const id of ancestry(index.byId, org.id).slice(1)) {
    const region = index.byId.get(id)?.regionCode;
    if (region !== undefined && region !== org.regionCode) return region;
  }
  // Detached orgs fall back to GB/T 2260 codes: 370102 → 370100 → 370000.
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(org.regionCode);
  if (!m) return null;
  if (m[3] !== "00") return `${m[1]}${m[2]}00`;
  if (m[2] !== "00") return `${m[1]}0000`;
  return null;
}

/** The region offices of the regions directly under the importer's (the city bureaus under a province). */
export function subordinateRegionOffices(index: DirectoryIndex): number[] {
  const home = index.importer.regionCode;
  return [...index.byId.values()]
    .filter((o) => o.isRegionOffice && o.regionCode !== home && parentRegion(index, o) === home)
    .map((o) => o.id);
}

export function resolveUnits(index: DirectoryIndex, units: readonly UnitRef[], scope: Scope | null): FanoutResult {
  const assignments = new Map<number, Assignment>();
  const unresolved = new Map<string, UnresolvedUnit>();
  const assign = (orgId: number, role: Role, via: string | null) => {
    const had = assignments.get(orgId);
    const stronger =
      !had ||
      ROLE_STRENGTH[role] > ROLE_STRENGTH[had.role] ||
      // Equal roles: a unit named outright is more specific than one reached through a group.
      (ROLE_STRENGTH[role] === ROLE_STRENGTH[had.role] && had.via !== null && via === null);
    if (stronger) assignments.set(orgId, { orgId, role, via });
  };
  const miss = (name: string, role: Role, reason: UnresolvedReason) => {
    const key = `${name}\u0000${role}`;
    if (!unresolved.has(key)) unresolved.set(key, { name, role, reason });
  };

  for (const unit of units) {
    if (!unit.fanout) {
      const found = lookupOrg(index, unit.name);
      if ("orgId" in found) {
        assign(found.orgId, unit.role, null);
        continue;
      }
      // The parser may not flag every group name (市直有关部门); a defined group still counts.
      const members = found.reason === "unknown" ? lookupGroup(index, unit.name) : null;
      if (members) for (const id of members) assign(id, unit.role, unit.name);
      else miss(unit.name, unit.role, found.reason);
      continue;
    }
    const members = lookupGroup(index, unit.name);
    if (members) {
      for (const id of members) assign(id, unit.role, unit.name);
      continue;
    }
    // A person may have mapped a group-like name to one org (its alias): honour that.
    const single = lookupOrg(index, unit.name);
    if ("orgId" in single) assign(single.orgId, unit.role, null);
    else miss(unit.name, unit.role, "no-group");
  }

  if (scope === "all-subordinates" || scope === "some-subordinates") {
    const via = scope === "all-subordinates" ? VIA_ALL_REGIONS : VIA_SOME_REGIONS;
    const offices = subordinateRegionOffices(index);
    for (const id of offices) assign(id, "owner", via);
    if (offices.length === 0) miss(via, "owner", "no-subordinates");
  }
  return { assignments: [...assignments.values()], unresolved: [...unresolved.values()] };
}

export type FanoutInput = {
  units: readonly UnitRef[];
  scope: Scope | null;
  importerOrgId: number;
  directory: Directory;
};

/** One measure in one call; for a whole plan, indexDirectory once and call resolveUnits per measure. */
export const fanOut = (input: FanoutInput): FanoutResult =>
  resolveUnits(indexDirectory(input.directory, input.importerOrgId), input.units, input.scope);
