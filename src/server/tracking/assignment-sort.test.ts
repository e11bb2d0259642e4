import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { SEVERITY } from "../../domain/status.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { importPlan } from "../../services/plans/import-plan.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The list behind a dashboard bucket sorts on the server, so a sorted page is a page of the whole sorted list.
for (const kind of storeKinds()) {
  describe(`tracking/assignment-sort over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let office: Agent;
    /** The 2023–2025 plan: on the test day its work is partly overdue, partly still running. */
    let plan = 0;
    /** Its first section: one page of mixed statuses. */
    const scoped = () => `plan=${plan}&section=${encodeURIComponent("一")}`;

    type Row = { id: number; status: string; dueOn: string | null; orgName: string; planTitle: string };

    before(async () => {
      env = await testEnvOn(kind);
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const province = await db
        .selectFrom("orgs")
        .select("id")
        .where("name", "=", "山东省市场监督管理局（山东省知识产权局）")
        .executeTakeFirstOrThrow();
      const seeds = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds");
      for (const file of ["sd-2021-provincial-task-list.txt", "sd-2023-2025-protection-plan.txt"]) {
        const bytes = readFileSync(join(seeds, file));
        plan = (await importPlan(env.store, { bytes, fileName: file, orgId: province.id, userId: null })).planId;
      }
      await insertUser(env.store, "office", "plan_office", province.id);
      office = await signIn(env.app, "office");
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    async function list(query: string): Promise<{ items: Row[]; total: number }> {
      const response = await office.request("GET", `/api/assignments?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    }

    test("status sorts worst first, and reversed best first", async () => {
      const { items, total } = await list(`${scoped()}&sort=status&limit=200`);
      assert.ok(total > 20 && total <= 200, `one page holds the section (${total})`);
      const ranks = items.map((a) => SEVERITY.indexOf(a.status as (typeof SEVERITY)[number]));
      assert.deepEqual(
        ranks,
        [...ranks].sort((x, y) => x - y),
      );
      assert.ok(new Set(ranks).size > 1, "the seed plans on the test day have more than one status");
      const reversed = (await list(`${scoped()}&sort=-status&limit=200`)).items.map((a) => a.status);
      assert.equal(reversed[0], items.at(-1)?.status);
    });

    test("due date descending keeps undated work last; org and plan sort by name", async () => {
      const { items } = await list(`${scoped()}&sort=-due&limit=200`);
      const dated = items.filter((a) => a.dueOn !== null).map((a) => a.dueOn as string);
      assert.deepEqual(dated, [...dated].sort().reverse());
      const firstUndated = items.findIndex((a) => a.dueOn === null);
      if (firstUndated >= 0) assert.ok(items.slice(firstUndated).every((a) => a.dueOn === null));

      const byOrg = (await list(`${scoped()}&sort=org&limit=200`)).items.map((a) => a.orgName);
      assert.ok(new Set(byOrg).size > 3);
      assert.deepEqual(
        byOrg,
        [...byOrg].sort((a, b) => a.localeCompare(b, "zh-Hans-CN")),
      );
      // Two plans: ascending starts with the title that sorts first, descending with the other.
      const first = (await list("sort=plan&limit=1")).items[0]?.planTitle ?? "";
      const last = (await list("sort=-plan&limit=1")).items[0]?.planTitle ?? "";
      assert.ok(first.localeCompare(last, "zh-Hans-CN") < 0, `${first} before ${last}`);
    });

    test("pages of a sorted list join up to the whole list", async () => {
      const whole = await list(`${scoped()}&sort=-status&limit=200`);
      const pages = [];
      for (let offset = 0; offset < whole.total; offset += 7)
        pages.push(...(await list(`${scoped()}&sort=-status&limit=7&offset=${offset}`)).items);
      assert.deepEqual(
        pages.map((a) => a.id),
        whole.items.map((a) => a.id),
      );
    });

    test("an unknown sort is refused naming the field", async () => {
      const response = await office.request("GET", "/api/assignments?sort=name");
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().errors[0].path, "query.sort");
    });
  });
}
