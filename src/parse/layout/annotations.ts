// Responsibility annotations after an item: "（A牵头，B配合）", "〔A负责，2023年12月底前完成〕",
// "（牵头单位：A；配合单位：B、C；完成时限：2024年6月底前）", on the item's line or on a line of their own.
import { type DeadlineReading, looksLikeDeadline, parseDeadline } from "../normalize/deadline.ts";
import { memoized } from "../normalize/memo.ts";
import { squeeze } from "../normalize/text.ts";
import { parseUnits, splitOutsideParens, UNIT_LABEL_ANYWHERE, UNIT_LABELS } from "../normalize/units.ts";
import type { Role, UnitRef } from "../types.ts";
import type { Problem } from "../warnings.ts";

export type Annotation = { units: UnitRef[]; deadline: DeadlineReading | null; problems: Problem[] };

/** True when a text holds labelled fields ("牵头单位：…；配合单位：…"). */
export function hasFieldLabel(text: string): boolean {
  ANY_LABEL.lastIndex = 0;
  return ANY_LABEL.test(squeeze(text)) || UNIT_LABELS.some(([re]) => re.test(squeeze(text)));
}

/** Two annotation lines in a row ("责任单位：…" then "完成时限：…") make one annotation. */
export function mergeAnnotations(a: Annotation, b: Annotation): Annotation {
  return {
    units: a.units.length > 0 ? a.units : b.units,
    deadline: a.deadline ?? b.deadline,
    problems: [...a.problems, ...b.problems],
  };
}

const DEADLINE_LABEL = /^(完成时限|完成时间|时间节点|完成期限|时限要求|时限|时间)[:：]/;
/** Any field label, wherever it stands, so fields run together ("…处　配合单位：…") can be cut apart. */
const ANY_LABEL = new RegExp(`${UNIT_LABEL_ANYWHERE.source}|(?:完成时限|完成时间|时间节点|完成期限)[:：]`, "g");
const ROLE_HINT = /(牵头|配合|负责|按职责|协办|主办|完成时限|完成时间)/;
const ORG_END = /([处局厅委院办室部司署馆府会所站队心校庭]|单位|（[^（）]*）)$/;
const OPEN_OF: Record<string, string> = { "）": "（", ")": "(", "〕": "〔", "】": "【", "]": "[" };

/** True when a bracket's content reads as an annotation rather than an aside such as "（TISC）". */
function isAnnotationContent(content: string, afterSentence: boolean): boolean {
  const c = squeeze(content);
  if (c === "") return false;
  if (ROLE_HINT.test(c) || hasFieldLabel(c) || DEADLINE_LABEL.test(c)) return true;
  const parts = splitOutsideParens(c, /[，,；;、]/);
  if (parts.some((p) => looksLikeDeadline(p) && parseDeadline(p, 2000).understood)) return true;
  return afterSentence && parts.length > 0 && parts.every((p) => ORG_END.test(p));
}

/** Splits a trailing annotation off an item's text: bracketed, or labelled fields after the last sentence. */
export function splitTrailingAnnotation(text: string): { body: string; content: string | null } {
  const bracketed = splitBracketed(text);
  if (bracketed.content !== null) return bracketed;
  ANY_LABEL.lastIndex = 0;
  const label = ANY_LABEL.exec(text);
  if (label && label.index > 0 && /[。；;\s]$/.test(text.slice(0, label.index))) {
    return { body: text.slice(0, label.index).trimEnd(), content: text.slice(label.index).replace(/[。.]$/, "") };
  }
  return bracketed;
}

/** The text without its closing stops ("。", "；"); by hand, as an end-anchored regex scans the whole text. */
function dropClosingStops(text: string): string {
  let end = text.length;
  while (end > 0 && CLOSING_STOPS.has(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
const CLOSING_STOPS = new Set(["。", ".", "；", ";"]);

/** True when the text ends a sentence or clause ("。", "；"), spaces after it aside: `/[。；;]\s*$/` by hand. */
function endsSentence(text: string): boolean {
  const last = text.trimEnd().at(-1);
  return last === "。" || last === "；" || last === ";";
}

function splitBracketed(text: string): { body: string; content: string | null } {
  const trimmed = dropClosingStops(text.trimEnd());
  const close = trimmed.at(-1);
  const open = close ? OPEN_OF[close] : undefined;
  if (!close || !open) return { body: text, content: null };
  let depth = 0;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const ch = trimmed[i];
    if (ch === close) depth++;
    else if (ch === open && --depth === 0) {
      const content = trimmed.slice(i + 1, -1);
      const body = trimmed.slice(0, i);
      if (!isAnnotationContent(content, endsSentence(body) || body.trim() === "")) break;
      return { body: body.trimEnd(), content };
    }
  }
  return { body: text, content: null };
}

/** A line standing on its own that is only an annotation: bracketed, or starting with a field label. */
export function standaloneAnnotation(line: string): string | null {
  const t = line.trim();
  if (UNIT_LABELS.some(([re]) => re.test(squeeze(t))) || DEADLINE_LABEL.test(squeeze(t))) return t;
  const { body, content } = splitTrailingAnnotation(t);
  return content !== null && squeeze(body) === "" ? content : null;
}

/** Reads an annotation's units, deadline and problems (cached: plans repeat their annotations). */
export const parseAnnotation = memoized(readAnnotation, (a) => ({
  units: a.units.map((u) => ({ ...u })),
  deadline: a.deadline && { ...a.deadline },
  problems: a.problems.map((p) => ({ ...p })),
}));

function readAnnotation(content: string, planYear: number | null): Annotation {
  const problems: Problem[] = [];
  let deadline: DeadlineReading | null = null;
  const unitParts: { text: string; role: Role }[] = [];
  let labelRole: Role | null = null;
  const separated = content
    .replace(/\s{2,}/g, "；")
    .replace(ANY_LABEL, (label: string, ...rest: unknown[]) => (rest.at(-2) === 0 ? label : `；${label}`));
  const fields = splitOutsideParens(separated, /[；;]/).flatMap((group, gi) =>
    splitOutsideParens(group, /[，,]/).map((part, pi) => ({ part: part.trim(), newGroup: pi === 0 && gi > 0 })),
  );
  let currentGroup: { text: string; role: Role } | null = null;
  for (const { part, newGroup } of fields) {
    const s = squeeze(part);
    const deadlineLabel = DEADLINE_LABEL.exec(s);
    if (deadlineLabel) {
      deadline = parseDeadline(s.slice(deadlineLabel[0].length), planYear);
      labelRole = null;
      continue;
    }
    const label = UNIT_LABELS.find(([re]) => re.test(s));
    if (label) {
      labelRole = label[1];
      currentGroup = { text: s.replace(label[0], ""), role: labelRole };
      unitParts.push(currentGroup);
      continue;
    }
    if (!deadline && looksLikeDeadline(s) && !ROLE_HINT.test(s)) {
      deadline = parseDeadline(s, planYear);
      continue;
    }
    if (labelRole && currentGroup) {
      currentGroup.text += `、${s}`;
      continue;
    }
    if (currentGroup && !newGroup && currentGroup.role === "owner") currentGroup.text += `，${s}`;
    else {
      currentGroup = { text: s, role: "owner" };
      unitParts.push(currentGroup);
    }
  }
  const units: UnitRef[] = [];
  for (const group of unitParts) {
    const reading = parseUnits(group.text, group.role);
    units.push(...reading.units);
    problems.push(...reading.problems);
  }
  return { units, deadline, problems };
}
