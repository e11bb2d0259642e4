// Each unit signs off its own share (issue 15.3): a measure held by 知识产权保护处 and the 16 cities (all
// 负责, fanned out from 各市市场监督管理局) is 17 pieces of work; one city's sign-off closes its own
// assignment only. A lead's sign-off still closes its support units' work; the issuing plan office may
// close (and reopen) the whole measure. Since issue 10 (办结) a sign-off is the unit's application: its
// assignment is done once the plan office approves it (POST /api/assignments/:id/closure/approve), and the
// measure once every assignment is.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { afterUnitChange, signOff } from "../../services/tracking/sign-off.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`measures/sign-off over HTTP on ${kind.name}`, () => {
    const PLAN = [
      "2025年全省知识产权保护工作要点（测试）",
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、强化知识产权保护\t\t\t",
      "1. 加强行政保护\t开展知识产权保护专项行动。\t知识产权保护处、各市市场监督管理局\t2025年12月底前",
      "\t建设知识产权保护工作站。\t知识产权保护处牵头，济南市市场监督管理局配合\t2025年12月底前",
      "",
    ].join("\n");

    type State = { status: string; version: number; doneCount: number; total: number; ownSignedOff: boolean | null };
    type Detail = {
      state: State;
      canSignOff: boolean;
      canClose: boolean;
      assignments: { id: number; orgId: number; status: string }[];
    };

    let env: TestEnv;
    const agents: Record<string, Agent> = {};
    const ids = { fanned: 0, paired: 0, taian: 0, jinan: 0, baohu: 0 };
    const users: Record<string, number> = {};

    const orgNamed = (name: string) => orgIdByName(env.store, name);

    const detail = async (who: string, measureId: number): Promise<Detail> => {
      const res = await (agents[who] as Agent).request("GET", `/api/measures/${measureId}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Detail;
    };
    const decide = (assignmentId: number, action: "approve" | "reject", note?: string) =>
      (agents.province as Agent).request(
        "POST",
        `/api/assignments/${assignmentId}/closure/${action}`,
        note ? { note } : {},
      );
    const post = async (who: string, measureId: number, action: string) => {
      const { state } = await detail("province", measureId);
      return (agents[who] as Agent).request("POST", `/api/measures/${measureId}/${action}`, {
        expectedVersion: state.version,
      });
    };

    before(async () => {
      env = await testEnvOn(kind);
      await loadReferenceDirectory(env.store.db);
      const province = await orgNamed("山东省市场监督管理局");
      Object.assign(ids, {
        taian: await orgNamed("泰安市市场监督管理局"),
        jinan: await orgNamed("济南市市场监督管理局"),
      });
      users.province = await insertUser(env.store, "province", "plan_office", province);
      users.taian = await insertUser(env.store, "taian", "reporter", ids.taian);
      users.taian_office = await insertUser(env.store, "taian_office", "plan_office", ids.taian);
      users.jinan = await insertUser(env.store, "jinan", "reporter", ids.jinan);
      const { planId } = await importPlan(env.store, {
        bytes: Buffer.from(PLAN),
        fileName: "要点.txt",
        orgId: province,
        userId: users.province,
      });
      const measures = await env.store.db
        .selectFrom("measures")
        .select("id")
        .where("plan_id", "=", planId)
        .orderBy("position")
        .execute();
      ids.fanned = measures[0]?.id ?? 0;
      ids.paired = measures[1]?.id ?? 0;
      const lead = await env.store.db
        .selectFrom("assignments")
        .select("org_id")
        .where("measure_id", "=", ids.paired)
        .where("role", "=", "lead")
        .executeTakeFirstOrThrow();
      ids.baohu = lead.org_id;
      users.baohu = await insertUser(env.store, "baohu", "reporter", ids.baohu);
      for (const name of ["province", "taian", "taian_office", "jinan", "baohu"])
        agents[name] = await signIn(env.app, name);
    });

    after(async () => {
      await env.close();
      await closeTemplate();
    });

    describe("signing off a fanned-out measure", () => {
      test("the measure has 17 负责 assignments: 知识产权保护处 and the 16 cities", async () => {
        const rows = await env.store.db
          .selectFrom("assignments")
          .select(["role", "via"])
          .where("measure_id", "=", ids.fanned)
          .execute();
        assert.equal(rows.length, 17);
        assert.ok(rows.every((r) => r.role === "owner"));
        assert.equal(rows.filter((r) => r.via === "各市市场监督管理局").length, 16);
      });

      test("one city's sign-off closes its own assignment only", async () => {
        const own = (await detail("taian", ids.fanned)).assignments.find((a) => a.orgId === ids.taian);
        assert.ok(own);
        const filed = await (agents.taian as Agent).request("POST", `/api/assignments/${own.id}/reports`, {
          period: "2025-Q1",
          status: "in_progress",
          percent: 54,
        });
        assert.equal(filed.statusCode, 200, filed.body);
        const res = await post("taian", ids.fanned, "sign-off");
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().status, "open", "the measure stays open");
        const seen = await detail("province", ids.fanned);
        assert.equal(seen.assignments.length, 17);
        // The sign-off is the city's application (申请办结): nothing is done before the office approves it.
        assert.deepEqual(
          seen.assignments.filter((a) => a.status === "done"),
          [],
        );
        assert.deepEqual([seen.state.status, seen.state.doneCount, seen.state.total], ["open", 1, 17]);
        assert.equal((await detail("taian", ids.fanned)).state.ownSignedOff, true);
        assert.equal((await detail("jinan", ids.fanned)).state.ownSignedOff, false);
        // Signing off again changes nothing; reopening brings the city's share back.
        assert.equal((await post("taian", ids.fanned, "sign-off")).json().status, "open");
        assert.equal((await post("taian", ids.fanned, "reopen")).statusCode, 200);
        assert.equal((await detail("province", ids.fanned)).state.doneCount, 0);
        // Applied again and approved: the city's share alone is done, and now only the office may reopen it.
        assert.equal((await post("taian", ids.fanned, "sign-off")).statusCode, 200);
        const approved = await decide(own.id, "approve");
        assert.equal(approved.statusCode, 200, approved.body);
        assert.deepEqual([approved.json().assignment.closure, approved.json().measure.status], ["approved", "open"]);
        const after = await detail("province", ids.fanned);
        assert.deepEqual(
          after.assignments.filter((a) => a.status === "done").map((a) => a.orgId),
          [ids.taian],
        );
        assert.equal((await post("taian", ids.fanned, "reopen")).statusCode, 409);
        assert.equal((await post("province", ids.fanned, "reopen-all")).json().status, "open");
      });

      test("the measure is done when all 17 units have signed off their own", async () => {
        const holders = await env.store.db
          .selectFrom("assignments")
          .select("org_id")
          .where("measure_id", "=", ids.fanned)
          .orderBy("id")
          .execute();
        for (const [i, h] of holders.entries()) {
          const userId =
            h.org_id === ids.taian
              ? (users.taian as number)
              : h.org_id === ids.baohu
                ? (users.baohu as number)
                : await insertUser(env.store, `city${i}`, "reporter", h.org_id);
          const { state } = await detail("province", ids.fanned);
          const after = await signOff(env.store.db, { measureId: ids.fanned, userId, expectedVersion: state.version });
          assert.equal(after.status, "open", `after ${i + 1} of 17: waiting for approval`);
        }
        const assignments = (await detail("province", ids.fanned)).assignments;
        for (const [i, a] of assignments.entries()) {
          const res = await decide(a.id, "approve");
          assert.equal(res.statusCode, 200, res.body);
          assert.equal(
            res.json().measure.status,
            i === assignments.length - 1 ? "done" : "open",
            `approved ${i + 1} of 17`,
          );
        }
        const seen = await detail("province", ids.fanned);
        assert.ok(seen.assignments.every((a) => a.status === "done"));
        assert.equal(seen.state.doneCount, 17);
        // An approved share is the office's to reopen, not the unit's.
        assert.equal((await post("jinan", ids.fanned, "reopen")).statusCode, 409);
        assert.equal((await detail("province", ids.fanned)).state.status, "done");
        assert.equal((await post("province", ids.fanned, "reopen-all")).json().status, "open");
      });
    });

    describe("a lead and its support unit", () => {
      test("the support unit cannot sign off; the lead's sign-off closes both, and its reopening reopens both", async () => {
        assert.equal((await post("jinan", ids.paired, "sign-off")).statusCode, 403);
        const res = await post("baohu", ids.paired, "sign-off");
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().status, "open", "waiting for the office's approval");
        const [lead, support] = [...(await detail("province", ids.paired)).assignments].sort((a, b) =>
          a.orgId === ids.baohu ? -1 : b.orgId === ids.baohu ? 1 : 0,
        );
        assert.ok(lead && support);
        // The office rejects the lead's application: both go back, with the reason.
        assert.equal((await decide(lead.id, "reject")).statusCode, 400, "a rejection needs a reason");
        const rejected = await decide(lead.id, "reject", "佐证材料不全");
        assert.equal(rejected.statusCode, 200, rejected.body);
        assert.deepEqual(
          [rejected.json().assignment.closure, rejected.json().assignment.closureNote],
          ["rejected", "佐证材料不全"],
        );
        assert.equal((await detail("baohu", ids.paired)).state.ownSignedOff, false);
        assert.equal((await detail("province", ids.paired)).state.doneCount, 0);
        // Applied again and both approved: done.
        await post("baohu", ids.paired, "sign-off");
        assert.equal((await decide(lead.id, "approve")).json().measure.status, "open");
        assert.equal((await decide(support.id, "approve")).json().measure.status, "done");
        assert.ok((await detail("province", ids.paired)).assignments.every((a) => a.status === "done"));
        assert.equal((await post("province", ids.paired, "reopen-all")).json().status, "open");
        assert.ok((await detail("province", ids.paired)).assignments.every((a) => a.status !== "done"));
      });
    });

    describe("the issuing plan office closes the whole measure", () => {
      test("a city's plan office may not; the province's may, audited, and may reopen it all", async () => {
        assert.equal((await detail("province", ids.paired)).canClose, true);
        assert.equal((await detail("taian_office", ids.fanned)).canClose, false);
        assert.equal((await post("taian_office", ids.fanned, "close")).statusCode, 403);
        assert.equal((await post("taian", ids.fanned, "close")).statusCode, 403, "reporters may not");
        const closed = await post("province", ids.fanned, "close");
        assert.equal(closed.statusCode, 200, closed.body);
        assert.equal(closed.json().status, "done");
        const seen = await detail("province", ids.fanned);
        assert.ok(seen.assignments.every((a) => a.status === "done"));
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select(["action", "user_id"])
          .where("entity", "=", "measure")
          .where("entity_id", "=", String(ids.fanned))
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        assert.deepEqual(audit, { action: "measure.close", user_id: users.province });
        const reopened = await post("province", ids.fanned, "reopen-all");
        assert.equal(reopened.json().status, "open");
        assert.ok((await detail("province", ids.fanned)).assignments.every((a) => a.status !== "done"));
      });
    });

    describe("several lead units", () => {
      test("the others follow once every lead has signed off, and reopen with any lead", () => {
        const rows = (signed: number[]) =>
          [
            { id: 1, org_id: 10, role: "lead" as const },
            { id: 2, org_id: 20, role: "lead" as const },
            { id: 3, org_id: 30, role: "support" as const },
          ].map((r) => ({ ...r, signed_off_at: signed.includes(r.id) ? new Date() : null }));
        assert.deepEqual([...afterUnitChange(rows([]), 10, true)].sort(), [1]);
        assert.deepEqual([...afterUnitChange(rows([1]), 20, true)].sort(), [1, 2, 3]);
        assert.deepEqual([...afterUnitChange(rows([1, 2, 3]), 10, false)].sort(), [2]);
        // A support unit's own call changes nothing (it may not sign off; the service refuses it first).
        assert.deepEqual([...afterUnitChange(rows([]), 30, true)].sort(), []);
      });
    });

    describe("a city that decomposed its share", () => {
      test("still signs off its own share (its sub-unit's lead is not a lead of the measure); the office's close takes the sub-assignment too", async () => {
        const own = (await detail("taian", ids.fanned)).assignments.find((a) => a.orgId === ids.taian);
        assert.ok(own);
        const district = await orgNamed("泰山区市场监督管理局");
        const split = await (agents.taian as Agent).request("POST", `/api/assignments/${own.id}/decompose`, {
          children: [{ orgId: district, role: "lead" }],
        });
        assert.equal(split.statusCode, 201, split.body);
        const before = await detail("taian", ids.fanned);
        assert.deepEqual([before.canSignOff, before.state.ownSignedOff, before.state.total], [true, false, 18]);
        assert.equal((await post("jinan", ids.fanned, "sign-off")).statusCode, 200);
        assert.equal((await post("taian", ids.fanned, "sign-off")).statusCode, 200);
        const signed = await detail("taian", ids.fanned);
        assert.deepEqual([signed.state.ownSignedOff, signed.state.doneCount], [true, 2]);
        // Rejecting 泰安's application sends back its own only: the other cities do not follow 泰安's sub-unit.
        assert.equal((await decide(own.id, "reject", "材料不全")).statusCode, 200);
        assert.deepEqual(
          [
            (await detail("taian", ids.fanned)).state.ownSignedOff,
            (await detail("jinan", ids.fanned)).state.ownSignedOff,
          ],
          [false, true],
        );
        assert.equal((await post("taian", ids.fanned, "sign-off")).statusCode, 200);
        const closed = await post("province", ids.fanned, "close");
        assert.equal(closed.statusCode, 200, closed.body);
        assert.equal(closed.json().status, "done", "every assignment, the sub-assignment too, is closed");
        const seen = await detail("province", ids.fanned);
        assert.equal(seen.assignments.length, 18);
        assert.ok(seen.assignments.every((a) => a.status === "done"));
        assert.equal((await post("province", ids.fanned, "reopen-all")).json().status, "open");
        assert.ok((await detail("province", ids.fanned)).assignments.every((a) => a.status !== "done"));
      });
    });
  });
}
