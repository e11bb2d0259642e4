// Property-based robustness checks of parsePlanBytes. The contract under test: any input either
// yields a well-formed ParsedPlan or a PlanInputError with a one-line message, promptly. Anything
// else (a TypeError, a RangeError from a regex, a stack overflow, a slow input) is a parser bug.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { PlanInputError, parsePlanBytes } from "../../src/parse/index.ts";
import { planShapeProblems } from "./plan-shape.ts";

/** Generous for inputs of tens of KB on a slow CI core, yet far below what a runaway regex takes. */
export const RUN_BUDGET_MS = 2_000;

const seedDir = join(import.meta.dirname, "..", "fixtures", "seeds");
export const seeds: readonly string[] = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(seedDir, f), "utf8"));

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Outcome of one parse, or the reason the property fails. */
export async function checkOneInput(bytes: Uint8Array): Promise<void> {
  const started = performance.now();
  let plan: unknown;
  try {
    plan = await parsePlanBytes(bytes, "fuzz.txt");
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    if (error.message.includes("\n")) throw new Error(`PlanInputError message spans lines: ${error.message}`);
    plan = null;
  }
  const elapsed = performance.now() - started;
  if (elapsed > RUN_BUDGET_MS) throw new Error(`parse took ${elapsed.toFixed(0)} ms on ${bytes.length} bytes`);
  if (plan === null) return;
  const problems = planShapeProblems(plan);
  if (problems.length > 0) throw new Error(`malformed plan: ${problems.slice(0, 5).join("; ")}`);
}

// --- arbitraries ----------------------------------------------------------------------------------

/** Pieces of the genre: punctuation, heading and item markers, annotation labels, table markup. */
const FRAGMENTS = [
  "。",
  "（",
  "）",
  "(",
  ")",
  "〔",
  "〕",
  "：",
  "；",
  "、",
  "，",
  "一、",
  "二十、",
  "（一）",
  "(二)",
  "第一部分",
  "1.",
  "12．",
  "（1）",
  "\t",
  "<p>",
  "</p>",
  "\n",
  "\r\n",
  "  ",
  "牵头单位：",
  "配合单位：",
  "责任单位：",
  "完成时限：",
  "牵头",
  "配合",
  "负责",
  "等",
  "年底前",
  "6月底前",
  "2024年6月底前",
  "10月份前",
  "全年",
  "持续推进",
  "第四季度",
  "上半年",
  "二〇二四年四月十日",
  "2021年",
  "（2023—2025年）",
  "任务清单",
  "落实举措",
  "责任单位",
  "完成时间",
  "达到",
  "以上",
  "不少于",
  "突破",
  "30-50家",
  "2.1万件",
  "4.2亿元",
  "90%",
  "— 5 —",
  "-5-",
  "鲁政办字〔2021〕78号",
  "各市市场监督管理局",
  "省知识产权局",
  "各乡镇（街道）",
  "抄送：",
  "印发",
  "\u3000",
  "\ufeff",
  "\u0000",
];
const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
);

/** Text made of the genre's pieces in random order: reaches far more of the grammar than noise does. */
export const planLikeText = fc.array(fragment, { maxLength: 400 }).map((parts) => parts.join(""));

export const randomUnicode = fc.string({ unit: "binary", maxLength: 2_000 });
export const randomBytes = fc.uint8Array({ maxLength: 4_096 });

const seedIndex = fc.nat({ max: seeds.length - 1 });
const seedAt = (i: number): string => seeds[i] ?? "";

/** A seed cut at any byte, possibly inside a multi-byte character. */
export const truncatedSeed = fc.tuple(seedIndex, fc.double({ min: 0, max: 1, noNaN: true })).map(([i, at]) => {
  const bytes = utf8(seedAt(i));
  return bytes.subarray(0, Math.floor(bytes.length * at));
});

type LineEdit =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "insert"; at: number; column: number; text: string };

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), column: fc.nat(), text: fragment }),
);

function applyEdit(lines: string[], edit: LineEdit): void {
  if (lines.length === 0) return;
  const at = edit.at % lines.length;
  const line = lines[at] ?? "";
  switch (edit.kind) {
    case "delete":
      lines.splice(at, 1);
      break;
    case "duplicate":
      lines.splice(at, 0, line);
      break;
    case "swap": {
      const other = edit.with % lines.length;
      lines[at] = lines[other] ?? "";
      lines[other] = line;
      break;
    }
    case "insert": {
      const chars = [...line];
      const column = edit.column % (chars.length + 1);
      lines[at] = [...chars.slice(0, column), edit.text, ...chars.slice(column)].join("");
      break;
    }
  }
}

/** How the mutated text reaches the parser: the encodings decodeText claims to handle. */
const encoding = fc.constantFrom("utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom");
function encode(text: string, how: string): Uint8Array {
  if (how === "utf-8") return utf8(text);
  if (how === "utf-8-bom") return utf8(`\ufeff${text}`);
  const le = Buffer.from(`\ufeff${text}`, "utf16le");
  return how === "utf-16le-bom" ? le : Buffer.from(le).swap16();
}

/** A seed with lines deleted, duplicated, swapped and characters inserted, in one of its encodings. */
export const mutatedSeed = fc
  .tuple(seedIndex, fc.array(lineEdit, { minLength: 1, maxLength: 12 }), encoding)
  .map(([i, edits, how]) => {
    const lines = seedAt(i).split("\n");
    for (const edit of edits) applyEdit(lines, edit);
    return encode(lines.join("\n"), how);
  });

export const properties = {
  "random unicode text": randomUnicode.map(utf8),
  "random bytes": randomBytes,
  "plan-like fragments": planLikeText.map(utf8),
  "truncated seeds": truncatedSeed,
  "mutated seeds": mutatedSeed,
} satisfies Record<string, fc.Arbitrary<Uint8Array>>;

export type PropertyName = keyof typeof properties;
export const isPropertyName = (s: string): s is PropertyName => Object.hasOwn(properties, s);
