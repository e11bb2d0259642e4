// Word automatic numbering, made literal. A paragraph with <w:numPr> (its own or its style's) shows a marker
// ("一、", "（一）", "1.") that Word computes while laying out the document; the file holds no such text, and
// mammoth renders the paragraph as a bare <li>. This module does Word's counting (word/numbering.xml levels,
// starts, overrides, restarts, formats) and writes each marker into its paragraph as a leading run, so every
// later stage sees the document as a reader of the printed page does. One job: .docx bytes in, .docx bytes out.
import JSZip from "jszip";

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_NUMBERING = /\/numbering$/;
const REL_STYLES = /\/styles$/;

/**
 * Returns the document with every auto-numbered paragraph's marker written in as text, or the very same bytes
 * when there is nothing to number (no numbering part, no numbered paragraph) or the package cannot be read:
 * this step only adds text; reporting a damaged file is the reader's job.
 */
export async function inlineNumbering(bytes: Uint8Array): Promise<Uint8Array> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    return bytes;
  }
  const read = async (path: string | undefined): Promise<string | undefined> =>
    path === undefined ? undefined : zip.file(path)?.async("string");

  const documentPath = officeDocumentPath(await read("_rels/.rels"));
  const documentXml = await read(documentPath);
  if (documentXml === undefined) return bytes;
  const parts = partPaths(documentPath, await read(relsPathOf(documentPath)));
  const numberingXml = await read(parts.numbering);
  if (numberingXml === undefined) return bytes;

  const prefix = wordPrefix(documentXml);
  const styles = readStyles(await read(parts.styles));
  const numbering = readNumbering(numberingXml, styles);
  const inlined = inlineMarkers(documentXml, prefix, numbering, styles);
  if (inlined === documentXml) return bytes;
  zip.file(documentPath, inlined);
  // Only mammoth reads these bytes, in memory: storing saves the deflate pass.
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}

// ---------------------------------------------------------------------------------------------------------------
// Package plumbing: where the main document, its numbering and its styles live (normally word/*.xml).

