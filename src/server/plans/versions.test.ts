import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { makeUser, orgIdByName } from "../../../test/support/factories.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { closeTemplate, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`plans/versions over HTTP on ${kind.name}`, () => {
    const original = readFileSync(
      join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", "sd-2021-provincial-task-list.txt"),
      "utf8",
    );
    // One measure reworded, one removed, one added; the rest as they were.
    const revised = original
      .replace("积极推动《山东省专利条例》的修订。", "积极推动《山东省专利条例》的修订，年内提交审议。")
      .replace(/\n[^\n]*加强知识产权智库建设[^\n]*\n/, "\n")
      .replace(
        "\t修订省知识产权示范企业管理办法",
        "\t开展知识产权法规政策实施情况评估。\t法规处\t年底前\n\t修订省知识产权示范企业管理办法",
      );

    describe("plan versions", () => {
      // Each test builds its own database, directory and users: none reads what another imported.
      const opened: TestEnv[] = [];
      async function setUp() {
        const env = await testEnvOn(kind);
        opened.push(env);
        await loadReferenceDirectory(env.store.db);
        const province = await orgIdByName(env.store, "山东省市场监督管理局");
        const office = await makeUser(env.store, "plan_office", province);
        const taian = await makeUser(env.store, "reporter", await orgIdByName(env.store, "泰安市市场监督管理局"));
        const body = (text: string, fileName: string) => ({
          fileName,
          contentBase64: Buffer.from(text).toString("base64"),
          orgId: province,
        });
        return {
          env,
          body,
          office: await signIn(env.app, office.username),
          taian: await signIn(env.app, taian.username),
        };
      }
      after(async () => {
        for (const env of opened) await env.close();
        await closeTemplate();
      });

      test("preview of a revised file shows what would change; the import then does exactly that", async () => {
        const { env, body, office } = await setUp();
        const first = await office.request("POST", "/api/plans/preview", body(original, "v1.txt"));
        assert.equal(first.json().revision, null, "nothing to compare with before the first import");
        const v1 = (await office.request("POST", "/api/plans/import", body(original, "v1.txt"))).json();
        // Progress on an unchanged measure (carried over) and on the reworded one (stays with version 1).
        const assignmentOn = (prefix: string) =>
          env.store.db
            .selectFrom("assignments as a")
            .innerJoin("measures as m", "m.id", "a.measure_id")
            .select(["a.id", "a.region_code"])
            .where("m.plan_id", "=", v1.planId)
            .where("m.text", "like", `${prefix}%`)
            .orderBy("a.id")
            .executeTakeFirstOrThrow();
        for (const prefix of ["修订《山东省知识产权促进条例》", "积极推动《山东省专利条例》"]) {
          const a = await assignmentOn(prefix);
          await env.store.db
            .insertInto("progress_reports")
            .values({ assignment_id: a.id, region_code: a.region_code, period: "2021-Q2", status: "in_progress" })
            .execute();
        }

        const res = await office.request("POST", "/api/plans/preview", body(revised, "v2.txt"));
        assert.equal(res.statusCode, 200, res.body);
        const revision = res.json().revision;
        assert.deepEqual([revision.previousPlanId, revision.previousVersion, revision.version], [v1.planId, 1, 2]);
        assert.equal(revision.unchanged, 83);
        assert.deepEqual(
          revision.changed.map((c: { before: string; after: string; reports: number }) => [
            c.before,
            c.after,
            c.reports,
          ]),
          [["积极推动《山东省专利条例》的修订。", "积极推动《山东省专利条例》的修订，年内提交审议。", 1]],
        );
        assert.deepEqual(revision.added, [{ taskKey: "一/2", text: "开展知识产权法规政策实施情况评估。" }]);
        assert.deepEqual(
          revision.removed.map((r: { text: string; reports: number }) => [r.text, r.reports]),
          [["加强知识产权智库建设。", 0]],
        );
        assert.equal(revision.carriedReports, 1);
        assert.equal((await office.request("GET", "/api/plans")).json().items.length, 1, "a preview writes nothing");

        const v2 = (await office.request("POST", "/api/plans/import", body(revised, "v2.txt"))).json();
        assert.deepEqual(v2.changes, {
          previousPlanId: v1.planId,
          unchanged: 83,
          changed: 1,
          added: 1,
          removed: 1,
          carriedReports: 1,
          indicators: { unchanged: 2, changed: 0, added: 0, removed: 0, carriedValues: 0 },
        });
      });

      test("a superseded version stays readable, points at the active one, and the versions are listed", async () => {
        const { body, office, taian } = await setUp();
        const v1 = (await office.request("POST", "/api/plans/import", body(original, "v1.txt"))).json();
        assert.equal((await office.request("POST", "/api/plans/import", body(revised, "v2.txt"))).statusCode, 201);
        const [active] = (await office.request("GET", "/api/plans?status=active")).json().items;
        assert.notEqual(active.id, v1.planId, "the revision is a new plan row");
        const old = await office.request("GET", `/api/plans/${v1.planId}`);
        assert.equal(old.statusCode, 200, old.body);
        assert.deepEqual(
          [old.json().status, old.json().version, old.json().activeVersionId],
          ["superseded", 1, active.id],
        );
        assert.ok(old.json().tasks.length > 0, "its outline is still there");
        assert.equal(active.activeVersionId, active.id);
        const versions = await taian.request("GET", `/api/plans/${v1.planId}/versions`);
        assert.equal(versions.statusCode, 200);
        assert.deepEqual(
          versions
            .json()
            .items.map((p: { id: number; version: number; status: string }) => [p.id, p.version, p.status]),
          [
            [v1.planId, 1, "superseded"],
            [active.id, 2, "active"],
          ],
        );
        assert.equal((await taian.request("GET", "/api/plans/999999/versions")).statusCode, 404);
      });
    });
  });
}
