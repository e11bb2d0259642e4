// Importing a plan document: parse it, resolve its printed unit names to orgs (fan-out for groups,
// hand-down for 各地区), and write the plan, its tasks, measures, assignments, due dates and
// indicators in ONE transaction. A revised version of a plan already imported becomes its next
// version and keeps the progress of measures that did not change.
import type { Kysely, Transaction } from "kysely";
import {
  type DirectoryIndex,
  indexDirectory,
  resolveUnits,
  VIA_ALL_REGIONS,
  VIA_SOME_REGIONS,
} from "../../domain/fanout.ts";
import { segment } from "../../domain/text-search.ts";
import type { SourceDocument } from "../../parse/blocks.ts";
import { cellText } from "../../parse/blocks.ts";
import type { ParsedPlan, ParseWarning, Role } from "../../parse/types.ts";
import { writeAudit } from "../../store/audit.ts";
import type { Store } from "../../store/db.ts";
import { NotFoundError } from "../../store/errors.ts";
import type { Cadence, Database } from "../../store/schema.ts";
import { refreshPlanStatuses, statusDay } from "../assignments/stored-status.ts";
import { carryLinks } from "../links/carry-links.ts";
import { type PreviewLinks, previewLinks } from "../links/preview-links.ts";
import { suggestLinks } from "../links/suggest.ts";
import { addAlias, loadDirectory } from "../orgs/queries.ts";
import { parsePlanUpload } from "../parsing/pool.ts";
import { carryOver, type VersionChanges } from "./carry-over.ts";
import { type Identical, identicalTo } from "./identity.ts";
import {
  type OutsideAssignment,
  OutsideRegionError,
  outsideAssignments,
  type PrintedName,
  printedNames,
} from "./import-names.ts";
import { correctParsedPlan, type PlanMetadataPatch } from "./metadata.ts";
import { type PreviewAssignment, previewAssignments } from "./preview-assignments.ts";
import { insertPlan, lineageKeyOf, type PlanDraft } from "./queries.ts";
import { previewRevision } from "./revision.ts";
import { applyScopeChoices, type PreviewSelective, previewSelective, type ScopeChoice } from "./selective-import.ts";
import { type SourceExcerpt, sourceExcerpts } from "./source-excerpts.ts";

type Tx = Transaction<Database>;

export type ImportRequest = {
  bytes: Uint8Array;
  fileName: string;
  /** The plan office importing the plan; units resolve from its point of view. */
  orgId: number;
  userId: number | null;
  cadence?: Cadence;
  year?: number;
  /** Printed unit names a person mapped to orgs; each is remembered as an alias for the importer's later imports. */
  mappings?: Record<string, number>;
  /** A person's corrections of the parsed title, 文号, issuer, date or period (checked as in plan settings). */
  metadata?: PlanMetadataPatch | undefined;
  /** The person saw the assignments outside the importer's region in the preview and wants them. */
  confirmOutsideRegion?: boolean;
  /** When the import happened, for its audit entry; the database clock when absent. */
  at?: Date;
  /** Whose calendar "today" is (LUOSHI_TIME_ZONE, domain/today.ts); China's when absent. */
  timeZone?: string | undefined;
  /** What the office makes of each selective scope (有关地区, 各有关市): chosen orgs or a 领办 window. */
  scopes?: ScopeChoice[];
};

export type UnresolvedName = { name: string; role: Role; reason: string; measures: number };

export type ImportResult = {
  planId: number;
  version: number;
  title: string;
  counts: { tasks: number; measures: number; assignments: number; indicators: number; selectivePending: number };
  unresolved: UnresolvedName[];
  warnings: ParseWarning[];
  changes: VersionChanges | null;
  /** The link suggestions stored after the import (its own transaction); null when none were made. */
  links: { upperPlans: number; tasks: number; suggested: number; abstained: number } | null;
  /** The file changes nothing in the plan's latest version: nothing was written (planId is that version). */
  nothingChanged: Identical | null;
};

export type { VersionChanges } from "./carry-over.ts";

/**
 * Parse the file and resolve its units without writing anything: what the import wizard previews. For a
 * revision of a plan already imported, also what would change against its latest version.
 */
export async function previewImport(store: Store, request: ImportRequest): Promise<Preview> {
  const { plan, doc } = await parseRequest(request);
  try {
    await store.db.transaction().execute(async (tx) => {
      // The mappings a person gave so far count, as they will at import; the rollback forgets them.
      for (const [name, orgId] of Object.entries(request.mappings ?? {}))
        await rememberUnitName(tx, name, orgId, request.orgId);
      const { draft, index } = await buildDraft(tx, request, plan, doc);
      const revision = await previewRevision(tx, draft);
      const sources = sourceExcerpts(doc, plan);
      const names = printedNames(index, plan);
      throw new PreviewDone({
        plan,
        draft,
        unresolved: unresolvedNames(draft),
        revision,
        sources,
        names,
        outsideRegion: outsideAssignments(names),
        assignments: previewAssignments(index, draft),
        selective: previewSelective(index, draft),
        links: await previewLinks(tx, {
          orgId: request.orgId,
          lineageKey: lineageKeyOf(draft.meta),
          plan,
          opening: openingOf(doc, plan),
        }),
      });
    });
  } catch (error) {
    if (error instanceof PreviewDone) return error.preview;
    throw error;
  }
  throw new Error("a preview transaction ended without a result");
}

