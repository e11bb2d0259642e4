// From the outline to tasks: which items are headings, which are tasks, which are a task's measures,
// and which sections hold no tasks at all (指导思想, 基本原则, 主要目标, 保障措施 …).
import type { DeadlineReading } from "../normalize/deadline.ts";
import { parseDeadline } from "../normalize/deadline.ts";
import { detectScope, splitByAddressee } from "../normalize/scope.ts";
import { squeeze, stripMarkup } from "../normalize/text.ts";
import { parseUnits } from "../normalize/units.ts";
import type { Heading, Measure, ParseWarning, SourceLoc, Task, UnitRef } from "../types.ts";
import { problems } from "../warnings.ts";
import {
  type Annotation,
  hasFieldLabel,
  mergeAnnotations,
  parseAnnotation,
  splitTrailingAnnotation,
} from "./annotations.ts";
import { splitInlineSubItems, splitNumberedRun } from "./enumerators.ts";
import type { ItemNode, OutlineNode, TableTaskNode } from "./outline.ts";
import type { RowBody } from "./table.ts";

const NOT_TASKS =
  /^(总体要求|总体思路|总体目标|指导思想|基本原则|工作原则|主要目标|发展目标|工作目标|预期目标|具体目标|目标要求|保障措施|组织保障|组织实施|实施保障|保障机制|工作要求|工作步骤|实施步骤|进度安排|时间安排|方法步骤|实施安排|附则|其他事项|有关要求|背景|形势|现状|发展基础|发展环境)/;
const SUB_ITEM_LEVEL = 4;

type Context = { planYear: number | null; warnings: ParseWarning[] };
type Draft = { text: string; annotation: Annotation | null; loc: SourceLoc };

export function collectTasks(
  roots: OutlineNode[],
  planYear: number | null,
  warnings: ParseWarning[],
): { tasks: Task[]; headings: Heading[] } {
  const tasks: Task[] = [];
  const headings: Heading[] = [];
  const ctx: Context = { planYear, warnings };
  // An annotation on a heading's line holds for the tasks below it that name none of their own.
  const walk = (nodes: OutlineNode[], path: string[], inherited: Annotation | null) => {
    let position = 0;
    for (const node of nodes) {
      if (node.kind === "tableTask") {
        position++;
        tasks.push(withDefaults(tableTask(node, path, String(position), ctx), inherited));
        continue;
      }
      const text = itemText(node);
      if (NOT_TASKS.test(titleOf(text.body))) continue;
      const key = [...path, node.enumerator.key];
      const structural = node.children.some((c) => c.kind === "tableTask" || c.enumerator.level < SUB_ITEM_LEVEL);
      if (structural) {
        const title = titleOf(text.body);
        if (title !== "") headings.push({ key: key.join("/"), title, source: node.loc });
        const own = text.content === null ? null : annotate(text.content, node.loc, ctx);
        walk(node.children, key, own ?? inherited);
      } else {
        const task = itemTask(node, key, ctx);
        if (task) tasks.push(withDefaults(task, inherited));
      }
    }
  };
  walk(roots, [], null);
  const holding = new Set(tasks.flatMap((t) => ancestorKeys(t.key)));
  return { tasks, headings: headings.filter((h) => holding.has(h.key)) };
}

