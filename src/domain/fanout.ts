// Fan-out: a measure's printed units (and its scope) become assignments to organizations.
//
// Names resolve within the importer's region: its own subtree, then each ancestor with its direct
// departments and divisions (the province's own departments for a city office), up to the national
// office. Another region's orgs (a neighbouring city, another province's 省公安厅) are never reached by
// a short or relative name; only their full name, or an alias a person taught this importer, reaches
// them, and such an assignment is flagged (isInsideRegion) for the person to confirm.
//
// A relative name (省…, 市…, 县…, 区…: 省公安厅, 县市场监管局) is read against the importer's own bureau
// and its ancestors first: "省" is the province in the importer's lineage, and 省公安厅 is that
// province's 公安厅; the importer's own bureau answers to 县市场监管局 / 市市场监管局 and the like.
//
// Otherwise a name resolves through the directory in stages, stopping at the first stage that finds
// anyone in the region:
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
  SelectiveScope,
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

/**
 * Whether a printed name picks some of a set rather than all of it, by its grammar: a qualifier of
 * selection (有关, 相关, 有条件的, 部分) before the noun — 有关地区, 各有关市市场监督管理局, 有关单位,
 * 市直有关部门 — as opposed to 各市 / 各地区 / 各处室, which mean every member.
 */
export const isSelectiveName = (raw: string): boolean => {
  const name = normalizeName(raw);
  return (
    /^(?:各|全省各|全市各|全区各|全县各)?(?:有关|相关|有条件的?|部分)/.test(name) ||
    /(?:有关|相关)(?:[^（）]{0,8})(?:部门|单位|处室|科室|地区|市|县|区)(?:（[^（）]*）)?$/.test(name)
  );
};

/** A selective name whose noun is a region (各有关市, 有关县（市、区）, 有条件的地区): the regions under the importer. */
const SELECTIVE_REGIONS =
  /^(?:各|全省各|全市各)?(?:有关|相关|有条件的?|部分)(?:地区|地方|省份|省|城市|设区市|市州|市|县|区|县（市、区）|县市区|区县)$/;

export type DirectoryIndex = {
  importer: DirectoryOrg;
  byId: Map<number, DirectoryOrg>;
  /** The importer, its parent, its grandparent… */
  lineage: number[];
  /** Names and the aliases that apply to this importer (global ones, and those taught in its lineage). */
  exact: Map<string, Set<number>>;
  bracketed: Map<string, Set<number>>;
  /** Aliases a person taught this importer or an office above it: their choice, first and anywhere. */
  taught: Map<string, Set<number>>;
  /** The names that may reach outside the region: full names and global non-relative aliases. */
  firm: Map<string, Set<number>>;
  /** Relative names (省公安厅) read against each regional bureau of the lineage, nearest first. */
  relative: Map<string, Set<number>>[];
  /** Groups by owner org, then by normalized name. */
  groups: Map<number, Map<string, number[]>>;
};

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

/** 省…, 市… (not 市场…), 县…, 区…, 州…: a name that means "ours" and depends on who prints it. */
export const isRelativeName = (name: string): boolean => /^(?:[省县区州]|市(?!场))/.test(normalizeName(name));

/** The place an office's name starts with (山东省, 泰安市, 安溪县, 湘西土家族苗族自治州), if any. */
export function placeName(name: string): string | null {
  const m = /^([^（）]{2,}?(?:自治区|自治州|自治县|省|市|州|盟|地区|县|区|旗))/.exec(normalizeName(name));
  return m?.[1] ?? null;
}

const SHORT_BUREAU = "市场监管局";
const FULL_BUREAU = "市场监督管理局";

/**
 * The relative forms an office's own names give under a regional bureau of place P printed as L:
 * 湖南省公安厅 → 省公安厅, 中共湖南省委宣传部 → 省委宣传部; the bureau itself also answers to
 * L市场监管局, L市场监督管理局 and L知识产权局 (the IP office sits in the market-regulation bureau).
 */
function relativeForms(names: string[], place: string, level: string, isBureau: boolean): string[] {
  const out = new Set<string>();
  const add = (form: string) => {
    out.add(form);
    if (form.includes(FULL_BUREAU)) out.add(form.replace(FULL_BUREAU, SHORT_BUREAU));
  };
  for (const raw of names) {
    for (const name of [raw, ...nameParts(raw)]) {
      if (!name.includes(place)) continue;
      const form = name.replace(place, level);
      add(form);
      if (form.startsWith("中共")) add(form.slice(2));
    }
  }
  if (isBureau && names.some((n) => n.includes(FULL_BUREAU) || n.includes(SHORT_BUREAU))) {
    for (const form of [`${level}${FULL_BUREAU}`, `${level}知识产权局`]) add(form);
  }
  return [...out];
}

