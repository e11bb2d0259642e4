// The kinds of org in the directory and their names: the server's one list (src/domain/org-kinds.ts, which
// imports nothing), so the admin pages, the import wizard and the directory spreadsheet say the same.
import { ORG_KIND_LABEL, ORG_KINDS, type OrgKindValue } from "../../../../src/domain/org-kinds.ts";
import type { Lang } from "../../i18n/lang.tsx";

export { ORG_KINDS };
export type OrgKind = OrgKindValue;

export const KIND_LABEL: Record<Lang, Record<OrgKind, string>> = ORG_KIND_LABEL;

export function kindLabel(lang: Lang, kind: string): string {
  return (KIND_LABEL[lang] as Record<string, string>)[kind] ?? kind;
}
