// What an audit entry changed, field by field: the before and after JSON flattened to dotted paths and
// compared, so a reader sees "角色: 填报员 → 计划管理处室" rather than two JSON blobs.

export type FieldChange = {
  field: string;
  kind: "added" | "removed" | "changed";
  before: unknown;
  after: unknown;
};

// Bookkeeping a reader learns nothing from: versions change with every edit, and the entry itself already
// names the record and the time.
const NOISE = new Set(["rowVersion", "version", "updatedAt", "id", "createdAt"]);
const MAX_DEPTH = 3;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function flatten(value: unknown, prefix: string, depth: number, out: Map<string, unknown>): void {
  if (isRecord(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) {
      if (NOISE.has(key)) continue;
      flatten(inner, prefix ? `${prefix}.${key}` : key, depth + 1, out);
    }
    return;
  }
  out.set(prefix, value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** The fields that differ; a creation lists what was set, a deletion what was there. */
export function diffEntry(before: unknown, after: unknown): FieldChange[] {
  const was = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, "", 0, was);
  if (after !== null && after !== undefined) flatten(after, "", 0, now);
  const fields = [...new Set([...was.keys(), ...now.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const inBefore = was.has(field);
    const inAfter = now.has(field);
    const a = was.get(field);
    const b = now.get(field);
    if (inBefore && inAfter && same(a, b)) continue;
    const kind = !inBefore ? "added" : !inAfter ? "removed" : "changed";
    // A record created or deleted with an empty field says nothing about that field.
    if (kind !== "changed" && isEmpty(kind === "added" ? b : a)) continue;
    changes.push({ field, kind, before: a, after: b });
  }
  return changes;
}

/** A value as a short line of text: names of listed objects, not their JSON. */
export function formatValue(value: unknown, yes: string, no: string, max = 120): string {
  let text: string;
  if (value === null || value === undefined || value === "") text = "—";
  else if (typeof value === "boolean") text = value ? yes : no;
  else if (typeof value === "string" || typeof value === "number") text = String(value);
  else if (Array.isArray(value)) text = value.length === 0 ? "—" : value.map((v) => label(v)).join("、");
  else text = label(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function label(value: unknown): string {
  if (isRecord(value)) {
    for (const key of ["name", "alias", "title", "username"]) {
      const named = value[key];
      if (typeof named === "string") return named;
    }
    return JSON.stringify(value);
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** For a list of names that changed: which were added and which removed (order ignored). */
export function listDelta(before: unknown, after: unknown): { added: string[]; removed: string[] } | null {
  const plain = (v: unknown): v is (string | number)[] =>
    Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number");
  if (!plain(before) || !plain(after)) return null;
  const was = new Set(before.map(String));
  const now = new Set(after.map(String));
  return { added: [...now].filter((x) => !was.has(x)), removed: [...was].filter((x) => !now.has(x)) };
}
