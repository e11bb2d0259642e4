// One audit entry's changes as "field: before → after" lines; ids of units, roles and kinds read as names.
import { Typography } from "antd";
import { USER_ROLE_LABEL, type UserRole } from "../../i18n/common.ts";
import { fill, type Lang, useLang, useText } from "../../i18n/lang.tsx";
import { diffEntry, type FieldChange, formatValue, listDelta } from "./auditDiff.ts";
import { fieldLabel } from "./auditLabels.ts";
import type { Org } from "./data.ts";
import { kindLabel } from "./orgKinds.ts";

const text = {
  zh: { yes: "是", no: "否", none: "（无字段变化）", more: "另有 {n} 项", added: "新增", removed: "删除" },
  en: { yes: "yes", no: "no", none: "(no field changed)", more: "{n} more", added: "added", removed: "removed" },
};

const SHOWN = 8;

function display(change: FieldChange, value: unknown, lang: Lang, orgs: ReadonlyMap<number, Org>, yesNo: string[]) {
  const leaf = change.field.split(".").at(-1) ?? "";
  const namesOrg = leaf === "orgId" || leaf === "parentId" || leaf.endsWith("OrgId");
  if (namesOrg && typeof value === "number") return orgs.get(value)?.name ?? `#${value}`;
  if (leaf === "role" && typeof value === "string" && value in USER_ROLE_LABEL[lang])
    return USER_ROLE_LABEL[lang][value as UserRole];
  if (leaf === "kind" && typeof value === "string") return kindLabel(lang, value);
  return formatValue(value, yesNo[0] ?? "", yesNo[1] ?? "");
}

export function AuditChanges({
  before,
  after,
  orgs,
}: {
  before: unknown;
  after: unknown;
  orgs: ReadonlyMap<number, Org>;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const changes = diffEntry(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
  const yesNo = [t.yes, t.no];
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="audit-changes">
      {changes.slice(0, SHOWN).map((change) => {
        const delta = change.kind === "changed" ? listDelta(change.before, change.after) : null;
        return delta ? (
          <li key={change.field}>
            <Typography.Text strong>{fieldLabel(lang, change.field)}</Typography.Text>
            {"："}
            {delta.added.length > 0 && `${t.added} ${delta.added.join("、")}`}
            {delta.added.length > 0 && delta.removed.length > 0 && "；"}
            {delta.removed.length > 0 && (
              <>
                {`${t.removed} `}
                <Typography.Text delete type="secondary">
                  {delta.removed.join("、")}
                </Typography.Text>
              </>
            )}
          </li>
        ) : (
          <li key={change.field}>
            <Typography.Text strong>{fieldLabel(lang, change.field)}</Typography.Text>
            {"："}
            {change.kind !== "added" && (
              <Typography.Text delete={change.kind === "removed"} type="secondary">
                {display(change, change.before, lang, orgs, yesNo)}
              </Typography.Text>
            )}
            {change.kind === "changed" && " → "}
            {change.kind !== "removed" && <span>{display(change, change.after, lang, orgs, yesNo)}</span>}
          </li>
        );
      })}
      {changes.length > SHOWN && (
        <li>
          <Typography.Text type="secondary">{fill(t.more, { n: changes.length - SHOWN })}</Typography.Text>
        </li>
      )}
    </ul>
  );
}
