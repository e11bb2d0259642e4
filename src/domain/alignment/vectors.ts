// Text → weighted features → TF-IDF unit vectors, whose cosine is then a dot product. Features are
// the words of a segmentation (injected, so this stays pure), adjacent word pairs (the action with
// its object: "著作权_登记" is not "条例_修订") and the concepts of our dictionary (concepts.ts).
import { conceptsIn } from "./concepts.ts";

/**
 * Splits Chinese text into words; the CLI passes jieba's precise cut. `parts` (optional) gives the
 * shorter words inside a long one (人才培养 → 人才, 培养), so a compound still meets its pieces,
 * at a lower weight than a whole word.
 */
export type Tokenizer = { words: (text: string) => string[]; parts?: (word: string) => string[] };

export type Features = Map<string, number>;
export type Vector = Map<string, number>;

// Function words and the boilerplate every IP plan repeats; IDF would lower them too, but with
// few upper tasks IDF is noisy, and a shared "加强…工作" is no evidence of anything.
const STOP = new Set(
  (
    "的 和 与 及 等 要 对 在 为 将 把 由 以 并 或 其 中 上 下 各 有关 相关 进一步 积极 不断 切实 认真 大力 全面 深入 持续 " +
    "加强 推进 推动 开展 加快 完善 健全 强化 提升 提高 做好 做 抓好 实施 落实 建立 建设 工作 知识产权 知识 产权 国家知识产权局 知识产权局 " +
    "各地区 地区 有关地区 有条件 条件 本地区 我省 全省 我区 全区 省 市 县 区 一批 重点 方面 进行 形成 促进 支持 " +
    "组织 发挥 作用 机制 体系 能力 水平 服务 管理 发展 创新 政策 措施 力度 情况 年度 各类 突出 深化 优化 统筹 着力 " +
    "加大 探索 鼓励 引导 指导 充分 努力 营造 良好 有效 实现 确保 坚持 不断 继续 进一步 高标准 高效 " +
    "单位 处室 机关 中心 省级 市级 县级 地方 本地 各级 全国 研究 制定 出台 维护 关于 意见 职能 举措 部署 任务 目标"
  ).split(" "),
);

const PAIR_WEIGHT = 0.5;
const PART_WEIGHT = 0.5;
const CONCEPT_WEIGHT = 1.6;

const isWord = (t: string): boolean => t.length >= 2 && !/^[\p{P}\p{S}\p{N}\s]+$/u.test(t) && !STOP.has(t);

/** Features of one piece of text, each with its count-like weight. */
export function features(text: string, tokenize: Tokenizer): Features {
  const out: Features = new Map();
  const add = (f: string, w: number) => out.set(f, (out.get(f) ?? 0) + w);
  const words = tokenize
    .words(text)
    .map((t) => t.trim())
    .filter(isWord);
  words.forEach((w, i) => {
    add(w, 1);
    if (w.length >= 4 && tokenize.parts) {
      for (const p of tokenize.parts(w)) if (p !== w && isWord(p)) add(p, PART_WEIGHT);
    }
    const next = words[i + 1];
    if (next !== undefined) add(`${w}_${next}`, PAIR_WEIGHT);
  });
  for (const c of conceptsIn(text)) add(c, CONCEPT_WEIGHT);
  return out;
}

export function mergeFeatures(parts: readonly { features: Features; weight: number }[]): Features {
  const out: Features = new Map();
  for (const { features: f, weight } of parts) {
    for (const [k, v] of f) out.set(k, (out.get(k) ?? 0) + v * weight);
  }
  return out;
}

/** Smoothed IDF that reaches 0 for a feature every document has. */
export function inverseDocumentFrequency(documents: readonly Features[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of documents) for (const k of doc.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [k, d] of df) idf.set(k, Math.log((n + 1) / (d + 0.5)));
  return idf;
}

/** Sublinear term weight times IDF; features unseen in the corpus get the rarest feature's IDF. */
export function vectorize(f: Features, idf: ReadonlyMap<string, number>, unseen: number): Vector {
  const v: Vector = new Map();
  for (const [k, tf] of f) {
    const w = (tf <= 1 ? tf : 1 + Math.log(tf)) * (idf.get(k) ?? unseen);
    if (w > 0) v.set(k, w);
  }
  return v;
}

export const norm = (v: Vector): number => {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
};

/** The vector scaled to length 1 (empty stays empty), so a cosine is a plain dot product (sparseDot). */
export function unit(v: Vector): Vector {
  const n = norm(v);
  if (n === 0) return v;
  const out: Vector = new Map();
  for (const [k, x] of v) out.set(k, x / n);
  return out;
}

/** A vector as parallel arrays sorted by feature id: the form the scoring loop multiplies. */
export type Sparse = { ids: Int32Array; weights: Float64Array };

/** `ids` numbers features as they are first seen; pass the same map for every vector compared. */
export function toSparse(v: Vector, ids: Map<string, number>): Sparse {
  const entries = [...v].map(([k, w]): [number, number] => {
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    return [id, w];
  });
  entries.sort((a, b) => a[0] - b[0]);
  return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1]) };
}

export function sparseDot(a: Sparse, b: Sparse): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number;
    const y = bi[j] as number;
    if (x === y) sum += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** The shared features that contribute most to a cosine, words and concepts before pairs. */
export function sharedFeatures(a: Vector, b: Vector, limit: number): string[] {
  const shared: [string, number][] = [];
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y !== undefined) shared.push([k, x * y]);
  }
  const ranked = shared
    .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
    .map(([k]) => k)
    .filter((k) => !k.includes("_"));
  // 议事日程 says it; its parts 议事 and 日程 would only repeat it.
  return ranked.filter((k) => !ranked.some((o) => o !== k && !o.startsWith("#") && o.includes(k))).slice(0, limit);
}
