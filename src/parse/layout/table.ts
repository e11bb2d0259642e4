// Task tables: columns identified from the header row (任务清单/落实举措/责任单位/完成时间,
// 序号/重点任务/具体措施/牵头单位/配合单位/完成时限, …), then each row read as a section heading,
// a new task, more measures of the current task, or the rest of a measure cut by a page break.
import { type Cell, cellText, type RowBlock } from "../blocks.ts";
import { squeeze, stripMarkup } from "../normalize/text.ts";
import type { SourceLoc } from "../types.ts";
import { readEnumerator } from "./enumerators.ts";

export type Columns = {
  number?: number;
  task?: number;
  measure?: number;
  units?: number;
  lead?: number;
  support?: number;
  deadline?: number;
};

const HEADER_WORDS: [keyof Columns, RegExp][] = [
  ["number", /^(序号|编号|序)$/],
  [
    "task",
    /^(任务清单|重点任务|主要任务|工作任务|任务名称|任务事项|任务|目标任务|重点工作|工作事项|事项|工作要点|项目|工作重点|重点事项)$/,
  ],
  [
    "measure",
    /^(落实举措|具体措施|工作措施|主要措施|具体任务|工作内容|措施|具体内容|主要内容|任务内容|推进措施|实施举措|工作举措|具体举措|任务措施|工作任务及措施|具体工作)$/,
  ],
  ["lead", /^(牵头单位|牵头部门|牵头处室|主责单位|牵头责任单位|牵头)$/],
  ["support", /^(配合单位|配合部门|配合处室|协办单位|参与单位|配合责任单位|配合)$/],
  ["units", /^(责任单位|责任部门|责任处室|责任主体|承办单位|落实单位|实施单位|责任单位（部门）|责任领导及单位)$/],
  ["deadline", /^(完成时间|完成时限|时间节点|时限|进度安排|时间安排|完成期限|时间要求|时间进度|完成时间节点)$/],
];

export function readHeader(cells: Cell[]): Columns | null {
  const columns: Columns = {};
  let hits = 0;
  cells.forEach((cell, i) => {
    const text = squeeze(stripMarkup(cellText(cell)));
    const match = HEADER_WORDS.find(([, re]) => re.test(text));
    if (match && columns[match[0]] === undefined) {
      columns[match[0]] = i;
      hits++;
    }
  });
  if (hits < 2) return null;
  if (columns.task === undefined && columns.measure === undefined) return null;
  // No task column (序号 | 任务内容 | 牵头单位 | …): each numbered row is a task and its own measure.
  if (columns.task === undefined) columns.task = columns.measure;
  return columns;
}

/** Without a header row: guess from the column count, the layout of the tab-separated copies. */
export function guessColumns(width: number): Columns {
  if (width >= 4) return { task: 0, measure: 1, units: 2, deadline: 3 };
  if (width === 3) return { task: 0, measure: 1, units: 2 };
  return { task: 0, measure: 1 };
}

export type RowReading =
  | { type: "header"; columns: Columns }
  | { type: "heading"; text: string }
  | { type: "task"; number: string | null; title: string; body: RowBody }
  | { type: "more"; body: RowBody }
  | { type: "continuation"; text: string; title: string }
  | { type: "skip" };

/** What a row says about its measures: the measure paragraphs and the unit and deadline cells that apply to all. */
export type RowBody = {
  paragraphs: string[];
  units: string;
  lead: string;
  support: string;
  deadline: string;
  loc: SourceLoc;
};

const at = (row: RowBlock, i: number | undefined): Cell | undefined => (i === undefined ? undefined : row.cells[i]);
const textAt = (row: RowBlock, i: number | undefined) => stripMarkup(cellText(at(row, i))).trim();
const joinLines = (s: string) => s.replace(/\s*\n\s*/g, "");

export function readRow(row: RowBlock, columns: Columns, afterHeader: boolean): RowReading {
  const header = readHeader(row.cells);
  if (header) return { type: "header", columns: header };

  const taskCell = at(row, columns.task);
  const taskText = joinLines(textAt(row, columns.task));
  const numberText = squeeze(textAt(row, columns.number));
  const measureCell = at(row, columns.measure);
  const body: RowBody = {
    paragraphs: (measureCell?.paragraphs ?? []).map((p) => joinLines(stripMarkup(p)).trim()).filter((p) => p !== ""),
    units: textAt(row, columns.units),
    lead: textAt(row, columns.lead),
    support: textAt(row, columns.support),
    deadline: textAt(row, columns.deadline),
    loc: row.loc,
  };
  const hasAssignment = [body.units, body.lead, body.support, body.deadline].some((s) => squeeze(s) !== "");

  const distinct = [
    ...new Set(row.cells.map((c) => joinLines(stripMarkup(cellText(c))).trim()).filter((t) => t !== "")),
  ];
  if (distinct.length === 0) return { type: "skip" };
  // A section row: one text across the row (a merged cell or only the first cell), read as a heading.
  if (distinct.length === 1 && !hasAssignment) {
    const only = distinct[0] as string;
    const e = readEnumerator(only);
    if (e && e.level <= 2) return { type: "heading", text: only };
    if (measureCell && squeeze(cellText(measureCell)) !== "" && (!taskCell || squeeze(cellText(taskCell)) === "")) {
      return { type: "continuation", text: body.paragraphs.join(""), title: "" };
    }
  }
  if (/^[一二三四五六七八九十]+$/.test(numberText) && !body.paragraphs.length && !hasAssignment) {
    return { type: "heading", text: `${numberText}、${taskText}` };
  }

  const numberCell = at(row, columns.number);
  const numberContinues =
    columns.task === columns.measure && numberCell !== undefined && (numberCell.spanned || numberText === "");
  const taskIsNew = taskCell !== undefined && !taskCell.spanned && !numberContinues && /[\p{L}\p{N}]/u.test(taskText);
  if (!taskIsNew) {
    if (body.paragraphs.length > 0 && !hasAssignment && columnsCarryAssignments(columns)) {
      return { type: "continuation", text: body.paragraphs.join(""), title: "" };
    }
    return body.paragraphs.length > 0 || hasAssignment ? { type: "more", body } : { type: "skip" };
  }
  const e = readEnumerator(taskText);
  if (e && e.level <= 2 && body.paragraphs.length === 0 && !hasAssignment) return { type: "heading", text: taskText };
  const number = /^\d+$/.test(numberText) ? numberText : e && e.level >= 2 ? e.key : null;
  const title = e && e.level >= 2 ? e.rest : taskText;
  // After a repeated header, an unnumbered task cell is the tail of the task title cut by the page break.
  if (number === null && afterHeader && columns.number === undefined) {
    return { type: "continuation", text: body.paragraphs.join(""), title };
  }
  return { type: "task", number, title, body };
}

const columnsCarryAssignments = (c: Columns) =>
  c.units !== undefined || c.lead !== undefined || c.support !== undefined || c.deadline !== undefined;
