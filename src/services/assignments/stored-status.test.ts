// Status as data (migration 017): after every kind of write, and after the daily run moves the date, the
// status each assignment row stores equals the domain rule's answer over the assignment's whole report
// history (loadAssignments + statusOn, the unoptimised path), on both databases. The writes go through
// the services, and the check reads the rows right after the write, before any read could freshen them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { type Kysely, sql } from "kysely";
import { PROVINCE_BUREAU } from "../../../test/support/plans.ts";
import { fileReports } from "../../../test/support/reports.ts";
import { assertCountersAreRows } from "../../../test/support/status-counts.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { runDaily } from "../../jobs/daily.ts";
import type { Store } from "../../store/db.ts";
import type { Database } from "../../store/schema.ts";
import { decompose } from "../decompose/decompose.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan } from "../plans/import-plan.ts";
import type { LoopActor } from "../supervision-loop/access.ts";
import { approveClosure, rejectClosure } from "../supervision-loop/closure.ts";
import { decideExtension, requestExtension } from "../supervision-loop/extensions.ts";
import { reviewReport } from "../supervision-loop/review.ts";
import { fileReport } from "../tracking/reports.ts";
import { closeMeasure, reopenMeasure, signOff, signOffOrgs } from "../tracking/sign-off.ts";
import { listAssignments, loadAssignments, planRollUp, statusOn } from "./assignments.ts";

const DAY = "2025-06-16";
const AT = new Date(`${DAY}T03:00:00Z`);
const LATER = "2025-07-08";

const asDay = (d: unknown): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

/** Every assignment of an active plan: stored (status, missing period, day) against the rule's answer on `day`. */
async function assertStoredIsRule(db: Kysely<Database>, day: string, after: string): Promise<void> {
  const stored = await db
    .selectFrom("assignments as a")
    .innerJoin("plans as p", "p.id", "a.plan_id")
    .where("p.status", "=", "active")
    .select(["a.id", "a.status", "a.status_missing_period", "a.status_as_of"])
    .orderBy("a.id")
    .execute();
  const tracked = (await loadAssignments(db, {})).sort((a, b) => a.id - b.id);
  assert.ok(tracked.length > 0);
  const expected = tracked.map((a) => {
    const s = statusOn(a, day);
    return { id: a.id, status: s.status, missing: s.missingPeriod, day };
  });
  assert.deepEqual(
    stored.map((r) => ({ id: r.id, status: r.status, missing: r.status_missing_period, day: asDay(r.status_as_of) })),
    expected,
    `stored status after ${after}`,
  );
  await assertCountersAreRows(db, after);
}

