// How a reported value stands against its indicator's target, and the target in words. The parser
// emits five operators (parse/types.ts IndicatorOp): 达到/提高至/以上/不少于 → ">=", 突破/超过 → ">",
// 不超过/以内/压缩至 → "<=", a bare count → "=", 3-5家 → "range". Attainment itself is the
// assessment's rule (scoring.ts), so a register, a report and a score never disagree.
import { attainment } from "./scoring.ts";
import type { IndicatorOp } from "./types.ts";

const OPS: readonly string[] = [">=", ">", "=", "<=", "range"] satisfies IndicatorOp[];

export const isIndicatorOp = (op: string): op is IndicatorOp => OPS.includes(op);

export type Attainment = {
  /** 0–1, how far the value is toward the target. */
  ratio: number;
  /** The target is reached: a ratio of 1 (for ">", strictly above the target). */
  met: boolean;
};

/** null when the operator is one the rules do not know: such a value is shown, not judged. */
export function indicatorAttainment(
  op: string,
  target: number,
  targetHigh: number | null,
  value: number,
): Attainment | null {
  if (!isIndicatorOp(op) || !Number.isFinite(value)) return null;
  const ratio = attainment(op, target, value, targetHigh);
  return { ratio: Math.round(ratio * 1000) / 1000, met: ratio >= 1 };
}

const number = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** The target as an office writes it: "≥560件", "≤15个月", "3–5家". */
export function describeTarget(op: string, target: number, targetHigh: number | null, unit: string): string {
  switch (op) {
    case ">=":
      return `≥${number(target)}${unit}`;
    case ">":
      return `>${number(target)}${unit}`;
    case "<=":
      return `≤${number(target)}${unit}`;
    case "=":
      return `${number(target)}${unit}`;
    case "range":
      return targetHigh === null ? `≥${number(target)}${unit}` : `${number(target)}–${number(targetHigh)}${unit}`;
    default:
      return `${op} ${number(target)}${unit}`;
  }
}
