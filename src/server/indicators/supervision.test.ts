// Indicators under supervision through the API: the off-pace list, orgs ranked by pace, and the target
// split as a real .xlsx (template out, filled sheet in, every bad row named, all or nothing). On both
// databases (test/support/stores.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { addOffPaceIndicators } from "../../../test/support/off-pace.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Branches, setUpBranches } from "../../../test/support/two-branches.ts";
import { type Agent, signIn, type TestEnv, testEnvOn } from "../testing.ts";

let env: TestEnv;
let b: Branches;
let ids = { behind: 0, met: 0 };
const agents: Record<string, Agent> = {};
const as = (name: string) => agents[name] as Agent;

const upload = (who: string, url: string, bytes: Buffer | Uint8Array) =>
  env.app.inject({
    method: "POST",
    url,
    headers: { cookie: as(who).cookie, "x-csrf-token": as(who).csrf, "content-type": "application/octet-stream" },
    payload: Buffer.from(bytes),
  });

async function template(who: string, query = "") {
  const res = await as(who).request("GET", `/api/indicators/${ids.behind}/targets/sheet${query}`);
  assert.equal(res.statusCode, 200, res.body);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as never);
  return book;
}
const rowOf = (sheet: ExcelJS.Worksheet, orgId: number): ExcelJS.Row => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row, n) => {
    if (n > 3 && row.getCell(1).value === orgId) found = row;
  });
  assert.ok(found, `org ${orgId} has a row`);
  return found;
};
const bytesOf = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());

