// Our small domain dictionary: what IP plans at different levels say in different words. Each
// concept is a feature of its own beside the words, so 强县 meets 强省 and 维权 meets 保护. Many
// concepts are policy instruments (legislation, registration, enforcement, cooperation…): sharing a
// noun but not the instrument ("著作权登记" vs "著作权保护条例的修订") then scores lower than sharing both.
// Patterns are plain substrings; the concept ids are the first pattern, so evidence stays readable.

export type Concept = { id: string; patterns: readonly (string | RegExp)[] };

const group = (...patterns: string[]): Concept => ({ id: patterns[0] as string, patterns });
const matches = (text: string, p: string | RegExp): boolean =>
  typeof p === "string" ? text.includes(p) : p.test(text);

/**
 * The concepts that are what a sentence does rather than what it is about. Two sentences that each
 * name an instrument but no common one are about different work even when they share the noun.
 */
export const INSTRUMENTS: ReadonlySet<string> = new Set(
  ["立法", "登记", "执法", "协作", "调解", "行政裁决", "培训", "宣传", "金融", "导航"].map((id) => `#${id}`),
);

export const CONCEPTS: readonly Concept[] = [
  // Levels of the same strategy: the nation's 强国 is the province's 强省 and the county's 强县.
  // The IP strategy only: not 加强省级… nor 农业强省.
  { id: "强国", patterns: [/知识产权强[国省市县区]|、强[国省市县区]|强[国省市县区]战略/u] },
  group("保护", "维权"),
  group("运用", "转化", "转移", "产业化"),
  group("质量导向", "高价值", "高质量创造", "质量提升", "提升质量", "以质量", "数量向", "质量优先"),
  group("试点示范", "试点", "示范"),
  // Policy instruments.
  group("立法", "条例", "立法", "法规", "规章", "修订", "修改", "制修订", "废止", "实施细则"),
  group("登记", "注册", "登记"),
  group("执法", "执法", "查处", "打击", "专项行动", "专项治理", "整治", "侵权假冒", "办案"),
  group("协作", "协作", "联动", "协同", "衔接", "会商", "联合"),
  group("调解", "调解", "仲裁", "诉调", "多元化解", "公证"),
  group("行政裁决", "行政裁决", "裁决"),
  group("培训", "培训", "轮训", "研修", "教育培训"),
  group("人才", "人才", "培养", "学位", "学历教育", "智库", "专家库"),
  group("宣传", "宣传", "普法", "宣讲", "普及", "舆论"),
  group("金融", "质押", "融资", "金融", "保险", "证券化", "担保", "投融资"),
  group("运营", "运营", "交易", "许可"),
  group("导航", "导航"),
  group("公共服务", "公共服务", "一站式", "服务窗口", "一窗通办", "便利化", "放管服"),
  group("信息服务", "信息服务", "TISC", "技术与创新支持中心", "数据库", "大数据", "基础信息", "数据资源"),
  group("服务业", "服务业", "代理机构", "代理行业", "专利代理", "商标代理", "代理服务", "服务机构"),
  group("涉外", "涉外", "海外", "走出去", "对外转让", "境外"),
  group("国际合作", "一带一路", "RCEP", "区域全面经济伙伴关系", "国际合作", "对外交流", "合作交流", "交流合作"),
  group("保护中心", "保护中心", "快速维权", "快维中心", "维权援助", "维权工作站"),
  // How IP work is governed: its leadership, institutions and their reform.
  group(
    "管理体制",
    "管理体制",
    "机构改革",
    "体制机制",
    "综合管理",
    "管理改革",
    "议事日程",
    "领导小组",
    "工作领导",
    "组织领导",
  ),
  group("考核", "考核", "评价体系", "绩效", "检查考核", "督导"),
  group("资助", "资助", "奖励", "扶持政策", "激励"),
  group("非正常", "非正常专利申请", "恶意注册", "抢注", "不以保护创新为目的", "不以使用为目的"),
  group("贯标", "贯标", "管理规范", "管理体系", "管理标准", "管理能力"),
  group("创新主体", "创新主体", "企业", "高校", "科研院所", "科研机构"),
  group("商标品牌", "商标品牌", "品牌"),
  group("地理标志", "地理标志", "地标"),
  group("乡村振兴", "乡村振兴", "农产品", "涉农", "特色产业"),
  group("密集型产业", "密集型产业", "密集型"),
  group("专利奖", "专利奖"),
  group("评估", "评估", "价值评估", "评价"),
  group("规划", "规划", "纲要", "战略"),
  group("信用", "信用", "失信", "黑名单", "诚信"),
  group("司法", "司法", "法院", "检察", "审判", "诉讼"),
  group("党建", "党的领导", "党对", "从严治党", "党风廉政", "党建", "作风建设"),
];

/** The concepts a text mentions, once each. */
export function conceptsIn(text: string): string[] {
  const found: string[] = [];
  for (const concept of CONCEPTS) {
    if (concept.patterns.some((p) => matches(text, p))) found.push(`#${concept.id}`);
  }
  return found;
}
