// What a target's sentence says beyond the bound itself: the base year and value ("由2020年的3.2件提高到
// 7件"), growth against a base year or a year ("比2020年增长10%", "年均增长10%"), a running total (累计)
// or a year's amount (每年新增), several target years (a path), 左右 and 力争. The contract's fields
// (op, target, unit, by) are never changed by these readings, except that a path's last step is the
// target.

import type { Indicator } from "../types.ts";
import type { Problem } from "../warnings.ts";

/** A target found in a clause, as indicators.ts reads it. */
export type FoundTarget = {
  target: number;
  high?: number;
  unit: string;
  word?: string;
  suffix?: string;
};

// A year a target is due by: not a base year (由/从/比/较2020年, 2020年的…), not part of a span (2021-2025年).
const TARGET_YEAR = /(?<![由从比较自\d\-—–－~～至到])(\d{4})年(?:底|末|前)?(?!的|[-—–－~～至到]\d)/g;
const BASE = /(?:由|从)(\d{4})年(?:底|末)?的?(\d+(?:\.\d+)?)/;
const RELATIVE_TO = /(?:比|较)(\d{4})年(?:底|末)?/;
const GROWTH_WORD = /^(增长|提高|提升|增加|增幅|下降|降低|减少)$/;
const FALL_WORD = /^(下降|降低|减少)$/;
const FLOW_NAME = /(申请|授权|登记|注册|交易|成交|融资|质押|许可|转让|出口|受理|办结)(量|额|金额|数|件数)/;

/** "提高到2025年的8件" → "2025年提高到8件": the year then reads like any other target year. */
export const yearBeforeVerb = (s: string): string =>
  s.replace(/((?:提高|增加|增长|提升|降低|下降|减少|压缩|缩短|达)(?:到|至))(\d{4})年(?:底|末)?的/g, "$2年$1");

export function targetYears(sentence: string): Set<string> {
  return new Set([...sentence.matchAll(TARGET_YEAR)].map((m) => m[1] as string));
}

/** The last target year printed before `position`. */
export function yearAt(sentence: string, position: number): string | null {
  let year: string | null = null;
  for (const m of sentence.matchAll(TARGET_YEAR)) if ((m.index ?? 0) < position) year = m[1] as string;
  return year;
}

/** The name without the base ("…由2020年的3.2件"), the base year ("比2020年") or a trailing year. */
export function stripBaseText(name: string): string {
  return (
    name
      .replace(new RegExp(`${BASE.source}.*$`), "")
      .replace(new RegExp(RELATIVE_TO.source, "g"), "")
      // A base named without its year: 比上年, 较上一年度, 同比.
      .replace(/(?:(?:比|较)上一?年(?:度|同期)?|同比)$/, "")
      .replace(/到?\d{4}年(?:底|末|前)?$/, "")
      .replace(/^[、，,的]+|[、，,的]+$/g, "")
  );
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function detailsOf(
  found: FoundTarget & { sentence: string; region: string; name: string },
  by: string | null,
): Partial<Indicator> {
  const { sentence, region, word = "", unit, target } = found;
  const out: Partial<Indicator> = { raw: sentence };
  const base = BASE.exec(region);
  if (base) out.baseline = { year: Number(base[1]), value: Number(base[2]) };

  const rate = unit === "%" || unit === "个百分点";
  const relativeTo = RELATIVE_TO.exec(region);
  if (rate && (word === "年均增长" || /年均(增长|增速|提高|递增)/.test(region))) {
    out.growth = { by: target, unit, baseYear: out.baseline?.year ?? null, annual: true };
  } else if (rate && GROWTH_WORD.test(word)) {
    const sign = FALL_WORD.test(word) ? -1 : 1;
    const baseYear = relativeTo ? Number(relativeTo[1]) : (out.baseline?.year ?? null);
    out.growth = { by: sign * target, unit, baseYear, annual: false };
  }
  if (out.growth && out.baseline && by !== null) {
    // The level the growth leads to, where the base value is printed.
    const g = out.growth;
    const years = Number(by) - out.baseline.year;
    const b = out.baseline.value;
    const level =
      g.unit === "%"
        ? g.annual
          ? b * (1 + g.by / 100) ** years
          : b * (1 + g.by / 100)
        : b + (g.annual ? g.by * years : g.by);
    out.path = [{ year: Number(by), value: round(level) }];
  }

  const cumulative = /累计/.test(region);
  if (cumulative) out.cumulative = true;
  const recurring = /每年|每季度|每月/.test(sentence);
  // A running total (累计) is reported as the total so far, a level: a stock. A year's amount is a flow.
  const flow = recurring || /年度|当年|年新增/.test(region) || (!cumulative && FLOW_NAME.test(found.name));
  out.kind = flow ? "flow" : "stock";
  if (found.suffix === "左右") out.approximate = true;
  if (/力争|争取/.test(region) || /^(到\d{4}年(底|末)?[，,]?)?(力争|争取)/.test(sentence)) out.aspirational = true;
  return out;
}

/**
 * "2023年达到300件，2025年达到500件": a later year's value with no name of its own continues the
 * target before it. False where it cannot (another unit, the same year, no year).
 */
export function addToPath(previous: Indicator, found: FoundTarget, by: string): boolean {
  if (previous.unit !== found.unit || previous.by === null || previous.by === by || previous.growth) return false;
  const step = (year: number, value: number, high: number | undefined) =>
    high === undefined ? { year, value } : { year, value, high };
  const path = previous.path ?? [step(Number(previous.by), previous.target, previous.targetHigh)];
  path.push(step(Number(by), found.target, found.high));
  path.sort((a, b) => a.year - b.year);
  const last = path.at(-1);
  if (!last) return false;
  previous.path = path;
  previous.target = last.value;
  previous.by = String(last.year);
  if (last.high === undefined) delete previous.targetHigh;
  else previous.targetHigh = last.high;
  return true;
}

/** What the sentence leaves open, in both languages for the import preview; null when settled. */
export function unsettled(indicator: Indicator): Problem | null {
  const g = indicator.growth;
  if (!g || indicator.baseline) return null;
  const amount = `${Math.abs(g.by)}${g.unit}`;
  const fall = g.by < 0;
  if (g.annual)
    return {
      message: `annual growth of ${amount} for ${indicator.name}: no base value is printed, so the level due is unknown until a baseline is set`,
      messageZh: `${indicator.name}年均增长${amount}：未给出基期数值，设置基线后才能算出应达水平`,
    };
  if (g.baseYear !== null)
    return {
      message: `${fall ? "a fall" : "growth"} of ${amount} over ${g.baseYear} for ${indicator.name}: the ${g.baseYear} value is not printed; set the baseline to know the level due`,
      messageZh: `${indicator.name}比${g.baseYear}年${fall ? "下降" : "增长"}${amount}：未给出${g.baseYear}年数值，请设置基线以算出应达水平`,
    };
  return {
    message: `${fall ? "a fall" : "growth"} of ${amount} for ${indicator.name}: the text does not say against which year`,
    messageZh: `${indicator.name}${fall ? "下降" : "增长"}${amount}：原文未说明以哪一年为基期`,
  };
}
