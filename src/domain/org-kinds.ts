// The kinds of org in the directory and their names in both languages: the one list the server (schema
// types, the directory spreadsheet's 类型 column, the API's enums) and the web app (web/src/pages/admin/
// orgKinds.ts imports this file) share. Imports nothing, so the browser bundle can take it as it is.

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
export type OrgKindValue = (typeof ORG_KINDS)[number];

/** zh: as the directory spreadsheet's 类型 column writes them (and reads them back); en: the UI's words. */
export const ORG_KIND_LABEL: { readonly zh: Record<OrgKindValue, string>; readonly en: Record<OrgKindValue, string> } =
  {
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
