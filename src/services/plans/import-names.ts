// How each printed unit name of a plan resolved, seen from the importing office: the org(s) it stands
// for with their full names and regions, so a person can catch a wrong match before confirming, and the
// assignments that would leave the importer's region (they need an explicit confirmation).
import { type DirectoryIndex, isInsideRegion, normalizeName, regionName, resolveName } from "../../domain/fanout.ts";
import type { UnresolvedReason } from "../../domain/types.ts";
import type { ParsedPlan, Role } from "../../parse/types.ts";
import { ConflictError } from "../../store/errors.ts";

export type ResolvedOrg = {
  orgId: number;
  orgName: string;
  regionCode: string;
  /** The region as its bureaus' place names (湖南省长沙市); null for the national office. */
  regionName: string | null;
  outsideRegion: boolean;
};

export type PrintedName = {
  name: string;
  roles: Role[];
  /** Measures that print the name. */
  measures: number;
  /** The name stands for a group (各市州市场监管局 → its members). */
  group: boolean;
  orgs: ResolvedOrg[];
  /** Why nothing matched; null when resolved. */
  reason: UnresolvedReason | null;
};

export type OutsideAssignment = {
  name: string;
  orgId: number;
  orgName: string;
  regionName: string | null;
  measures: number;
};

export function describeOrg(index: DirectoryIndex, orgId: number): ResolvedOrg {
  const org = index.byId.get(orgId);
  return {
    orgId,
    orgName: org?.name ?? `#${orgId}`,
    regionCode: org?.regionCode ?? "",
    regionName: regionName(index, orgId),
    outsideRegion: !isInsideRegion(index, orgId),
  };
}

/** Every distinct printed name of the plan (plus 各地区 when measures are handed down), in plan order. */
export function printedNames(index: DirectoryIndex, plan: ParsedPlan): PrintedName[] {
  const byName = new Map<string, PrintedName>();
  const seen = new Set<string>();
  for (const task of plan.tasks) {
    for (const m of task.measures) {
      for (const unit of m.units) {
        const key = normalizeName(unit.name);
        let entry = byName.get(key);
        if (!entry) {
          const found = resolveName(index, unit);
          entry = {
            name: unit.name,
            roles: [],
            measures: 0,
            group: found.group ?? false,
            orgs: (found.orgIds ?? []).map((id) => describeOrg(index, id)),
            reason: found.orgIds === undefined ? found.reason : null,
          };
          byName.set(key, entry);
        }
        if (!entry.roles.includes(unit.role)) entry.roles.push(unit.role);
        const measureKey = `${key}\u0000${task.key}\u0000${m.text}`;
        if (!seen.has(measureKey)) entry.measures++;
        seen.add(measureKey);
      }
    }
  }
  return [...byName.values()];
}

/** The printed names that put work outside the importer's region, one entry per org. */
export function outsideAssignments(names: readonly PrintedName[]): OutsideAssignment[] {
  return names.flatMap((n) =>
    n.orgs
      .filter((o) => o.outsideRegion)
      .map((o) => ({
        name: n.name,
        orgId: o.orgId,
        orgName: o.orgName,
        regionName: o.regionName,
        measures: n.measures,
      })),
  );
}

/** An import that would assign work outside the importer's region, not confirmed; nothing was written. */
export class OutsideRegionError extends ConflictError {
  override name = "OutsideRegionError";
  constructor(readonly items: OutsideAssignment[]) {
    const listed = items.map((i) => `"${i.name}" → ${i.orgName} (${i.regionName ?? "national"})`).join("; ");
    super(
      `${items.length} printed unit name(s) resolve to orgs outside the importing office's region: ${listed}. ` +
        "Check them in the preview and import again with confirmOutsideRegion: true, or map them to your own orgs.",
    );
  }
}
