// Text clean-up shared by every part of the grammar.

/** Whitespace removed, the spec's canonical form for titles, texts and names. */
export const squeeze = (s: string): string => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "");

/** Half-width parentheses to full-width, as names and keys are compared. */
export const fullParens = (s: string): string => s.replace(/\(/g, "（").replace(/\)/g, "）");

/** Drop <p> markup that survives in some copies. */
export const stripMarkup = (s: string): string => (s.includes("<") ? s.replace(/<\/?p>/g, "") : s);

/** Page footers such as "— 5 —", "-5-", "- 12 -" anywhere, even inside a sentence split by a page break. */
const FOOTER = /(?<![\d.])[—–－-]{1,2}[ \u3000]*\d{1,3}[ \u3000]*[—–－-]{1,2}(?![\d.])/g;
const PAGE_OF = /第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?/g;

/** "（此件公开发布）", "【此件主动公开】": how public the file is, printed beside its title or under it. */
const PUBLICATION_NOTE =
  /[（(【［[]\s*此\s*件\s*(?:公\s*开\s*发\s*布|主\s*动\s*公\s*开|不\s*(?:予\s*)?公\s*开|依\s*申\s*请\s*公\s*开)\s*[）)】］\]]/g;

export const removePublicationNotes = (s: string): string => (s.includes("件") ? s.replace(PUBLICATION_NOTE, "") : s);

/** A footer's dashes: a line without any cannot hold one (the lookbehind regex is tried at every position). */
const DASH = /[—–－-]/;

/** Page footers and publication notes: page furniture, wherever it falls. */
export const removeFooters = (s: string): string =>
  removePublicationNotes((DASH.test(s) ? s.replace(FOOTER, "") : s).replace(PAGE_OF, ""));

/** True for a line that is nothing but page furniture or web-page chrome. */
export function isNoiseLine(line: string): boolean {
  const t = squeeze(removeFooters(line));
  if (t === "") return true;
  if (/^(https?:\/\/|www\.)/i.test(t)) return true;
  if (/^(预览已结束|完整报告|扫描二维码|扫一扫|点击|责任编辑|打印本页|关闭窗口|分享到|【打印】|【关闭】)/.test(t))
    return true;
  // "印发实施…" opens a sentence; only "印发：…" is the closing distribution line.
  return /^(抄送|主送)[:：]?/.test(t) || /^印发[:：]/.test(t) || /\d{4}年\d{1,2}月\d{1,2}日印发$/.test(t);
}

/** Sentence-final punctuation: a paragraph ending otherwise was probably cut by a page break. */
export const endsSentence = (s: string): boolean => /[。；;！!？?：:）)〕】」』”"…]$/.test(squeeze(s));

// Some PDF producers (Chromium with Noto CJK, among others) map ideographs to the look-alike
// radical code points ("⼈⺠" for 人民), which no name or keyword matches. Kangxi radicals have
// compatibility decompositions (NFKC); the supplement's simplified forms need a table.
const RADICAL_SUPPLEMENT: Readonly<Record<string, string>> = {
  "⺠": "民",
  "⻔": "门",
  "⻓": "长",
  "⻢": "马",
  "⻅": "见",
  "⻘": "青",
  "⻝": "食",
  "⻛": "风",
  "⻜": "飞",
  "⻚": "页",
  "⻬": "齐",
  "⻰": "龙",
  "⻋": "车",
  "⻉": "贝",
  "⻆": "角",
  "⻄": "西",
  "⻁": "虎",
  "⻏": "阝",
  "⻙": "韦",
  "⻠": "饣",
  "⻩": "黄",
  "⻨": "麦",
  "⻦": "鸟",
  "⻥": "鱼",
  "⻮": "齿",
  "⻳": "龟",
  "⻈": "讠",
  "⻊": "足",
  "⻣": "骨",
  "⻤": "鬼",
  "⺟": "母",
  "⺢": "水",
  "⺮": "竹",
  "⺶": "羊",
  "⻌": "辶",
  "⻍": "辶",
  "⺁": "厂",
  "⺇": "几",
  "⺈": "刀",
  "⺊": "卜",
  "⺌": "小",
  "⺍": "小",
  "⺗": "心",
  "⺝": "月",
  "⺩": "王",
  "⺫": "目",
  "⺳": "网",
  "⺺": "聿",
  "⺼": "肉",
  "⻂": "衣",
  "⻖": "阝",
  "⻗": "雨",
  "⻒": "镸",
};

/** Also the horizontal bar (U+2015) the same producers print for the em dash of "2023—2025年". */
export function unifyRadicals(s: string): string {
  if (!/[\u2e80-\u2fdf\u2015]/.test(s)) return s;
  return s.replace(/[\u2e80-\u2fdf\u2015]/g, (c) =>
    c === "\u2015" ? "—" : (RADICAL_SUPPLEMENT[c] ?? c.normalize("NFKC")),
  );
}
