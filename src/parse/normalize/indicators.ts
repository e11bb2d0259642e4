// Quantitative targets (指标) wherever they stand: "万人高价值发明专利拥有量提高至7.0件",
// "覆盖率90%以上", "新增3-5家…", "突破8家", "不少于35家". Past-year baselines, years and
// campaign names are not targets.
import type { Indicator, IndicatorOp, ParseWarning, SourceLoc } from "../types.ts";
import {
  addToPath,
  detailsOf,
  stripBaseText,
  targetYears,
  unsettled,
  yearAt,
  yearBeforeVerb,
} from "./indicator-details.ts";
import { asciiDigits } from "./numerals.ts";
import { squeeze } from "./text.ts";

const UNIT =
  "(?:[万亿]?(?:件次|人次|场次|家次|个百分点|个月|工作日|小时|平方米|件|项|家|个|所|人|场|次|篇|部|名|批|户|期|套|元|天|亩|吨|台|条|册|门|类|种|座|处|支|辆|款|例|宗|单)|万|亿|%|％)";
const NUM = "(\\d+(?:\\.\\d+)?)";
const RANGE = `${NUM}\\s*(?:[-—–－~～至到]\\s*${NUM})?`;
const OPS =
  "达到|提高至|提高到|提升至|提升到|增至|增加到|增加至|增长到|突破|超过|超|不少于|不低于|不超过|控制在|压缩至|压缩到|缩短至|缩短到|降至|降低至|保持在|稳定在|年均增长|增长|增幅|下降至|下降到|减少到|减少至|降低到|下降|降低|减少|提高|提升|增加";
const VERBS =
  "新增|新建|建设|建成|培育|打造|创建|完成建设|完成|举办|开展|组织|培训|引进|认定|发展|设立|布局|遴选|推荐|办理|签约|征集|评选|孵化|支持|实施|形成|新认定|新培育|累计培育|累计建成";

// NAME OP N UNIT (以上|以内)?, or NAME N UNIT 以上.
const WITH_OP = new RegExp(`(${OPS})\\s*(?:${RANGE})\\s*(${UNIT})(以上|以内|左右)?`, "g");
const WITH_ABOVE = new RegExp(`(?<![\\d.])${RANGE}\\s*(${UNIT})(以上|以内)`, "g");
// VERB N UNIT NAME, and NAME N-M UNIT (a bare range).
const VERB_COUNT = new RegExp(`(${VERBS})\\s*${RANGE}\\s*(${UNIT})(?!以上|以内)`, "g");
const BARE_RANGE = new RegExp(`(?<![\\d.])${NUM}\\s*[-—–－~～至到]\\s*${NUM}\\s*(${UNIT})(?!以上|以内)`, "g");

export type Found = {
  start: number;
  end: number;
  op: IndicatorOp;
  target: number;
  high?: number;
  unit: string;
  name: string;
  /** The operator word before the number ("提高至", "年均增长"), where there is one. */
  word?: string;
  /** 以上 / 以内 / 左右 after the unit. */
  suffix?: string;
};

const FILLER =
  /^(到\d{4}年(底|末|年底)?|到\d{4}年|\d{4}年(底|末)?前?|力争|争取|全区|全市|全省|全县|全国|累计|实现|确保|其中|年均|拥有|以上|并|和|及|、|，|,)+/;

function opOf(word: string, suffix: string | undefined): IndicatorOp {
  // "下降10%" is a fall of at least 10%, not a level: only 下降至/降至… bound the value from above.
  if (/^(下降|降低|减少)$/.test(word)) return ">=";
  if (suffix === "以内" || /^(不超过|控制在|压缩|缩短|降|下降|减少)/.test(word)) return "<=";
  if (suffix === "以上") return ">=";
  if (/^(突破|超过|超)$/.test(word)) return ">";
  return ">=";
}

