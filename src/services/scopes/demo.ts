// Demo data for selective scopes: right after a seed plan's import the office decides most of its
// 有关地区 / 各有关市 scopes (two candidates in three, by id, and the demo's own city and division when
// they are candidates, so their pages have the work), opens a 领办 window on the second and leaves the
// first 待选定 — each state on first start. Decided through the service, so it is audited like a person's.
import { addDays } from "../../domain/dates.ts";
import type { Store } from "../../store/db.ts";
import { decideScope, listScopes, openOptIn } from "./scopes.ts";

const DEMO_UNITS = ["泰安市市场监督管理局", "知识产权保护处"];

export async function loadScopeDemo(store: Store, planId: number, today: string, adminId: number): Promise<void> {
  const db = store.db;
  const admin = await db.selectFrom("users").select(["org_id"]).where("id", "=", adminId).executeTakeFirstOrThrow();
  const actor = { userId: adminId, orgId: admin.org_id, role: "admin" as const, scope: { all: true as const } };
  const plan = await db.selectFrom("plans").select("created_at").where("id", "=", planId).executeTakeFirstOrThrow();
  const at = new Date(plan.created_at);
  const scopes = await listScopes(db, actor, { planId, openOnly: true }, today);
  if (scopes.length === 0) return;
  const units = new Set(
    (
      await db
        .selectFrom("orgs")
        .select("id")
        .where((eb) => eb.or(DEMO_UNITS.map((name) => eb("name", "like", `${name}%`))))
        .execute()
    ).map((o) => o.id),
  );
  for (const [k, scope] of scopes.entries()) {
    if (k === 0) continue;
    if (k === 1) {
      await openOptIn(db, actor, { scopeId: scope.id, until: addDays(today, 21) }, today);
      continue;
    }
    const ids = scope.candidates.map((c) => c.orgId).sort((a, b) => a - b);
    const chosen = ids.filter((id, i) => units.has(id) || (i + scope.id) % 3 !== 0);
    await decideScope(db, actor, { scopeId: scope.id, orgIds: chosen, at }, today);
  }
}
