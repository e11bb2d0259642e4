import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { escalateNotices } from "../../services/tracking/notices.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// A real plan: the 2021 Shandong provincial task list, imported for the provincial bureau. One measure
// with a lead and a support unit is the subject of every test.
for (const kind of storeKinds()) {
  describe(`tracking over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const m = { measureId: 0, leadAssignment: 0, supportAssignment: 0, leadOrg: 0, supportOrg: 0, province: 0 };
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const province = await db
        .selectFrom("orgs")
        .select("id")
        .where("name", "=", "山东省市场监督管理局（山东省知识产权局）")
        .executeTakeFirstOrThrow();
      m.province = province.id;
      const seed = readFileSync(
        join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt"),
      );
      const imported = await importPlan(env.store, {
        bytes: seed,
        fileName: "p.txt",
        orgId: province.id,
        userId: null,
      });
      const rows = await db
        .selectFrom("assignments")
        .select(["id", "measure_id", "org_id", "role"])
        .where("plan_id", "=", imported.planId)
        .orderBy("id")
        .execute();
      // The first measure with exactly one lead and at least one support unit, different orgs.
      for (const lead of rows.filter((r) => r.role === "lead")) {
        const leads = rows.filter((r) => r.measure_id === lead.measure_id && r.role === "lead");
        const support = rows.find((r) => r.measure_id === lead.measure_id && r.role === "support");
        if (leads.length === 1 && support && support.org_id !== lead.org_id) {
          Object.assign(m, {
            measureId: lead.measure_id,
            leadAssignment: lead.id,
            supportAssignment: support.id,
            leadOrg: lead.org_id,
            supportOrg: support.org_id,
          });
          break;
        }
      }
      assert.ok(m.measureId, "the seed plan has a measure with a lead and a support unit");
      await insertUser(env.store, "lead_reporter", "reporter", m.leadOrg);
      await insertUser(env.store, "support_reporter", "reporter", m.supportOrg);
      await insertUser(env.store, "office", "plan_office", m.province);
      for (const name of ["lead_reporter", "support_reporter", "office"]) agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const upload = (agent: Agent, reportId: number, name: string, type: string, bytes: Buffer) =>
      env.app.inject({
        method: "POST",
        url: `/api/reports/${reportId}/evidence?name=${encodeURIComponent(name)}`,
        headers: { cookie: agent.cookie, "x-csrf-token": agent.csrf, "content-type": type },
        payload: bytes,
      });

    describe("progress reports and evidence", () => {
      test("a reporter files a report with an evidence file and reads both back", async () => {
        const filed = await as("lead_reporter").request("POST", `/api/assignments/${m.leadAssignment}/reports`, {
          period: "2025-Q1",
          status: "in_progress",
          narrative: "已召开专题会议",
          percent: 30,
        });
        assert.equal(filed.statusCode, 200, filed.body);
        const report = filed.json();
        assert.equal(report.version, 1);

        const bytes = Buffer.from("%PDF-1.4 会议纪要 minutes\n");
        const sent = await upload(as("lead_reporter"), report.id, "会议纪要.pdf", "application/pdf", bytes);
        assert.equal(sent.statusCode, 201, sent.body);
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        assert.equal(sent.json().sha256, sha256);

        const shown = (await as("lead_reporter").request("GET", `/api/assignments/${m.leadAssignment}`)).json();
        assert.equal(shown.reports.length, 1);
        assert.equal(shown.reports[0].narrative, "已召开专题会议");
        assert.equal(shown.reports[0].evidence[0].sha256, sha256);

        const got = await as("lead_reporter").request("GET", `/api/evidence/${sent.json().id}`);
        assert.equal(got.statusCode, 200);
        assert.equal(got.headers["content-type"], "application/pdf");
        assert.match(String(got.headers["content-disposition"]), /filename\*=UTF-8''%E4%BC%9A/);
        assert.equal(createHash("sha256").update(got.rawPayload).digest("hex"), sha256);
      });

      test("a stale version gets 409 and changes nothing", async () => {
        const url = `/api/assignments/${m.leadAssignment}/reports`;
        const first = await as("lead_reporter").request("POST", url, { period: "2025-Q2", status: "in_progress" });
        assert.equal(first.statusCode, 200, first.body);
        const second = await as("office").request("POST", url, {
          period: "2025-Q2",
          status: "blocked",
          narrative: "等待经费",
          expectedVersion: 1,
        });
        assert.equal(second.statusCode, 200, second.body);
        assert.equal(second.json().version, 2);
        const stale = await as("lead_reporter").request("POST", url, {
          period: "2025-Q2",
          status: "done",
          expectedVersion: 1,
        });
        assert.equal(stale.statusCode, 409, stale.body);
        assert.match(stale.json().detail, /changed by someone else/);
        const missing = await as("lead_reporter").request("POST", url, { period: "2025-Q2", status: "done" });
        assert.equal(missing.statusCode, 409);
        const reports = (await as("lead_reporter").request("GET", `/api/assignments/${m.leadAssignment}`)).json()
          .reports;
        const q2 = reports.find((r: { period: string }) => r.period === "2025-Q2");
        assert.equal(q2.status, "blocked");
        assert.equal(q2.version, 2);
      });

      test("bad periods and file types are refused with the field named", async () => {
        const bad = await as("lead_reporter").request("POST", `/api/assignments/${m.leadAssignment}/reports`, {
          period: "2025-Q5",
          status: "done",
        });
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().errors[0].path, "body.period");
        const report = await env.store.db.selectFrom("progress_reports").select("id").executeTakeFirstOrThrow();
        const exe = await upload(
          as("lead_reporter"),
          report.id,
          "run.exe",
          "application/octet-stream",
          Buffer.from("MZ"),
        );
        assert.equal(exe.statusCode, 400);
        assert.match(exe.json().detail, /not accepted/);
      });

      test("a reporter of another org gets 404 on someone else's assignment, report and evidence", async () => {
        const other = as("support_reporter");
        assert.equal((await other.request("GET", `/api/assignments/${m.leadAssignment}`)).statusCode, 404);
        const post = await other.request("POST", `/api/assignments/${m.leadAssignment}/reports`, {
          period: "2025-Q3",
          status: "done",
        });
        assert.equal(post.statusCode, 404);
        const evidence = await env.store.db
          .selectFrom("evidence_files")
          .select(["id", "report_id"])
          .executeTakeFirstOrThrow();
        assert.equal((await other.request("GET", `/api/evidence/${evidence.id}`)).statusCode, 404);
        const sent = await upload(other, Number(evidence.report_id), "x.txt", "text/plain", Buffer.from("x"));
        assert.equal(sent.statusCode, 404);
        const listed = (await other.request("GET", "/api/assignments?limit=200")).json();
        assert.ok(listed.items.every((a: { orgId: number }) => a.orgId === m.supportOrg));
        assert.ok(listed.items.some((a: { id: number }) => a.id === m.supportAssignment));
      });
    });

    describe("sign-off", () => {
      test("a support unit cannot sign off; the lead can, and the assignment turns done once the office approves", async () => {
        const version = async () =>
          (
            await env.store.db
              .selectFrom("measures")
              .select("row_version")
              .where("id", "=", m.measureId)
              .executeTakeFirstOrThrow()
          ).row_version;
        const v = await version();
        const url = `/api/measures/${m.measureId}/sign-off`;
        const refused = await as("support_reporter").request("POST", url, { expectedVersion: v });
        assert.equal(refused.statusCode, 403, refused.body);
        assert.equal(await version(), v);
        const stale = await as("lead_reporter").request("POST", url, { expectedVersion: v + 5 });
        assert.equal(stale.statusCode, 409);
        const done = await as("lead_reporter").request("POST", url, { expectedVersion: v });
        assert.equal(done.statusCode, 200, done.body);
        // Issue 10: the sign-off is the lead's application (申请办结); the plan office's approval closes it.
        assert.equal(done.json().status, "open");
        assert.equal(done.json().version, v + 1);
        assert.notEqual(
          (await as("lead_reporter").request("GET", `/api/assignments/${m.leadAssignment}`)).json().status,
          "done",
        );
        const approved = await as("office").request("POST", `/api/assignments/${m.leadAssignment}/closure/approve`, {});
        assert.equal(approved.statusCode, 200, approved.body);
        const assignment = (await as("lead_reporter").request("GET", `/api/assignments/${m.leadAssignment}`)).json();
        assert.equal(assignment.status, "done");
        const filtered = (await as("lead_reporter").request("GET", "/api/assignments?status=done")).json();
        assert.ok(filtered.items.some((a: { id: number }) => a.id === m.leadAssignment));
      });
    });

    describe("supervision notices", () => {
      test("a notice is issued, reaches the inbox, is answered and leaves the open list", async () => {
        const issued = await as("office").request("POST", "/api/notices", {
          measureId: m.measureId,
          orgId: m.supportOrg,
          message: "请于月底前报送进展",
          respondBy: "2025-03-31",
        });
        assert.equal(issued.statusCode, 201, issued.body);
        const notice = issued.json();
        const inbox = (await as("support_reporter").request("GET", "/api/notifications")).json();
        const note = inbox.items.find((n: { noticeId: number | null }) => n.noticeId === notice.id);
        assert.ok(note, "the notified unit sees it");
        assert.equal(inbox.unread, 1);
        const open = (await as("support_reporter").request("GET", "/api/notices?open=true")).json();
        assert.deepEqual(
          open.items.map((n: { id: number }) => n.id),
          [notice.id],
        );
        const answer = await as("support_reporter").request("POST", `/api/notices/${notice.id}/response`, {
          response: "已报送",
          expectedVersion: notice.version,
        });
        assert.equal(answer.statusCode, 200, answer.body);
        const shown = await as("office").request("GET", `/api/notices/${notice.id}`);
        assert.equal(shown.statusCode, 200, shown.body);
        assert.equal(shown.json().response, "已报送");
        // The notice is the support unit's business: another unit does not learn it exists.
        assert.equal((await as("lead_reporter").request("GET", `/api/notices/${notice.id}`)).statusCode, 404);
        assert.equal((await as("support_reporter").request("GET", "/api/notices?open=true")).json().total, 0);
        const read = await as("support_reporter").request("POST", `/api/notifications/${note.id}/read`);
        assert.equal(read.statusCode, 204);
        assert.equal((await as("support_reporter").request("GET", "/api/notifications")).json().unread, 0);
        // Another unit cannot mark (or even see) it.
        assert.equal((await as("lead_reporter").request("POST", `/api/notifications/${note.id}/read`)).statusCode, 404);
        // Reporters cannot issue notices.
        const byReporter = await as("lead_reporter").request("POST", "/api/notices", {
          measureId: m.measureId,
          orgId: m.leadOrg,
          message: "x",
          respondBy: "2025-03-31",
        });
        assert.equal(byReporter.statusCode, 403);
      });

      test("an unanswered notice past its date escalates to the parent org exactly once", async () => {
        const issued = await as("office").request("POST", "/api/notices", {
          measureId: m.measureId,
          orgId: m.leadOrg,
          message: "请说明进度滞后原因",
          respondBy: "2025-03-05",
        });
        assert.equal(issued.statusCode, 201, issued.body);
        const notice = issued.json();
        const parent = await env.store.db
          .selectFrom("orgs")
          .select("parent_id")
          .where("id", "=", m.leadOrg)
          .executeTakeFirstOrThrow();
        assert.ok(parent.parent_id !== null, "the lead unit has a parent org");
        const parentNotes = async () =>
          env.store.db
            .selectFrom("notifications")
            .select("id")
            .where("org_id", "=", parent.parent_id as number)
            .where("notice_id", "=", notice.id)
            .execute();
        assert.deepEqual(await escalateNotices(env.store.db, "2025-03-05"), [], "not before the date has passed");
        assert.deepEqual(await escalateNotices(env.store.db, "2025-03-06"), [notice.id]);
        assert.deepEqual(await escalateNotices(env.store.db, "2025-03-07"), []);
        assert.equal((await parentNotes()).length, 1);
        const shown = (await as("office").request("GET", "/api/notices?open=true")).json();
        const escalated = shown.items.find((n: { id: number }) => n.id === notice.id);
        assert.ok(escalated.escalatedAt);
      });
    });

    describe("the inbox", () => {
      test("each notification names its measure, by notice or by reminder; mark all read clears the unit's", async () => {
        const db = env.store.db;
        const reminder = await db
          .insertInto("reminders")
          .values({ assignment_id: m.leadAssignment, region_code: "370000", kind: "overdue", period: "2025-Q1" })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("notifications")
          .values({ org_id: m.leadOrg, reminder_id: reminder.id, message: "【已逾期】…" })
          .execute();
        const inbox = (await as("lead_reporter").request("GET", "/api/notifications")).json();
        const byReminder = inbox.items.find((n: { reminderId: number | null }) => n.reminderId === reminder.id);
        const byNotice = inbox.items.find((n: { noticeId: number | null }) => n.noticeId !== null);
        assert.equal(byReminder?.measureId, m.measureId);
        assert.equal(byNotice?.measureId, m.measureId);
        assert.ok(inbox.unread >= 2, "the notice and the reminder are unread");

        const otherUnit = (await as("support_reporter").request("GET", "/api/notifications")).json().items;
        const marked = await as("lead_reporter").request("POST", "/api/notifications/read-all");
        assert.equal(marked.statusCode, 200, marked.body);
        assert.equal(marked.json().marked, inbox.unread);
        assert.equal((await as("lead_reporter").request("GET", "/api/notifications")).json().unread, 0);
        assert.equal((await as("lead_reporter").request("POST", "/api/notifications/read-all")).json().marked, 0);
        // Only the caller's unit is touched.
        assert.deepEqual((await as("support_reporter").request("GET", "/api/notifications")).json().items, otherUnit);
      });
    });

    describe("assignment list paging", () => {
      test("a page holds up to 1000 assignments (a whole plan for the plan view); more is refused by name", async () => {
        const all = await as("office").request("GET", "/api/assignments?limit=1000");
        assert.equal(all.statusCode, 200, all.body);
        const body = all.json();
        assert.ok(body.total > 200, `the seed plan has more than one old-size page (${body.total})`);
        assert.equal(body.items.length, Math.min(body.total, 1000));
        const tooMany = await as("office").request("GET", "/api/assignments?limit=1001");
        assert.equal(tooMany.statusCode, 400);
        assert.equal(tooMany.json().errors[0].path, "query.limit");
      });
    });
  });
}
