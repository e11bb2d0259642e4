// The plan view's filters and tab live in the URL (/plans/3?org=12&status=overdue, /plans/3?tab=indicators),
// so a link can open a filtered view or the indicators.
import { type AssignmentStatus, STATUS_ORDER } from "../../i18n/common.ts";

export type ViewFilters = {
  org?: number;
  status?: AssignmentStatus;
  q?: string;
  /** Order of measures within each task; the document's order when absent. */
  sort?: "due" | "status";
  /** The indicators tab, or the review list of unit names to confirm, instead of the tasks. */
  tab?: "indicators" | "review";
};

export function readViewFilters(params: URLSearchParams): ViewFilters {
  const org = Number(params.get("org"));
  const status = params.get("status");
  const q = params.get("q")?.trim();
  const sort = params.get("sort");
  return {
    ...(params.get("tab") === "indicators" ? { tab: "indicators" as const } : {}),
    ...(params.get("tab") === "review" ? { tab: "review" as const } : {}),
    ...(sort === "due" || sort === "status" ? { sort } : {}),
    ...(Number.isInteger(org) && org > 0 ? { org } : {}),
    ...(status && (STATUS_ORDER as string[]).includes(status) ? { status: status as AssignmentStatus } : {}),
    ...(q ? { q } : {}),
  };
}

export function writeViewFilters(filters: ViewFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.org !== undefined) params.set("org", String(filters.org));
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.tab) params.set("tab", filters.tab);
  return params;
}
