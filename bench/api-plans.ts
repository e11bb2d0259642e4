// The plans of the benchmark province, as data: who issues them, their span and cadence, and each
// measure's text, deadline, sign-off and responsible orgs. The fan-out follows real plans: provincial
// measures go to divisions, to every city (各市市场监督管理局) or to every region (各地区); city
// measures to the city itself or to its counties; county measures to the county.
import { lastDayOfMonth } from "../src/domain/dates.ts";

export type Assignee = { orgId: number; role: "lead" | "support" | "owner"; via: string | null };
export type MeasureSpec = {
  taskTitle: string;
  text: string;
  units: string;
  deadlineRaw: string | null;
  dueOn: string | null;
  ongoing: boolean;
  signedOff: boolean;
  assignees: Assignee[];
};
export type PlanSpec = {
  ownerId: number;
  title: string;
  issuer: string;
  from: number;
  to: number;
  cadence: "monthly" | "quarterly";
  measures: MeasureSpec[];
};

export type BenchOrgs = {
  provinceId: number;
  divisionIds: number[];
  cityIds: number[];
  countyIds: number[];
  countiesOf(cityId: number): number[];
};

type Random = () => number;

/** mulberry32: small, seeded, good enough to spread test data. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const TOPICS = [
  "专利质押融资",
  "地理标志保护",
  "知识产权维权援助",
  "商业秘密保护",
  "高价值专利培育",
  "专利导航",
  "知识产权纠纷调解",
  "海外维权",
  "专利转化运用",
  "商标品牌建设",
  "知识产权公共服务",
  "知识产权行政裁决",
  "知识产权强县建设",
  "快速维权中心建设",
  "知识产权保险",
  "数据知识产权登记",
  "知识产权人才培养",
  "知识产权宣传",
  "专利密集型产品培育",
  "企业知识产权贯标",
];
const ACTIONS = ["推进", "加强", "完善", "深化", "开展", "健全", "落实", "组织"];
const OBJECTS = ["工作机制", "试点示范", "专项行动", "服务体系", "政策措施", "监测评估", "宣传培训", "协同保护"];
const ENDINGS = [
  "力争全年完成目标任务。",
  "形成一批可复制可推广的经验做法。",
  "按季度报送工作进展。",
  "确保各项措施落地见效。",
  "推动工作提质增效。",
];

function deadline(rnd: Random, from: number, to: number) {
  const r = rnd();
  if (r < 0.2) return { deadlineRaw: "全年", dueOn: `${to}-12-31`, ongoing: true };
  if (r < 0.3) return { deadlineRaw: "持续推进", dueOn: null, ongoing: true };
  const year = from + Math.floor(rnd() * (to - from + 1));
  const month = 1 + Math.floor(rnd() * 12);
  const dueOn = lastDayOfMonth(year, month);
  if (r < 0.36) return { deadlineRaw: `${year}年${month}月底前完成并持续推进`, dueOn, ongoing: true };
  return { deadlineRaw: `${year}年${month}月底前`, dueOn, ongoing: false };
}

function measures(
  rnd: Random,
  count: number,
  span: { from: number; to: number },
  today: string,
  assign: (i: number) => { units: string; assignees: Assignee[] },
): MeasureSpec[] {
  const out: MeasureSpec[] = [];
  let topic = "";
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) topic = pick(rnd, TOPICS);
    const due = deadline(rnd, span.from, span.to);
    const past = due.dueOn !== null && due.dueOn < today;
    out.push({
      taskTitle: `${pick(rnd, ACTIONS)}${topic}`,
      text: `${pick(rnd, ACTIONS)}${topic}${pick(rnd, OBJECTS)}，${pick(rnd, ENDINGS)}`,
      ...due,
      signedOff: rnd() < (past ? 0.45 : 0.04),
      ...assign(i),
    });
  }
  return out;
}

const lead = (orgId: number, via: string | null = null): Assignee => ({ orgId, role: "lead", via });

export function planSpecs(orgs: BenchOrgs, today: string, scale: number, rnd: Random): PlanSpec[] {
  const n = (count: number) => Math.max(4, Math.round(count * scale));
  const regions = [...orgs.cityIds, ...orgs.countyIds];
  const provincial = (i: number) => {
    const division = pick(rnd, orgs.divisionIds);
    if (i % 3 === 0) return { units: "各地区", assignees: regions.map((o) => lead(o, "各地区")) };
    if (i % 3 === 1)
      return {
        units: "各市市场监督管理局",
        assignees: [lead(division), ...orgs.cityIds.map((o) => lead(o, "各市市场监督管理局"))],
      };
    const other = orgs.divisionIds.find((d) => d !== division) as number;
    const support: Assignee = { orgId: other, role: "support", via: null };
    return { units: "知识产权保护处（牵头）", assignees: [lead(division), support] };
  };
  const issuer = "山东省市场监督管理局（知识产权局）";
  const plans: PlanSpec[] = [
    ["山东省“十四五”知识产权保护和运用规划重点任务分工", 2021, 2025, "quarterly", 150],
    ["2023—2025年全省知识产权强省建设任务清单", 2023, 2025, "monthly", 80],
    ["2025年全省知识产权工作要点", 2025, 2025, "monthly", 80],
    ["2024—2025年全省知识产权保护工作方案", 2024, 2025, "quarterly", 62],
  ].map(([title, from, to, cadence, count]) => ({
    ownerId: orgs.provinceId,
    title: title as string,
    issuer,
    from: from as number,
    to: to as number,
    cadence: cadence as "monthly" | "quarterly",
    measures: measures(rnd, n(count as number), { from: from as number, to: to as number }, today, provincial),
  }));

  const cityPlans: [string, number, number, "monthly" | "quarterly"][] = [
    ["2022—2025年知识产权工作任务清单", 2022, 2025, "monthly"],
    ["2025年知识产权工作要点", 2025, 2025, "monthly"],
    ["2024—2025年知识产权保护工作方案", 2024, 2025, "quarterly"],
  ];
  orgs.cityIds.forEach((cityId, ci) => {
    const counties = orgs.countiesOf(cityId);
    const city = (i: number) =>
      i % 2 === 0
        ? { units: "各县（市、区）", assignees: [lead(cityId), ...counties.map((o) => lead(o, "各县（市、区）"))] }
        : { units: "", assignees: [{ orgId: cityId, role: "owner" as const, via: null }] };
    for (const [title, from, to, cadence] of cityPlans)
      plans.push({
        ownerId: cityId,
        title: `第${ci + 1}市${title}`,
        issuer: `第${ci + 1}市市场监督管理局`,
        from,
        to,
        cadence,
        measures: measures(rnd, n(80), { from, to }, today, city),
      });
    // Three counties of each city have a plan of their own.
    for (const countyId of counties.slice(0, 3))
      plans.push({
        ownerId: countyId,
        title: `第${countyId}县2025年知识产权工作要点`,
        issuer: "县市场监督管理局",
        from: 2025,
        to: 2025,
        cadence: "monthly",
        measures: measures(rnd, n(40), { from: 2025, to: 2025 }, today, () => ({
          units: "",
          assignees: [{ orgId: countyId, role: "owner", via: null }],
        })),
      });
  });
  return plans;
}
