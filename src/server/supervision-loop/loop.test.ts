// The supervision loop through the HTTP API (issue 10): acknowledge, review (return, refile, accept),
// extension (request, approve: due date moves, original kept), closure (apply by sign-off, approve), the
// queue, the daily unacknowledged reminder and the assessment counts. Clock: 2025-03-01 (testing.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Branches, setUpBranches } from "../../../test/support/two-branches.ts";
import { evaluateReminders } from "../../jobs/reminders.ts";
import { type Agent, closeTemplate, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`supervision-loop/loop over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let b: Branches;
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      b = await setUpBranches(env.store);
      for (const name of ["province_office", "office_jinan", "reporter_jinan", "reporter_taian"])
        agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    describe("the loop of one assignment", () => {
      test("acknowledge → report → returned → refiled → accepted → extension → closure → assessment", async () => {
        const id = b.assignments["m4:jinan"] as number;
        const measureId = b.measures[3] as number;
        const loop = async () => (await as("reporter_jinan").request("GET", `/api/assignments/${id}/loop`)).json();
        // 签收: new work waits; the office above may not acknowledge for the unit.
        assert.equal((await loop()).acknowledgedAt, null);
        const queue = (await as("province_office").request("GET", "/api/loop/queue")).json();
        assert.ok(queue.unacknowledged.some((i: { assignmentId: number }) => i.assignmentId === id));
        assert.equal(
          (await as("province_office").request("POST", `/api/assignments/${id}/acknowledge`, {})).statusCode,
          403,
        );
        const ack = await as("reporter_jinan").request("POST", `/api/assignments/${id}/acknowledge`, {});
        assert.equal(ack.statusCode, 200, ack.body);
        assert.ok(ack.json().acknowledgedAt);

        // 审核: returned with a reason, visible to the unit, cleared by filing again.
        const filed = await as("reporter_jinan").request("POST", `/api/assignments/${id}/reports`, {
          period: "2025-Q1",
          status: "in_progress",
          narrative: "推进中",
        });
        assert.equal(filed.statusCode, 200, filed.body);
        const report = filed.json();
        assert.equal(report.review.state, null);
        assert.equal(
          (await as("reporter_jinan").request("POST", `/api/reports/${report.id}/review`, { decision: "accept" }))
            .statusCode,
          403,
        );
        assert.equal(
          (await as("office_jinan").request("POST", `/api/reports/${report.id}/review`, { decision: "accept" }))
            .statusCode,
          403,
          "the city's office does not own the province's plan",
        );
        const noReason = await as("province_office").request("POST", `/api/reports/${report.id}/review`, {
          decision: "return",
        });
        assert.equal(noReason.statusCode, 400);
        const returned = await as("province_office").request("POST", `/api/reports/${report.id}/review`, {
          decision: "return",
          note: "请补充数据",
          expectedVersion: report.version,
        });
        assert.equal(returned.statusCode, 200, returned.body);
        assert.equal((await loop()).returnedReports, 1);
        const mine = (await as("reporter_jinan").request("GET", "/api/loop/queue")).json();
        assert.deepEqual(
          mine.returned.map((r: { reportId: number; note: string }) => [r.reportId, r.note]),
          [[report.id, "请补充数据"]],
        );
        const inbox = (await as("reporter_jinan").request("GET", "/api/notifications")).json();
        assert.ok(inbox.items.some((n: { message: string }) => n.message.includes("报告退回")));
        const refiled = await as("reporter_jinan").request("POST", `/api/assignments/${id}/reports`, {
          period: "2025-Q1",
          status: "in_progress",
          narrative: "推进中，已签约12家",
          expectedVersion: report.version,
        });
        assert.equal(refiled.json().review.state, null);
        assert.equal(refiled.json().review.returnedCount, 1);
        assert.equal((await loop()).returnedReports, 0);
        const stale = await as("province_office").request("POST", `/api/reports/${report.id}/review`, {
          decision: "accept",
          expectedVersion: report.version,
        });
        assert.equal(stale.statusCode, 409);
        const accepted = await as("province_office").request("POST", `/api/reports/${report.id}/review`, {
          decision: "accept",
        });
        assert.equal(accepted.json().state, "accepted");

        // 延期: asked for, pending, approved: the due date moves and the original is kept.
        assert.equal(
          (
            await as("reporter_jinan").request("POST", `/api/assignments/${id}/extensions`, {
              dueOn: "2025-05-31",
              reason: "x",
            })
          ).statusCode,
          400,
          "not after the current due date",
        );
        const asked = await as("reporter_jinan").request("POST", `/api/assignments/${id}/extensions`, {
          dueOn: "2025-09-30",
          reason: "需协调金融机构",
        });
        assert.equal(asked.statusCode, 201, asked.body);
        assert.equal(
          (
            await as("reporter_jinan").request("POST", `/api/assignments/${id}/extensions`, {
              dueOn: "2025-10-31",
              reason: "再延",
            })
          ).statusCode,
          409,
          "one pending request at a time",
        );
        const officeQueue = (await as("province_office").request("GET", "/api/loop/queue")).json();
        assert.ok(
          officeQueue.extensions.some(
            (e: { extension: { id: number }; canDecide: boolean }) => e.extension.id === asked.json().id && e.canDecide,
          ),
        );
        const granted = await as("province_office").request("POST", `/api/extensions/${asked.json().id}/decide`, {
          approve: true,
        });
        assert.equal(granted.json().state, "approved");
        const extended = await loop();
        assert.deepEqual([extended.dueOn, extended.originalDueOn], ["2025-09-30", "2025-06-30"]);
        assert.equal((await as("reporter_jinan").request("GET", `/api/assignments/${id}`)).json().dueOn, "2025-09-30");

        // 办结: the sign-off applies; the office approves; the assignment is done.
        const version = (await as("reporter_jinan").request("GET", `/api/measures/${measureId}`)).json().state.version;
        const signed = await as("reporter_jinan").request("POST", `/api/measures/${measureId}/sign-off`, {
          expectedVersion: version,
        });
        assert.equal(signed.statusCode, 200, signed.body);
        assert.equal((await loop()).closure, "applied");
        const closures = (await as("province_office").request("GET", "/api/loop/queue")).json().closures;
        assert.ok(
          closures.some(
            (c: { assignmentId: number; closure: string }) => c.assignmentId === id && c.closure === "applied",
          ),
        );
        const approved = await as("province_office").request("POST", `/api/assignments/${id}/closure/approve`, {
          note: "材料齐全",
        });
        assert.equal(approved.statusCode, 200, approved.body);
        assert.equal(approved.json().assignment.closure, "approved");
        assert.equal((await as("reporter_jinan").request("GET", `/api/assignments/${id}`)).json().status, "done");

        // 考核: the counts show it.
        const assessed = (
          await as("province_office").request("GET", `/api/plans/${b.planId}/assessment?asOf=2025-03-01`)
        ).json();
        const jinan = assessed.orgs.find((o: { orgId: number }) => o.orgId === b.orgs.jinan);
        assert.deepEqual(
          [jinan.counts.reportsAccepted, jinan.counts.reportsReturned, jinan.counts.extensions],
          [1, 1, 1],
        );

        // Every step is audited.
        const actions = (await env.store.db.selectFrom("audit_log").select("action").execute()).map((a) => a.action);
        for (const a of [
          "assignment.acknowledge",
          "report.return",
          "report.accept",
          "extension.request",
          "extension.approve",
          "assignment.closure_approve",
        ])
          assert.ok(actions.includes(a), a);
      });

      test("unacknowledged work past the plan's days gets one reminder", async () => {
        const id = b.assignments["m2:taian"] as number;
        await env.store.db
          .updateTable("assignments")
          .set({ assigned_at: "2025-02-20T00:00:00Z" })
          .where("id", "=", id)
          .execute();
        await evaluateReminders(env.store.db, "2025-03-01");
        await evaluateReminders(env.store.db, "2025-03-02");
        const reminders = await env.store.db
          .selectFrom("reminders")
          .select("kind")
          .where("assignment_id", "=", id)
          .where("kind", "=", "unacknowledged")
          .execute();
        assert.equal(reminders.length, 1);
        const queue = (await as("reporter_taian").request("GET", "/api/loop/queue")).json();
        assert.ok(
          queue.unacknowledged.some(
            (i: { assignmentId: number; chased: boolean }) => i.assignmentId === id && i.chased,
          ),
        );
      });
    });
  });
}
