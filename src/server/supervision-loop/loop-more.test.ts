// The loop's remaining pieces (issue 10), on both databases: withdrawing an extension request, a done report
// as the application for closure (申请办结), and the decompose CLI. Clock: 2025-03-01 (testing.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Branches, setUpBranches } from "../../../test/support/two-branches.ts";
import { runAssign } from "../../cli/assign.ts";
import { runDecompose } from "../../cli/decompose.ts";
import { runLoop } from "../../cli/loop.ts";
import type { Store } from "../../store/db.ts";
import { type Agent, signIn, type TestEnv, testEnvOn } from "../testing.ts";

/** Runs a CLI entry on the test's store (left open), capturing what it writes. */
async function cli(store: Store, run: typeof runLoop, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, async () => ({ ...store, close: async () => {} }), {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

for (const kind of storeKinds()) {
  describe(`the loop's remaining pieces on ${kind.name}`, () => {
    let env: TestEnv;
    let b: Branches;
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(await kind.open());
      b = await setUpBranches(env.store);
      for (const name of ["admin", "province_office", "office_jinan", "reporter_jinan", "reporter_taian"])
        agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
    });

    test("the unit withdraws its pending extension request; the office's reminder goes with it", async () => {
      const id = b.assignments["m4:jinan"] as number;
      const asked = await as("reporter_jinan").request("POST", `/api/assignments/${id}/extensions`, {
        dueOn: "2025-09-30",
        reason: "需协调金融机构",
      });
      assert.equal(asked.statusCode, 201, asked.body);
      const ext = asked.json();
      const officeInbox = async () =>
        (await as("province_office").request("GET", "/api/notifications")).json().items as { message: string }[];
      assert.ok((await officeInbox()).some((n) => n.message.includes("延期申请")));
      const reminders = () =>
        env.store.db
          .selectFrom("reminders")
          .select("id")
          .where("assignment_id", "=", id)
          .where("kind", "=", "extension_pending")
          .execute();
      assert.equal((await reminders()).length, 1);

      // Only the unit that asked: not the office deciding it, not an admin.
      for (const who of ["province_office", "admin"])
        assert.equal((await as(who).request("POST", `/api/extensions/${ext.id}/withdraw`, {})).statusCode, 403, who);
      assert.equal(
        (await as("reporter_jinan").request("POST", `/api/extensions/${ext.id}/withdraw`, { expectedVersion: 99 }))
          .statusCode,
        409,
        "stale version",
      );
      const withdrawn = await as("reporter_jinan").request("POST", `/api/extensions/${ext.id}/withdraw`, {});
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal(withdrawn.json().state, "withdrawn");
      assert.equal((await reminders()).length, 0, "the reminder is cleared");
      const inbox = await officeInbox();
      assert.ok(!inbox.some((n) => n.message.includes("【延期申请】")), "its notification went with it");
      assert.ok(inbox.some((n) => n.message.includes("【延期撤回】")));
      const queue = (await as("province_office").request("GET", "/api/loop/queue")).json();
      assert.ok(!queue.extensions.some((e: { extension: { id: number } }) => e.extension.id === ext.id));
      // Withdrawn is final: neither withdrawn again nor decided.
      assert.equal(
        (await as("reporter_jinan").request("POST", `/api/extensions/${ext.id}/withdraw`, {})).statusCode,
        409,
      );
      assert.equal(
        (await as("province_office").request("POST", `/api/extensions/${ext.id}/decide`, { approve: true })).statusCode,
        409,
      );
      const audit = await env.store.db
        .selectFrom("audit_log")
        .select(["action", "user_id"])
        .where("entity", "=", "extension_request")
        .where("entity_id", "=", String(ext.id))
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.user_id]),
        [
          ["extension.request", b.users.reporter_jinan],
          ["extension.withdraw", b.users.reporter_jinan],
        ],
      );
      // The unit may ask again, and withdraw from the CLI.
      const again = await as("reporter_jinan").request("POST", `/api/assignments/${id}/extensions`, {
        dueOn: "2025-08-31",
        reason: "再议",
      });
      assert.equal(again.statusCode, 201, again.body);
      const refused = await cli(env.store, runLoop, [
        "extension",
        String(again.json().id),
        "--as",
        "province_office",
        "--withdraw",
      ]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /只有申请单位本身可以撤回/);
      const byCli = await cli(env.store, runLoop, [
        "extension",
        String(again.json().id),
        "--as",
        "reporter_jinan",
        "--withdraw",
      ]);
      assert.equal(byCli.code, 0, byCli.stderr);
      assert.equal(JSON.parse(byCli.stdout).state, "withdrawn");
    });

    test("luoshi decompose: to units under the holder, refused with exit 2 and the reason", async () => {
      const id = b.assignments["m2:taian"] as number; // due 2025-02-28, 泰安; 泰山区 lies under it
      const wrongUnit = await cli(env.store, runDecompose, [
        String(id),
        "--as",
        "reporter_jinan",
        "--to",
        `${b.orgs.taishan}`,
      ]);
      assert.equal(wrongUnit.code, 2);
      assert.match(wrongUnit.stderr, /No such assignment/);
      const tooLate = await cli(env.store, runDecompose, [
        String(id),
        "--as",
        "reporter_taian",
        "--to",
        "泰山区市场监督管理局:lead:2025-04-30",
      ]);
      assert.equal(tooLate.code, 2);
      assert.match(tooLate.stderr, /children\[0\]\.dueOn/);
      const notUnder = await cli(env.store, runDecompose, [
        String(id),
        "--as",
        "reporter_taian",
        "--to",
        String(b.orgs.jinan),
      ]);
      assert.equal(notUnder.code, 2);
      const ok = await cli(env.store, runDecompose, [
        String(id),
        "--as",
        "reporter_taian",
        "--to",
        "泰山区市场监督管理局:lead:2025-02-20",
        "--instruction",
        "请于2月20日前完成",
        "--format",
        "json",
      ]);
      assert.equal(ok.code, 0, ok.stderr);
      const [child] = JSON.parse(ok.stdout);
      assert.deepEqual(
        [child.orgId, child.role, child.dueOn, child.instruction, child.parentAssignmentId],
        [b.orgs.taishan, "lead", "2025-02-20", "请于2月20日前完成", id],
      );
      const listed = (await as("reporter_taian").request("GET", `/api/assignments/${id}/children`)).json();
      assert.deepEqual(
        listed.children.map((c: { id: number }) => c.id),
        [child.id],
      );
      const twice = await cli(env.store, runDecompose, [
        String(id),
        "--as",
        "reporter_taian",
        "--to",
        String(b.orgs.taishan),
      ]);
      assert.equal(twice.code, 2, "泰山区 holds the measure now");
    });

    test("the plan office changes a measure's units after import; unchanged progress is kept", async () => {
      const measureId = b.measures[2] as number; // m3: 济南 lead, 泰安 support
      const jinan = b.assignments["m3:jinan"] as number;
      const taian = b.assignments["m3:taian"] as number;
      const filed = await as("reporter_taian").request("POST", `/api/assignments/${taian}/reports`, {
        period: "2025-Q1",
        status: "in_progress",
        narrative: "泰安已建成工作站两处",
      });
      assert.equal(filed.statusCode, 200, filed.body);
      const listed = await as("province_office").request("GET", `/api/measures/${measureId}/units`);
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(
        listed.json().units.map((u: { orgId: number; role: string; reports: number }) => [u.orgId, u.role, u.reports]),
        [
          [b.orgs.jinan, "lead", 0],
          [b.orgs.taian, "support", 1],
        ],
      );
      const put = (who: string, body: unknown) => as(who).request("PUT", `/api/measures/${measureId}/units`, body);
      const units = (...u: [number, string][]) => u.map(([orgId, role]) => ({ orgId, role }));
      assert.equal((await put("office_jinan", { units: units([b.orgs.jinan, "lead"]) })).statusCode, 403);
      assert.equal((await put("reporter_jinan", { units: units([b.orgs.jinan, "lead"]) })).statusCode, 403);
      const dup = await put("province_office", { units: units([b.orgs.jinan, "lead"], [b.orgs.jinan, "support"]) });
      assert.equal(dup.statusCode, 400);
      assert.match(dup.body, /units\[1\]\.orgId/);
      assert.equal((await put("province_office", { units: [] })).statusCode, 400);
      assert.equal(
        (await put("province_office", { units: units([b.orgs.jinan, "lead"]), expectedVersion: 999 })).statusCode,
        409,
      );

      // 泰安 becomes a co-lead, 泰山区 joins as support: 济南 unchanged, 泰安's report kept, 泰山区 waits for 签收.
      const changed = await put("province_office", {
        units: units([b.orgs.jinan, "lead"], [b.orgs.taian, "lead"], [b.orgs.taishan, "support"]),
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const r = changed.json();
      assert.deepEqual([r.kept, r.changed.length, r.added.length, r.removed.length], [1, 1, 1, 0]);
      assert.deepEqual([r.changed[0].assignmentId, r.changed[0].from, r.changed[0].to], [taian, "support", "lead"]);
      const added = r.added[0].assignmentId as number;
      const reports = await env.store.db
        .selectFrom("progress_reports")
        .select("narrative")
        .where("assignment_id", "=", taian)
        .execute();
      assert.deepEqual(
        reports.map((x) => x.narrative),
        ["泰安已建成工作站两处"],
      );
      const fresh = await env.store.db
        .selectFrom("assignments")
        .select(["org_id", "role", "due_on", "acknowledged_at", "created_by"])
        .where("id", "=", added)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [fresh.org_id, fresh.role, fresh.due_on, fresh.acknowledged_at, fresh.created_by],
        [b.orgs.taishan, "support", "2025-03-10", null, b.users.province_office],
      );
      const jinanRow = await env.store.db
        .selectFrom("assignments")
        .select("role")
        .where("id", "=", jinan)
        .executeTakeFirstOrThrow();
      assert.equal(jinanRow.role, "lead");
      const inbox = (await as("reporter_taian").request("GET", "/api/notifications")).json().items as {
        message: string;
      }[];
      assert.ok(inbox.some((n) => n.message.includes("由配合调整为牵头")));

      // Removing 泰安, whose assignment has a report: refused unless confirmed; then its report is in the audit log.
      const keep = units([b.orgs.jinan, "lead"], [b.orgs.taishan, "support"]);
      const refused = await put("province_office", { units: keep });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /confirmRemoval/);
      const removed = await put("province_office", { units: keep, confirmRemoval: true });
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual(removed.json().removed, [
        { assignmentId: taian, orgId: b.orgs.taian, reports: 1, subAssignments: 0 },
      ]);
      assert.equal(
        (await env.store.db.selectFrom("assignments").select("id").where("id", "=", taian).execute()).length,
        0,
      );
      const audit = await env.store.db
        .selectFrom("audit_log")
        .select(["after", "user_id"])
        .where("action", "=", "measure.reassign")
        .where("entity_id", "=", String(measureId))
        .orderBy("id")
        .execute();
      assert.equal(audit.length, 2);
      const last = (typeof audit[1]?.after === "string" ? JSON.parse(audit[1].after) : audit[1]?.after) as {
        removedReports: { narrative: string; assignmentId: number }[];
      };
      assert.deepEqual(
        last.removedReports.map((x) => [x.assignmentId, x.narrative]),
        [[taian, "泰安已建成工作站两处"]],
      );
      assert.equal((await as("reporter_taian").request("GET", `/api/assignments/${taian}`)).statusCode, 404);

      // The CLI: the same rules; a unit is refused with exit 2.
      const byUnit = await cli(env.store, runAssign, [
        String(measureId),
        "--as",
        "reporter_jinan",
        "--add",
        "泰安市市场监督管理局",
      ]);
      assert.equal(byUnit.code, 2);
      const back = await cli(env.store, runAssign, [
        String(measureId),
        "--as",
        "province_office",
        "--add",
        "泰安市市场监督管理局:support",
        "--role",
        `${b.orgs.taishan}:owner`,
      ]);
      assert.equal(back.code, 0, back.stderr);
      assert.match(back.stdout, /1 added, 1 changed, 0 removed, 1 kept/);
      const gone = await cli(env.store, runAssign, [
        String(measureId),
        "--as",
        "province_office",
        "--remove",
        String(b.orgs.jinan),
      ]);
      assert.equal(gone.code, 0, gone.stderr);
    });

    test("a report saying done applies for closure; the assignment is done only once the office approves", async () => {
      const id = b.assignments["m5:taian"] as number; // 全年 work of 泰安
      await env.store.db
        .updateTable("assignments")
        .set({ due_on: "2025-02-28", ongoing: false })
        .where("id", "=", id)
        .execute();
      const state = async () => (await as("reporter_taian").request("GET", `/api/assignments/${id}/loop`)).json();
      const status = async () => (await as("reporter_taian").request("GET", `/api/assignments/${id}`)).json().status;
      assert.equal(await status(), "overdue");
      const done = await as("reporter_taian").request("POST", `/api/assignments/${id}/reports`, {
        period: "2025-Q1",
        status: "done",
        narrative: "已完成",
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await state()).closure, "applied");
      assert.equal(await status(), "on_track", "applied: waiting for approval, not late, not yet done");
      const queue = (await as("province_office").request("GET", "/api/loop/queue")).json();
      assert.ok(
        queue.closures.some(
          (c: { assignmentId: number; closure: string }) => c.assignmentId === id && c.closure === "applied",
        ),
      );
      // Returning the done report sends the application back with it.
      const returned = await as("province_office").request("POST", `/api/reports/${done.json().id}/review`, {
        decision: "return",
        note: "缺少佐证材料",
      });
      assert.equal(returned.statusCode, 200, returned.body);
      assert.deepEqual([(await state()).closure, (await state()).closureNote], ["rejected", "缺少佐证材料"]);
      assert.equal(await status(), "on_track", "the latest report still says done");
      // Filed again: applies again; approved: done.
      const refiled = await as("reporter_taian").request("POST", `/api/assignments/${id}/reports`, {
        period: "2025-Q1",
        status: "done",
        narrative: "已完成，附验收材料",
        expectedVersion: done.json().version,
      });
      assert.equal(refiled.statusCode, 200, refiled.body);
      assert.equal((await state()).closure, "applied");
      const approved = await as("province_office").request("POST", `/api/assignments/${id}/closure/approve`, {});
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(await status(), "done");
      const actions = await env.store.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "assignment")
        .where("entity_id", "=", String(id))
        .orderBy("id")
        .execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        ["assignment.closure_apply", "assignment.closure_apply", "assignment.closure_approve"],
      );
      const assessed = (
        await as("province_office").request("GET", `/api/plans/${b.planId}/assessment?asOf=2025-03-01`)
      ).json();
      assert.ok(assessed.orgs.some((o: { orgId: number }) => o.orgId === b.orgs.taian));
    });
  });
}
