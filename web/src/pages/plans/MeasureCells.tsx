// The cells of a measure's row in the plan view: units with their roles, due date (the printed deadline on
// hover) and the latest progress. Plain elements where a big plan repeats them a thousand times.
import { Tooltip, Typography } from "antd";
import { REPORT_STATUS_LABEL, type ReportStatus, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { latestReport, type Measure, type PlanAssignment } from "./planData.ts";

const SHOWN_UNITS = 6;
/** A unit's label, drawn like a small tag. */
const UNIT = {
  display: "inline-block",
  padding: "0 7px",
  fontSize: 12,
  lineHeight: "20px",
  borderWidth: 1,
  borderStyle: "solid",
  borderColor: "#d9d9d9",
  borderRadius: 4,
  background: "#fafafa",
  color: "rgba(0, 0, 0, 0.88)",
} as const;

const text = {
  zh: {
    printed: "原文：{raw}",
    ongoing: "持续推进",
    more: "等 {n} 个单位",
    none: "暂无",
    asPrinted: "（原文）",
    toConfirm: "待确认",
    toConfirmHint: "未匹配到机构，在“待确认单位”中处理",
  },
  en: {
    printed: "As printed: {raw}",
    ongoing: "Ongoing",
    more: "+{rest} more",
    none: "None",
    asPrinted: "(as printed)",
    toConfirm: "To confirm",
    toConfirmHint: "Matched no org; resolve it under Names to confirm",
  },
};

export function UnitsCell({
  measure,
  assignments,
  highlightOrg,
}: {
  measure: Measure;
  assignments: PlanAssignment[];
  highlightOrg: number | undefined;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const pending = measure.unresolved.map((u) => (
    <span
      key={`?${u.name}`}
      title={t.toConfirmHint}
      data-testid="unit-to-confirm"
      style={{ ...UNIT, borderStyle: "dashed", color: "rgba(0, 0, 0, 0.55)", background: "#f5f5f5" }}
    >
      {u.name}（{t.toConfirm}）
    </span>
  ));
  if (assignments.length === 0 && pending.length > 0)
    return <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>{pending}</div>;
  if (assignments.length === 0)
    return (
      <Typography.Text type="secondary">
        {measure.statedUnits || t.none} {measure.statedUnits ? t.asPrinted : ""}
      </Typography.Text>
    );
  // The unit the view is filtered by goes first, so it is never hidden among the "more".
  const ordered =
    highlightOrg === undefined
      ? assignments
      : [
          ...assignments.filter((a) => a.orgId === highlightOrg),
          ...assignments.filter((a) => a.orgId !== highlightOrg),
        ];
  const label = (a: PlanAssignment) => `${a.orgName}（${UNIT_ROLE_LABEL[lang][a.role]}）`;
  const rest = ordered.slice(SHOWN_UNITS);
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
      {ordered.slice(0, SHOWN_UNITS).map((a) => (
        <span
          key={a.id}
          style={{
            ...UNIT,
            fontWeight: a.role === "lead" ? 600 : undefined,
            borderColor: a.orgId === highlightOrg ? "#b71c1c" : UNIT.borderColor,
          }}
        >
          {label(a)}
        </span>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map(label).join("、")}>
          <button type="button" style={{ ...UNIT, cursor: "help" }}>
            {fill(t.more, { n: assignments.length, rest: rest.length })}
          </button>
        </Tooltip>
      )}
      {pending}
    </div>
  );
}

export function DueCell({ measure }: { measure: Measure }) {
  const t = useText(text);
  const deadline = measure.deadline;
  if (!deadline) return <>{t.none}</>;
  return (
    <Tooltip title={fill(t.printed, { raw: deadline.raw })}>
      <span data-testid={`due-${measure.id}`}>
        {deadline.due ?? deadline.raw}
        {deadline.ongoing && (
          <div>
            <Typography.Text type="secondary">{t.ongoing}</Typography.Text>
          </div>
        )}
      </span>
    </Tooltip>
  );
}

export function LatestCell({ assignments }: { assignments: PlanAssignment[] }) {
  const t = useText(text);
  const { lang } = useLang();
  const latest = latestReport(assignments);
  if (!latest) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
  const status = REPORT_STATUS_LABEL[lang][latest.status as ReportStatus] ?? latest.status;
  return <>{`${latest.period} · ${status}${latest.percent === null ? "" : ` · ${latest.percent}%`}`}</>;
}