async function user(db: Kysely<Database>, name: string, role: "admin" | "reporter", orgId: number) {
  return (
    await db
      .insertInto("users")
      .values({ username: name, display_name: name, password_hash: "x", role, org_id: orgId })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

for (const kind of storeKinds()) {
  describe(`stored status on ${kind.name}`, () => {
    const open = storesFor(kind);
    let store: Store;
    let db: Kysely<Database>;
    let planId: number;
    let admin: LoopActor;
    before(async () => {
      store = await open();
      db = store.db;
      await loadReferenceDirectory(db);
      const province = await db
        .selectFrom("orgs")
        .select("id")
        .where("name", "=", PROVINCE_BUREAU)
        .executeTakeFirstOrThrow();
      const bytes = readFileSync(
        join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt"),
      );
      planId = (await importPlan(store, { bytes, fileName: "sd-2021.txt", orgId: province.id, userId: null, at: AT }))
        .planId;
      const adminId = await user(db, "admin", "admin", province.id);
      admin = { userId: adminId, orgId: province.id, role: "admin", scope: { all: true } };
    });

    const someAssignment = async (offset: number) =>
      db
        .selectFrom("assignments")
        .select(["id", "org_id", "measure_id", "due_on"])
        .where("plan_id", "=", planId)
        .where("parent_assignment_id", "is", null)
        .orderBy("id")
        .offset(offset)
        .limit(1)
        .executeTakeFirstOrThrow();

    test("after the import, reports filed and edited, a review", async () => {
      await assertStoredIsRule(db, DAY, "import");
      const a = await someAssignment(0);
      const filed = await fileReport(db, {
        assignmentId: a.id,
        period: "2025-Q1",
        status: "in_progress",
        narrative: "推进中",
        userId: null,
        at: AT,
      });
      await assertStoredIsRule(db, DAY, "report filed");
      const edited = await fileReport(db, {
        assignmentId: a.id,
        period: "2025-Q1",
        status: "done",
        narrative: "已完成",
        userId: null,
        expectedVersion: filed.version,
        at: AT,
      });
      // A done report is the unit's application for closure (申请办结): done only once approved.
      const after = await db
        .selectFrom("assignments")
        .select(["status", "signed_off_at"])
        .where("id", "=", a.id)
        .executeTakeFirstOrThrow();
      assert.notEqual(after.signed_off_at, null);
      assert.equal(after.status, "on_track");
      await assertStoredIsRule(db, DAY, "report edited");
      await reviewReport(db, admin, { reportId: edited.id, decision: "return", note: "请补充材料", at: AT });
      await assertStoredIsRule(db, DAY, "report returned");
    });

    test("after sign-off, closure approved, rejected, the office's close and reopen", async () => {
      const a = await someAssignment(3);
      const signer = (await signOffOrgs(db, a.measure_id))[0] as number;
      const reporter = await user(db, `reporter-${a.id}`, "reporter", signer);
      const version = async () =>
        (await db.selectFrom("measures").select("row_version").where("id", "=", a.measure_id).executeTakeFirstOrThrow())
          .row_version;
      await signOff(db, { measureId: a.measure_id, userId: reporter, expectedVersion: await version(), at: AT });
      await assertStoredIsRule(db, DAY, "sign-off");
      const held = await db
        .selectFrom("assignments")
        .select("id")
        .where("measure_id", "=", a.measure_id)
        .where("signed_off_at", "is not", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await approveClosure(db, admin, { assignmentId: held.id, at: AT });
      const closed = await db
        .selectFrom("assignments")
        .select("status")
        .where("id", "=", held.id)
        .executeTakeFirstOrThrow();
      assert.equal(closed.status, "done");
      await assertStoredIsRule(db, DAY, "closure approved");
      await reopenMeasure(db, {
        measureId: a.measure_id,
        userId: admin.userId,
        expectedVersion: await version(),
        at: AT,
      });
      await assertStoredIsRule(db, DAY, "office reopened");
      await signOff(db, { measureId: a.measure_id, userId: reporter, expectedVersion: await version(), at: AT });
      const applied = await db
        .selectFrom("assignments")
        .select("id")
        .where("measure_id", "=", a.measure_id)
        .where("signed_off_at", "is not", null)
        .where("closed_at", "is", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await rejectClosure(db, admin, { assignmentId: applied.id, note: "材料不全", at: AT });
      await assertStoredIsRule(db, DAY, "closure rejected");
      await closeMeasure(db, {
        measureId: a.measure_id,
        userId: admin.userId,
        expectedVersion: await version(),
        at: AT,
      });
      await assertStoredIsRule(db, DAY, "office closed");
    });

    test("after an extension moves the due date", async () => {
      // An assignment overdue on DAY, moved past it: overdue becomes something else.
      const overdue = await db
        .selectFrom("assignments")
        .select(["id", "org_id"])
        .where("plan_id", "=", planId)
        .where("status", "=", "overdue")
        .where("parent_assignment_id", "is", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const reporterId = await user(db, `ext-${overdue.id}`, "reporter", overdue.org_id);
      const reporter: LoopActor = {
        userId: reporterId,
        orgId: overdue.org_id,
        role: "reporter",
        scope: { all: false, ids: new Set([overdue.org_id]) },
      };
      const request = await requestExtension(db, reporter, {
        assignmentId: overdue.id,
        dueOn: "2025-12-31",
        reason: "客观原因",
        at: AT,
      });
      await decideExtension(db, admin, { extensionId: request.id, approve: true, at: AT });
      const moved = await db
        .selectFrom("assignments")
        .select("status")
        .where("id", "=", overdue.id)
        .executeTakeFirstOrThrow();
      assert.notEqual(moved.status, "overdue");
      await assertStoredIsRule(db, DAY, "extension approved");
    });

    test("after a decomposition", async () => {
      // A holder with an org under it that does not hold the measure yet.
      const row = await sql<{ id: number; child: number }>`
        select a.id, c.id as child from assignments a join orgs c on c.parent_id = a.org_id
         where a.plan_id = ${planId} and a.parent_assignment_id is null
           and not exists (select 1 from assignments x where x.measure_id = a.measure_id and x.org_id = c.id)
         order by a.id, c.id limit 1`.execute(db);
      const target = row.rows[0];
      assert.ok(target, "the seed plan has a holder with an org under it");
      await decompose(db, {
        assignmentId: Number(target.id),
        userId: admin.userId,
        children: [{ orgId: Number(target.child), role: "lead" }],
        at: AT,
      });
      await assertStoredIsRule(db, DAY, "decomposition");
    });

    test("a write that only the triggers see is recomputed before it is read", async () => {
      const a = await someAssignment(7);
      await db.updateTable("assignments").set({ due_on: "2025-06-01" }).where("id", "=", a.id).execute();
      const province = await db
        .selectFrom("orgs")
        .select("id")
        .where("name", "=", PROVINCE_BUREAU)
        .executeTakeFirstOrThrow();
      await fileReports(store, planId, province.id, "2025-Q2", DAY, "in_progress");
      const stale = await db
        .selectFrom("assignments")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status_as_of", "is", null)
        .executeTakeFirstOrThrow();
      assert.ok(Number(stale.n) > 0, "the triggers marked the changed rows");
      const listed = await listAssignments(db, { planId, limit: 100_000 }, DAY);
      const tracked = await loadAssignments(db, { planId });
      const rule = new Map(tracked.map((t) => [t.id, statusOn(t, DAY).status]));
      for (const item of listed.items) assert.equal(item.status, rule.get(item.id), `assignment ${item.id}`);
      await assertStoredIsRule(db, DAY, "a direct write, then a read");
      const rollUp = await planRollUp(db, planId, DAY);
      assert.equal(rollUp.plan.total, tracked.length);
    });

    test("a list page that finds stale rows in its scope recomputes them and is read again", async () => {
      const a = await someAssignment(11);
      const org = Number(a.org_id);
      const ruleOf = async () => {
        const tracked = await loadAssignments(db, { orgIds: [org] });
        return new Map(tracked.map((t) => [t.id, statusOn(t, DAY).status]));
      };
      const rule = await ruleOf();
      const right = rule.get(Number(a.id));
      assert.ok(right);
      // A stored answer that is wrong and marked stale, as a write the triggers saw leaves it.
      const wrong = right === "done" ? "overdue" : "done";
      const spoil = () =>
        db.updateTable("assignments").set({ status: wrong, status_as_of: null }).where("id", "=", a.id).execute();
      const storedOf = async () =>
        db
          .selectFrom("assignments")
          .select(["status", "status_as_of"])
          .where("id", "=", a.id)
          .executeTakeFirstOrThrow();

      await spoil();
      const page = await listAssignments(db, { orgIds: [org], statuses: [right], limit: 1000 }, DAY);
      assert.ok(
        page.items.some((i) => i.id === Number(a.id) && i.status === right),
        "the row its recomputed status puts on the page",
      );
      assert.equal(page.total, [...rule.values()].filter((s) => s === right).length);
      assert.equal((await storedOf()).status, right);

      await spoil();
      const past = await listAssignments(db, { orgIds: [org], limit: 10, offset: 100_000 }, DAY);
      assert.deepEqual(past.items, [], "past the last page");
      assert.equal(past.total, rule.size);
      assert.equal(asDay((await storedOf()).status_as_of), DAY, "freshened though no row was read");
      assert.equal((await storedOf()).status, right);
    });

    test("the daily run moves every stored status to the new day", async () => {
      await runDaily(db, LATER, new Date(`${LATER}T01:00:00Z`));
      await assertStoredIsRule(db, LATER, "the daily run");
      // The rows the date moved: something was due on DAY's horizon and is overdue by LATER.
      const overdue = await db
        .selectFrom("assignments")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status", "=", "overdue")
        .executeTakeFirstOrThrow();
      assert.ok(Number(overdue.n) > 0);
    });
  });
}
