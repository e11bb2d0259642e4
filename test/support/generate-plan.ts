// Generates large, realistic numbered-item plans of a chosen size, for the benchmark and the CLI's
// large-input tests. Deterministic (seeded), so timings compare across runs.

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const POWERS = ["", "十", "百", "千"];

/** Chinese numeral for 1..9999 as headings print it ("十二", "一百零五"). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`no heading numeral for ${n}`);
  const digits = String(n).split("").map(Number);
  let out = "";
  let pendingZero = false;
  digits.forEach((d, i) => {
    const power = digits.length - 1 - i;
    if (d === 0) {
      pendingZero = out.length > 0;
      return;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    // "十二" not "一十二": the leading one is dropped only for 10..19.
    out += (d === 1 && power === 1 && i === 0 ? "" : (DIGITS[d] ?? "")) + (POWERS[power] ?? "");
  });
  return out;
}

const VERBS = ["深入实施", "加快推进", "持续完善", "统筹推进", "全面加强", "积极探索", "健全", "优化"];
const OBJECTS = [
  "知识产权保护体系",
  "专利转化运用专项行动",
  "商标品牌培育工程",
  "地理标志运用促进工程",
  "知识产权公共服务网络",
  "知识产权质押融资",
  "海外知识产权纠纷应对指导",
  "高价值专利培育",
];
const BODIES = [
  "建立健全工作机制，明确责任分工，加强部门协同，形成工作合力",
  "组织开展专项检查，严厉打击侵权假冒违法行为，营造良好营商环境",
  "支持高校、科研院所完善成果转化激励政策，激发创新活力",
  "推动重点产业知识产权联盟建设，提升产业竞争力",
  "加强宣传培训，提升市场主体知识产权意识和管理能力",
];
const LEADS = ["市市场监管局（市知识产权局）", "市科技局", "市工业和信息化局", "市商务局", "市中级人民法院"];
const SUPPORTS = ["市公安局", "市司法局", "市财政局", "各区县人民政府", "市委宣传部"];
const DEADLINES = ["2024年6月底前", "年底前", "持续推进", "2024年12月底前完成并持续推进", "9月份前", "全年"];

export type GeneratedPlan = { text: string; items: number; bytes: number };

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function item(n: number, pick: <T>(xs: readonly T[]) => T): string {
  const title = `${pick(VERBS)}${pick(OBJECTS)}`;
  const body = `${pick(BODIES)}；${pick(BODIES)}。`;
  const annotation = `（牵头单位：${pick(LEADS)}；配合单位：${pick(SUPPORTS)}、${pick(SUPPORTS)}；完成时限：${pick(DEADLINES)}）`;
  return `${n}. ${title}。${body}${annotation}`;
}

/**
 * A plan of about `targetBytes` UTF-8 bytes: a title and notice, then headings 一、 with sub-headings
 * （一） of a few numbered items each. Numbering restarts under each 一、 heading, as long plans do; a
 * single run numbered into the thousands is not something real plans print.
 */
export function generatePlan(targetBytes: number, seed = 1): GeneratedPlan {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const lines = [
    "2024年全市知识产权工作要点",
    "",
    "各区县人民政府，市政府各部门：",
    "现将2024年全市知识产权工作要点印发给你们，请认真贯彻落实。",
    "",
  ];
  let bytes = Buffer.byteLength(lines.join("\n"));
  let items = 0;
  for (let h = 1; bytes < targetBytes; h++) {
    const heading = `${chineseNumeral(Math.min(h, 9999))}、${pick(VERBS)}${pick(OBJECTS)}`;
    lines.push(heading);
    bytes += Buffer.byteLength(heading) + 1;
    let number = 0;
    for (let s = 1; s <= 10 && bytes < targetBytes; s++) {
      const sub = `（${chineseNumeral(s)}）${pick(OBJECTS)}`;
      lines.push(sub);
      bytes += Buffer.byteLength(sub) + 1;
      for (let i = 0; i < 5 && bytes < targetBytes; i++) {
        items++;
        const line = item(++number, pick);
        lines.push(line);
        bytes += Buffer.byteLength(line) + 1;
      }
    }
  }
  const text = `${lines.join("\n")}\n`;
  return { text, items, bytes: Buffer.byteLength(text) };
}
