// Chinese text to space-separated tokens for PostgreSQL full-text search: the store indexes
// to_tsvector('simple', segment(text)) and queries with plainto_tsquery('simple', segmentQuery(q)).
// 'simple' cannot split Chinese itself, so jieba does it here, with the domain's terms kept whole.
import { createRequire } from "node:module";
import type { Jieba as JiebaType } from "@node-rs/jieba";

/**
 * Terms jieba's general dictionary splits (知识产权 → 知识/产权 is kept, but 质押融资 → 质押/融资 is not).
 * Kept short on purpose: search mode only adds a long word's 2- and 3-character dictionary parts,
 * and segment() adds the parts that are terms here, so a search for 知识产权 still finds 知识产权局.
 */
export const DOMAIN_TERMS: readonly string[] = [
  "知识产权",
  "知识产权局",
  "市场监督管理局",
  "市场监管局",
  "质押融资",
  "地理标志",
  "维权援助",
  "行政裁决",
  "专利导航",
  "保护中心",
  "快速维权",
  "海外维权",
  "商业秘密",
  "集成电路布图设计",
  "植物新品种",
  "高价值专利",
  "专利转化",
  "专利密集型",
  "知识产权强省",
  "知识产权强市",
  "知识产权强县",
  "纠纷调解",
  "贯标",
  "工作要点",
  "任务清单",
  "督办单",
];

// A high frequency makes jieba prefer the whole term over its pieces.
const TERM_FREQUENCY = 200_000;

let instance: JiebaType | undefined;

/** Loaded on first use: the dictionary is some megabytes, and most importers of the domain never search. */
function jieba(): JiebaType {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
  const { dict } = require("@node-rs/jieba/dict.js") as typeof import("@node-rs/jieba/dict.js");
  const loaded = Jieba.withDict(dict);
  loaded.loadDict(Buffer.from(DOMAIN_TERMS.map((t) => `${t} ${TERM_FREQUENCY}`).join("\n"), "utf8"));
  instance = loaded;
  return loaded;
}

/** Tokens that carry words: no whitespace, punctuation or symbols; Latin letters lower-cased. */
function clean(tokens: readonly string[]): string[] {
  return tokens.map((t) => t.trim().toLowerCase()).filter((t) => t !== "" && !/^[\p{P}\p{S}\s]+$/u.test(t));
}

/** For indexing: every word plus its dictionary parts and contained domain terms, for recall. */
export function segment(text: string): string {
  const out: string[] = [];
  for (const token of clean(jieba().cutForSearch(text, true))) {
    out.push(token);
    if (token.length <= 3) continue;
    for (const term of DOMAIN_TERMS) if (term !== token && token.includes(term)) out.push(term);
  }
  return out.join(" ");
}

/** For queries: the precise cut, so a query word is one token and matches the indexed whole word. */
export const segmentQuery = (text: string): string => clean(jieba().cut(text, true)).join(" ");
