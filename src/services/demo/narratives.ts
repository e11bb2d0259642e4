// Demo narratives (进展情况): what a unit writes in a quarterly report, built from the measure's own text
// (its first clause: the action and its object) and a template for the stage the work is in, with
// numbers and dates that fit the period. Deterministic: every choice comes from a seed of ids.

export type Stage = "start" | "progress" | "milestone" | "done" | "behind";

/** A small deterministic hash of integers: the same ids give the same choices on every load. */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** The measure's action and object: its first clause, without a leading unit list or 要/要求. */
export function subjectOf(text: string): string {
  const clauses = text
    .replace(/^[（(][^）)]*[）)]/, "")
    // A leading unit list ("国家知识产权局：", "省市场监管局、省公安厅:") is who, not what.
    .replace(/^[^，。；：:]{2,40}[：:]/, "")
    .split(/[，。；;！!\n]/)
    .map((c) => c.trim())
    .filter((c) => c.length >= 4);
  let first = clauses[0] ?? text.trim();
  first = first.replace(/^(各地区|各市|各县|各地|有条件的地区)?(要|应当|应|需)/, "");
  if (first.length > 36) first = `${first.slice(0, 34)}等工作`;
  return first || "该项任务";
}

const BOOK = /《[^》]{2,30}》/;

type Facts = { subject: string; percent: number; period: string; filedOn: string; seed: number };

const month = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const n = (seed: number, shift: number, lo: number, hi: number) => lo + (mix(seed, shift) % (hi - lo + 1));

const REASONS = [
  "牵头单位与配合单位职责分工尚未完全理顺",
  "相关配套资金尚未到位",
  "需等待上级部门出台实施细则",
  "涉及部门较多，会签周期较长",
  "专业人员力量不足，工作推进受到影响",
  "前期调研发现的问题需进一步论证",
];
const FIXES = [
  "加强与配合单位的沟通协调，倒排工期、挂图作战",
  "积极争取财政支持，力争下季度启动实施",
  "主动对接上级部门，跟进政策出台进度",
  "压缩会签环节，按月调度推进",
  "通过购买服务补充专业力量",
  "组织专家论证，尽快形成可行方案",
];

const TEMPLATES: Record<Stage, ((f: Facts) => string)[]> = {
  start: [
    (f) => `已启动${f.subject}工作，制定工作方案，明确责任分工和时间节点。`,
    (f) => `召开专题部署会，研究${f.subject}的实施路径，成立工作专班（${n(f.seed, 1, 3, 9)}人）。`,
    (f) => `围绕${f.subject}开展前期调研，走访企业和相关单位${n(f.seed, 2, 6, 28)}家，梳理问题清单。`,
    (f) => `印发${f.subject}工作安排，细化${n(f.seed, 3, 4, 12)}项具体举措，落实到责任科室。`,
  ],
  progress: [
    (f) =>
      `持续推进${f.subject}，本季度召开推进会${n(f.seed, 4, 1, 4)}次，完成重点事项${n(f.seed, 5, 2, 8)}项，总体进度约${f.percent}%。`,
    (f) => `${f.subject}按计划推进，${month(f.filedOn)}前完成阶段性调度，累计完成约${f.percent}%。`,
    (f) =>
      `本季度围绕${f.subject}组织培训和宣讲${n(f.seed, 6, 2, 9)}场，覆盖${n(f.seed, 7, 80, 600)}人次，相关工作有序推进。`,
    (f) =>
      `${f.subject}：已与${n(f.seed, 8, 2, 7)}家单位建立工作对接机制，收集意见建议${n(f.seed, 9, 10, 60)}条，正在逐条研究吸收。`,
  ],
  milestone: [
    (f) =>
      BOOK.test(f.subject)
        ? `已完成${(BOOK.exec(f.subject) as RegExpExecArray)[0]}初稿，征求${n(f.seed, 10, 5, 21)}家单位意见，正在修改完善。`
        : `${f.subject}取得阶段性成果，已形成初步成果并征求${n(f.seed, 10, 5, 21)}家单位意见。`,
    (f) => `${f.subject}完成阶段目标，累计完成约${f.percent}%，已报请分管领导审定下一步安排。`,
    (f) => `${f.subject}已完成试点${n(f.seed, 11, 2, 6)}个，形成可复制经验做法，拟在下季度全面推开。`,
  ],
  done: [
    (f) =>
      BOOK.test(f.subject)
        ? `已完成${(BOOK.exec(f.subject) as RegExpExecArray)[0]}相关工作，成果于${month(f.filedOn)}报送审定，材料已归档。`
        : `已完成${f.subject}，相关材料已于${month(f.filedOn)}整理归档。`,
    (f) => `${f.subject}任务全部完成，形成工作总结报告，经验做法已报送上级部门。`,
    (f) => `按期完成${f.subject}，共落实具体事项${n(f.seed, 12, 5, 18)}项，达到预期目标。`,
  ],
  behind: [
    (f) =>
      `${f.subject}进度滞后（约${f.percent}%），主要原因是${REASONS[mix(f.seed, 13) % REASONS.length]}；下一步将${FIXES[mix(f.seed, 13) % FIXES.length]}。`,
    (f) =>
      `${f.subject}推进受阻：${REASONS[mix(f.seed, 14) % REASONS.length]}。已于${month(f.filedOn)}专题研究，拟${FIXES[mix(f.seed, 15) % FIXES.length]}。`,
  ],
};

/**
 * A narrative for one report; `previous` is the unit's last narrative for the same measure, never
 * repeated word for word.
 */
export function narrative(
  stage: Stage,
  measureText: string,
  facts: { percent: number; period: string; filedOn: string; seed: number },
  previous?: string,
): string {
  const subject = subjectOf(measureText);
  const templates = TEMPLATES[stage];
  const first = mix(facts.seed, 99) % templates.length;
  for (let i = 0; i < templates.length; i++) {
    const template = templates[(first + i) % templates.length] as (f: Facts) => string;
    const text = template({ subject, ...facts });
    if (text !== previous) return text;
  }
  return `${(templates[first] as (f: Facts) => string)({ subject, ...facts })}（${facts.period}）`;
}
