// The orders a list of assignments can be read in (GET /api/assignments?sort=). Every sort is a stable
// sort of the list order (due date, undated last, then id): ties keep that order, so a page boundary is
// the same on every request. compareViews says it for views in memory; listOrder says the same in SQL,
// except for the status sort, which orders by the stored status (assignments.ts, severityOrder).
import { type Kysely, sql } from "kysely";
import { SEVERITY } from "../../domain/status.ts";
import type { Database } from "../../store/schema.ts";
import type { AssignmentView } from "./history.ts";
import { type AssignmentSort, inListOrder, type Joined } from "./query.ts";

const severityRank = new Map(SEVERITY.map((status, index) => [status, index]));
const byText = (a: string, b: string) => a.localeCompare(b, "zh-Hans-CN");
const KEYS: Record<"due" | "status" | "org" | "plan", (a: AssignmentView, b: AssignmentView) => number> = {
  // Undated (ongoing, or a deadline not understood) sorts after every date either way.
  due: (a, b) => (a.dueOn === b.dueOn ? 0 : a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn < b.dueOn ? -1 : 1),
  status: (a, b) => (severityRank.get(a.status) ?? 0) - (severityRank.get(b.status) ?? 0),
  org: (a, b) => byText(a.orgName, b.orgName),
  plan: (a, b) => byText(a.planTitle, b.planTitle),
};

const descending = (sort: AssignmentSort) => sort.startsWith("-");
const keyOf = (sort: AssignmentSort) => (descending(sort) ? sort.slice(1) : sort) as keyof typeof KEYS;

/** The sort's comparator for views in list order (Array.sort is stable). */
export function compareViews(sort: AssignmentSort): (a: AssignmentView, b: AssignmentView) => number {
  const key = KEYS[keyOf(sort)];
  if (!descending(sort)) return key;
  if (sort !== "-due") return (a, b) => key(b, a);
  return (a, b) => (a.dueOn === null || b.dueOn === null ? key(a, b) : key(b, a));
}

/**
 * A search's relevance order for views in list order (query.ts TEXT_TIERS, as SQL says it): the words as typed
 * in the measure's text count 2, in the task's title 1, best first; ties keep the list order.
 */
export function compareRelevance(q: string): (a: AssignmentView, b: AssignmentView) => number {
  const words = q.trim();
  const tier = (v: AssignmentView) => (v.measureText.includes(words) ? 2 : 0) + (v.taskTitle.includes(words) ? 1 : 0);
  return (a, b) => tier(b) - tier(a);
}

/** True for the sorts that need every status in scope before a page can be cut. */
export const sortsByStatus = (sort: AssignmentSort | undefined): boolean => sort === "status" || sort === "-status";

/**
 * Ranks of every org (or active plan) by name in the collation compareViews uses, which the databases
 * cannot be relied on to have: ids in name order, and each id's rank, equal names sharing one.
 */
async function nameRanks(db: Kysely<Database>, key: "org" | "plan"): Promise<{ ids: number[]; ranks: number[] }> {
  const named =
    key === "org"
      ? await db.selectFrom("orgs").select(["id", "name"]).execute()
      : await db.selectFrom("plans").select(["id", "title as name"]).where("status", "=", "active").execute();
  named.sort((a, b) => byText(a.name, b.name));
  const ranks: number[] = [];
  for (const [i, n] of named.entries()) {
    const previous = named[i - 1];
    ranks.push(previous && byText(previous.name, n.name) === 0 ? (ranks[i - 1] as number) : i);
  }
  return { ids: named.map((n) => n.id), ranks };
}

/** The sort as SQL ordering; a status sort is list order here (severityOrder puts the status first). */
export async function listOrder(
  db: Kysely<Database>,
  sort: AssignmentSort | undefined,
): Promise<(q: Joined) => Joined> {
  if (sort === undefined) return inListOrder;
  if (sort === "-due") return (q) => q.orderBy("a.due_on", (ob) => ob.desc().nullsLast()).orderBy("a.id");
  const key = keyOf(sort);
  if (key === "due" || key === "status") return inListOrder;
  const { ids, ranks } = await nameRanks(db, key);
  const column = key === "org" ? sql.ref("a.org_id") : sql.ref("a.plan_id");
  const rank = sql<number>`(${ranks}::int[])[array_position(${ids}::bigint[], ${column})]`;
  return (q) => inListOrder(q.orderBy(rank, descending(sort) ? "desc" : "asc"));
}