/** Build once per import; resolving hundreds of measures then costs map look-ups. */
export function indexDirectory(directory: Directory, importerOrgId: number): DirectoryIndex {
  const byId = new Map(directory.orgs.map((o) => [o.id, o]));
  const importer = byId.get(importerOrgId);
  if (!importer) throw new RangeError(`importing org ${importerOrgId} is not in the directory`);
  const lineage = ancestry(byId, importer.id);
  const exact = new Map<string, Set<number>>();
  const bracketed = new Map<string, Set<number>>();
  const firm = new Map<string, Set<number>>();
  const taught = new Map<string, Set<number>>();
  const namesOf = new Map<number, string[]>();
  const note = (id: number, raw: string, reachesOut: boolean) => {
    const name = normalizeName(raw);
    addTo(exact, name, id);
    for (const part of nameParts(name)) addTo(bracketed, part, id);
    if (reachesOut) addTo(firm, name, id);
    namesOf.set(id, [...(namesOf.get(id) ?? []), name]);
  };
  for (const o of directory.orgs) note(o.id, o.name, true);
  for (const a of directory.aliases) {
    if (!byId.has(a.orgId)) continue;
    const scope = a.scopeOrgId ?? null;
    // An alias taught in another office's imports means something else there; it does not apply here.
    if (scope !== null && !lineage.includes(scope)) continue;
    if (scope !== null) addTo(taught, normalizeName(a.alias), a.orgId);
    note(a.orgId, a.alias, scope === null && !isRelativeName(a.alias));
  }
  const children = new Map<number, DirectoryOrg[]>();
  for (const o of directory.orgs)
    if (o.parentId !== null) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  const relative: Map<string, Set<number>>[] = [];
  for (const id of lineage) {
    const bureau = byId.get(id);
    const place = bureau?.isRegionOffice ? placeName(bureau.name) : null;
    if (!bureau || !place) continue;
    const level = place.slice(-1);
    const forms = new Map<string, Set<number>>();
    for (const f of relativeForms(namesOf.get(id) ?? [], place, level, true)) addTo(forms, f, id);
    for (const child of children.get(id) ?? []) {
      if (child.isRegionOffice) continue;
      for (const f of relativeForms(namesOf.get(child.id) ?? [], place, level, false)) addTo(forms, f, child.id);
    }
    relative.push(forms);
  }
  const groups = new Map<number, Map<string, number[]>>();
  for (const g of directory.groups) {
    const owned = groups.get(g.ownerOrgId) ?? new Map<string, number[]>();
    owned.set(normalizeName(g.name), g.memberOrgIds);
    groups.set(g.ownerOrgId, owned);
  }
  return { importer, byId, lineage, exact, bracketed, taught, firm, relative, groups };
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

/** GB/T 2260 prefix of a region code: "" national, "37" province, "3709" city, "370921" county. */
function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code) || code === "000000") return "";
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

/**
 * Whether an org belongs to the importer's region: in its subtree, one of its ancestors, or under an
 * ancestor without passing through another region's office (the province's departments, the national
 * office's divisions). An org detached from the tree is placed by its region code instead.
 */
export function isInsideRegion(index: DirectoryIndex, orgId: number): boolean {
  const chain = ancestry(index.byId, orgId);
  for (let depth = 0; depth < chain.length; depth++) {
    const up = index.lineage.indexOf(chain[depth] ?? Number.NaN);
    if (up < 0) continue;
    if (up === 0 || depth === 0) return true;
    return !chain.slice(0, depth).some((id) => index.byId.get(id)?.isRegionOffice);
  }
  const org = index.byId.get(orgId);
  if (!org) return false;
  const own = regionPrefix(org.regionCode);
  const home = regionPrefix(index.importer.regionCode);
  return own.startsWith(home) || home.startsWith(own);
}