for (const kind of storeKinds())
  describe(`indicators under supervision on ${kind.name}`, () => {
    before(async () => {
      env = await testEnvOn(await kind.open()); // today is 2025-03-01
      b = await setUpBranches(env.store);
      ids = await addOffPaceIndicators(env.store, b);
      for (const name of ["admin", "province_office", "office_jinan", "office_taian", "reporter_taian", "viewer_jinan"])
        agents[name] = await signIn(env.app, name);
    });
    after(async () => {
      await env.close();
    });

    test("the off-pace list: each sees the orgs of its scope", async () => {
      type Item = { orgId: number; indicatorId: number; band: string; sentence: string };
      const list = async (who: string) => {
        const res = await as(who).request("GET", "/api/indicators/off-pace");
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { items: Item[] }).items;
      };
      const all = await list("province_office");
      assert.deepEqual(all.map((i) => i.orgId).sort(), [b.orgs.province, b.orgs.jinan, b.orgs.taian].sort());
      assert.ok(
        all.every((i) => i.indicatorId === ids.behind),
        "the met target is not off pace",
      );
      assert.deepEqual(
        (await list("viewer_jinan")).map((i) => [i.orgId, i.band]),
        [[b.orgs.jinan, "acceleration_needed"]],
      );
      const filtered = await as("province_office").request("GET", `/api/indicators/off-pace?planId=${b.planId}`);
      assert.equal(filtered.json().items.length, 3);
    });

    test("orgs ranked by pace: best first, numbered", async () => {
      const res = await as("province_office").request("GET", `/api/indicators/${ids.behind}/ranking`);
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as {
        rank: number | null;
        orgName: string;
        pace: { band: string; score: number };
      }[];
      assert.deepEqual(
        items.map((i) => [i.rank, i.orgName]),
        [
          [1, "济南市市场监督管理局"],
          [2, "泰安市市场监督管理局"],
          // 泰山区 reports but holds no share: nothing to judge it by, so it comes last, unranked.
          [null, "泰山区市场监督管理局"],
        ],
      );
      const scores = items.filter((i) => i.rank !== null).map((i) => i.pace.score);
      assert.deepEqual(
        scores,
        [...scores].sort((x, y) => y - x),
      );
      assert.equal((await as("province_office").request("GET", "/api/indicators/999999/ranking")).statusCode, 404);
    });

    test("the ranking as of a day judges the figures as they stood then", async () => {
      const ranked = async (query: string) => {
        const res = await as("province_office").request("GET", `/api/indicators/${ids.behind}/ranking${query}`);
        assert.equal(res.statusCode, 200, res.body);
        return res.json().items as {
          rank: number | null;
          orgName: string;
          latest: { asOf: string; value: number } | null;
          pace: { band: string };
        }[];
      };
      // At the end of 2023 济南 had one figure (250) and no baseline: linear from nothing, so not judged; at
      // the end of 2024 each org's latest is its 2024 figure.
      const then = await ranked("?asOf=2023-12-31");
      const jinan = then.find((i) => i.orgName === "济南市市场监督管理局");
      assert.deepEqual(jinan?.latest, { asOf: "2023-12-31", value: 250 });
      const now = await ranked("?asOf=2024-12-31");
      assert.deepEqual(now.find((i) => i.orgName === "济南市市场监督管理局")?.latest, {
        asOf: "2024-12-31",
        value: 270,
      });
      assert.deepEqual(
        now.map((i) => [i.orgName, i.pace.band]),
        (await ranked("")).map((i) => [i.orgName, i.pace.band]),
        "nothing was reported after 2024: as of its end the ranking is today's",
      );
      const bad = await as("province_office").request("GET", `/api/indicators/${ids.behind}/ranking?asOf=2024-02-30`);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /asOf/);
    });

    test("the split template lists the orgs under the office with their shares; filled in, it is kept", async () => {
      const book = await template("province_office", "?year=2025");
      const sheet = book.getWorksheet("指标分解") as ExcelJS.Worksheet;
      assert.match(String(sheet.getCell(1, 1).value), /高价值发明专利（件）2025年目标分解/);
      assert.match(String(sheet.getCell(2, 1).value), /本级目标：560件/);
      assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), [
        "单位ID",
        "单位名称",
        "目标年度",
        "目标值",
        "目标上限（区间指标）",
      ]);
      const jinan = rowOf(sheet, b.orgs.jinan);
      assert.equal(jinan.getCell(2).value, "济南市市场监督管理局");
      assert.equal(jinan.getCell(4).value, 300, "the share already set");
      assert.equal(rowOf(sheet, b.orgs.taian).getCell(4).value, 200);
      let rows = 0;
      sheet.eachRow((_, n) => {
        if (n > 3) rows += 1;
      });
      const children = await env.store.db
        .selectFrom("orgs")
        .select("id")
        .where("parent_id", "=", b.orgs.province)
        .execute();
      assert.equal(rows, children.length, "one row per org directly under the province");

      rowOf(sheet, b.orgs.jinan).getCell(4).value = 320;
      rowOf(sheet, b.orgs.taian).getCell(4).value = 240;
      const res = await upload("province_office", `/api/indicators/${ids.behind}/targets/sheet`, await bytesOf(book));
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.year, 2025);
      assert.equal(body.shares, 2);
      assert.deepEqual(body.checks.find((c: { orgId: number }) => c.orgId === b.orgs.province)?.check, {
        status: "ok",
        total: 560,
      });
      const kept = await env.store.db
        .selectFrom("indicator_targets")
        .select(["org_id", "target"])
        .where("indicator_id", "=", ids.behind)
        .orderBy("target", "desc")
        .execute();
      assert.deepEqual(
        kept.map((k) => [k.org_id, k.target]),
        [
          [b.orgs.jinan, 320],
          [b.orgs.taian, 240],
        ],
      );
      const audit = await env.store.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "indicator")
        .where("entity_id", "=", String(ids.behind))
        .execute();
      assert.ok(audit.some((a) => a.action === "indicator_targets.set"));
    });

    test("a bad sheet names each bad row and column, and nothing is kept", async () => {
      const book = await template("province_office", "?year=2025");
      const sheet = book.getWorksheet("指标分解") as ExcelJS.Worksheet;
      const jinan = rowOf(sheet, b.orgs.jinan);
      const taian = rowOf(sheet, b.orgs.taian);
      jinan.getCell(4).value = "三百";
      taian.getCell(3).value = 2024;
      const stray = sheet.addRow([b.orgs.taishan, "泰山区市场监督管理局", 2025, 10]);
      const before = await env.store.db.selectFrom("indicator_targets").selectAll().orderBy("id").execute();
      const res = await upload("province_office", `/api/indicators/${ids.behind}/targets/sheet`, await bytesOf(book));
      assert.equal(res.statusCode, 422, res.body);
      const errors = res.json().errors as { row: number; column: string; message: string }[];
      const at = (row: number, column: string) => errors.find((e) => e.row === row && e.column === column);
      assert.match(at(jinan.number, "目标值")?.message ?? "", /应为数字.*三百.*expected a number/);
      assert.match(at(stray.number, "单位ID")?.message ?? "", /不是本单位的下级单位/);
      assert.ok(
        errors.some((e) => e.column === "目标年度" && /一个年度/.test(e.message)),
        JSON.stringify(errors),
      );
      const afterwards = await env.store.db.selectFrom("indicator_targets").selectAll().orderBy("id").execute();
      assert.deepEqual(afterwards, before);

      const garbage = await upload("province_office", `/api/indicators/${ids.behind}/targets/sheet`, Buffer.from("x"));
      assert.equal(garbage.statusCode, 422);
      assert.match(garbage.body, /not a readable \.xlsx/);
    });

    test("who may split by sheet: offices for the orgs under them, not readers, not another branch", async () => {
      assert.equal(
        (await as("reporter_taian").request("GET", `/api/indicators/${ids.behind}/targets/sheet`)).statusCode,
        403,
      );
      const other = await as("office_jinan").request(
        "GET",
        `/api/indicators/${ids.behind}/targets/sheet?under=${b.orgs.taian}`,
      );
      assert.equal(other.statusCode, 404, other.body);
      // 泰安's office gets its own counties.
      const book = await template("office_taian");
      const sheet = book.getWorksheet("指标分解") as ExcelJS.Worksheet;
      rowOf(sheet, b.orgs.taishan).getCell(4).value = 240;
      const res = await upload("office_taian", `/api/indicators/${ids.behind}/targets/sheet`, await bytesOf(book));
      assert.equal(res.statusCode, 200, res.body);
      // The province's template does not reach 泰山区.
      const province = await template("province_office");
      const orgIds: unknown[] = [];
      (province.getWorksheet("指标分解") as ExcelJS.Worksheet).eachRow((row, n) => {
        if (n > 3) orgIds.push(row.getCell(1).value);
      });
      assert.ok(!orgIds.includes(b.orgs.taishan));
    });
  });
