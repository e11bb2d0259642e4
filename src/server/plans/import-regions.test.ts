// Through the API: a Hunan office's preview names every printed name's org and region; an assignment
// outside its region is refused (409, listed) until confirmed; an identical file changes nothing; names
// left unresolved show on their measures and many resolve in one request.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { addHunan, HUNAN_BUREAU } from "../../../test/support/regions.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`plans/import-regions over HTTP on ${kind.name}`, () => {
    const table = readFileSync(
      join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "layouts", "hunan-provincial-task-table.txt"),
    );

    describe("importing as another region's office", () => {
      let env: TestEnv;
      let hunanOffice: Agent;
      let admin: Agent;
      let bureau: number;
      const body = (extra: Record<string, unknown> = {}) => ({
        fileName: "hunan.txt",
        contentBase64: table.toString("base64"),
        orgId: bureau,
        ...extra,
      });

      before(async () => {
        env = await testEnvOn(kind);
        await loadReferenceDirectory(env.store.db);
        const hunan = await addHunan(env.store);
        bureau = hunan.get(HUNAN_BUREAU) as number;
        await insertUser(env.store, "hunan", "plan_office", bureau);
        await insertUser(env.store, "root", "admin", bureau);
        hunanOffice = await signIn(env.app, "hunan");
        admin = await signIn(env.app, "root");
      });
      after(async () => {
        await env.close();
        await closeTemplate();
      });

      test("the preview shows each printed name's org and region; outside-region work needs confirmation", async () => {
        const preview = await hunanOffice.request("POST", "/api/plans/preview", body());
        assert.equal(preview.statusCode, 200, preview.body);
        const { names, outsideRegion, assignments } = preview.json();
        const police = names.find((n: { name: string }) => n.name === "省公安厅");
        assert.deepEqual(
          police.orgs.map((o: { orgName: string; regionName: string; outsideRegion: boolean }) => [
            o.orgName,
            o.regionName,
            o.outsideRegion,
          ]),
          [["湖南省公安厅", "湖南省", false]],
        );
        assert.deepEqual(outsideRegion, []);
        assert.ok(assignments.every((a: { outsideRegion: boolean }) => !a.outsideRegion));

        const justice = (
          await env.store.db
            .selectFrom("orgs")
            .select("id")
            .where("name", "=", "山东省司法厅")
            .executeTakeFirstOrThrow()
        ).id;
        const mapped = body({ mappings: { 省司法厅: justice } });
        const flagged = (await admin.request("POST", "/api/plans/preview", mapped)).json();
        assert.deepEqual(
          flagged.outsideRegion.map((o: { name: string; orgName: string }) => [o.name, o.orgName]),
          [["省司法厅", "山东省司法厅"]],
        );
        const refused = await admin.request("POST", "/api/plans/import", mapped);
        assert.equal(refused.statusCode, 409, refused.body);
        assert.equal(refused.json().type, "urn:luoshi:problem:outside-region");
        assert.deepEqual(
          refused.json().errors.map((e: { path: string }) => e.path),
          ["names.省司法厅"],
        );
        assert.equal((await admin.request("GET", "/api/plans")).json().items.length, 0, "nothing imported");
        const confirmed = await admin.request("POST", "/api/plans/import", { ...mapped, confirmOutsideRegion: true });
        assert.equal(confirmed.statusCode, 201, confirmed.body);
        assert.equal(confirmed.json().nothingChanged, null);

        const again = await admin.request("POST", "/api/plans/import", { ...mapped, confirmOutsideRegion: true });
        assert.equal(again.statusCode, 201);
        assert.equal(again.json().nothingChanged.reason, "checksum");
        assert.equal(again.json().planId, confirmed.json().planId);
        assert.equal((await admin.request("GET", "/api/plans")).json().items.length, 1, "no second version");
      });

      test("unresolved names show on their measures, and many are resolved in one request, all or nothing", async () => {
        const text = table
          .toString("utf8")
          .replace("2025年湖南省", "2026年湖南省")
          .replace("省司法厅、省高级人民法院", "省信访局、省人民检察院、省高级人民法院");
        const imported = await hunanOffice.request("POST", "/api/plans/import", {
          ...body(),
          fileName: "hunan-2026.txt",
          contentBase64: Buffer.from(text).toString("base64"),
        });
        assert.equal(imported.statusCode, 201, imported.body);
        const { planId, unresolved } = imported.json();
        assert.deepEqual(unresolved.map((u: { name: string }) => u.name).sort(), [
          "各市州市场监管局",
          "省人民检察院",
          "省信访局",
        ]);

        const plan = (await hunanOffice.request("GET", `/api/plans/${planId}`)).json();
        const mediation = plan.tasks[1].measures[1];
        assert.deepEqual(mediation.unresolved, [
          { name: "省信访局", role: "owner" },
          { name: "省人民检察院", role: "owner" },
        ]);
        const detail = (await hunanOffice.request("GET", `/api/measures/${mediation.id}`)).json();
        assert.deepEqual(
          detail.unresolved.map((u: { name: string }) => u.name),
          ["省信访局", "省人民检察院"],
        );

        const newOrg = (name: string) => ({ name, kind: "department", parentId: bureau, regionCode: "430000" });
        const bad = await hunanOffice.request("POST", `/api/plans/${planId}/unresolved/resolve-many`, {
          items: [
            { name: "省信访局", newOrg: newOrg("湖南省信访局") },
            { name: "不存在的单位", orgId: bureau },
          ],
        });
        assert.equal(bad.statusCode, 400, bad.body);
        const still = (await hunanOffice.request("GET", `/api/plans/${planId}/unresolved`)).json().items;
        assert.equal(still.length, 3, "a bad row leaves every name as it was");

        const ok = await hunanOffice.request("POST", `/api/plans/${planId}/unresolved/resolve-many`, {
          items: [
            { name: "省信访局", newOrg: newOrg("湖南省信访局") },
            { name: "省人民检察院", newOrg: newOrg("湖南省人民检察院") },
          ],
        });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.deepEqual(
          ok
            .json()
            .results.map((r: { name: string; orgCreated: boolean; assignmentsCreated: number }) => [
              r.name,
              r.orgCreated,
              r.assignmentsCreated,
            ]),
          [
            ["省信访局", true, 1],
            ["省人民检察院", true, 1],
          ],
        );
        assert.equal(ok.json().remaining, 1);
        const after = (await hunanOffice.request("GET", `/api/plans/${planId}`)).json();
        assert.deepEqual(after.tasks[1].measures[1].unresolved, []);
      });
    });
  });
}