/** "四/（一）/4" → ["四", "四/（一）"]. */
function ancestorKeys(key: string): string[] {
  const parts = key.split("/");
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

function withDefaults(task: Task, inherited: Annotation | null): Task {
  if (!inherited) return task;
  for (const m of task.measures) {
    if (m.units.length === 0) m.units = inherited.units.map((u) => ({ ...u }));
    if (m.deadline === null && inherited.deadline) {
      m.deadline = { raw: inherited.deadline.raw, due: inherited.deadline.due, ongoing: inherited.deadline.ongoing };
    }
  }
  return task;
}

/** Text before the first 。 (the title), or the whole text. */
function titleOf(text: string): string {
  const i = text.indexOf("。");
  return i > 0 ? text.slice(0, i) : text.replace(/[。；;]$/, "");
}

function itemText(node: ItemNode): { body: string; content: string | null } {
  const { body, content } = splitTrailingAnnotation(stripMarkup(node.enumerator.rest));
  if (content !== null) return { body: squeeze(body), content };
  // "1.完善政策体系（牵头单位：A）。完善…": the annotation closes the title sentence instead.
  const text = squeeze(body);
  const dot = text.indexOf("。");
  if (dot > 0) {
    const head = splitTrailingAnnotation(text.slice(0, dot));
    if (head.content !== null) return { body: `${head.body}。${text.slice(dot + 1)}`, content: head.content };
  }
  return { body: text, content: null };
}

/** The task an item stands for; null for an item with no text at all (a bare marker). */
function itemTask(node: ItemNode, key: string[], ctx: Context): Task | null {
  const { body, content } = itemText(node);
  const lineAnnotation = content === null ? null : annotate(content, node.loc, ctx);
  const title = titleOf(body);
  const dot = body.indexOf("。");
  const rest = dot > 0 && dot < body.length - 1 ? body.slice(dot + 1) : null;

  let drafts: Draft[] = [];
  const subItems = node.children.filter((c): c is ItemNode => c.kind === "item");
  if (subItems.length > 0) {
    for (const child of subItems) {
      const t = itemText(child);
      drafts.push({
        text: t.body,
        annotation: t.content === null ? null : annotate(t.content, child.loc, ctx),
        loc: child.loc,
      });
      absorbFollowers(drafts, child, ctx, t.body);
    }
  } else {
    const inline = splitInlineSubItems(rest ?? "");
    if (inline) {
      for (const part of inline.slice(1))
        drafts.push(draftFrom(part.replace(/^[（(]\d+[）)]|^[①-⑩]/, ""), node.loc, ctx));
    } else if (rest !== null || !node.followers.some((f) => f.kind === "paragraph")) {
      drafts.push({ text: rest ?? body, annotation: null, loc: node.loc });
    }
    absorbFollowers(drafts, node, ctx, body);
    if (drafts.length === 0) drafts.push({ text: body, annotation: null, loc: node.loc });
  }
  // An annotation with no text of its own belongs to the item's text.
  for (const d of drafts) if (d.text === "") d.text = body;
  drafts = drafts.filter((d) => d.text !== "");
  if (drafts.length === 0) return null;
  const measures = drafts.map((d) => {
    const a = d.annotation ?? lineAnnotation;
    return measure(d.text, a?.units ?? [], a?.deadline ?? null, d.loc);
  });
  return { key: key.join("/"), title, measures, source: node.loc };
}

/** Paragraphs and annotation lines after an item: more text of its last measure, or measures of their own. */
function absorbFollowers(drafts: Draft[], node: ItemNode, ctx: Context, ownText: string): void {
  const titleOnly = drafts.length === 0;
  for (const f of node.followers) {
    const lastDraft = drafts[drafts.length - 1];
    if (f.kind === "annotation") {
      const a = annotate(f.content, f.loc, ctx);
      if (lastDraft) lastDraft.annotation = lastDraft.annotation ? mergeAnnotations(lastDraft.annotation, a) : a;
      else if (!lastDraft) drafts.push({ text: ownText, annotation: a, loc: f.loc });
      continue;
    }
    const d = draftFrom(f.text, f.loc, ctx);
    if (titleOnly || d.annotation !== null || !lastDraft) drafts.push(d);
    else lastDraft.text += d.text;
  }
}

function draftFrom(text: string, loc: SourceLoc, ctx: Context): Draft {
  const { body, content } = splitTrailingAnnotation(stripMarkup(text));
  return { text: squeeze(body), annotation: content === null ? null : annotate(content, loc, ctx), loc };
}

function annotate(content: string, loc: SourceLoc, ctx: Context): Annotation {
  const a = parseAnnotation(content, ctx.planYear);
  for (const problem of a.problems) ctx.warnings.push({ ...problem, text: content, source: loc });
  if (a.deadline && !a.deadline.understood) {
    ctx.warnings.push({ ...problems.unknownDeadline(a.deadline.raw), text: content, source: loc });
  }
  return a;
}

function tableTask(node: TableTaskNode, path: string[], position: string, ctx: Context): Task {
  const number = node.number ?? position;
  if (node.number === null) {
    ctx.warnings.push({ ...problems.unnumberedRow(), text: node.title, source: node.loc });
  }
  const title = squeeze(node.title);
  const measures: Measure[] = [];
  for (const row of node.rows) measures.push(...rowMeasures(row, title, ctx));
  return { key: [...path, number].join("/"), title, measures, source: node.loc };
}

function rowMeasures(row: RowBody, title: string, ctx: Context): Measure[] {
  const units: UnitRef[] = [];
  for (const [text, role] of [
    [row.lead, "lead"],
    [row.support, "support"],
    [row.units, "owner"],
  ] as const) {
    if (squeeze(text) === "") continue;
    const reading = hasFieldLabel(text) ? parseAnnotation(text, ctx.planYear) : parseUnits(text, role);
    units.push(...reading.units);
    for (const problem of reading.problems) ctx.warnings.push({ ...problem, text, source: row.loc });
  }
  let deadline: DeadlineReading | null = null;
  if (squeeze(row.deadline) !== "" && !/^[/／—-]+$/.test(squeeze(row.deadline))) {
    deadline = parseDeadline(row.deadline, ctx.planYear);
    if (!deadline.understood) {
      ctx.warnings.push({ ...problems.unknownDeadline(deadline.raw), text: row.deadline, source: row.loc });
    }
  }
  const paragraphs = row.paragraphs
    .flatMap((p) => splitNumberedRun(p) ?? subItemsOf(p) ?? splitByAddressee(p))
    .map((p) => p.replace(/^\s*([（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d)|[①-⑳])\s*/, ""))
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
  if (paragraphs.length === 0) paragraphs.push(title);
  return paragraphs.map((p) => {
    const { body, content } = splitTrailingAnnotation(p);
    const own = content === null ? null : annotate(content, row.loc, ctx);
    return measure(squeeze(body), own?.units.length ? own.units : units, own?.deadline ?? deadline, row.loc);
  });
}

/** "推进品牌建设：（1）…；（2）…" → one measure per sub-item; a lead-in ending in "：" is not a measure. */
function subItemsOf(text: string): string[] | null {
  const parts = splitInlineSubItems(text);
  if (!parts) return null;
  const [intro, ...items] = parts;
  return intro && !/[：:]\s*$/.test(intro) && /[\p{L}\p{N}]/u.test(intro) ? [intro, ...items] : items;
}

function measure(text: string, units: UnitRef[], deadline: DeadlineReading | null, source: SourceLoc): Measure {
  return {
    text,
    scope: detectScope(text),
    units: units.map((u) => ({ ...u })),
    deadline: deadline ? { raw: deadline.raw, due: deadline.due, ongoing: deadline.ongoing } : null,
    source,
  };
}
