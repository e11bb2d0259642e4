// Overdue and at-risk work gathered for supervision: every page of it over the caller's subtree, grouped by
// unit, worst unit first.
import { api, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import type { AssignmentStatus } from "../../i18n/common.ts";

export type Assignment = ResponseOf<"/api/assignments">["items"][number];
export type RiskStatus = Extract<AssignmentStatus, "overdue" | "unfinished" | "report_missing" | "due_soon">;
/** Unfinished (未办结, issue 10): open-ended work left open when its plan's period ended; red like overdue. */
export const RISK_STATUSES: RiskStatus[] = ["overdue", "unfinished", "report_missing", "due_soon"];

const PAGE = 200;
/** Enough for a province's plans; beyond it the page says the list is cut and asks to narrow by plan. */
export const RISK_CAP = 2000;

export async function fetchAtRisk(plan: number | undefined): Promise<{ items: Assignment[]; total: number }> {
  const page = (offset: number) =>
    unwrap(
      api.GET("/api/assignments", {
        params: { query: { status: RISK_STATUSES.join(","), limit: PAGE, offset, ...(plan ? { plan } : {}) } },
      }),
    );
  // The first page tells how many there are; the rest are fetched side by side.
  const first = await page(0);
  const offsets: number[] = [];
  for (let offset = PAGE; offset < Math.min(first.total, RISK_CAP); offset += PAGE) offsets.push(offset);
  const rest = await Promise.all(offsets.map(page));
  return { items: [first, ...rest].flatMap((p) => p.items), total: first.total };
}

export type OrgGroup = {
  orgId: number;
  orgName: string;
  items: Assignment[];
  counts: Record<RiskStatus, number>;
};

const severity = (status: AssignmentStatus) => {
  const index = RISK_STATUSES.indexOf(status as RiskStatus);
  return index < 0 ? RISK_STATUSES.length : index;
};

/** Items worst first, then by due date (undated last). */
export const byUrgency = (a: Assignment, b: Assignment): number =>
  severity(a.status) - severity(b.status) || (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999");

/** Units ordered by most overdue, then most unfinished, then most reports missing, then most due soon; ties by name. */
export function groupByOrg(items: readonly Assignment[]): OrgGroup[] {
  const groups = new Map<number, OrgGroup>();
  for (const item of items) {
    const group = groups.get(item.orgId) ?? {
      orgId: item.orgId,
      orgName: item.orgName,
      items: [],
      counts: { overdue: 0, unfinished: 0, report_missing: 0, due_soon: 0 },
    };
    group.items.push(item);
    if (item.status in group.counts) group.counts[item.status as RiskStatus] += 1;
    groups.set(item.orgId, group);
  }
  for (const group of groups.values()) group.items.sort(byUrgency);
  return [...groups.values()].sort(
    (a, b) =>
      b.counts.overdue - a.counts.overdue ||
      b.counts.unfinished - a.counts.unfinished ||
      b.counts.report_missing - a.counts.report_missing ||
      b.counts.due_soon - a.counts.due_soon ||
      a.orgName.localeCompare(b.orgName, "zh-CN"),
  );
}
