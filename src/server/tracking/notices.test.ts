// Supervision beyond one item at a time (issue 15.10): one notice for a unit covering several of its
// measures, answered once with evidence files attached, and escalated at once by the office chasing it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Branches, setUpBranches } from "../../../test/support/two-branches.ts";
import { escalateNotices } from "../../services/tracking/notices.ts";
import { type Agent, closeTemplate, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`tracking/notices over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let b: Branches;
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    type Notice = {
      id: number;
      version: number;
      measureId: number;
      items: { measureId: number }[];
      evidence: { id: number; fileName: string }[];
      response: string | null;
      escalatedAt: string | null;
    };

    before(async () => {
      env = await testEnvOn(kind);
      b = await setUpBranches(env.store);
      for (const name of ["province_office", "office_taian", "reporter_taian", "reporter_jinan", "office_jinan"])
        agents[name] = await signIn(env.app, name);
    });

    after(async () => {
      await env.close();
      await closeTemplate();
    });

    /** 泰安's measures in the small plan: m2, m3 (support), m4, m5. */
    const taianMeasures = () => [2, 3, 4, 5].map((i) => b.measures[i - 1] as number);

    async function issue(measureIds: number[], message = "请说明以下事项的进展") {
      const res = await as("province_office").request("POST", "/api/notices", {
        measureIds,
        orgId: b.orgs.taian,
        message,
        respondBy: "2025-03-10",
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as Notice;
    }

    const upload = (agent: Agent, noticeId: number, name: string, body: string) =>
      env.app.inject({
        method: "POST",
        url: `/api/notices/${noticeId}/evidence?name=${encodeURIComponent(name)}`,
        headers: { cookie: agent.cookie, "x-csrf-token": agent.csrf, "content-type": "text/plain" },
        payload: Buffer.from(body),
      });

    describe("a notice covering several items of one unit", () => {
      test("lists every measure, reaches the unit's inbox once, and is found by any of its measures", async () => {
        const measures = taianMeasures();
        const notice = await issue(measures);
        assert.deepEqual(
          notice.items.map((i) => i.measureId),
          measures,
        );
        assert.equal(notice.measureId, measures[0]);
        const inbox = (await as("reporter_taian").request("GET", "/api/notifications")).json() as {
          items: { noticeId: number | null; message: string }[];
        };
        const notes = inbox.items.filter((n) => n.noticeId === notice.id);
        assert.equal(notes.length, 1);
        assert.match(notes[0]?.message ?? "", /共 4 项/);
        const byThird = (await as("province_office").request("GET", `/api/notices?measure=${measures[2]}`)).json();
        assert.ok(byThird.items.some((n: Notice) => n.id === notice.id));
        const byOther = (await as("province_office").request("GET", `/api/notices?measure=${b.measures[0]}`)).json();
        assert.ok(!byOther.items.some((n: Notice) => n.id === notice.id), "m1 is 济南's, not on the notice");
      });

      test("a measure the unit does not hold is a 400 naming it, and nothing is issued", async () => {
        const before = (await as("province_office").request("GET", "/api/notices")).json().total;
        const m1 = b.measures[0] as number;
        const res = await as("province_office").request("POST", "/api/notices", {
          measureIds: [...taianMeasures(), m1],
          orgId: b.orgs.taian,
          message: "x",
          respondBy: "2025-03-10",
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().errors[0].path, "body.measureIds");
        assert.match(res.json().detail, new RegExp(`measure ${m1}\\b`));
        const both = await as("province_office").request("POST", "/api/notices", {
          measureId: m1,
          measureIds: [m1],
          orgId: b.orgs.jinan,
          message: "x",
          respondBy: "2025-03-10",
        });
        assert.equal(both.statusCode, 400);
        assert.equal((await as("province_office").request("GET", "/api/notices")).json().total, before);
      });
    });

    describe("answering with evidence files", () => {
      test("the unit attaches files and answers once; the office reads both; nobody else may attach", async () => {
        const notice = await issue(taianMeasures().slice(0, 2));
        const sent = await upload(as("reporter_taian"), notice.id, "整改情况说明.txt", "已整改");
        assert.equal(sent.statusCode, 201, sent.body);
        assert.equal(sent.json().noticeId, notice.id);
        assert.equal(sent.json().reportId, null);
        assert.equal((await upload(as("office_taian"), notice.id, "a.txt", "x")).statusCode, 201, "the unit's office");
        assert.equal((await upload(as("province_office"), notice.id, "a.txt", "x")).statusCode, 403, "not the chaser");
        assert.equal((await upload(as("reporter_jinan"), notice.id, "a.txt", "x")).statusCode, 404, "another unit");
        const bad = await upload(as("reporter_taian"), notice.id, "a.exe", "x");
        assert.equal(bad.statusCode, 400);

        const answered = await as("reporter_taian").request("POST", `/api/notices/${notice.id}/response`, {
          response: "两项工作均已整改到位，佐证材料见附件。",
          expectedVersion: notice.version,
        });
        assert.equal(answered.statusCode, 200, answered.body);
        const seen = (await as("province_office").request("GET", `/api/notices/${notice.id}`)).json() as Notice;
        assert.equal(seen.response, "两项工作均已整改到位，佐证材料见附件。");
        assert.deepEqual(
          seen.evidence.map((e) => e.fileName),
          ["整改情况说明.txt", "a.txt"],
        );
        const file = await as("province_office").request("GET", `/api/evidence/${seen.evidence[0]?.id}`);
        assert.equal(file.statusCode, 200);
        assert.equal(file.body, "已整改");
        assert.equal(
          (await as("reporter_jinan").request("GET", `/api/evidence/${seen.evidence[0]?.id}`)).statusCode,
          404,
        );
      });
    });

    describe("escalating a notice now", () => {
      test("the office escalates it, the parent org is notified, it is audited, and it happens once", async () => {
        const notice = await issue([taianMeasures()[0] as number], "请立即报送");
        assert.equal(
          (
            await as("reporter_taian").request("POST", `/api/notices/${notice.id}/escalate`, {
              expectedVersion: notice.version,
            })
          ).statusCode,
          403,
        );
        assert.equal(
          (
            await as("office_jinan").request("POST", `/api/notices/${notice.id}/escalate`, {
              expectedVersion: notice.version,
            })
          ).statusCode,
          404,
          "another branch's office does not see it",
        );
        const res = await as("province_office").request("POST", `/api/notices/${notice.id}/escalate`, {
          expectedVersion: notice.version,
        });
        assert.equal(res.statusCode, 200, res.body);
        const escalated = res.json() as Notice;
        assert.ok(escalated.escalatedAt);
        const parent = await env.store.db
          .selectFrom("orgs")
          .select("parent_id")
          .where("id", "=", b.orgs.taian)
          .executeTakeFirstOrThrow();
        const notes = await env.store.db
          .selectFrom("notifications")
          .select("message")
          .where("org_id", "=", parent.parent_id as number)
          .where("notice_id", "=", notice.id)
          .execute();
        assert.equal(notes.length, 1);
        assert.match(notes[0]?.message ?? "", /督办升级/);
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select(["action", "user_id"])
          .where("entity", "=", "notice")
          .where("entity_id", "=", String(notice.id))
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        assert.deepEqual(audit, { action: "notice.escalate", user_id: b.users.province_office });
        const again = await as("province_office").request("POST", `/api/notices/${notice.id}/escalate`, {
          expectedVersion: escalated.version,
        });
        assert.equal(again.statusCode, 409);
        assert.ok(!(await escalateNotices(env.store.db, "2025-04-01")).includes(notice.id), "the daily run skips it");
      });
    });
  });
}
