// The notice around a plan: 文号, issuer and date printed under the notice, the plan's own title,
// its period and plan year.
import type { Block } from "../blocks.ts";
import { asciiDigits } from "../normalize/numerals.ts";
import { removePublicationNotes, squeeze, stripMarkup } from "../normalize/text.ts";
import { readEnumerator } from "./enumerators.ts";
import { closingSignature, isoDate, issuerInTitle, pageFields } from "./metadata-sources.ts";

export type Metadata = {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  period: { from: number; to: number } | null;
  planYear: number | null;
  /** Index of the first block after the title: where the plan's body starts. */
  bodyStart: number;
  /** Index of the first block after the body (a closing signature), or the number of blocks. */
  bodyEnd: number;
};

const GENRE =
  /(清单|规划|计划|方案|要点|意见|纲要|措施|细则|办法|安排|分工|台账|任务书|行动|工程|举措|任务|目标|表)((（|\()[^（）()]{0,20}(）|\)))?$/;
const DOC_NUMBER = /^[\u4e00-\u9fa5A-Za-z]{1,16}[〔［[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$/;
const HEADER_SCAN = 80;

type Line = { text: string; index: number };

export function readMetadata(blocks: Block[], yearOverride: number | undefined): Metadata {
  const lines: Line[] = [];
  for (let i = 0; i < blocks.length && lines.length < HEADER_SCAN; i++) {
    const b = blocks[i] as Block;
    if (b.kind === "paragraph") {
      const text = squeeze(removePublicationNotes(stripMarkup(b.text)));
      if (text !== "") lines.push({ text, index: i });
    } else if (lines.length > 0 || i > 0) break;
  }

  const quoted = quotedTitle(lines);
  const titleAt = findTitle(lines, quoted);
  const title = titleAt?.title ?? quoted ?? lines.find((l) => isTitleLike(l.text))?.text ?? "";
  const headerEnd = titleAt?.start ?? lines.length;
  const header = lines.slice(0, titleAt ? titleAt.start : Math.min(lines.length, 15));

  const bodyStart = titleAt ? titleAt.end + 1 : 0;
  // A copy without the notice: a 文号 line just under the title, the closing signature, the page's fields.
  const underTitle = titleAt ? lines.filter((l) => l.index > titleAt.end).slice(0, 3) : [];
  const closing = closingSignature(blocks, bodyStart);
  const fields = pageFields(blocks);
  const docNumber =
    header.find((l) => DOC_NUMBER.test(l.text))?.text ??
    fields.docNumber ??
    underTitle.find((l) => DOC_NUMBER.test(l.text))?.text ??
    null;
  const signed = signature(header);
  const issuer =
    signed.issuer ??
    closing?.issuer ??
    fields.issuer ??
    [...header, ...lines.filter((l) => titleAt && l.index >= titleAt.start && l.index <= titleAt.end)]
      .map((l) => issuerInTitle(l.text))
      .find((x) => x !== null) ??
    null;
  const issuedOn = signed.issuedOn ?? closing?.issuedOn ?? fields.issuedOn;
  const period = periodOf(title);
  const titleYear = /(?<!\d)((?:19|20)\d{2})年(?!\d)/.exec(asciiDigits(title));
  let planYear = yearOverride ?? null;
  if (planYear === null) {
    if (titleYear && !period) planYear = Number(titleYear[1]);
    else if (period) planYear = period.from;
  }
  const resolvedPeriod = period ?? (planYear !== null ? { from: planYear, to: planYear } : null);
  void headerEnd;
  return {
    title,
    docNumber,
    issuer,
    issuedOn,
    period: resolvedPeriod,
    planYear,
    bodyStart,
    bodyEnd: closing ? closing.start : blocks.length,
  };
}

/** "关于印发《X》的通知" names the plan. */
function quotedTitle(lines: Line[]): string | null {
  for (const l of lines.slice(0, 30)) {
    const m = /关于印发[^《]*《([^》]+)》/.exec(l.text) ?? /^《([^》]+)》已经/.exec(l.text);
    if (m) return m[1] as string;
  }
  return null;
}

/** The plan's own title line(s): short lines, joined, that end with a genre word such as 清单, 规划, 方案. */
function findTitle(lines: Line[], quoted: string | null): { title: string; start: number; end: number } | null {
  const candidates: { title: string; start: number; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    let joined = "";
    for (let k = i; k < Math.min(lines.length, i + 3); k++) {
      const t = (lines[k] as Line).text;
      if (!isTitleLike(t)) break;
      joined += t;
      if (GENRE.test(joined) && !/通知$/.test(joined)) {
        candidates.push({ title: joined, start: (lines[i] as Line).index, end: (lines[k] as Line).index });
        break;
      }
    }
    if (candidates.length > 0 && !quoted) break;
  }
  if (candidates.length === 0) return null;
  if (quoted) {
    const q = normalizeTitle(quoted);
    const match =
      candidates.find((c) => normalizeTitle(c.title) === q) ??
      candidates.find((c) => overlap(q, normalizeTitle(c.title)) > 0.8);
    if (match) return match;
  }
  return candidates[0] as { title: string; start: number; end: number };
}

const normalizeTitle = (s: string) =>
  asciiDigits(s)
    .replace(/[—–－~～至]/g, "-")
    .replace(/[()]/g, (c) => (c === "(" ? "（" : "）"));

function overlap(a: string, b: string): number {
  const bag = new Map<string, number>();
  for (const ch of b) bag.set(ch, (bag.get(ch) ?? 0) + 1);
  let hit = 0;
  for (const ch of a) {
    const n = bag.get(ch) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(ch, n - 1);
    }
  }
  return a.length === 0 ? 0 : hit / Math.max(a.length, b.length);
}

function isTitleLike(t: string): boolean {
  if (t === "" || t.length > 60) return false;
  if (/[。，：:；]/.test(t) || /^(关于|印发|附件|各|抄送|主送|《)/.test(t)) return false;
  if (readEnumerator(t) !== null || DOC_NUMBER.test(t)) return false;
  return !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(t);
}

/** Issuer and date as printed under the notice: a date line, with the issuing body on the line above it. */
function signature(header: Line[]): { issuer: string | null; issuedOn: string | null } {
  for (let i = 0; i < header.length; i++) {
    const issuedOn = isoDate((header[i] as Line).text);
    if (!issuedOn) continue;
    let issuer: string | null = null;
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const t = (header[j] as Line).text;
      if (/^[（(].*(代章|盖章|印章|此件|公开)/.test(t)) continue;
      if (t.length <= 40 && !/[。，：:；]/.test(t)) issuer = t;
      break;
    }
    return { issuer, issuedOn };
  }
  return { issuer: null, issuedOn: null };
}

const FIVE_YEAR: Record<string, number> = {
  十一五: 2006,
  十二五: 2011,
  十三五: 2016,
  十四五: 2021,
  十五五: 2026,
  十六五: 2031,
};

function periodOf(title: string): { from: number; to: number } | null {
  const t = asciiDigits(title);
  const range = /(?<!\d)(\d{4})\s*年?\s*[-—–－~～至到]\s*(\d{4})\s*年/.exec(t);
  const [from, to] = [Number(range?.[1]), Number(range?.[2])];
  if (range && from <= to && from >= 1949 && to <= 2100) return { from, to };
  for (const [name, from] of Object.entries(FIVE_YEAR)) if (t.includes(name)) return { from, to: from + 4 };
  return null;
}
