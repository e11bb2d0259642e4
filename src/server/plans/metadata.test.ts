// Plan metadata a person corrects (issue 15.7): a county plan's title came in with "（此件主动公开）" attached
// and nothing could fix it. The import takes corrections of the title, 文号, issuer, date and period; plan
// settings change them later, audited as before → after, with clear 400s; exports use the corrected title.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import mammoth from "mammoth";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`plans/metadata over HTTP on ${kind.name}`, () => {
    const WRONG = "泰山区2025年知识产权工作要点（此件主动公开）";
    const FIXED = "泰山区2025年知识产权保护工作要点";
    const PLAN = [
      WRONG,
      "",
      "任务清单\t落实举措\t责任单位\t完成时间",
      "一、强化知识产权保护\t\t\t",
      "1. 加强行政保护\t开展商标专项整治行动。\t泰山区市场监督管理局\t2025年6月底前",
      "",
    ].join("\n");

    let env: TestEnv;
    let office: Agent;
    let viewer: Agent;
    let county = 0;

    const importBody = (metadata?: Record<string, unknown>) => ({
      fileName: "要点.txt",
      contentBase64: Buffer.from(PLAN).toString("base64"),
      orgId: county,
      ...(metadata ? { metadata } : {}),
    });
    const paths = (res: { json(): unknown }) =>
      ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

    before(async () => {
      env = await testEnvOn(kind);
      await loadReferenceDirectory(env.store.db);
      county = (
        await env.store.db
          .selectFrom("orgs")
          .select("id")
          .where("name", "=", "泰山区市场监督管理局")
          .executeTakeFirstOrThrow()
      ).id;
      await insertUser(env.store, "office", "plan_office", county);
      await insertUser(env.store, "viewer", "viewer", county);
      office = await signIn(env.app, "office");
      viewer = await signIn(env.app, "viewer");
    });

    after(async () => {
      await env.close();
      await closeTemplate();
    });

    describe("correcting a plan's metadata at import", () => {
      test("the corrected title, 文号, issuer, date and period are what the plan is saved with", async () => {
        const res = await office.request(
          "POST",
          "/api/plans/import",
          importBody({
            title: "  泰山区2025年知识产权工作要点 ",
            docNumber: "泰区市监字〔2025〕3号",
            issuer: "泰山区市场监督管理局",
            issuedOn: "2025-02-10",
            periodFrom: 2025,
            periodTo: 2025,
          }),
        );
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json().title, "泰山区2025年知识产权工作要点");
        const plan = (await office.request("GET", `/api/plans/${res.json().planId}`)).json();
        assert.deepEqual(
          [plan.title, plan.docNumber, plan.issuer, plan.issuedOn, plan.periodFrom, plan.periodTo],
          ["泰山区2025年知识产权工作要点", "泰区市监字〔2025〕3号", "泰山区市场监督管理局", "2025-02-10", 2025, 2025],
        );
      });

      test("bad corrections are 400s naming the field, and nothing is written", async () => {
        const count = async () => (await env.store.db.selectFrom("plans").select("id").execute()).length;
        const plans = await count();
        const empty = await office.request("POST", "/api/plans/import", importBody({ title: "  " }));
        assert.equal(empty.statusCode, 400, empty.body);
        assert.deepEqual(paths(empty), ["body.metadata.title"]);
        const backwards = await office.request(
          "POST",
          "/api/plans/import",
          importBody({ periodFrom: 2026, periodTo: 2024 }),
        );
        assert.equal(backwards.statusCode, 400, backwards.body);
        assert.deepEqual(paths(backwards), ["body.metadata.periodTo"]);
        assert.match(backwards.json().detail, /periodTo \(2024\) must not be before periodFrom \(2026\)/);
        const day = await office.request("POST", "/api/plans/import", importBody({ issuedOn: "2025-02-30" }));
        assert.equal(day.statusCode, 400, day.body);
        assert.deepEqual(paths(day), ["body.metadata.issuedOn"]);
        assert.equal(await count(), plans);
      });
    });

    describe("correcting a plan's metadata in its settings", () => {
      let planId = 0;
      before(async () => {
        const res = await office.request("POST", "/api/plans/import", importBody());
        assert.equal(res.statusCode, 201, res.body);
        planId = res.json().planId;
      });
      const version = async () =>
        (
          await env.store.db
            .selectFrom("plans")
            .select("row_version")
            .where("id", "=", planId)
            .executeTakeFirstOrThrow()
        ).row_version;

      test("a change is saved, audited before → after, and the exports use the corrected title", async () => {
        // Whatever the parser made of the title (another change drops publication notes), a person corrects it.
        const parsed = (await office.request("GET", `/api/plans/${planId}`)).json().title;
        const res = await office.request("PATCH", `/api/plans/${planId}/settings`, {
          rowVersion: await version(),
          title: FIXED,
          docNumber: "泰区市监字〔2025〕3号",
          issuedOn: "2025-02-10",
          periodFrom: 2025,
          periodTo: 2026,
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().title, FIXED);
        const plan = (await office.request("GET", `/api/plans/${planId}`)).json();
        assert.deepEqual(
          [plan.title, plan.docNumber, plan.issuedOn, plan.periodFrom, plan.periodTo],
          [FIXED, "泰区市监字〔2025〕3号", "2025-02-10", 2025, 2026],
        );
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select(["action", "before", "after"])
          .where("entity", "=", "plan")
          .where("entity_id", "=", String(planId))
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        const [was, now] = [audit.before, audit.after] as { title: string; docNumber: string | null }[];
        assert.equal(audit.action, "plan.settings");
        assert.deepEqual([was?.title, now?.title], [parsed, FIXED]);
        assert.deepEqual([was?.docNumber, now?.docNumber], [null, "泰区市监字〔2025〕3号"]);

        const register = await office.request("GET", `/api/plans/${planId}/register.xlsx`);
        assert.equal(register.statusCode, 200);
        const disposition = decodeURIComponent(String(register.headers["content-disposition"]));
        assert.ok(disposition.includes(FIXED), disposition);
        assert.ok(!disposition.includes("此件主动公开"), disposition);
        const report = await office.request("GET", `/api/plans/${planId}/report.docx?orgId=${county}&period=2025`);
        assert.equal(report.statusCode, 200, report.body);
        const text = (await mammoth.extractRawText({ buffer: report.rawPayload })).value;
        assert.ok(text.includes(FIXED));
        assert.ok(!text.includes("此件主动公开"));
      });

      test("bad values are 400s naming the field; a viewer may not change anything", async () => {
        const patch = async (body: Record<string, unknown>) =>
          office.request("PATCH", `/api/plans/${planId}/settings`, { rowVersion: await version(), ...body });
        const empty = await patch({ title: " " });
        assert.equal(empty.statusCode, 400);
        assert.deepEqual(paths(empty), ["body.title"]);
        assert.match(empty.json().detail, /title must not be empty/);
        const backwards = await patch({ periodFrom: 2027 });
        assert.equal(backwards.statusCode, 400, backwards.body);
        assert.deepEqual(paths(backwards), ["body.periodTo"]);
        const half = await patch({ periodFrom: null });
        assert.equal(half.statusCode, 400, half.body);
        assert.match(half.json().detail, /both periodFrom and periodTo/);
        const year = await patch({ periodTo: 3000 });
        assert.equal(year.statusCode, 400);
        assert.deepEqual(paths(year), ["body.periodTo"]);
        const long = await patch({ docNumber: "号".repeat(101) });
        assert.equal(long.statusCode, 400);
        assert.deepEqual(paths(long), ["body.docNumber"]);
        // Clearing an optional field is allowed: null (or an empty text) leaves it unset.
        const cleared = await patch({ issuer: "", docNumber: null });
        assert.equal(cleared.statusCode, 200, cleared.body);
        assert.deepEqual([cleared.json().issuer, cleared.json().docNumber], [null, null]);
        const refused = await viewer.request("PATCH", `/api/plans/${planId}/settings`, {
          rowVersion: await version(),
          title: "x",
        });
        assert.equal(refused.statusCode, 403);
      });
    });
  });
}
