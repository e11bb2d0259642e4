// The plans a plan's opening text cites (为落实《…规划》…, 根据《…》（国知发…〔2021〕…号）): the titles in
// 《》 and the document numbers (文号), and whether a cited title or number is a given plan's. Titles
// compare normalised: no book-title marks, quotes or spaces, 第十四个五年 as 十四五, and the years and
// periods taken out (a 2021 citation does not match a plan of 2022: stated years must agree). A place or
// issuer prefix the cited title carries and the plan's stored title lacks (《山东省“十四五”…规划》 for a
// plan titled “十四五”…规划 issued by 山东省…) matches only when that plan's issuer or office bears it.
import { placeName } from "./fanout.ts";

export type Citations = { titles: string[]; docNumbers: string[] };

const DOC_NUMBER = /[\p{Script=Han}A-Za-z]{1,16}[〔［[(（]\s*(\d{4})\s*[〕］\])）]\s*第?\s*(\d{1,5})\s*号/gu;

/** The cited titles (inner 〈…〉 titles too) and 文号 of a text, each once, in order. */
export function extractCitations(text: string): Citations {
  const titles: string[] = [];
  const add = (list: string[], item: string) => {
    if (item !== "" && !list.includes(item)) list.push(item);
  };
  for (const m of text.matchAll(/《([^《》]{2,120})》/g)) {
    const title = (m[1] ?? "").replace(/\s+/g, "");
    add(titles, title);
    for (const inner of title.matchAll(/[〈<]([^〈〉<>]{2,120})[〉>]/g)) add(titles, inner[1] ?? "");
  }
  const docNumbers: string[] = [];
  for (const m of text.matchAll(DOC_NUMBER))
    add(docNumbers, normalizeDocNumber(m[0].replace(/^(?:根据|按照|依据|依照|参照|[及和与暨、])+/u, "")));
  return { titles, docNumbers };
}

/** 文号 compare with one kind of bracket and no spaces: 鲁政办字[2021]78号 = 鲁政办字〔2021〕78号. */
export function normalizeDocNumber(s: string): string {
  return s
    .replace(/\s+/g, "")
    .replace(/[［[(（]/g, "〔")
    .replace(/[］\])）]/g, "〕")
    .replace(/〕第/, "〕");
}

const YEARS = /(\d{4})(?:\s*[-—–~～至到]\s*(\d{4}))?\s*年?(?:度)?/g;

/** The title without marks, quotes, spaces and years; and the years it stated. */
export function normalizeTitle(title: string): { key: string; years: string } {
  const plain = title
    .replace(/[《》〈〉<>]/g, "")
    .replace(/[\s\u00a0\u3000“”"'‘’「」『』]/g, "")
    .replace(/第十四个五年/g, "十四五")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
  const years = [...plain.matchAll(YEARS)].map((m) => (m[2] ? `${m[1]}-${m[2]}` : (m[1] ?? ""))).join(",");
  const key = plain
    .replace(YEARS, "")
    .replace(/\(\s*\)/g, "")
    .replace(/^[、，,]+|[、，,]+$/g, "");
  return { key, years };
}

export type CitedCandidate = {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  orgName: string;
};

/** How a citation names the candidate plan: by its 文号, its title, or not at all. */
export function citedAs(citations: Citations, plan: CitedCandidate): "doc_number" | "title" | null {
  // The printed number may run into the words before it (…及湘政办发〔2021〕12号): its end must be the plan's.
  const number = plan.docNumber ? normalizeDocNumber(plan.docNumber) : "";
  if (number.length > 6 && citations.docNumbers.some((d) => d.endsWith(number))) return "doc_number";
  const own = normalizeTitle(plan.title);
  if (own.key.length < 4) return null;
  const prefixes = [plan.issuer, plan.orgName, placeName(plan.orgName), plan.issuer ? placeName(plan.issuer) : null]
    .filter((p): p is string => typeof p === "string" && p !== "")
    .map((p) => p.replace(/\s+/g, ""));
  for (const cited of citations.titles) {
    const c = normalizeTitle(cited);
    if (c.years !== "" && own.years !== "" && c.years !== own.years) continue;
    if (c.key === own.key) return "title";
    if (c.key.endsWith(own.key) && prefixes.some((p) => c.key === `${p}${own.key}`)) return "title";
  }
  return null;
}
