// Builds the document's outline: enumerated items nested by level (第一部分 › 一、 › （一） › 1. › （1）),
// each with the plain paragraphs and annotation lines that follow it, and task-table rows as tasks
// under the current heading. Deciding which items are tasks happens later, on the whole tree.
import type { Block, ParagraphBlock } from "../blocks.ts";
import { endsSentence, isNoiseLine, removeFooters, squeeze } from "../normalize/text.ts";
import type { SourceLoc } from "../types.ts";
import { standaloneAnnotation } from "./annotations.ts";
import { type Enumerator, readEnumerator } from "./enumerators.ts";
import { type Columns, guessColumns, type RowBody, readRow } from "./table.ts";

export type Follower =
  | { kind: "paragraph"; text: string; loc: SourceLoc }
  | { kind: "annotation"; content: string; loc: SourceLoc };

export type ItemNode = {
  kind: "item";
  enumerator: Enumerator;
  loc: SourceLoc;
  followers: Follower[];
  children: OutlineNode[];
};

export type TableTaskNode = {
  kind: "tableTask";
  number: string | null;
  title: string;
  rows: RowBody[];
  loc: SourceLoc;
};

export type OutlineNode = ItemNode | TableTaskNode;

export type Outline = {
  roots: OutlineNode[];
  /** Every paragraph of content in order (for indicators that stand outside tasks). */
  paragraphs: { text: string; loc: SourceLoc }[];
  /** Rows that fit no pattern, kept for warnings. */
  stray: { text: string; loc: SourceLoc }[];
};

export function buildOutline(blocks: Block[]): Outline {
  const roots: OutlineNode[] = [];
  const stack: ItemNode[] = [];
  const paragraphs: Outline["paragraphs"] = [];
  const stray: Outline["stray"] = [];
  let columns: Columns | null = null;
  let afterHeader = false;
  let lastTask: TableTaskNode | null = null;
  let last: OutlineNode | null = null;

  const attach = (node: OutlineNode, level: number) => {
    while (stack.length > 0 && (stack[stack.length - 1] as ItemNode).enumerator.level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : roots).push(node);
    if (node.kind === "item") stack.push(node);
    last = node;
  };

  const onParagraph = (text: string, loc: SourceLoc) => {
    // A line of punctuation alone (a stray "。" left by a page break) carries nothing.
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    const annotation = standaloneAnnotation(text);
    if (annotation !== null && last?.kind === "item") {
      last.followers.push({ kind: "annotation", content: annotation, loc });
      return;
    }
    paragraphs.push({ text, loc });
    const e = readEnumerator(text);
    if (e && (e.rest !== "" || e.level <= 2)) {
      lastTask = null;
      attach({ kind: "item", enumerator: e, loc, followers: [], children: [] }, e.level);
      return;
    }
    if (last?.kind === "item") last.followers.push({ kind: "paragraph", text, loc });
  };

  for (const block of joinPageBreaks(blocks)) {
    if (block.kind === "paragraph") {
      afterHeader = false;
      for (const text of splitMergedItems(block.text)) onParagraph(text, block.loc);
      continue;
    }
    columns ??= guessColumns(block.cells.length);
    const reading = readRow(block, columns, afterHeader);
    afterHeader = reading.type === "header";
    switch (reading.type) {
      case "header":
        columns = reading.columns;
        break;
      case "heading":
        onParagraph(reading.text, block.loc);
        break;
      case "task": {
        const task: TableTaskNode = {
          kind: "tableTask",
          number: reading.number,
          title: reading.title,
          rows: [reading.body],
          loc: block.loc,
        };
        attach(task, 3);
        lastTask = task;
        for (const p of reading.body.paragraphs) paragraphs.push({ text: p, loc: block.loc });
        break;
      }
      case "more":
        if (lastTask) {
          lastTask.rows.push(reading.body);
          for (const p of reading.body.paragraphs) paragraphs.push({ text: p, loc: block.loc });
        } else stray.push({ text: reading.body.paragraphs.join(""), loc: block.loc });
        break;
      case "continuation": {
        const task = lastTask as TableTaskNode | null;
        if (!task) break;
        task.title += reading.title;
        const lastRow = task.rows[task.rows.length - 1];
        if (lastRow && reading.text) {
          const i = lastRow.paragraphs.length - 1;
          if (i >= 0) lastRow.paragraphs[i] = `${lastRow.paragraphs[i]}${reading.text}`;
          else lastRow.paragraphs.push(reading.text);
        }
        break;
      }
      case "skip":
        break;
    }
  }
  return { roots, paragraphs, stray };
}

/**
 * "37. …〕38. …": two numbered items run into one paragraph (a PDF line that filled its width).
 * Cut before the next number in sequence where it follows a sentence or an annotation's end.
 */
export function splitMergedItems(text: string): string[] {
  const first = readEnumerator(text);
  if (first?.level !== 3) return [text];
  const parts: string[] = [];
  let rest = text;
  let next = first.ordinal + 1;
  for (;;) {
    const m = new RegExp(`(?<=[。〕）)】；])\\s*${next}\\s*[.．、](?!\\d)`).exec(rest);
    if (!m) break;
    parts.push(rest.slice(0, m.index));
    rest = rest.slice(m.index).trimStart();
    next++;
  }
  parts.push(rest);
  return parts;
}

/**
 * Paragraph blocks cleaned of page furniture, with a paragraph cut by a page break joined to its
 * rest: the first part does not end a sentence (or leaves a bracket open) and the next is not a new item.
 */
function joinPageBreaks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.kind !== "paragraph") {
      out.push(block);
      continue;
    }
    const text = removeFooters(block.text).trim();
    if (isNoiseLine(text)) continue;
    const prev = out[out.length - 1];
    if (prev?.kind === "paragraph" && continues(prev, text)) {
      prev.text = `${prev.text}${text}`;
      continue;
    }
    out.push({ ...block, text } satisfies ParagraphBlock);
  }
  return out;
}

function continues(prev: ParagraphBlock, next: string): boolean {
  if (endsSentence(prev.text) || readEnumerator(next) !== null) return false;
  if (standaloneAnnotation(next) !== null) return false;
  const p = squeeze(prev.text);
  const open = (p.match(/[（(〔【“《]/g)?.length ?? 0) > (p.match(/[）)〕】”》]/g)?.length ?? 0);
  return open || p.length >= 20;
}
