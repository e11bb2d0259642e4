// A task table copied from a web page can arrive as one run of text, its cells with no tab or line
// break between them: "任务清单落实举措责任单位完成时间一、…1. 科学谋划…加快推动…。省…中心、…处10 月份前研究…".
// The header run names the columns; rows are cut at the next heading or task number in sequence,
// cells at a units list followed by a deadline (the patterns the normalizers know), and a task's
// title from its first measure where a measure's usual opening word or an addressee begins. The
// rebuilt rows are what a tab-separated copy would have given; every such table is warned about.
import type { Block, ParagraphBlock, RowBlock } from "../blocks.ts";
import { parseUnits } from "../normalize/units.ts";
import type { SourceLoc } from "../types.ts";
import { readHeader } from "./table.ts";

const HEADER_WORD =
  "任务清单|重点任务|主要任务|工作任务|具体措施|落实举措|工作措施|主要措施|具体任务|工作内容|牵头单位|配合单位|责任单位|责任部门|责任处室|完成时间|完成时限|时间节点|序号";
const HEADER_RUN = new RegExp(`(?:(?:${HEADER_WORD}) ?){3,}`, "g");

const CN_DIGITS = "零一二三四五六七八九";
function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : CN_DIGITS[tens]}十${ones === 0 ? "" : CN_DIGITS[ones]}`;
}

/** A deadline cell, read from its first character: the vocabulary of the deadline normalizer. */
const DEADLINE_AT = new RegExp(
  [
    "(?:(?:19|20)\\d{2}年(?:[-—–~～至到](?:19|20)\\d{2}年)?)?",
    "(?:\\d{1,2}月份?(?:\\d{1,2}日)?(?:上旬|中旬|下旬|底|末|初)?(?:之前|以前|前)?",
    "|年?底前|年内|年底|全年|上半年|下半年|第?[一二三四1-4]季度(?:末|底)?前?|每季度|每半年|每月|每年(?:\\d{1,2}月底前)?",
    "|(?=完成|持续|长期|常态化))",
    "(?:完成)?(?:有阶段性成果)?",
    "(?:并?(?:持续推进|持续进行|持续开展|长期坚持|常态化(?:开展|推进)?))?",
  ].join(""),
  "y",
);
const STANDALONE_ONGOING = /^(持续推进|持续进行|长期坚持|常态化(?:开展|推进)?)/;

/** Where a units list may end: an office's last character, a role word, a closing parenthesis. */
const UNITS_END = /([处局厅委院办室部司署馆行社团组府会所站队心校镇道区县市省庭台科股]|单位|中心|牵头|配合|负责|）)$/;

/** Words a measure usually opens with; the task title ends before the first one. */
const MEASURE_OPENING =
  /^(加快|推动|推进|建设|编制|研究|完善|加强|积极|深入|实施|开展|建立|健全|提升|强化|支持|组织|做好|修订|制定|落实|围绕|聚焦|优化|指导|探索|持续|全面|进一步|依托|鼓励|引导|培育|打造|构建|发挥|统筹|扩大|规范|严格|大力|着力|会同|督促|召开|举办|启动|贯彻|坚持|争取|协调|加大|推广|完成|抓好|用好|出台|印发|配合|各地区|各市|各级|有关地区|指导各|国家知识产权局)/;
/** "国家知识产权局：", "各地区：": a measure addressed to someone begins with the addressee. */
const ADDRESSEE = /(国家知识产权局|国家局|各地区|有关地区|各地|地方|省局|(?:省|市|县|区)[\u4e00-\u9fa5]{1,10}局)：/;

export type FlattenedResult = { blocks: Block[]; guessed: { text: string; source: SourceLoc }[] };

/** Replaces each paragraph that holds a flattened table (and the paragraphs after it) with rebuilt rows. */
export function expandFlattenedTables(blocks: readonly Block[]): FlattenedResult {
  const start = blocks.findIndex((b) => b.kind === "paragraph" && firstHeaderRun(tidy(b.text)) !== null);
  if (start < 0) return { blocks: [...blocks], guessed: [] };
  const first = blocks[start] as ParagraphBlock;
  const text = tidy(first.text);
  const run = firstHeaderRun(text) as { index: number; header: string };
  const before = text.slice(0, run.index);
  // The table runs to the end of the document: the rest of its paragraph and every paragraph after it.
  const rest = [
    text.slice(run.index + run.header.length),
    ...blocks.slice(start + 1).flatMap((b) => (b.kind === "paragraph" ? [tidy(b.text)] : [])),
  ]
    .join("")
    .replace(HEADER_RUN, "");
  const headerCells = splitHeader(run.header);
  const header = readHeader(headerCells.map((h) => ({ paragraphs: [h] })));
  if (!header) return { blocks: [...blocks], guessed: [] };
  const loc = first.loc;
  const width = headerCells.length;
  const unitsColumn = header.units ?? header.lead ?? width - 2;
  const deadlineColumn = header.deadline ?? width - 1;
  const taskColumn = header.task ?? 0;
  const measureColumn = header.measure ?? taskColumn + 1;

  const out: Block[] = [...blocks.slice(0, start)];
  if (before !== "") out.push({ kind: "paragraph", text: before, loc });
  out.push(rowOf(headerCells, loc));
  const row = (task: string, measure: string, units: string, deadline: string): RowBlock => {
    const cells = Array.from({ length: width }, () => "");
    cells[taskColumn] = task;
    cells[measureColumn] = measure;
    cells[unitsColumn] = units;
    cells[deadlineColumn] = deadline;
    return rowOf(cells, loc);
  };
  const chunks = splitRows(rest);
  // Names read where the cell boundary is sure (after a 。) find the boundary where it is not.
  const known = new Set<string>();
  for (const c of chunks) {
    if (c.kind !== "task") continue;
    for (const run of splitCells(c.body, null)) for (const u of parseUnits(run.units).units) known.add(u.name);
  }
  for (const chunk of chunks) {
    if (chunk.kind === "heading") {
      out.push({ kind: "paragraph", text: chunk.text, loc });
      continue;
    }
    const cells = splitCells(chunk.body, known);
    const { title, measure } = splitTitle(chunk.marker, cells[0]?.measure ?? "");
    cells.forEach((c, i) => {
      out.push(row(i === 0 ? title : "", i === 0 ? measure : c.measure, c.units, c.deadline));
    });
  }
  return { blocks: out, guessed: [{ text: `${text.slice(0, 60)}…`, source: loc }] };
}

/** Whitespace dropped except one space between two names ("…保护处 省…中心"), which parts them. */
const tidy = (s: string) =>
  s
    .replace(/[\s\u3000]+/g, " ")
    .replace(/(?<![\u4e00-\u9fa5）)]) | (?![\u4e00-\u9fa5])|(?<=\d) | (?=\d)/g, "")
    .trim();

function firstHeaderRun(text: string): { index: number; header: string } | null {
  for (const m of text.matchAll(HEADER_RUN)) {
    const cells = splitHeader(m[0]);
    if (readHeader(cells.map((c) => ({ paragraphs: [c] })))) return { index: m.index ?? 0, header: m[0] };
  }
  return null;
}

const splitHeader = (run: string): string[] => run.match(new RegExp(HEADER_WORD, "g")) ?? [];
const rowOf = (cells: string[], loc: SourceLoc): RowBlock => ({
  kind: "row",
  cells: cells.map((c) => ({ paragraphs: c === "" ? [] : [c] })),
  loc,
});

type Chunk = { kind: "heading"; text: string } | { kind: "task"; marker: string; body: string };

/** Rows cut at the next heading ("二、") or task number ("5.") in sequence. */
function splitRows(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let heading = 1;
  let task = 1;
  let pos = 0;
  let current: Chunk | null = null;
  // A row starts after a row's end: a deadline, a sentence's end, or a heading row (or at the start).
  const rowEndsAt = (k: number) =>
    current === null ||
    current.kind === "heading" ||
    /[。；]$/.test(text.slice(0, k)) ||
    Array.from({ length: Math.min(k, 24) }, (_, n) => k - n - 1).some((j) => deadlineAt(text, j)?.length === k - j);
  const next = (re: RegExp, from: number) => {
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) if (rowEndsAt(m.index)) return m;
    return null;
  };
  const markerAt = (from: number) => {
    const hm = next(new RegExp(`${chineseNumeral(heading)}[、.．]`, "g"), from);
    const tm = next(new RegExp(`(?<!\\d)${task}\\s*[.．、](?!\\d)`, "g"), from);
    if (hm && (!tm || hm.index < tm.index)) return { kind: "heading" as const, index: hm.index, length: hm[0].length };
    if (tm) return { kind: "task" as const, index: tm.index, length: tm[0].length, marker: String(task) };
    return null;
  };
  const close = (end: number) => {
    if (!current) return;
    if (current.kind === "heading") current.text += text.slice(pos, end);
    else current.body += text.slice(pos, end);
    chunks.push(current);
  };
  for (;;) {
    const m = markerAt(pos);
    if (!m) break;
    close(m.index);
    pos = m.index + m.length;
    if (m.kind === "heading") {
      current = { kind: "heading", text: text.slice(m.index, pos) };
      heading++;
    } else {
      current = { kind: "task", marker: `${m.marker}.`, body: "" };
      task++;
    }
  }
  close(text.length);
  return chunks;
}

type CellRun = { measure: string; units: string; deadline: string };

/** A task row's text cut into (measure, units, deadline) runs; the first measure still holds the title. */
function splitCells(body: string, known: ReadonlySet<string> | null): CellRun[] {
  const runs: CellRun[] = [];
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const d = deadlineAt(body, i);
    if (!d) continue;
    const piece = body.slice(from, i);
    let cut = piece.lastIndexOf("。");
    let found = isUnitList(piece.slice(cut + 1));
    if (known && (!found || cut < 0)) {
      // No 。 before the units: they start at the first name met elsewhere from which the rest is a units list.
      const k = [...known]
        .map((n) => piece.lastIndexOf(n))
        .filter((at) => at > 0 && isUnitList(piece.slice(at)))
        .sort((a, b) => a - b)[0];
      if (k !== undefined) [cut, found] = [k - 1, true];
    }
    if (!found) continue;
    const units = piece.slice(cut + 1);
    runs.push({ measure: piece.slice(0, cut + 1), units, deadline: d });
    from = i + d.length;
    i = from - 1;
  }
  const tail = body.slice(from);
  if (tail !== "" || runs.length === 0) runs.push({ measure: tail, units: "", deadline: "" });
  return runs;
}

function isUnitList(units: string): boolean {
  if (units === "" || !UNITS_END.test(units) || units.length > 160 || /[的“”]/.test(units)) return false;
  if (!units.split(/[，；]/).every((part) => UNITS_END.test(part))) return false;
  const reading = parseUnits(units);
  return reading.units.length > 0 && reading.problems.length === 0;
}

function deadlineAt(text: string, i: number): string | null {
  DEADLINE_AT.lastIndex = i;
  const m = DEADLINE_AT.exec(text);
  const found = m?.[0] ?? "";
  if (found !== "" && !/^(完成|有阶段性成果)$/.test(found)) return found;
  const ongoing = STANDALONE_ONGOING.exec(text.slice(i));
  return ongoing ? (ongoing[0] as string) : null;
}

/** The task title at the head of the first measure cell, guessed where the measure begins. */
function splitTitle(marker: string, text: string): { title: string; measure: string } {
  const addressee = ADDRESSEE.exec(text);
  const limit = Math.min(text.length, 60);
  let at = -1;
  if (addressee && addressee.index >= 4 && addressee.index <= limit) at = addressee.index;
  else {
    const stop = Math.min(...[text.indexOf("，"), text.indexOf("。"), limit].filter((n) => n >= 0));
    for (let p = 5; p < stop; p++) {
      if (MEASURE_OPENING.test(text.slice(p))) {
        at = p;
        break;
      }
    }
    if (at < 0) {
      const dot = text.indexOf("。");
      at = dot > 0 && dot < limit ? dot + 1 : Math.min(text.length, stop);
    }
  }
  const title = text.slice(0, at).replace(/[。；]$/, "");
  return { title: `${marker} ${title}`, measure: text.slice(at) };
}
