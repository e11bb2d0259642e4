// `luoshi import FILE… --org ORG [--cadence monthly|quarterly] [--year Y] [--choose VIA=ORG,…] [--opt-in VIA=DATE]`:
// imports plan documents for a plan office, each file in its own transaction, with progress and a summary of
// what needs review. A selective scope (有关地区, 各有关市…) goes to the orgs --choose names, opens for 领办
// until --opt-in's date, or stays 待选定.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { PlanInputError } from "../parse/errors.ts";
import { loadDirectory } from "../services/orgs/queries.ts";
import { OutsideRegionError } from "../services/plans/import-names.ts";
import { type ImportResult, importPlan } from "../services/plans/import-plan.ts";
import type { ScopeChoice } from "../services/plans/selective-import.ts";
import { type Store, storeFromEnv } from "../store/db.ts";
import { InputError } from "../store/errors.ts";
import { timeZoneOfEnv } from "./time-zone.ts";
import { UsageError } from "./usage-error.ts";

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      org: { type: "string" },
      cadence: { type: "string" },
      year: { type: "string" },
      "confirm-outside-region": { type: "boolean" },
      choose: { type: "string", multiple: true },
      "opt-in": { type: "string", multiple: true },
      debug: { type: "boolean" },
    },
  });
  if (positionals.length === 0) throw new UsageError("import: name at least one plan file");
  if (!values.org) throw new UsageError("import: say which plan office imports the plans: --org ORG");
  const cadence = values.cadence ?? "quarterly";
  if (cadence !== "monthly" && cadence !== "quarterly")
    throw new UsageError(`--cadence must be monthly or quarterly, not "${cadence}"`);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year))
    throw new UsageError(`--year must be a year such as 2024, not "${values.year}"`);
  const timeZone = timeZoneOfEnv();

  const store = await storeFromEnv();
  try {
    const orgId = await findOrg(store, values.org);
    const scopes: ScopeChoice[] = [];
    for (const arg of values.choose ?? []) {
      const [via, orgs] = splitPair(arg, "--choose VIA=ORG[,ORG…]");
      const orgIds: number[] = [];
      for (const ref of orgs.split(/[,，、]/).filter((r) => r.trim() !== ""))
        orgIds.push(await findOrg(store, ref.trim()));
      scopes.push({ via, orgIds });
    }
    for (const arg of values["opt-in"] ?? []) {
      const [via, until] = splitPair(arg, "--opt-in VIA=YYYY-MM-DD");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new UsageError(`--opt-in ${arg}: the date must be YYYY-MM-DD`);
      scopes.push({ via, optInUntil: until });
    }
    let failed = 0;
    for (const [i, file] of positionals.entries()) {
      process.stderr.write(`${progressBar(i, positionals.length)} ${file}\n`);
      try {
        const bytes = await readFile(file).catch(() => {
          throw new PlanInputError(file, "no such file or not readable");
        });
        const result = await importPlan(store, {
          bytes,
          fileName: file,
          orgId,
          userId: null,
          cadence,
          confirmOutsideRegion: values["confirm-outside-region"] === true,
          scopes,
          timeZone,
          ...(year ? { year } : {}),
        });
        process.stdout.write(summarize(file, result));
      } catch (error) {
        if (
          !(error instanceof PlanInputError) &&
          !(error instanceof OutsideRegionError) &&
          !(error instanceof InputError)
        )
          throw error;
        failed++;
        process.stderr.write(`luoshi: ${error.message} (nothing imported from this file)\n`);
      }
    }
    process.stderr.write(`${progressBar(positionals.length, positionals.length)} done\n`);
    return failed > 0 ? 2 : 0;
  } finally {
    await store.close();
  }
}

function splitPair(arg: string, usage: string): [string, string] {
  const at = arg.indexOf("=");
  if (at <= 0 || at === arg.length - 1) throw new UsageError(`"${arg}": expected ${usage}`);
  return [arg.slice(0, at).trim(), arg.slice(at + 1).trim()];
}

async function findOrg(store: Store, ref: string): Promise<number> {
  const directory = await loadDirectory(store.db);
  const id = /^\d+$/.test(ref) ? Number(ref) : undefined;
  const byId = directory.orgs.find((o) => o.id === id);
  if (byId) return byId.id;
  const byName = directory.orgs.filter((o) => o.name === ref || o.name.startsWith(ref));
  const byAlias = directory.aliases.filter((a) => a.alias === ref).map((a) => a.orgId);
  const candidates = [...new Set([...byName.map((o) => o.id), ...byAlias])];
  if (candidates.length === 1) return candidates[0] as number;
  if (candidates.length === 0) throw new UsageError(`--org "${ref}": no such org (see luoshi orgs export)`);
  throw new UsageError(`--org "${ref}" is ambiguous (${candidates.length} orgs match); give the org id`);
}

const progressBar = (done: number, total: number) => {
  const width = 20;
  const filled = Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
};

function summarize(file: string, r: ImportResult): string {
  if (r.nothingChanged) return `${file}: ${r.nothingChanged.message.en} (plan #${r.planId})\n`;
  const lines = [
    `${file}: plan #${r.planId} "${r.title}" version ${r.version}: ${r.counts.tasks} tasks, ${r.counts.measures} measures, ${r.counts.assignments} assignments, ${r.counts.indicators} indicators`,
  ];
  if (r.changes) {
    const c = r.changes;
    lines.push(
      `  revised: ${c.unchanged} unchanged (${c.carriedReports} reports carried over), ${c.changed} changed, ${c.added} added, ${c.removed} removed`,
      `  indicators: ${c.indicators.unchanged} unchanged, ${c.indicators.changed} changed (${c.indicators.carriedValues} values carried over), ${c.indicators.added} added, ${c.indicators.removed} removed`,
    );
  }
  if (r.counts.selectivePending > 0)
    lines.push(
      `  ${r.counts.selectivePending} selective scopes (有关地区…) wait for the office (待选定 / 领办): see the plan's page`,
    );
  if (r.unresolved.length > 0) {
    lines.push(`  needs review: ${r.unresolved.length} unit names matched no org:`);
    for (const u of r.unresolved) lines.push(`    ${u.name} (${u.measures} measures, ${u.reason})`);
  }
  if (r.warnings.length > 0)
    lines.push(`  ${r.warnings.length} parser warnings (luoshi parse ${file} --format text shows them)`);
  return `${lines.join("\n")}\n`;
}
