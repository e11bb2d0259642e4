// `luoshi align LOWER_FILE --upper FILE… [--format json|text] [--top N]`: which upper-level task each
// task of a lower-level plan implements, with score and evidence, or none. No database: every file
// is parsed as `luoshi parse` would (any container).
import { parseArgs } from "node:util";
import { alignPlans, type Candidate, type Evidence } from "../domain/alignment/align.ts";
import { jiebaTokenizer } from "../domain/alignment/jieba.ts";
import { type ParsedPlan, parsePlanFile } from "../parse/index.ts";
import { UsageError } from "./usage-error.ts";

export const ALIGN_USAGE = `  align LOWER_FILE --upper FILE… [--format json|text] [--top N]
                                                     suggest the upper-level task each task of LOWER_FILE
                                                     implements (default: json, top 3)
`;

export type AlignReport = {
  lower: { file: string; title: string };
  upper: { file: string; title: string }[];
  links: {
    lowerKey: string;
    lowerTitle: string;
    candidates: { file: string; key: string; title: string; score: number; evidence: Evidence }[];
  }[];
};

export type AlignArgs = { lower: string; upper: string[]; format: "json" | "text"; top: number };

export async function runAlign(args: string[]): Promise<number> {
  const options = readAlignArgs(args);
  const lower = await parsePlanFile(options.lower);
  const uppers: ParsedPlan[] = [];
  for (const file of options.upper) uppers.push(await parsePlanFile(file));
  const links = alignPlans(lower, uppers, jiebaTokenizer, { top: options.top });
  const report: AlignReport = {
    lower: { file: options.lower, title: lower.title },
    upper: uppers.map((p, i) => ({ file: options.upper[i] as string, title: p.title })),
    links: links.map((l) => ({
      lowerKey: l.lowerKey,
      lowerTitle: l.lowerTitle,
      candidates: l.candidates.map((c: Candidate) => ({
        file: options.upper[c.plan] as string,
        key: c.key,
        title: c.title,
        score: c.score,
        evidence: c.evidence,
      })),
    })),
  };
  process.stdout.write(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatAlignment(report));
  return 0;
}

/** File names after --upper belong to it until the next option; the one other name is the lower plan. */
export function readAlignArgs(args: string[]): AlignArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(`align: ${error instanceof Error ? error.message : String(error)}`);
  }
  const lower: string[] = [];
  const upper: string[] = [];
  let afterUpper = false;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === "option") {
      afterUpper = token.name === "upper";
      if (afterUpper && token.value !== undefined) upper.push(token.value);
    } else if (token.kind === "positional") {
      (afterUpper ? upper : lower).push(token.value);
    } else {
      afterUpper = false;
    }
  }
  if (lower.length !== 1) {
    throw new UsageError(
      lower.length === 0
        ? "align: name the lower plan's file: luoshi align LOWER_FILE --upper FILE…"
        : `align takes one lower plan, not ${lower.length} (${lower.join(", ")}); put upper plans after --upper`,
    );
  }
  if (upper.length === 0) throw new UsageError("align: name at least one upper plan: --upper FILE…");
  const format = parsed.values.format ?? "json";
  if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text, not "${format}"`);
  const rawTop = parsed.values.top ?? "3";
  const top = Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > 100)
    throw new UsageError(`--top must be a whole number from 1 to 100, not "${rawTop}"`);
  return { lower: lower[0] as string, upper, format, top };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    tokens: true,
    options: {
      // A string option taking the first file; the rest of the list arrives as positionals.
      upper: { type: "string", multiple: true },
      format: { type: "string" },
      top: { type: "string" },
      debug: { type: "boolean" },
    },
  });
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The people-facing view: each lower task, then its suggestions with what they rest on. */
export function formatAlignment(report: AlignReport): string {
  const lines: string[] = [];
  lines.push(`下级 lower: ${report.lower.title}  (${report.lower.file})`);
  for (const [i, u] of report.upper.entries()) lines.push(`上级 upper U${i + 1}: ${u.title}  (${u.file})`);
  // The first of the same file named twice numbers both.
  const planNo = new Map([...report.upper.entries()].reverse().map(([i, u]) => [u.file, i + 1]));
  const linked = report.links.filter((l) => l.candidates.length > 0).length;
  lines.push(
    `${report.links.length} tasks, ${linked} with suggestions, ${report.links.length - linked} without (no close upper task)`,
    "",
  );
  for (const link of report.links) {
    lines.push(`[${link.lowerKey}] ${link.lowerTitle}`);
    if (link.candidates.length === 0) {
      lines.push("      —  无对应上级任务 no close upper task");
      continue;
    }
    for (const c of link.candidates) {
      const down = c.evidence.handedDown ? "  ↓下达本级 handed down" : "";
      lines.push(`  ${c.score.toFixed(3)}  U${planNo.get(c.file)} [${c.key}] ${clip(c.title, 40)}${down}`);
      if (c.evidence.shared.length > 0) lines.push(`         共有 shared: ${c.evidence.shared.join("、")}`);
      if (c.evidence.sentences) lines.push(`         对应 matches: ${clip(c.evidence.sentences.upper, 60)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
