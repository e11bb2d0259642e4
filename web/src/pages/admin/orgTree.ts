// The org directory arrives as a flat list; the admin page shows it as a tree, finds orgs by any of their
// names (aliases included) and names an org by its path so that two 办公室 under different bureaus differ.
// Pure functions, shared by the tree, the pickers and the tables (and unit-tested without a browser).

export type OrgLike = {
  id: number;
  name: string;
  parentId: number | null;
  aliases?: readonly { id: number; alias: string }[];
};

export type OrgNode<T extends OrgLike> = { org: T; children: OrgNode<T>[] };

/** Roots are orgs whose parent is not in the list (a plan office's scope starts below the top). */
export function buildTree<T extends OrgLike>(orgs: readonly T[]): OrgNode<T>[] {
  const nodes = new Map<number, OrgNode<T>>();
  for (const org of orgs) nodes.set(org.id, { org, children: [] });
  const roots: OrgNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** "山东省市场监督管理局 / 办公室": the names from the top of the list down to the org. */
export function orgPath(byId: ReadonlyMap<number, OrgLike>, id: number, separator = " / "): string {
  const names: string[] = [];
  const seen = new Set<number>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return names.join(separator);
}

const normalize = (s: string) => s.trim().toLowerCase();

/** Whether the org's name or one of its aliases contains the query (case-insensitive). */
export function orgMatches(org: OrgLike, query: string): boolean {
  const q = normalize(query);
  if (!q) return true;
  return normalize(org.name).includes(q) || (org.aliases ?? []).some((a) => normalize(a.alias).includes(q));
}

/** The alias that matched the query, to show why an org was found under another name. */
export function matchedAlias(org: OrgLike, query: string): string | undefined {
  const q = normalize(query);
  if (!q || normalize(org.name).includes(q)) return undefined;
  return org.aliases?.find((a) => normalize(a.alias).includes(q))?.alias;
}

/**
 * The tree cut down to matching orgs and their ancestors (so each match keeps its place), with the ids of
 * the nodes to open so every match is visible.
 */
export function filterTree<T extends OrgLike>(
  roots: readonly OrgNode<T>[],
  query: string,
): { roots: OrgNode<T>[]; expanded: number[]; matches: number } {
  const expanded: number[] = [];
  let matches = 0;
  const visit = (node: OrgNode<T>): OrgNode<T> | null => {
    const children = node.children.map(visit).filter((c): c is OrgNode<T> => c !== null);
    const hit = orgMatches(node.org, query);
    if (hit) matches++;
    if (children.length > 0) expanded.push(node.org.id);
    return hit || children.length > 0 ? { org: node.org, children } : null;
  };
  const kept = roots.map(visit).filter((c): c is OrgNode<T> => c !== null);
  return { roots: kept, expanded, matches };
}

/** Every org at or under `id`. */
export function subtreeIds(orgs: readonly OrgLike[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const org of orgs)
    if (org.parentId !== null) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org.id]);
  const out = new Set<number>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}
