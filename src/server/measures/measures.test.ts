import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The 2021 Shandong provincial task list; the subject is its first measure with one lead and a support
// unit, seen by the lead's and the support's reporters, the provincial plan office and a reporter
// ("taian") whose unit holds none of it.
for (const kind of storeKinds()) {
  describe(`measures over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const m = { measureId: 0, text: "", leadAssignment: 0, supportAssignment: 0, leadOrg: 0, supportOrg: 0 };
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    type Detail = {
      text: string;
      task: { title: string };
      plan: { id: number; status: string };
      deadline: { raw: string; due: string | null } | null;
      original: { fileName: string; lines: { text: string; own: boolean; task: boolean }[] } | null;
      state: { status: string; version: number; signedOffByName: string | null };
      canSignOff: boolean;
      assignments: {
        id: number;
        orgId: number;
        role: string;
        status: string;
        reports: { narrative: string; reportedByName: string | null; evidence: { id: number }[] }[];
      }[];
    };
    const detail = async (agent: Agent) => {
      const res = await agent.request("GET", `/api/measures/${m.measureId}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Detail;
    };

    before(async () => {
      env = await testEnvOn(kind);
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const org = (prefix: string) => orgIdByName(env.store, prefix);
      const province = await org("山东省市场监督管理局");
      const seed = readFileSync(
        join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt"),
      );
      const imported = await importPlan(env.store, {
        bytes: seed,
        fileName: "清单.txt",
        orgId: province,
        userId: null,
      });
      const rows = await db
        .selectFrom("assignments as a")
        .innerJoin("measures as me", "me.id", "a.measure_id")
        .select(["a.id", "a.measure_id", "a.org_id", "a.role", "me.text"])
        .where("a.plan_id", "=", imported.planId)
        .orderBy("a.id")
        .execute();
      for (const lead of rows.filter((r) => r.role === "lead")) {
        const leads = rows.filter((r) => r.measure_id === lead.measure_id && r.role === "lead");
        const support = rows.find((r) => r.measure_id === lead.measure_id && r.role === "support");
        if (leads.length === 1 && support && support.org_id !== lead.org_id) {
          Object.assign(m, {
            measureId: lead.measure_id,
            text: lead.text,
            leadAssignment: lead.id,
            supportAssignment: support.id,
            leadOrg: lead.org_id,
            supportOrg: support.org_id,
          });
          break;
        }
      }
      assert.ok(m.measureId, "the seed plan has a measure with a lead and a support unit");
      const holders = rows.filter((r) => r.measure_id === m.measureId).map((r) => r.org_id);
      const outsider = await db
        .selectFrom("orgs")
        .select("id")
        .where("kind", "in", ["city", "county", "division", "department"])
        .where("id", "not in", holders)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await insertUser(env.store, "lead", "reporter", m.leadOrg);
      await insertUser(env.store, "support", "reporter", m.supportOrg);
      await insertUser(env.store, "office", "plan_office", province);
      await insertUser(env.store, "taian", "reporter", outsider.id);
      for (const name of ["lead", "support", "office", "taian"]) agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    describe("GET /api/measures/:id", () => {
      test("the plan office sees the parsed fields beside the original lines, and every assignment", async () => {
        const shown = await detail(as("office"));
        assert.equal(shown.text, m.text);
        assert.equal(shown.plan.status, "active");
        assert.ok(shown.task.title.length > 0);
        assert.ok(shown.original, "the original text is stored");
        assert.equal(shown.original.fileName, "清单.txt");
        const own = shown.original.lines.filter((l) => l.own);
        assert.equal(own.length, 1, "exactly one line is the measure's own");
        assert.ok(own[0]?.text.includes(m.text.slice(0, 12)), `own line: ${own[0]?.text}`);
        assert.ok(shown.original.lines.length > 1, "with lines around it");
        const ids = shown.assignments.map((a) => a.id);
        assert.ok(ids.includes(m.leadAssignment) && ids.includes(m.supportAssignment));
        assert.equal(shown.canSignOff, false, "the plan office is not the lead unit");
      });

      test("a support unit sees its own assignment only; the lead sees the support unit's report", async () => {
        const filed = await as("support").request("POST", `/api/assignments/${m.supportAssignment}/reports`, {
          period: "2025-Q1",
          status: "in_progress",
          narrative: "配合开展调研",
          percent: 50,
        });
        assert.equal(filed.statusCode, 200, filed.body);
        const evidence = await env.app.inject({
          method: "POST",
          url: `/api/reports/${filed.json().id}/evidence?name=${encodeURIComponent("调研报告.pdf")}`,
          headers: {
            cookie: as("support").cookie,
            "x-csrf-token": as("support").csrf,
            "content-type": "application/pdf",
          },
          payload: Buffer.from("%PDF-1.4 调研\n"),
        });
        assert.equal(evidence.statusCode, 201, evidence.body);

        const bySupport = await detail(as("support"));
        assert.deepEqual(
          bySupport.assignments.map((a) => a.id),
          [m.supportAssignment],
        );
        assert.equal(bySupport.canSignOff, false);

        const byLead = await detail(as("lead"));
        assert.equal(byLead.canSignOff, true);
        const support = byLead.assignments.find((a) => a.id === m.supportAssignment);
        assert.ok(support, "the lead unit sees the support unit's assignment");
        assert.equal(support.role, "support");
        assert.equal(support.reports[0]?.narrative, "配合开展调研");
        assert.equal(support.reports[0]?.reportedByName, "support");
        const fileId = support.reports[0]?.evidence[0]?.id;
        assert.ok(fileId);
        assert.equal((await as("lead").request("GET", `/api/evidence/${fileId}`)).statusCode, 200);
        assert.equal((await as("taian").request("GET", `/api/evidence/${fileId}`)).statusCode, 404);
      });

      test("a unit holding none of the measure gets 404, exactly as for a measure that does not exist", async () => {
        const foreign = await as("taian").request("GET", `/api/measures/${m.measureId}`);
        assert.equal(foreign.statusCode, 404);
        assert.doesNotMatch(foreign.body, new RegExp(m.text.slice(0, 8)));
        const missing = await as("office").request("GET", "/api/measures/999999");
        assert.equal(missing.statusCode, 404);
        assert.equal(foreign.json().detail, missing.json().detail);
        const bad = await as("office").request("GET", "/api/measures/abc");
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().errors[0].path, "params.id");
      });

      test("a measure no unit holds is the plan office's to read; still 404 to units outside", async () => {
        const db = env.store.db;
        const holder = await db
          .selectFrom("measures")
          .select(["plan_id", "task_id", "region_code"])
          .where("id", "=", m.measureId)
          .executeTakeFirstOrThrow();
        const orphan = await db
          .insertInto("measures")
          .values({ ...holder, position: 999, text: "无人承担的举措", source: JSON.stringify({ line: 1 }) })
          .returning("id")
          .executeTakeFirstOrThrow();
        const res = await as("office").request("GET", `/api/measures/${orphan.id}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json().assignments, []);
        for (const who of ["taian", "lead"])
          assert.equal((await as(who).request("GET", `/api/measures/${orphan.id}`)).statusCode, 404, who);
      });

      test("after the lead signs off and the office approves, every assignment shows done and the state names who did it", async () => {
        const before = await detail(as("lead"));
        const done = await as("lead").request("POST", `/api/measures/${m.measureId}/sign-off`, {
          expectedVersion: before.state.version,
        });
        assert.equal(done.statusCode, 200, done.body);
        // Issue 10: the sign-off is the application (申请办结); the plan office's approval closes each assignment.
        const applied = await detail(as("lead"));
        assert.equal(applied.state.status, "open");
        assert.equal(applied.state.version, before.state.version + 1);
        for (const a of applied.assignments) {
          const res = await as("office").request("POST", `/api/assignments/${a.id}/closure/approve`, {});
          assert.equal(res.statusCode, 200, res.body);
        }
        const afterwards = await detail(as("lead"));
        assert.equal(afterwards.state.status, "done");
        assert.equal(afterwards.state.signedOffByName, "office");
        assert.ok(afterwards.assignments.length >= 2);
        assert.ok(afterwards.assignments.every((a) => a.status === "done"));
        const bySupport = await detail(as("support"));
        assert.equal(bySupport.assignments[0]?.status, "done");
      });
    });
  });
}