type Preview = {
  plan: ParsedPlan;
  draft: PlanDraft;
  unresolved: UnresolvedName[];
  revision: Awaited<ReturnType<typeof previewRevision>>;
  /** The original text at every location the plan cites, to show beside each item. */
  sources: SourceExcerpt[];
  /** Every printed unit name with the org(s) it resolved to, full name and region. */
  names: PrintedName[];
  /** Assignments outside the importer's region; the import needs confirmOutsideRegion for them. */
  outsideRegion: OutsideAssignment[];
  assignments: PreviewAssignment[];
  /** Measures addressed to a selective scope, with their candidates and what the request's choices make of them. */
  selective: PreviewSelective[];
  /** The upper plans it would be aligned against and each task's top suggestion among their tasks. */
  links: PreviewLinks;
};

/** The document's lines before its first task (cover letter, title, 为落实《…》… paragraph), at most 60. */
function openingOf(doc: SourceDocument, plan: ParsedPlan): string {
  const first = JSON.stringify(plan.tasks[0]?.source ?? null);
  const lines: string[] = [];
  for (const b of doc.blocks.slice(0, 60)) {
    if (JSON.stringify(b.loc) === first) break;
    lines.push(b.kind === "paragraph" ? b.text : b.cells.map((c) => cellText(c)).join("\t"));
  }
  return lines.join("\n");
}

/** Ends the preview's transaction with a rollback, carrying its result out. */
class PreviewDone extends Error {
  constructor(readonly preview: Preview) {
    super("preview done");
  }
}

export async function importPlan(store: Store, request: ImportRequest): Promise<ImportResult> {
  const { plan, doc } = await parseRequest(request);
  try {
    const result = await writePlan(store, request, plan, doc);
    return { ...result, links: await suggestAfterImport(store, result.planId, request.userId) };
  } catch (error) {
    if (!(error instanceof NothingChanged)) throw error;
    const { identical } = error;
    return {
      planId: identical.planId,
      version: identical.version,
      title: plan.title,
      counts: { tasks: 0, measures: 0, assignments: 0, indicators: 0, selectivePending: 0 },
      unresolved: [],
      warnings: plan.warnings,
      changes: null,
      links: null,
      nothingChanged: identical,
    };
  }
}

/**
 * Right after the import, in its own transaction (suggest.ts): the alignment over the plan's upper plans.
 * The import stands if this fails (the audit log has the import; a person can run the suggestions again).
 */
async function suggestAfterImport(store: Store, planId: number, userId: number | null): Promise<ImportResult["links"]> {
  try {
    const r = await suggestLinks(store.db, planId, { userId, origin: "import" });
    return { upperPlans: r.upperPlans, tasks: r.tasks, suggested: r.suggested, abstained: r.abstained };
  } catch (error) {
    console.error(`link suggestions after importing plan ${planId} failed:`, error);
    return null;
  }
}

/** Ends an import's transaction with a rollback (the mappings' aliases too): the file changes nothing. */
class NothingChanged extends Error {
  constructor(readonly identical: Identical) {
    super("nothing changed");
  }
}

function writePlan(store: Store, request: ImportRequest, plan: ParsedPlan, doc: SourceDocument): Promise<ImportResult> {
  return store.db.transaction().execute(async (tx) => {
    const aliasesAdded: { name: string; orgId: number }[] = [];
    for (const [name, orgId] of Object.entries(request.mappings ?? {}))
      if (await rememberUnitName(tx, name, orgId, request.orgId)) aliasesAdded.push({ name, orgId });
    const { draft, index } = await buildDraft(tx, request, plan, doc);
    const outside = outsideAssignments(printedNames(index, plan));
    const identical = await identicalTo(tx, await latestVersion(tx, draft), draft);
    if (identical) throw new NothingChanged(identical);
    if (outside.length > 0 && request.confirmOutsideRegion !== true) throw new OutsideRegionError(outside);
    const inserted = await insertPlan(tx, draft);
    const changes =
      inserted.previousPlanId === null ? null : await carryOver(tx, inserted.previousPlanId, inserted.planId, draft);
    const linksCarried =
      inserted.previousPlanId === null ? null : await carryLinks(tx, inserted.previousPlanId, inserted.planId);
    // The new version's assignments, with the reports and sign-offs carried over to them.
    await refreshPlanStatuses(tx, [inserted.planId], statusDay(request.at ?? new Date(), request.timeZone));
    await writeAudit(tx, {
      userId: request.userId,
      action: "plan.import",
      entity: "plan",
      entityId: inserted.planId,
      after: {
        title: plan.title,
        version: inserted.version,
        counts: inserted.counts,
        aliasesAdded,
        changes,
        ...(linksCarried ? { linksCarried } : {}),
      },
      ...(request.at ? { at: request.at } : {}),
    });
    return {
      planId: inserted.planId,
      version: inserted.version,
      title: plan.title,
      counts: {
        tasks: inserted.counts.tasks,
        measures: inserted.counts.measures,
        assignments: inserted.counts.assignments,
        indicators: inserted.counts.indicators,
        selectivePending: inserted.counts.selectivePending,
      },
      unresolved: unresolvedNames(draft),
      warnings: plan.warnings,
      changes,
      links: null,
      nothingChanged: null,
    };
  });
}

