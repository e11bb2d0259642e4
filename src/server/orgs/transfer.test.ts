import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { storeKinds } from "../../../test/support/stores.ts";
import { normalizeOrgName } from "../../services/orgs/names.ts";
import type { UserRole } from "../../store/schema.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// Province ─┬─ City1 ── County1
//           └─ City2
for (const kind of storeKinds()) {
  describe(`orgs/transfer over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const org = { province: 0, city1: 0, county1: 0, city2: 0 };
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      org.province = await insertOrg(env.store, "Province", null, "province");
      org.city1 = await insertOrg(env.store, "City1", org.province);
      org.county1 = await insertOrg(env.store, "County1", org.city1, "county");
      org.city2 = await insertOrg(env.store, "City2", org.province);
      const people: [string, UserRole, number][] = [
        ["admin", "admin", org.province],
        ["office1", "plan_office", org.city1],
        ["viewer1", "viewer", org.city1],
      ];
      for (const [name, role, orgId] of people) await insertUser(env.store, name, role, orgId);
      for (const [name] of people) agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const upload = (who: string, url: string, bytes: Buffer) =>
      env.app.inject({
        method: "POST",
        url,
        headers: { cookie: as(who).cookie, "x-csrf-token": as(who).csrf, "content-type": "application/octet-stream" },
        payload: bytes,
      });
    const csv = (...rows: string[]) => Buffer.from(["名称,类型,上级,区划代码,是否本级区域局,别名", ...rows].join("\n"));
    const auditOf = (entity: string, id: number | string) =>
      env.store.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity", "=", entity)
        .where("entity_id", "=", String(id))
        .orderBy("id")
        .execute();

    describe("spreadsheet export and import", () => {
      test("export: an admin gets the directory, a plan office its subtree, as a download", async () => {
        const all = await as("admin").request("GET", "/api/orgs/export?format=csv");
        assert.equal(all.statusCode, 200);
        assert.match(String(all.headers["content-type"]), /^text\/csv/);
        assert.match(String(all.headers["content-disposition"]), /attachment; .*filename\*=UTF-8''.*\.csv/);
        assert.match(all.body, /City2/);
        const mine = (await as("office1").request("GET", "/api/orgs/export?format=csv")).body;
        assert.match(mine, /^\uFEFF名称,类型,上级,区划代码,是否本级区域局,别名\r\nCity1,市级,Province,/);
        assert.doesNotMatch(mine, /City2/);
        const xlsx = await as("viewer1").request("GET", "/api/orgs/export");
        assert.equal(xlsx.statusCode, 200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(xlsx.rawPayload as never);
        assert.equal(workbook.worksheets[0]?.getCell("A2").value, "City1");
        assert.equal((await as("viewer1").request("GET", "/api/orgs/export?format=pdf")).statusCode, 400);
      });

      test("export: a name a spreadsheet would run as a formula is written as text, and imports back unchanged", async () => {
        // As the directory keeps it (names are stored without spaces).
        const evil = normalizeOrgName("=2+5+cmd|' -C calc'!A0");
        const id = await insertOrg(env.store, evil, org.city2);
        await env.store.db.insertInto("org_aliases").values({ org_id: id, alias: "@别名" }).execute();
        const file = await as("admin").request("GET", "/api/orgs/export?format=csv");
        assert.ok(file.body.includes("\r\n'=2+5+cmd|'-Ccalc'!A0,市级,City2,370000,否,'@别名\r\n"), file.body);
        const xlsx = await as("admin").request("GET", "/api/orgs/export");
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(xlsx.rawPayload as never);
        const names: unknown[] = [];
        workbook.worksheets[0]?.eachRow((row) => names.push(row.getCell(1).value));
        assert.ok(names.includes(`'${evil}`));
        for (const bytes of [Buffer.from(file.rawPayload), xlsx.rawPayload]) {
          const dry = await upload("admin", "/api/orgs/import?dryRun=true", bytes);
          assert.equal(dry.statusCode, 200, dry.body);
          assert.deepEqual(dry.json(), { created: 0, updated: 0, aliasesAdded: 0, dryRun: true });
        }
        await env.store.db.deleteFrom("org_aliases").where("org_id", "=", id).execute();
        await env.store.db.deleteFrom("orgs").where("id", "=", id).execute();
      });

      test("import: bad rows are a 422 naming each row and column, and nothing is written", async () => {
        const res = await upload(
          "admin",
          "/api/orgs/import?name=bad.csv",
          csv("Good,县级,City1,370103,否,", "Bad,星球,City1,370103,否,", "Lost,县级,Nowhere,12,否,"),
        );
        assert.equal(res.statusCode, 422, res.body);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        const problem = res.json();
        assert.deepEqual(
          problem.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
          [
            [3, "类型"],
            [4, "区划代码"],
          ],
        );
        assert.match(problem.detail, /row 3, 类型: must be one of/);
        const names = (await as("admin").request("GET", "/api/orgs")).json().items.map((o: { name: string }) => o.name);
        assert.ok(!names.includes("Good"));
      });

      test("import: a dry run counts without keeping; the real one applies and audits; a plan office stays inside", async () => {
        const file = csv("Town1,乡镇街道,County1,370104,否,一镇、镇一", "Town2,乡镇街道,Town1,370104,否,");
        const dry = await upload("office1", "/api/orgs/import?dryRun=true", file);
        assert.equal(dry.statusCode, 200, dry.body);
        assert.deepEqual(dry.json(), { created: 2, updated: 0, aliasesAdded: 2, dryRun: true });
        assert.equal((await auditOf("org_directory", "upload")).length, 0);
        const real = await upload("office1", "/api/orgs/import?name=towns.csv", file);
        assert.deepEqual(real.json(), { created: 2, updated: 0, aliasesAdded: 2, dryRun: false });
        const audit = await env.store.db
          .selectFrom("audit_log")
          .select("action")
          .where("action", "like", "org.import%")
          .orderBy("id")
          .execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          ["org.import.create", "org.import.create", "org.import"],
        );
        const outside = await upload("office1", "/api/orgs/import", csv("Town3,乡镇街道,City2,370104,否,"));
        assert.equal(outside.statusCode, 422);
        assert.deepEqual(
          outside.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]),
          [[2, "上级"]],
        );
        assert.equal((await upload("viewer1", "/api/orgs/import", file)).statusCode, 403);
        const notASheet = await upload("admin", "/api/orgs/import", Buffer.from("PK\u0003\u0004garbage"));
        assert.equal(notASheet.statusCode, 422);
        assert.match(notASheet.json().detail, /not a readable \.xlsx workbook/);
      });
    });
  });
}