export function extractIndicators(
  text: string,
  context: {
    by: string | null;
    source: SourceLoc;
    planYear: number | null;
    /** Told what a target's sentence says that could not be settled (a growth with no base value…). */
    warn?: (warning: ParseWarning) => void;
  },
): Indicator[] {
  const out: Indicator[] = [];
  const t = asciiDigits(squeeze(text));
  if (!/\d/.test(t)) return out;
  for (const raw of t.split(/(?<=[。；;！？])/)) {
    // A target is a number: most sentences have none and are passed over cheaply.
    if (!/\d/.test(raw) || isBaseline(raw, context.planYear)) continue;
    const sentence = yearBeforeVerb(raw);
    const recurring = /每年|每季度|每月/.test(sentence);
    const sentenceBy = recurring ? null : (/到(\d{4})年/.exec(sentence)?.[1] ?? context.by);
    const manyYears = !recurring && targetYears(sentence).size > 1;
    const inSentence: Indicator[] = [];
    let offset = 0;
    for (const clause of sentence.split(/[，,：:；;。（）()]/)) {
      const at = sentence.indexOf(clause, offset);
      offset = at + clause.length;
      if (!/\d/.test(clause)) continue;
      let regionStart = 0;
      for (const f of findInClause(clause)) {
        const region = clause.slice(regionStart, f.end);
        regionStart = f.end;
        const by = manyYears ? (yearAt(sentence, at + f.start) ?? sentenceBy) : sentenceBy;
        const name = stripBaseText(f.name);
        const previous = inSentence.at(-1);
        if (name === "") {
          if (previous && by !== null && addToPath(previous, f, by)) continue;
          context.warn?.({
            message: `a target of ${f.target}${f.unit} with no subject was left out`,
            messageZh: `目标值${f.target}${f.unit}没有对应的指标名称，未计入`,
            text: raw,
            source: context.source,
          });
          continue;
        }
        const indicator: Indicator = { name, op: f.op, target: f.target, unit: f.unit, by, source: context.source };
        if (f.high !== undefined) indicator.targetHigh = f.high;
        Object.assign(indicator, detailsOf({ ...f, sentence: raw, region }, by));
        inSentence.push(indicator);
      }
    }
    for (const indicator of inSentence) {
      const problem = unsettled(indicator);
      if (problem) context.warn?.({ ...problem, text: raw, source: context.source });
    }
    out.push(...inSentence);
  }
  return out;
}

/** "2022年，全市有效发明专利8136件": a statement about a past year, not a target. */
function isBaseline(sentence: string, planYear: number | null): boolean {
  if (/^(截至|截止|目前|现有|已有|全年共|去年|上年)/.test(sentence)) return true;
  const m = /^(\d{4})年(底|末)?[，,]/.exec(sentence);
  return m !== null && planYear !== null && Number(m[1]) < planYear;
}

function findInClause(clause: string): Found[] {
  const found: Found[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const nameBefore = (start: number) => {
    const prev = found.filter((f) => f.end <= start).reduce((a, f) => Math.max(a, f.end), 0);
    return cleanName(clause.slice(prev, start));
  };
  for (const m of clause.matchAll(WITH_OP)) {
    const start = m.index ?? 0;
    const [low, high] = [Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
    const unit = m[4] as string;
    const op: IndicatorOp = high !== undefined ? "range" : opOf(m[1] as string, m[5]);
    const name = nameBefore(start) || cleanName(clause.slice(start + m[0].length));
    found.push({
      start,
      end: start + m[0].length,
      op,
      target: low,
      unit: unitOf(unit, m[1] as string),
      name,
      word: m[1] as string,
      ...(m[5] !== undefined ? { suffix: m[5] } : {}),
      ...(high !== undefined ? { high } : {}),
    });
  }
  for (const m of clause.matchAll(WITH_ABOVE)) {
    const start = m.index ?? 0;
    if (taken(start, start + m[0].length)) continue;
    const [low, high] = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2])];
    const unit = m[3] as string;
    const name = nameBefore(start) || cleanName(clause.slice(start + m[0].length));
    found.push({
      start,
      end: start + m[0].length,
      op: high !== undefined ? "range" : opOf("", m[4]),
      target: low,
      unit,
      name,
      ...(m[4] !== undefined ? { suffix: m[4] } : {}),
      ...(high !== undefined ? { high } : {}),
    });
  }
  for (const m of clause.matchAll(VERB_COUNT)) {
    const start = m.index ?? 0;
    const numStart = start + (m[1] as string).length;
    if (taken(numStart, start + m[0].length)) continue;
    const [low, high] = [Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
    const unit = m[4] as string;
    if (unit === "%" || unit === "％") continue;
    const after = cleanName(clause.slice(start + m[0].length).replace(/(首期目标|目标|以上|左右)$/, ""));
    const name = after || nameBefore(start);
    found.push({
      start,
      end: start + m[0].length,
      op: high !== undefined ? "range" : ">=",
      target: low,
      unit,
      name,
      word: m[1] as string,
      ...(high !== undefined ? { high } : {}),
    });
  }
  for (const m of clause.matchAll(BARE_RANGE)) {
    const start = m.index ?? 0;
    if (taken(start, start + m[0].length)) continue;
    const unit = m[3] as string;
    const name = nameBefore(start) || cleanName(clause.slice(start + m[0].length));
    found.push({ start, end: start + m[0].length, op: "range", target: Number(m[1]), high: Number(m[2]), unit, name });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "增长10%" keeps "%" as the unit; the growth word does not change it. */
const unitOf = (unit: string, _op: string) => unit.replace("％", "%");

function cleanName(raw: string): string {
  let name = raw.replace(FILLER, "");
  name = name.replace(/(累计|力争|争取|预计|将|要|均|年均|总数|总量达|数量)+$/, "");
  name = name.replace(/^[、，,的]+|[、，,的]+$/g, "");
  return name.length > 40 ? name.slice(-40) : name;
}