function latestVersion(tx: Tx, draft: PlanDraft) {
  return tx
    .selectFrom("plans")
    .select(["id", "version"])
    .where("org_id", "=", draft.orgId)
    .where("lineage_key", "=", lineageKeyOf(draft.meta))
    .orderBy("version", "desc")
    .executeTakeFirst();
}

/**
 * A printed unit name a person mapped to an org becomes the org's alias where it was learnt: later imports
 * (of any plan) by the same office, or an office under it, resolve it without asking; other regions, where
 * 县市场监管局 means another bureau, do not see it. Returns false when the org already had it. Names that
 * stand for a scope (各地区, 有关地区) are not org names and are not remembered.
 */
export async function rememberUnitName(tx: Tx, name: string, orgId: number, learntBy: number): Promise<boolean> {
  if (name === VIA_ALL_REGIONS || name === VIA_SOME_REGIONS) return false;
  return addAlias(tx, orgId, name, learntBy);
}

/** Parsed in a worker (its own memory and time limits), so a hostile document cannot stall or kill the server. */
async function parseRequest(request: ImportRequest): Promise<{ plan: ParsedPlan; doc: SourceDocument }> {
  const { plan, doc } = await parsePlanUpload(
    request.bytes,
    request.fileName,
    request.year === undefined ? {} : { year: request.year },
  );
  return { plan: correctParsedPlan(plan, request.metadata), doc };
}

async function buildDraft(
  tx: Tx | Kysely<Database>,
  request: ImportRequest,
  plan: ParsedPlan,
  doc: SourceDocument,
): Promise<{ draft: PlanDraft; index: DirectoryIndex }> {
  const directory = await loadDirectory(tx);
  if (!directory.orgs.some((o) => o.id === request.orgId))
    throw new NotFoundError(`org ${request.orgId} does not exist`);
  const index = indexDirectory(directory, request.orgId);
  const planYear = request.year ?? plan.period?.from ?? null;
  const today = statusDay(request.at ?? new Date(), request.timeZone);
  const draft: PlanDraft = {
    orgId: request.orgId,
    userId: request.userId,
    cadence: request.cadence ?? "quarterly",
    meta: {
      title: plan.title,
      docNumber: plan.docNumber,
      issuer: plan.issuer,
      issuedOn: plan.issuedOn,
      period: plan.period,
      planYear,
    },
    file: { name: request.fileName, format: plan.format, bytes: request.bytes, sourceText: sourceTextOf(doc) },
    headings: plan.headings.map(({ key, title }) => ({ key, title })),
    tasks: plan.tasks.map((task, taskIndex) => ({
      key: task.key,
      title: task.title,
      source: task.source,
      searchText: segment([task.title, ...task.measures.map((m) => m.text)].join("。")),
      measures: task.measures.map((m, measureIndex) => {
        const resolved = resolveUnits(index, m.units, m.scope);
        const scoped = applyScopeChoices(resolved.selective, { taskIndex, measureIndex }, request.scopes ?? [], today);
        return {
          text: m.text,
          scope: m.scope,
          statedUnits: m.units.map((u) => u.name).join("、"),
          deadline: m.deadline,
          source: m.source,
          assignments: [...resolved.assignments, ...scoped.assignments],
          unresolved: resolved.unresolved.map((u) => ({ name: u.name, role: u.role, reason: u.reason })),
          selective: scoped.drafts,
        };
      }),
    })),
    indicators: plan.indicators,
  };
  return { draft, index };
}

/** The document as located lines, so a person can read the original text beside each parsed item. */
function sourceTextOf(doc: SourceDocument): string {
  return JSON.stringify(
    doc.blocks.map((b) => ({
      loc: b.loc,
      text: b.kind === "paragraph" ? b.text : b.cells.map((c) => cellText(c)).join("\t"),
    })),
  );
}

function unresolvedNames(draft: PlanDraft): UnresolvedName[] {
  const byName = new Map<string, UnresolvedName>();
  for (const task of draft.tasks) {
    for (const m of task.measures) {
      for (const u of m.unresolved) {
        const entry = byName.get(u.name) ?? { name: u.name, role: u.role, reason: u.reason, measures: 0 };
        entry.measures++;
        byName.set(u.name, entry);
      }
    }
  }
  return [...byName.values()].sort((a, b) => b.measures - a.measures);
}
