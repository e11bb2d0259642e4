// The people-facing view of a parsed plan: an indented outline with units, roles, due dates,
// indicators and warnings, in the plan office's own vocabulary.
import type { Measure, ParsedPlan, SourceLoc } from "../parse/types.ts";

const ROLE_LABEL = { lead: "牵头", support: "配合", owner: "负责" } as const;
const SCOPE_LABEL = { issuer: "本级", "all-subordinates": "各地", "some-subordinates": "有关地区" } as const;

export function formatOutline(plan: ParsedPlan): string {
  const lines: string[] = [];
  lines.push(plan.title || "(untitled plan)");
  const meta = [
    plan.docNumber && `文号 ${plan.docNumber}`,
    plan.issuer && `发文 ${plan.issuer}`,
    plan.issuedOn && `日期 ${plan.issuedOn}`,
    plan.period && `期限 ${plan.period.from}–${plan.period.to}`,
  ].filter(Boolean);
  if (meta.length > 0) lines.push(meta.join(" · "));
  const measureCount = plan.tasks.reduce((n, t) => n + t.measures.length, 0);
  lines.push(
    `${plan.tasks.length} tasks, ${measureCount} measures, ${plan.indicators.length} indicators, ${plan.warnings.length} warnings`,
  );
  lines.push("");
  const headings = new Map(plan.headings.map((h) => [h.key, h.title]));
  const shown = new Set<string>();
  for (const task of plan.tasks) {
    // Each heading once, before the first task beneath it, indented by its depth.
    const parts = task.key.split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const key = parts.slice(0, depth).join("/");
      const title = headings.get(key);
      if (title === undefined || shown.has(key)) continue;
      shown.add(key);
      lines.push(`${"  ".repeat(depth - 1)}${parts[depth - 1]} ${title}`);
    }
    lines.push(`[${task.key}] ${task.title}  (${where(task.source)})`);
    task.measures.forEach((m, i) => {
      lines.push(`    ${i + 1}. ${clip(m.text, 60)}`);
      const detail = describe(m);
      if (detail) lines.push(`       ${detail}`);
    });
  }
  if (plan.indicators.length > 0) {
    lines.push("", "Indicators:");
    for (const i of plan.indicators) {
      const target = i.op === "range" ? `${i.target}–${i.targetHigh}` : `${i.op} ${i.target}`;
      lines.push(`  ${i.name} ${target} ${i.unit}${i.by ? ` (by ${i.by})` : ""}`);
    }
  }
  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const w of plan.warnings) lines.push(`  ${where(w.source)}: ${w.message}`);
  }
  return `${lines.join("\n")}\n`;
}

function describe(m: Measure): string {
  const parts: string[] = [];
  if (m.units.length > 0) {
    parts.push(m.units.map((u) => `${u.name}（${ROLE_LABEL[u.role]}${u.fanout ? "，分解" : ""}）`).join("、"));
  }
  if (m.deadline) {
    const due = m.deadline.due ?? "no end date";
    parts.push(`due ${due}${m.deadline.ongoing ? ", ongoing" : ""} [${m.deadline.raw}]`);
  }
  if (m.scope) parts.push(`scope ${SCOPE_LABEL[m.scope]}`);
  return parts.join(" · ");
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function where(loc: SourceLoc): string {
  const parts: string[] = [];
  if (loc.sheet) parts.push(`sheet ${loc.sheet}`);
  if (loc.page !== undefined) parts.push(`page ${loc.page}`);
  if (loc.table !== undefined) parts.push(`table ${loc.table}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.paragraph !== undefined) parts.push(`paragraph ${loc.paragraph}`);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  return parts.join(", ") || "?";
}
