// The preview flattened into one row per measure, with what a person should look at before importing.
import { locKey, type Preview, type SourceLoc } from "./transfer.ts";

export type MeasureRow = {
  key: string;
  taskIndex: number;
  measureIndex: number;
  taskKey: string;
  taskTitle: string;
  text: string;
  units: Preview["plan"]["tasks"][number]["measures"][number]["units"];
  deadline: Preview["plan"]["tasks"][number]["measures"][number]["deadline"];
  scope: Preview["plan"]["tasks"][number]["measures"][number]["scope"];
  source: SourceLoc;
  sourceText: string | null;
  assignments: Preview["assignments"];
  /** Printed names no org matched (and not yet mapped by the user). */
  unresolved: string[];
  issues: Issue[];
};

export type Issue = "unresolved" | "noUnits" | "noDeadline" | "warning";

export function measureRows(preview: Preview, mapped: ReadonlySet<string>): MeasureRow[] {
  const sources = new Map(preview.sources.map((s) => [locKey(s.loc), s.text]));
  const warned = new Set(preview.warnings.map((w) => locKey(w.source)));
  const open = new Set(preview.unresolved.map((u) => u.name).filter((name) => !mapped.has(name)));
  const byMeasure = new Map<string, Preview["assignments"]>();
  for (const a of preview.assignments) {
    const key = `${a.taskIndex}/${a.measureIndex}`;
    byMeasure.set(key, [...(byMeasure.get(key) ?? []), a]);
  }
  return preview.plan.tasks.flatMap((task, taskIndex) =>
    task.measures.map((m, measureIndex) => {
      const key = `${taskIndex}/${measureIndex}`;
      const unresolved = m.units.map((u) => u.name).filter((name) => open.has(name));
      if (m.scope === "all-subordinates" && open.has("各地区")) unresolved.push("各地区");
      if (m.scope === "some-subordinates" && open.has("有关地区")) unresolved.push("有关地区");
      const assignments = byMeasure.get(key) ?? [];
      const issues: Issue[] = [];
      if (unresolved.length > 0) issues.push("unresolved");
      if (assignments.length === 0 && unresolved.length === 0) issues.push("noUnits");
      if (!m.deadline?.due && !m.deadline?.ongoing) issues.push("noDeadline");
      if (warned.has(locKey(m.source))) issues.push("warning");
      return {
        key,
        taskIndex,
        measureIndex,
        taskKey: task.key,
        taskTitle: task.title,
        text: m.text,
        units: m.units,
        deadline: m.deadline,
        scope: m.scope,
        source: m.source,
        sourceText: sources.get(locKey(m.source)) ?? null,
        assignments,
        unresolved,
        issues,
      };
    }),
  );
}

/** Group names (and 各地区) with the orgs they reach: what "fan-out" means for this plan. */
export function fanOuts(preview: Preview): { via: string; orgs: string[]; measures: number }[] {
  const groups = new Map<string, { orgs: Set<string>; measures: Set<string> }>();
  for (const a of preview.assignments) {
    if (a.via === null) continue;
    const entry = groups.get(a.via) ?? { orgs: new Set<string>(), measures: new Set<string>() };
    entry.orgs.add(a.orgName);
    entry.measures.add(`${a.taskIndex}/${a.measureIndex}`);
    groups.set(a.via, entry);
  }
  return [...groups.entries()]
    .map(([via, g]) => ({ via, orgs: [...g.orgs], measures: g.measures.size }))
    .sort((a, b) => b.measures - a.measures);
}
