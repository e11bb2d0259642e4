// Reading plans: the list a user may see, and one plan with its tasks, measures and assignments.
import { type Kysely, sql } from "kysely";
import { likeContaining, likeStarting } from "../../store/like.ts";
import type { AssignmentRole, Database, OrgKind } from "../../store/schema.ts";

export type PlanSummary = {
  id: number;
  orgId: number;
  orgName: string;
  /** The issuing office's kind: national, province, city, county… */
  level: OrgKind;
  regionCode: string;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  periodFrom: number | null;
  periodTo: number | null;
  version: number;
  status: "active" | "superseded";
  /** Same 文号 (or title) from the same org: the versions of one plan share it. */
  lineageKey: string;
  /** The lineage's active version: this plan's own id unless a later file superseded it. */
  activeVersionId: number | null;
  cadence: "monthly" | "quarterly";
  createdAt: string;
};

/** Plans owned by one of `orgIds`, or assigning work to one of them; all plans when orgIds is undefined. */
export async function listPlans(
  db: Kysely<Database>,
  filter: {
    id?: number;
    orgIds?: number[] | undefined;
    status?: "active" | "superseded";
    year?: number;
    q?: string;
    level?: OrgKind;
    /** A region code: plans of that region and the regions inside it (370000 takes 370900 and 370902). */
    region?: string;
    /** The versions of one plan: its owner org and lineage key. */
    lineage?: { orgId: number; key: string };
  },
): Promise<PlanSummary[]> {
  let query = db
    .selectFrom("plans as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select([
      "p.id",
      "p.org_id",
      "o.name as org_name",
      "o.kind as level",
      "p.region_code",
      "p.title",
      "p.doc_number",
      "p.issuer",
      "p.issued_on",
      "p.period_from",
      "p.period_to",
      "p.version",
      "p.status",
      "p.lineage_key",
      sql<number | null>`(select a.id from plans a where a.org_id = p.org_id and a.lineage_key = p.lineage_key
        and a.status = 'active' order by a.version desc limit 1)`.as("active_version_id"),
      "p.cadence",
      "p.created_at",
    ]);
  const ids = filter.orgIds;
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where((eb) =>
      eb.or([
        eb("p.org_id", "in", ids),
        eb.exists(
          eb
            .selectFrom("assignments as a")
            .select("a.id")
            .whereRef("a.plan_id", "=", "p.id")
            .where("a.org_id", "in", ids),
        ),
      ]),
    );
  }
  if (filter.id !== undefined) query = query.where("p.id", "=", filter.id);
  if (filter.status) query = query.where("p.status", "=", filter.status);
  if (filter.lineage)
    query = query.where("p.org_id", "=", filter.lineage.orgId).where("p.lineage_key", "=", filter.lineage.key);
  if (filter.year !== undefined) {
    const year = filter.year;
    query = query.where("p.period_from", "<=", year).where("p.period_to", ">=", year);
  }
  if (filter.q) query = query.where("p.title", "like", likeContaining(filter.q));
  if (filter.level) query = query.where("o.kind", "=", filter.level);
  if (filter.region !== undefined)
    query = query.where("p.region_code", "like", likeStarting(regionPrefix(filter.region)));
  const rows = await (filter.lineage ? query.orderBy("p.version") : query.orderBy("p.id", "desc")).execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    level: r.level,
    regionCode: r.region_code,
    title: r.title,
    docNumber: r.doc_number,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    version: r.version,
    status: r.status,
    lineageKey: r.lineage_key,
    activeVersionId: r.active_version_id === null ? null : Number(r.active_version_id),
    cadence: r.cadence,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Region codes are hierarchical by digit pairs: 370000 (province) ⊃ 370900 (city) ⊃ 370902 (county). */
export function regionPrefix(code: string): string {
  return code.replace(/(00)+$/, "");
}

/** A plan's outline: its headings, tasks in order, each with its measures (text, deadline, source location). */
export async function planOutline(db: Kysely<Database>, planId: number) {
  const { headings } = await db
    .selectFrom("plans")
    .select("headings")
    .where("id", "=", planId)
    .executeTakeFirstOrThrow();
  const tasks = await db
    .selectFrom("tasks")
    .select(["id", "key", "section", "title", "source"])
    .where("plan_id", "=", planId)
    .orderBy("position")
    .execute();
  const measures = await db
    .selectFrom("measures")
    .select([
      "id",
      "task_id",
      "text",
      "scope",
      "stated_units",
      "deadline_raw",
      "due_on",
      "ongoing",
      "status",
      "source",
      "row_version",
    ])
    .where("plan_id", "=", planId)
    .orderBy("task_id")
    .orderBy("position")
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "name", "op", "target", "target_high", "unit", "due_by"])
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  const unresolved = await db
    .selectFrom("unresolved_units")
    .select(["measure_id", "name", "role"])
    .where("plan_id", "=", planId)
    .where("resolved_org_id", "is", null)
    .orderBy("id")
    .execute();
  const pending = new Map<number, { name: string; role: AssignmentRole }[]>();
  for (const u of unresolved)
    pending.set(u.measure_id, [...(pending.get(u.measure_id) ?? []), { name: u.name, role: u.role }]);
  return {
    headings,
    tasks: tasks.map((t) => ({
      id: t.id,
      key: t.key,
      section: t.section,
      title: t.title,
      source: t.source,
      measures: measures
        .filter((m) => m.task_id === t.id)
        .map((m) => ({
          id: m.id,
          text: m.text,
          scope: m.scope,
          statedUnits: m.stated_units,
          deadline: m.deadline_raw === null ? null : { raw: m.deadline_raw, due: m.due_on, ongoing: m.ongoing },
          status: m.status,
          source: m.source,
          rowVersion: m.row_version,
          unresolved: pending.get(m.id) ?? [],
        })),
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      op: i.op,
      target: i.target,
      targetHigh: i.target_high,
      unit: i.unit,
      by: i.due_by,
    })),
  };
}
