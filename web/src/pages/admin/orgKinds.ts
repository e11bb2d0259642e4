// The kinds of org in the directory, named as the directory spreadsheet's 类型 column names them.
import type { Lang } from "../../i18n/lang.tsx";

export const ORG_KINDS = [
  "national",
  "province",
  "city",
  "county",
  "township",
  "division",
  "department",
  "other",
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const KIND_LABEL: Record<Lang, Record<OrgKind, string>> = {
  zh: {
    national: "国家",
    province: "省级",
    city: "市级",
    county: "县级",
    township: "乡镇街道",
    division: "内设机构",
    department: "部门",
    other: "其他",
  },
  en: {
    national: "National",
    province: "Provincial",
    city: "City",
    county: "County",
    township: "Township",
    division: "Division",
    department: "Department",
    other: "Other",
  },
};

export function kindLabel(lang: Lang, kind: string): string {
  return (KIND_LABEL[lang] as Record<string, string>)[kind] ?? kind;
}
