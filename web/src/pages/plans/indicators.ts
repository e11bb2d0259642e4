// Indicators as the plan view shows them: the target in an office's words, how far the latest value is
// toward it, and which orgs the user may record values for (the server's rule, to hide what would fail).
// Pure (no API client), so it is tested outside a browser.

type Target = { op: string; target: number; targetHigh: number | null; unit: string };
type Judged = { latest: { attainment: { ratio: number; met: boolean } | null } | null };

const number = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** "≥560件", "≤15个月", "3–5家": the same words as the server's register and report. */
export function describeTarget(i: Target): string {
  switch (i.op) {
    case ">=":
      return `≥${number(i.target)}${i.unit}`;
    case ">":
      return `>${number(i.target)}${i.unit}`;
    case "<=":
      return `≤${number(i.target)}${i.unit}`;
    case "=":
      return `${number(i.target)}${i.unit}`;
    case "range":
      return i.targetHigh === null
        ? `≥${number(i.target)}${i.unit}`
        : `${number(i.target)}–${number(i.targetHigh)}${i.unit}`;
    default:
      return `${i.op} ${number(i.target)}${i.unit}`;
  }
}

export const formatValue = (value: number, unit: string): string => `${number(value)}${unit}`;

/** The latest value's attainment as a whole percent (0–100), or null when there is none to judge. */
export function attainmentPercent(i: Judged): number | null {
  const ratio = i.latest?.attainment?.ratio;
  return ratio === undefined || ratio === null ? null : Math.round(Math.min(Math.max(ratio, 0), 1) * 100);
}

export type Standing = "met" | "short" | "none";

/** Met, short of the target, or nothing recorded yet (the table filters by it). */
export function standingOf(i: Judged): Standing {
  if (!i.latest) return "none";
  return i.latest.attainment?.met ? "met" : "short";
}

type Unit = { value: number; label: string };

/**
 * The orgs the user may record values for: the user's role must allow it at all (mayRecord, from
 * can.recordIndicators); an org must have issued the plan or hold work in it (the plan's units, as the
 * user sees them), and be the reporter's own org, in a plan office's subtree (the units it sees are),
 * or any for an admin.
 */
export function recordingOrgs(
  user: { role: string; orgId: number; mayRecord: boolean },
  plan: { orgId: number; orgName: string },
  units: readonly Unit[],
  seesIssuer: boolean,
): Unit[] {
  if (!user.mayRecord) return [];
  const candidates = [...units];
  if (seesIssuer && !candidates.some((u) => u.value === plan.orgId))
    candidates.unshift({ value: plan.orgId, label: plan.orgName });
  const allowed = user.role === "reporter" ? candidates.filter((u) => u.value === user.orgId) : candidates;
  // The user's own org first (recording one's own figure is the usual case), then the issuing office.
  const rank = (u: Unit) => (u.value === user.orgId ? 0 : u.value === plan.orgId ? 1 : 2);
  return allowed.sort((a, b) => rank(a) - rank(b));
}

export type RecordErrorText = {
  errValue: string;
  errAsOf: string;
  errSource: string;
  errOrg: string;
  errForbidden: string;
  errNotFound: string;
};

/**
 * A refused value in the user's words: the fields the server names (body.asOf…), or what the status
 * means; null when neither says more than the server's own message.
 */
export function recordErrorText(status: number, paths: readonly string[], t: RecordErrorText): string | null {
  if (status === 403) return t.errForbidden;
  if (status === 404) return t.errNotFound;
  const fields = new Set(paths.map((p) => p.replace(/^body\./, "")));
  const said = [
    fields.has("value") && t.errValue,
    fields.has("asOf") && t.errAsOf,
    fields.has("source") && t.errSource,
    fields.has("orgId") && t.errOrg,
  ].filter((s): s is string => typeof s === "string");
  return said.length > 0 ? said.join(" ") : null;
}