function officeDocumentPath(rels: string | undefined): string {
  const target = rels === undefined ? undefined : relationshipTarget(rels, REL_OFFICE_DOCUMENT);
  return target === undefined ? "word/document.xml" : target.replace(/^\//, "");
}

function relsPathOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`;
}

function partPaths(documentPath: string, rels: string | undefined): { numbering: string; styles: string } {
  const dir = documentPath.slice(0, documentPath.lastIndexOf("/") + 1);
  const resolve = (type: RegExp, fallback: string): string => {
    const target = rels === undefined ? undefined : relationshipTarget(rels, type);
    if (target === undefined) return dir + fallback;
    return target.startsWith("/") ? target.slice(1) : normalizePath(dir + target);
  };
  return { numbering: resolve(REL_NUMBERING, "numbering.xml"), styles: resolve(REL_STYLES, "styles.xml") };
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

function relationshipTarget(rels: string, type: RegExp): string | undefined {
  for (const rel of parseXml(rels, "").children) {
    if (rel.name.endsWith("Relationship") && type.test(rel.attr("Type") ?? "") && rel.attr("TargetMode") !== "External")
      return rel.attr("Target");
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// A small XML reader: enough for numbering.xml and styles.xml (a tree) and document.xml (a stream with offsets).
// Element and attribute names in the WordprocessingML namespace are kept by local name ("p", "val"); others
// keep their prefix ("a:p", "mc:Fallback"), so DrawingML paragraphs are never taken for Word's.

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

type Tag = {
  close: boolean;
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
  start: number;
  end: number;
};

function* tags(xml: string, prefix: string): Generator<Tag> {
  const token = new RegExp(TOKEN); // a fresh lastIndex: walks may interleave
  for (let m = token.exec(xml); m !== null; m = token.exec(xml)) {
    const qname = m[2];
    if (qname === undefined) continue;
    const attrs = new Map<string, string>();
    const rawAttrs = m[3] ?? "";
    if (rawAttrs.includes("=")) {
      for (const a of rawAttrs.matchAll(ATTRIBUTE)) {
        attrs.set(localName(a[1] ?? "", prefix), decodeEntities(a[2] ?? a[3] ?? ""));
      }
    }
    yield {
      close: m[1] === "/",
      name: localName(qname, prefix),
      attrs,
      selfClosing: m[4] === "/",
      start: m.index,
      end: m.index + m[0].length,
    };
  }
}

function localName(qname: string, prefix: string): string {
  const colon = qname.indexOf(":");
  if (colon < 0) return qname;
  return qname.slice(0, colon) === prefix ? qname.slice(colon + 1) : qname;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[lower] ?? "";
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The prefix the part binds to the WordprocessingML namespace: "w" in every file Word writes, "" if it is the default. */
function wordPrefix(xml: string): string {
  for (const m of xml.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)) {
    if (m[2] === W_NS || m[2] === W_NS_STRICT) return m[1] ?? "";
  }
  return "w";
}

class XmlElement {
  readonly children: XmlElement[] = [];
  constructor(
    readonly name: string,
    readonly attrs: Map<string, string>,
  ) {}
  attr(name: string): string | undefined {
    return this.attrs.get(name);
  }
  child(name: string): XmlElement | undefined {
    return this.children.find((c) => c.name === name);
  }
  /** The w:val of a child, as in <w:numFmt w:val="decimal"/>. */
  val(name: string): string | undefined {
    return this.child(name)?.attr("val");
  }
}

/** A tree of the elements; markup-compatibility blocks are replaced by their Fallback, as mammoth reads them. */
function parseXml(xml: string, prefix: string): XmlElement {
  const root = new XmlElement("#root", new Map());
  const stack: XmlElement[] = [root];
  for (const tag of tags(xml, prefix)) {
    if (tag.close) {
      const done = stack.pop();
      if (done?.name === "mc:AlternateContent") {
        // Word 2013+ writes e.g. a "001, 002, 003" format as a w14 Choice with a plain Fallback; we take the Fallback.
        const parent = stack[stack.length - 1] ?? root;
        parent.children.pop();
        parent.children.push(...(done.child("mc:Fallback")?.children ?? []));
      }
      continue;
    }
    const element = new XmlElement(tag.name, tag.attrs);
    (stack[stack.length - 1] ?? root).children.push(element);
    if (!tag.selfClosing) stack.push(element);
  }
  return root.children.find((c) => !c.name.startsWith("#")) ?? root;
}

const int = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
};

// ---------------------------------------------------------------------------------------------------------------
// Styles: a paragraph style may carry numbering (<w:numPr> in its pPr, inherited through w:basedOn), and a
// numbering style is how a list definition links to another (w:numStyleLink).

type NumPr = { numId?: number; ilvl?: number };
type Styles = { byId: Map<string, XmlElement>; defaultParagraph?: string };

function readStyles(xml: string | undefined): Styles {
  const styles: Styles = { byId: new Map() };
  if (xml === undefined) return styles;
  for (const style of parseXml(xml, wordPrefix(xml)).children) {
    if (style.name !== "style") continue;
    const id = style.attr("styleId");
    if (id === undefined) continue;
    styles.byId.set(id, style);
    const isDefault = style.attr("default");
    if (style.attr("type") === "paragraph" && (isDefault === "1" || isDefault === "true")) styles.defaultParagraph = id;
  }
  return styles;
}

function numPrOf(pPr: XmlElement | undefined): NumPr {
  const numPr = pPr?.child("numPr");
  return { numId: int(numPr?.val("numId")), ilvl: int(numPr?.val("ilvl")) };
}

/** A style's numbering, nearest definition winning for numId and ilvl separately. */
function styleNumPr(styles: Styles, styleId: string | undefined): NumPr {
  const found: NumPr = {};
  const seen = new Set<string>();
  for (let id = styleId; id !== undefined && !seen.has(id); ) {
    seen.add(id);
    const style = styles.byId.get(id);
    if (!style) break;
    const own = numPrOf(style.child("pPr"));
    found.numId ??= own.numId;
    found.ilvl ??= own.ilvl;
    id = style.val("basedOn");
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// numbering.xml: abstract definitions (levels) and the numbering instances (w:num) paragraphs point to.

type Level = {
  start: number;
  format: string;
  text: string | null;
  /** undefined: restart after any higher level; 0: never; n: only after level n (1-based) or a higher one. */
  restart: number | undefined;
  legal: boolean;
  suffix: string;
  pStyle: string | undefined;
};

type NumInstance = {
  /** Counters are shared by every instance of a definition, unless the instance overrides a level. */
  listKey: string;
  levels: (Level | undefined)[];
};

type Numbering = Map<number, NumInstance>;

function readLevel(lvl: XmlElement): Level {
  const textEl = lvl.child("lvlText");
  const isNull = textEl?.attr("null");
  return {
    // ECMA-376 17.9.25: a missing w:start means 0, and Word counts from 0 then.
    start: int(lvl.val("start")) ?? 0,
    format: lvl.val("numFmt") ?? "decimal",
    text: isNull === "1" || isNull === "true" ? "" : (textEl?.attr("val") ?? null),
    restart: int(lvl.val("lvlRestart")),
    legal: lvl.child("isLgl") !== undefined && !["0", "false"].includes(lvl.val("isLgl") ?? ""),
    suffix: lvl.val("suff") ?? "tab",
    pStyle: lvl.val("pStyle"),
  };
}

function readNumbering(xml: string, styles: Styles): Numbering {
  const root = parseXml(xml, wordPrefix(xml));
  const abstracts = new Map<number, XmlElement>();
  const nums = new Map<number, XmlElement>();
  for (const el of root.children) {
    if (el.name === "abstractNum") {
      const id = int(el.attr("abstractNumId"));
      if (id !== undefined) abstracts.set(id, el);
    } else if (el.name === "num") {
      const id = int(el.attr("numId"));
      if (id !== undefined) nums.set(id, el);
    }
  }

  /** Follows w:numStyleLink → numbering style → its w:num → the abstract definition that holds the levels. */
  const resolveAbstract = (abstractId: number): { id: number; el: XmlElement } | undefined => {
    let id = abstractId;
    for (let hops = 0; hops < 8; hops++) {
      const el = abstracts.get(id);
      if (!el) return undefined;
      const link = el.val("numStyleLink");
      if (link === undefined) return { id, el };
      const linkedNum = styleNumPr(styles, link).numId;
      const next = linkedNum === undefined ? undefined : int(nums.get(linkedNum)?.val("abstractNumId"));
      if (next === undefined || next === id) return { id, el };
      id = next;
    }
    return undefined;
  };

  const numbering: Numbering = new Map();
  for (const [numId, num] of nums) {
    const abstractId = int(num.val("abstractNumId"));
    const abstract = abstractId === undefined ? undefined : resolveAbstract(abstractId);
    if (!abstract) continue;
    const levels: (Level | undefined)[] = [];
    for (const lvl of abstract.el.children) {
      const ilvl = int(lvl.attr("ilvl"));
      if (lvl.name === "lvl" && ilvl !== undefined && ilvl >= 0 && ilvl < 9) levels[ilvl] = readLevel(lvl);
    }
    let overridden = false;
    for (const override of num.children) {
      const ilvl = int(override.attr("ilvl"));
      if (override.name !== "lvlOverride" || ilvl === undefined || ilvl < 0 || ilvl >= 9) continue;
      overridden = true;
      const lvl = override.child("lvl");
      const level = lvl ? readLevel(lvl) : levels[ilvl];
      const start = int(override.val("startOverride"));
      levels[ilvl] = level && start !== undefined ? { ...level, start } : level;
    }
    numbering.set(numId, { listKey: overridden ? `num ${numId}` : `abstract ${abstract.id}`, levels });
  }
  return numbering;
}

// ---------------------------------------------------------------------------------------------------------------
// The document pass: walk the paragraphs in order (body, tables, nested tables alike), count, insert.

type OpenParagraph = {
  depth: number;
  insertAt: number;
  pPrDepth: number | undefined;
  numPrDepth: number | undefined;
  styleId: string | undefined;
  numPr: NumPr;
  done: boolean;
  /** Inside mc:Choice: mammoth reads the Fallback copy of that content, so this copy is neither counted nor marked. */
  skip: boolean;
};

function inlineMarkers(xml: string, prefix: string, numbering: Numbering, styles: Styles): string {
  const counters = new Map<string, (number | undefined)[]>();
  const inserts: { at: number; text: string }[] = [];
  const stack: string[] = [];
  const paragraphs: OpenParagraph[] = [];
  let choiceDepth = 0;

  const settle = (p: OpenParagraph): void => {
    if (p.done) return;
    p.done = true;
    if (p.skip) return;
    const marker = markerFor(p, numbering, styles, counters);
    if (marker) inserts.push({ at: p.insertAt, text: marker });
  };

  for (const tag of tags(xml, prefix)) {
    const current = paragraphs[paragraphs.length - 1];
    if (tag.close) {
      stack.pop();
      if (tag.name === "mc:Choice") choiceDepth--;
      if (!current) continue;
      if (tag.name === "pPr" && current.pPrDepth === stack.length) {
        current.insertAt = tag.end;
        current.pPrDepth = undefined;
        settle(current);
      } else if (tag.name === "numPr" && current.numPrDepth === stack.length) {
        current.numPrDepth = undefined;
      } else if (tag.name === "p" && current.depth === stack.length) {
        settle(current);
        paragraphs.pop();
      }
      continue;
    }

    const depth = stack.length;
    if (current && !current.done) {
      if (depth === current.depth + 1) {
        if (tag.name === "pPr" && !tag.selfClosing) current.pPrDepth = depth;
        else {
          if (tag.name === "pPr") current.insertAt = tag.end; // <w:pPr/>: runs must still follow it
          settle(current); // content began
        }
      } else if (current.pPrDepth !== undefined && depth === current.pPrDepth + 1) {
        if (tag.name === "pStyle") current.styleId = tag.attrs.get("val");
        else if (tag.name === "numPr" && !tag.selfClosing) current.numPrDepth = depth;
      } else if (current.numPrDepth !== undefined && depth === current.numPrDepth + 1) {
        if (tag.name === "numId") current.numPr.numId = int(tag.attrs.get("val"));
        else if (tag.name === "ilvl") current.numPr.ilvl = int(tag.attrs.get("val"));
      }
    }
    if (tag.selfClosing) continue;
    stack.push(tag.name);
    if (tag.name === "mc:Choice") choiceDepth++;
    if (tag.name === "p") {
      paragraphs.push({
        depth,
        insertAt: tag.end,
        pPrDepth: undefined,
        numPrDepth: undefined,
        styleId: undefined,
        numPr: {},
        done: false,
        skip: choiceDepth > 0,
      });
    }
  }

  if (inserts.length === 0) return xml;
  inserts.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  let last = 0;
  for (const { at, text } of inserts) {
    const q = (name: string) => (prefix === "" ? name : `${prefix}:${name}`);
    out.push(
      xml.slice(last, at),
      `<${q("r")}><${q("t")} xml:space="preserve">${escapeText(text)}</${q("t")}></${q("r")}>`,
    );
    last = at;
  }
  out.push(xml.slice(last));
  return out.join("");
}

/** Counts the paragraph in its list and returns its marker text, or undefined when it shows none. */
function markerFor(
  p: OpenParagraph,
  numbering: Numbering,
  styles: Styles,
  counters: Map<string, (number | undefined)[]>,
): string | undefined {
  const styleId = p.styleId ?? styles.defaultParagraph;
  const fromStyle = styleNumPr(styles, styleId);
  const numId = p.numPr.numId ?? fromStyle.numId;
  if (numId === undefined || numId === 0) return undefined; // numId 0 switches a style's numbering off
  const num = numbering.get(numId);
  if (!num) return undefined;
  // A style that names its list but not its level is tied to the level whose w:pStyle names the style.
  const linked = num.levels.findIndex((l) => l?.pStyle !== undefined && l.pStyle === styleId);
  const ilvl = p.numPr.ilvl ?? fromStyle.ilvl ?? Math.max(linked, 0);
  const level = num.levels[ilvl];
  if (!level) return undefined;

  let counts = counters.get(num.listKey);
  if (!counts) {
    counts = [];
    counters.set(num.listKey, counts);
  }
  const previous = counts[ilvl];
  counts[ilvl] = previous === undefined ? level.start : previous + 1;
  for (let deeper = ilvl + 1; deeper < 9; deeper++) {
    const restart = num.levels[deeper]?.restart;
    // w:lvlRestart n: restart only when level n (1-based) or a higher one advances; 0: never restart.
    if (restart === undefined || (restart > 0 && ilvl <= restart - 1)) counts[deeper] = undefined;
  }

  if (level.format === "bullet" || level.text === null) return undefined;
  const marker = level.text.replace(/%([1-9])/g, (_, digit: string) => {
    const refLevel = Number(digit) - 1;
    const ref = num.levels[refLevel];
    const value = counts[refLevel] ?? ref?.start ?? 0;
    return formatNumber(value, level.legal ? "decimal" : (ref?.format ?? "decimal"));
  });
  if (marker === "") return undefined;
  // Word sets a tab (or a space) between marker and text; a space keeps "1. 完善" apart as the page shows it.
  return level.suffix === "nothing" ? marker : `${marker} `;
}

// ---------------------------------------------------------------------------------------------------------------
// Number formats (ECMA-376 17.18.59 ST_NumberFormat), as Word renders them.

const CN_DIGITS = "〇一二三四五六七八九";
const CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥";
const FULL_WIDTH_DIGITS = "０１２３４５６７８９";

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "decimal":
      return String(n);
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return [...String(n)].map((d) => FULL_WIDTH_DIGITS[Number(d)] ?? d).join("");
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperLetter":
      return letters(n);
    case "lowerLetter":
      return letters(n).toLowerCase();
    case "ordinal":
      return ordinal(n);
    case "chineseCounting":
    case "taiwaneseCounting":
    case "japaneseCounting":
      // Word reads 1–99 out ("十一", "二十"); from 100 it writes the digits ("一〇一").
      return n > 0 && n < 100 ? chineseReading(n, CN_DIGITS, "十百千", "〇") : ideographDigits(n);
    case "chineseCountingThousand":
    case "taiwaneseCountingThousand":
    case "japaneseLegal":
      return n > 0 && n < 100000 ? chineseReading(n, CN_DIGITS, "十百千", "零") : ideographDigits(n);
    case "chineseLegalSimplified":
      return n > 0 && n < 100000 ? chineseReading(n, CN_LEGAL_DIGITS, "拾佰仟", "零", false) : String(n);
    case "ideographDigital":
    case "taiwaneseDigital":
      return ideographDigits(n);
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? (HEAVENLY_STEMS[n - 1] ?? String(n)) : String(n);
    case "ideographZodiac":
      return n >= 1 && n <= 12 ? (EARTHLY_BRANCHES[n - 1] ?? String(n)) : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
    case "ideographEnclosedCircle":
      return enclosed(n, 20, 0x2460);
    case "decimalEnclosedFullstop":
      return enclosed(n, 20, 0x2488);
    case "decimalEnclosedParen":
      return enclosed(n, 20, 0x2474);
    case "none":
      return "";
    default:
      // Formats a Chinese plan does not use (cardinalText, hebrew1, thaiNumbers, …): decimal keeps the
      // marker's shape, which is what the grammar needs, though not the glyphs Word would show.
      return String(n);
  }
}

function chineseReading(n: number, digits: string, units: string, zero: string, tenAlone = true): string {
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    const head = `${chineseReading(high, digits, units, zero, tenAlone)}万`;
    if (low === 0) return head;
    return head + (low < 1000 ? zero : "") + chineseReading(low, digits, units, zero, false);
  }
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const unitFor = [units[2] ?? "", units[1] ?? "", units[0] ?? "", ""];
  let out = "";
  let pendingZero = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out !== "") pendingZero = true;
      return;
    }
    if (pendingZero) out += zero;
    pendingZero = false;
    // "十一" rather than "一十一" when ten leads the number (simplified counting); "壹拾壹" in legal figures.
    const isLeadingTen = i === 2 && d === 1 && out === "" && tenAlone;
    out += (isLeadingTen ? "" : (digits[d] ?? "")) + (unitFor[i] ?? "");
  });
  return out === "" ? (digits[0] ?? "0") : out;
}

function ideographDigits(n: number): string {
  return [...String(n)].map((d) => CN_DIGITS[Number(d)] ?? d).join("");
}

function enclosed(n: number, max: number, firstCodePoint: number): string {
  return n >= 1 && n <= max ? String.fromCodePoint(firstCodePoint + n - 1) : String(n);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let rest = n;
  for (const [value, glyph] of table) {
    while (rest >= value) {
      out += glyph;
      rest -= value;
    }
  }
  return out;
}

/** Word's letters: A … Z, then AA, BB, … ZZ, AAA … (the letter repeated, not base 26). */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th");
  return `${n}${suffix}`;
}
