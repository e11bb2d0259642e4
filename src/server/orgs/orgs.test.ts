import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import type { UserRole } from "../../store/schema.ts";
import { type Agent, closeTemplate, insertOrg, insertUser, signIn, type TestEnv, testEnv } from "../testing.ts";

// Province ─┬─ City1 ── County1
//           └─ City2
let env: TestEnv;
const org = { province: 0, city1: 0, county1: 0, city2: 0 };
const agents: Record<string, Agent> = {};
const as = (name: string) => agents[name] as Agent;

before(async () => {
  env = await testEnv();
  org.province = await insertOrg(env.store, "Province", null, "province");
  org.city1 = await insertOrg(env.store, "City1", org.province);
  org.county1 = await insertOrg(env.store, "County1", org.city1, "county");
  org.city2 = await insertOrg(env.store, "City2", org.province);
  const people: [string, UserRole, number][] = [
    ["admin", "admin", org.province],
    ["office1", "plan_office", org.city1],
    ["reporter1", "reporter", org.city1],
    ["viewer1", "viewer", org.city1],
    ["office2", "plan_office", org.city2],
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
const auditOf = (entity: string, id: number | string) =>
  env.store.db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity", "=", entity)
    .where("entity_id", "=", String(id))
    .orderBy("id")
    .execute();
const newOrg = (name: string, parentId: number | null) => ({ name, kind: "county", parentId, regionCode: "370101" });
const csv = (...rows: string[]) => Buffer.from(["名称,类型,上级,区划代码,是否本级区域局,别名", ...rows].join("\n"));

describe("who may change orgs", () => {
  const cases: [
    method: "POST" | "PATCH" | "DELETE",
    url: () => string,
    body: () => unknown,
    who: string,
    status: number,
  ][] = [
    ["POST", () => "/api/orgs", () => newOrg("R", org.city1), "reporter1", 403],
    ["POST", () => "/api/orgs", () => newOrg("V", org.city1), "viewer1", 403],
    ["POST", () => "/api/orgs", () => newOrg("Top", null), "office1", 403],
    ["POST", () => "/api/orgs", () => newOrg("Elsewhere", org.city2), "office1", 400],
    ["PATCH", () => `/api/orgs/${org.city1}`, () => ({ rowVersion: 1, name: "X" }), "viewer1", 403],
    ["PATCH", () => `/api/orgs/${org.city2}`, () => ({ rowVersion: 1, name: "X" }), "office1", 404],
    ["POST", () => `/api/orgs/${org.city1}/aliases`, () => ({ alias: "一市" }), "reporter1", 403],
    ["POST", () => `/api/orgs/${org.city2}/aliases`, () => ({ alias: "二市" }), "office1", 404],
    ["DELETE", () => `/api/orgs/${org.city1}/aliases/1`, () => undefined, "viewer1", 403],
  ];
  for (const [method, url, body, who, status] of cases) {
    test(`${method} ${url().replace(/\/\d+/g, "/:id")} as ${who} → ${status}`, async () => {
      const res = await as(who).request(method, url(), body());
      assert.equal(res.statusCode, status, res.body);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    });
  }

  test("a plan office cannot move one of its orgs to another office's subtree or to the top", async () => {
    const county = (await as("office1").request("GET", `/api/orgs/${org.county1}`)).json();
    const away = await as("office1").request("PATCH", `/api/orgs/${org.county1}`, {
      rowVersion: county.rowVersion,
      parentId: org.city2,
    });
    assert.equal(away.statusCode, 400);
    assert.equal(away.json().errors[0].path, "body.parentId");
    const top = await as("office1").request("PATCH", `/api/orgs/${org.county1}`, {
      rowVersion: county.rowVersion,
      parentId: null,
    });
    assert.equal(top.statusCode, 403);
  });
});

describe("reading", () => {
  test("GET /api/orgs gives each user its scope with what the admin page needs", async () => {
    const names = async (who: string) =>
      (await as(who).request("GET", "/api/orgs")).json().items.map((o: { name: string }) => o.name);
    assert.deepEqual(await names("reporter1"), ["City1"]);
    assert.deepEqual((await names("viewer1")).slice(0, 2), ["City1", "County1"]);
    assert.ok((await names("admin")).includes("City2"));
    const [city1] = (await as("reporter1").request("GET", "/api/orgs")).json().items;
    assert.deepEqual(Object.keys(city1).sort(), [
      "aliases",
      "id",
      "isRegionOffice",
      "kind",
      "name",
      "parentId",
      "regionCode",
      "rowVersion",
    ]);
    assert.equal(city1.parentId, org.province);
    assert.equal((await as("office2").request("GET", `/api/orgs/${org.county1}`)).statusCode, 404);
  });
});

describe("editing", () => {
  test("create, rename with the row version, a stale version is 409; each change audited before → after", async () => {
    const created = await as("office1").request("POST", "/api/orgs", {
      name: "County (new)",
      kind: "county",
      parentId: org.city1,
      regionCode: "370102",
    });
    assert.equal(created.statusCode, 201, created.body);
    const fresh = created.json();
    assert.equal(fresh.name, "County（new）", "names are stored in the one spelling imports match against");
    assert.equal(fresh.rowVersion, 1);
    const renamed = await as("office1").request("PATCH", `/api/orgs/${fresh.id}`, {
      rowVersion: 1,
      name: "County Two",
      kind: "township",
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual(
      [renamed.json().name, renamed.json().kind, renamed.json().rowVersion],
      ["CountyTwo", "township", 2],
    );
    const stale = await as("admin").request("PATCH", `/api/orgs/${fresh.id}`, { rowVersion: 1, name: "Lost" });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.json().detail, /changed by someone else/);
    const audit = await auditOf("org", fresh.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ["org.create", "org.update"],
    );
    assert.deepEqual(
      audit.map((a) => [(a.before as { name?: string } | null)?.name, (a.after as { name?: string } | null)?.name]),
      [
        [undefined, "County（new）"],
        ["County（new）", "CountyTwo"],
      ],
    );
  });

  test("moving an org under its own descendant is a 400 on parentId; a duplicate name is 409", async () => {
    const city = (await as("admin").request("GET", `/api/orgs/${org.city1}`)).json();
    const loop = await as("admin").request("PATCH", `/api/orgs/${org.city1}`, {
      rowVersion: city.rowVersion,
      parentId: org.county1,
    });
    assert.equal(loop.statusCode, 400);
    assert.equal(loop.json().errors[0].path, "body.parentId");
    assert.match(loop.json().detail, /under itself or its own descendant/);
    assert.equal((await as("admin").request("GET", `/api/orgs/${org.city1}`)).json().parentId, org.province);
    const twin = await as("admin").request("POST", "/api/orgs", newOrg("County1", org.city1));
    assert.equal(twin.statusCode, 409);
  });

  test("bad input names the field", async () => {
    const res = await as("admin").request("POST", "/api/orgs", {
      name: "a/b",
      kind: "planet",
      parentId: org.city1,
      regionCode: "37",
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().errors.map((e: { path: string }) => e.path),
      ["body.name", "body.kind", "body.regionCode"],
    );
    const empty = await as("admin").request("PATCH", `/api/orgs/${org.city2}`, { rowVersion: 1 });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().detail, /at least one field/);
  });

  test("aliases: add (once), remove by id; both audited", async () => {
    const added = await as("office2").request("POST", `/api/orgs/${org.city2}/aliases`, { alias: "二市 局" });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().added, true);
    const alias = added.json().org.aliases.find((a: { alias: string }) => a.alias === "二市局");
    assert.ok(alias, "stored without the space");
    const again = await as("office2").request("POST", `/api/orgs/${org.city2}/aliases`, { alias: "二市局" });
    assert.equal(again.json().added, false);
    const removed = await as("office2").request("DELETE", `/api/orgs/${org.city2}/aliases/${alias.id}`);
    assert.equal(removed.statusCode, 200);
    assert.deepEqual(removed.json().aliases, []);
    assert.equal((await as("office2").request("DELETE", `/api/orgs/${org.city2}/aliases/${alias.id}`)).statusCode, 404);
    const audit = await auditOf("org", org.city2);
    assert.deepEqual(
      audit.map((a) => [a.action, a.before, a.after]),
      [
        ["org.alias.add", { aliases: [] }, { aliases: ["二市局"] }],
        ["org.alias.remove", { aliases: ["二市局"] }, { aliases: [] }],
      ],
    );
  });
});

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

describe("groups", () => {
  test("list, define, add and remove members; plan offices only with their own orgs", async () => {
    const created = await as("office1").request("POST", "/api/orgs/groups", {
      ownerOrgId: org.city1,
      name: "各县",
      memberOrgIds: [org.county1],
    });
    assert.equal(created.statusCode, 201, created.body);
    const group = created.json();
    assert.deepEqual(group.members, [{ id: org.county1, name: "County1" }]);
    const foreign = await as("office1").request("POST", `/api/orgs/groups/${group.id}/members`, { orgId: org.city2 });
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().errors[0].path, "body.orgId");
    assert.equal(
      (await as("office2").request("POST", `/api/orgs/groups/${group.id}/members`, { orgId: org.city2 })).statusCode,
      404,
    );
    const added = await as("admin").request("POST", `/api/orgs/groups/${group.id}/members`, { orgId: org.city2 });
    assert.deepEqual(
      added.json().members.map((m: { id: number }) => m.id),
      [org.county1, org.city2].sort((a, b) => a - b),
    );
    const removed = await as("office1").request("DELETE", `/api/orgs/groups/${group.id}/members/${org.city2}`);
    assert.deepEqual(
      removed.json().members.map((m: { id: number }) => m.id),
      [org.county1],
    );
    const listed = (await as("viewer1").request("GET", "/api/orgs/groups")).json().items;
    assert.deepEqual(
      listed.map((g: { name: string }) => g.name),
      ["各县"],
    );
    assert.equal((await as("office2").request("GET", "/api/orgs/groups")).json().items.length, 0);
    assert.equal((await as("viewer1").request("DELETE", `/api/orgs/groups/${group.id}/members/1`)).statusCode, 403);
    const audit = await auditOf("org_group", group.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ["org_group.create", "org_group.member.add", "org_group.member.remove"],
    );
  });
});
