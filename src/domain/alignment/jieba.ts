// The segmentation alignment runs on in production: jieba's precise cut with the domain's terms
// kept whole. Loaded on first use (the dictionary is some megabytes); the engine itself takes any
// Tokenizer, so tests and other callers can pass their own.
import { createRequire } from "node:module";
import type { Jieba as JiebaType } from "@node-rs/jieba";
import { DOMAIN_TERMS } from "../text-search.ts";
import type { Tokenizer } from "./vectors.ts";

/** Terms that must stay one word for alignment, beside search's: instruments and programmes. */
const ALIGNMENT_TERMS: readonly string[] = [
  "试点示范",
  "公共服务",
  "服务业",
  "运营服务",
  "一带一路",
  "专项行动",
  "侵权假冒",
  "行政执法",
  "司法保护",
  "转移转化",
  "开放许可",
  "商标品牌",
  "密集型产业",
  "人才培养",
  "宣传周",
  "放管服",
  "一站式",
];

const TERM_FREQUENCY = 200_000;
let instance: JiebaType | undefined;

function jieba(): JiebaType {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
  const { dict } = require("@node-rs/jieba/dict.js") as typeof import("@node-rs/jieba/dict.js");
  const loaded = Jieba.withDict(dict);
  const terms = [...DOMAIN_TERMS, ...ALIGNMENT_TERMS];
  loaded.loadDict(Buffer.from(terms.map((t) => `${t} ${TERM_FREQUENCY}`).join("\n"), "utf8"));
  instance = loaded;
  return loaded;
}

export const jiebaTokenizer: Tokenizer = {
  words: (text) => jieba().cut(text, true),
  parts: (word) => jieba().cutForSearch(word, true),
};
