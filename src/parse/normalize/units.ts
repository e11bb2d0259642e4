// Responsible units (责任单位): splitting a printed list into names with lead/support/owner roles.
//   "A、B牵头，C、D配合"  → A, B lead; C, D support
//   "A；各市市场监督管理局" → both owner (a semicolon starts a fresh group)
//   "A、B等按职责分工负责"  → owner each
import type { Role, UnitRef } from "../types.ts";
import { problems as catalogue, type Problem } from "../warnings.ts";
import { fullParens, squeeze } from "./text.ts";

export type UnitsReading = { units: UnitRef[]; problems: Problem[] };

const ROLE_WORDS: [RegExp, Role][] = [
  [/^(牵头|为主|主责|主办|牵总)$/, "lead"],
  [/^(配合|协助|协办|参与|支持)$/, "support"],
  [/^(按职责分工负责|按职责分工落实|按职责负责|分别负责|共同负责|负责|落实)$/, "owner"],
];
// A role word ends its names: at the end of a clause, or right before the next name ("…配合各市…");
// elsewhere it is part of a name (政协办公厅 holds 协办).
const ROLE_SPLIT =
  /(按职责分工负责|按职责分工落实|按职责负责|分别负责|共同负责|牵头|配合|协助|协办|负责)(?=$|[、，,；;\s]|各|有关|省|市|区|县|国家)/;

const ORG_NOUN = "(?:单位|部门|处室|科室|股室|处|科|室|领导|主体|机构)";
/** Labels of labelled fields: "牵头单位：", "配合部门：", "责任科室：", and their kin. */
export const UNIT_LABELS: [RegExp, Role][] = [
  [new RegExp(`^(?:牵头|主责|主办|牵头责任)${ORG_NOUN}?[:：]`), "lead"],
  [new RegExp(`^(?:配合|协办|参与|协助|配合责任)${ORG_NOUN}?[:：]`), "support"],
  [new RegExp(`^(?:责任|实施|承办|落实)${ORG_NOUN}[:：]`), "owner"],
];
/** The same labels anywhere in a text, to cut fields run together. */
export const UNIT_LABEL_ANYWHERE = new RegExp(
  `(?:牵头|主责|主办|配合|协办|参与|协助|责任|实施|承办|落实)${ORG_NOUN}[:：]`,
  "g",
);

/** A unit name ends in an organisation word; used to split names run together or split by a space. */
const ORG_END = /([处局厅委院办室部司署馆行社团组府会所站队心校镇道区县市省庭台科股联盟]|单位|中心|（[^（）]*）)$/;

const isFanout = (name: string) =>
  /^(各|有关|相关|全省各|全市各|全区各)/.test(name) || /(成员单位|各处室|各部门)$/.test(name) || /^各/.test(name);
const hasLevelPrefix = (name: string) => /^(省|市|区|县|镇|乡|国家|中国|中央|自治区|各|有关|相关)/.test(name);

export function cleanUnitName(raw: string): string {
  let name = fullParens(squeeze(raw)).replace(/^[、，,；;。:：]+|[、，,；;。:：]+$/g, "");
  name = name.replace(/(等(有关|相关)?(部门|单位)?|等)$/, "");
  name = name.replace(/^(由|请)/, "");
  return name;
}

export function parseUnits(raw: string, defaultRole: Role = "owner"): UnitsReading {
  const problems: Problem[] = [];
  const units: UnitRef[] = [];
  const text = fullParens(raw.replace(/[\r\n]+/g, "").trim()).replace(/[。.]$/, "");
  if (/^[/／\\—-]*$|^(无|暂无)$/.test(squeeze(text))) return { units, problems };

  for (const group of splitOutsideParens(text, /[；;]/)) {
    let leadSeen = false;
    for (const clause of splitOutsideParens(group, /[，,]/)) {
      const pieces = clause.split(ROLE_SPLIT);
      // pieces alternate: names, role word, names, role word, …, trailing names
      for (let i = 0; i < pieces.length; i += 2) {
        const names = pieces[i] ?? "";
        const roleWord = pieces[i + 1];
        let role: Role = defaultRole;
        if (roleWord) role = roleOf(roleWord);
        else if (leadSeen && defaultRole === "owner") role = "support";
        if (role === "lead") leadSeen = true;
        for (const name of splitNames(names)) units.push({ name, role, fanout: isFanout(name) });
      }
    }
  }
  spreadFanout(units);
  for (const u of units) {
    if (u.name.length > 40 || /[。！？]/.test(u.name)) problems.push(catalogue.unsplitUnits(u.name));
  }
  return { units, problems };
}

const roleOf = (word: string): Role => ROLE_WORDS.find(([re]) => re.test(word))?.[1] ?? "owner";

/** "各街道镇、园区" → 园区 is also every park: a bare name after a group name belongs to the group. */
function spreadFanout(units: UnitRef[]): void {
  for (let i = 1; i < units.length; i++) {
    const prev = units[i - 1] as UnitRef;
    const unit = units[i] as UnitRef;
    if (prev.fanout && /^各/.test(prev.name) && !hasLevelPrefix(unit.name) && unit.name.length <= 6) unit.fanout = true;
  }
}

function splitNames(segment: string): string[] {
  const out: string[] = [];
  for (const part of splitOutsideParens(segment, /[、/／]/)) {
    for (const piece of splitOnSpaces(part)) {
      for (const name of splitRunTogether(piece)) {
        const clean = cleanUnitName(name);
        if (clean && !/^(等|和|及)$/.test(clean)) out.push(clean);
      }
    }
  }
  return out;
}

/** A space separates two names only where the left part already ends like an organisation. */
function splitOnSpaces(part: string): string[] {
  const words = part
    .trim()
    .split(/[ \u3000\t]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last !== undefined && !ORG_END.test(last)) out[out.length - 1] = last + w;
    else out.push(w);
  }
  return out;
}

/** "知识产权保护处各市市场监督管理局": a group name run into the name before it. */
function splitRunTogether(piece: string): string[] {
  // The lookbehind is tried at every position; most pieces name no group and skip it.
  if (!piece.includes("各") && !piece.includes("有关")) return [piece];
  return piece.split(/(?<=[处局厅委院办室部司署心府])(?:及|以及|和)?(?=各|有关)/);
}

/** Splits on separators that are not inside （…）, so "各乡镇（街道、园区）" stays one name. */
export function splitOutsideParens(s: string, sep: RegExp): string[] {
  // Most fields hold no separator at all: one test of the whole string spares one per character.
  // (Callers pass one-character classes without the g or y flag, so test keeps no state.)
  if (!sep.test(s)) return s.trim() === "" ? [] : [s];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === "（" || ch === "(" || ch === "《" || ch === "〔" || ch === "[" || ch === "【") depth++;
    else if (ch === "）" || ch === ")" || ch === "》" || ch === "〕" || ch === "]" || ch === "】")
      depth = Math.max(0, depth - 1);
    else if (depth === 0 && sep.test(ch)) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.filter((p) => p.trim() !== "");
}