/** The region an org belongs to, as its bureaus' place names from the top (湖南省长沙市); null if national. */
export function regionName(index: DirectoryIndex, orgId: number): string | null {
  const places = ancestry(index.byId, orgId)
    .map((id) => index.byId.get(id))
    .filter((o): o is DirectoryOrg => o?.isRegionOffice === true)
    .map((o) => placeName(o.name))
    .filter((p): p is string => p !== null)
    .reverse();
  return places.length > 0 ? places.join("") : null;
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

function inside(index: DirectoryIndex, candidates: Set<number> | undefined): Set<number> {
  return new Set([...(candidates ?? [])].filter((id) => isInsideRegion(index, id)));
}

export function lookupOrg(index: DirectoryIndex, rawName: string): Lookup {
  const name = normalizeName(rawName);
  const keys = [name, ...nameParts(name)];
  const taught = index.taught.get(name);
  if (taught && taught.size > 0) return nearest(index, taught);
  if (keys.some(isRelativeName)) {
    for (const forms of index.relative) {
      for (const key of keys.filter(isRelativeName)) {
        const candidates = forms.get(key);
        if (candidates && candidates.size > 0) return nearest(index, candidates);
      }
    }
  }
  const stages: (Set<number> | undefined)[] = [index.exact.get(name), index.bracketed.get(name)];
  for (const part of nameParts(name)) stages.push(index.exact.get(part), index.bracketed.get(part));
  for (const candidates of stages) {
    const near = inside(index, candidates);
    if (near.size > 0) return nearest(index, near);
  }
  // Outside the region only a full name or a global alias is enough, never a relative one.
  if (!isRelativeName(name)) {
    for (const key of keys.filter((k) => !isRelativeName(k))) {
      const candidates = index.firm.get(key);
      if (candidates && candidates.size > 0) return nearest(index, candidates);
    }
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

/** What one printed name stands for: orgs named outright or through a group, or why nothing. */
export type NameResolution =
  | { orgIds: number[]; group: boolean }
  | { reason: UnresolvedReason; orgIds?: undefined; group?: undefined };

export function resolveName(index: DirectoryIndex, unit: UnitRef): NameResolution {
  if (!unit.fanout) {
    const found = lookupOrg(index, unit.name);
    if ("orgId" in found) return { orgIds: [found.orgId], group: false };
    // The parser may not flag every group name (市直有关部门); a defined group still counts.
    const members = found.reason === "unknown" ? lookupGroup(index, unit.name) : null;
    return members ? { orgIds: members, group: true } : { reason: found.reason };
  }
  const members = lookupGroup(index, unit.name);
  if (members) return { orgIds: members, group: true };
  // A person may have mapped a group-like name to one org (its alias): honour that.
  const single = lookupOrg(index, unit.name);
  return "orgId" in single ? { orgIds: [single.orgId], group: false } : { reason: "no-group" };
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
  const selective = new Map<string, SelectiveScope>();
  const offer = (via: string, role: Role, orgIds: number[]) => {
    const key = `${via}\u0000${role}`;
    const had = selective.get(key);
    const ids = [...new Set([...(had?.candidateOrgIds ?? []), ...orgIds])];
    selective.set(key, { via, role, candidateOrgIds: ids });
  };

  for (const unit of units) {
    const found = resolveName(index, unit);
    const picks = isSelectiveName(unit.name);
    if (found.orgIds === undefined) {
      if (picks && SELECTIVE_REGIONS.test(normalizeName(unit.name))) {
        const offices = subordinateRegionOffices(index);
        if (offices.length > 0) offer(unit.name, unit.role, offices);
        else miss(unit.name, unit.role, "no-subordinates");
      } else miss(unit.name, unit.role, found.reason);
    } else if (picks && found.group) offer(unit.name, unit.role, found.orgIds);
    else for (const id of found.orgIds) assign(id, unit.role, found.group ? unit.name : null);
  }

  if (scope === "all-subordinates") {
    const offices = subordinateRegionOffices(index);
    for (const id of offices) assign(id, "owner", VIA_ALL_REGIONS);
    if (offices.length === 0) miss(VIA_ALL_REGIONS, "owner", "no-subordinates");
  } else if (scope === "some-subordinates") {
    const offices = subordinateRegionOffices(index);
    if (offices.length > 0) offer(VIA_SOME_REGIONS, "owner", offices);
    else miss(VIA_SOME_REGIONS, "owner", "no-subordinates");
  }
  // An org the measure names outright (or through an everyone-group) holds it already: not a candidate.
  const scopes = [...selective.values()]
    .map((s) => ({ ...s, candidateOrgIds: s.candidateOrgIds.filter((id) => !assignments.has(id)) }))
    .filter((s) => s.candidateOrgIds.length > 0);
  return { assignments: [...assignments.values()], unresolved: [...unresolved.values()], selective: scopes };
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
