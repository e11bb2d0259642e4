import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { importPlan } from "../../services/import-plan.ts";
import { loadReferenceDirectory } from "../../store/orgs.ts";
import { type Agent, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// The national 2021 list (national office) above the Shandong 2021 list (provincial bureau), and the
// Taishan county plan below the province, linked by hand; the province's office and viewer act on them.
// On both databases (test/support/stores.ts).

const seed = (name: string) =>
  readFileSync(join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", `${name}.txt`));

type Link = { id: number; lowerTaskId: number; upperTaskId: number; kind: string; state: string; version: number };

for (const kind of storeKinds()) {
  describe(`links, trace and coverage over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    const ids = { national: 0, province: 0, county: 0 };
    let office: Agent;
    let viewer: Agent;

    before(async () => {
      env = await testEnvOn(await kind.open());
      const db = env.store.db;
      await loadReferenceDirectory(db);
      const org = async (prefix: string) =>
        (
          await db
            .selectFrom("orgs")
            .select("id")
            .where("name", "like", `${prefix}%`)
            .orderBy("id")
            .executeTakeFirstOrThrow()
        ).id;
      const nationalOrg = await org("国家知识产权局");
      const provinceOrg = await org("山东省市场监督管理局");
      const countyOrg = (
        await db.selectFrom("orgs").select("id").where("kind", "=", "county").orderBy("id").executeTakeFirstOrThrow()
      ).id;
      const load = async (name: string, orgId: number) =>
        (await importPlan(env.store, { bytes: seed(name), fileName: `${name}.txt`, orgId, userId: null })).planId;
      ids.national = await load("cnipa-2021-national-task-list", nationalOrg);
      ids.province = await load("sd-2021-provincial-task-list", provinceOrg);
      ids.county = await load("taishan-2022-2025-county-plan", countyOrg);
      await insertUser(env.store, "office", "plan_office", provinceOrg);
      await insertUser(env.store, "viewer", "viewer", provinceOrg);
      office = await signIn(env.app, "office");
      viewer = await signIn(env.app, "viewer");
    });

    after(async () => {
      await env.close();
    });

    test("suggest, confirm one, and follow it: trace from the national task reaches a county task, coverage counts it", async () => {
      const upper = await office.request("GET", `/api/plans/${ids.province}/upper-plans`);
      assert.equal(upper.statusCode, 200, upper.body);
      assert.deepEqual(
        (upper.json() as { items: { planId: number }[] }).items.map((u) => u.planId),
        [ids.national],
      );
      const suggested = await office.request("POST", `/api/plans/${ids.province}/links/suggest`);
      assert.equal(suggested.statusCode, 200, suggested.body);
      assert.ok((suggested.json() as { suggested: number }).suggested > 20);

      const listed = await viewer.request("GET", `/api/plans/${ids.province}/links?state=suggested`);
      const links = (listed.json() as { items: Link[] }).items;
      const primary = links.find((l) => l.kind === "primary") as Link;
      assert.equal((await viewer.request("POST", `/api/links/${primary.id}/confirm`, {})).statusCode, 403);
      const confirmed = await office.request("POST", `/api/links/${primary.id}/confirm`, { version: primary.version });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal((confirmed.json() as Link).state, "confirmed");
      const stale = await office.request("POST", `/api/links/${primary.id}/reject`, { version: primary.version });
      assert.equal(stale.statusCode, 409);

      // The county office is below the province; the province's office links a county task to the provincial one.
      const countyTask = await env.store.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", ids.county)
        .orderBy("position")
        .executeTakeFirstOrThrow();
      const manual = await office.request("POST", `/api/plans/${ids.county}/links`, {
        lowerTaskId: countyTask.id,
        upperTaskId: primary.lowerTaskId,
      });
      assert.equal(manual.statusCode, 201, manual.body);

      const trace = await viewer.request("GET", `/api/tasks/${primary.upperTaskId}/trace`);
      assert.equal(trace.statusCode, 200, trace.body);
      const t = trace.json() as {
        up: unknown[];
        down: { taskId: number; depth: number; planId: number }[];
        counts: { regions: number; implementingTasks: number };
      };
      assert.deepEqual(t.up, []);
      assert.deepEqual(
        t.down.map((d) => [d.taskId, d.depth, d.planId]),
        [
          [primary.lowerTaskId, 1, ids.province],
          [countyTask.id, 2, ids.county],
        ],
      );
      assert.equal(t.counts.implementingTasks, 2);
      const fromCounty = (await viewer.request("GET", `/api/tasks/${countyTask.id}/trace`)).json() as {
        up: { taskId: number }[];
      };
      assert.deepEqual(
        fromCounty.up.map((u) => u.taskId),
        [primary.lowerTaskId, primary.upperTaskId],
      );

      const coverage = await viewer.request("GET", `/api/plans/${ids.national}/coverage`);
      assert.equal(coverage.statusCode, 200, coverage.body);
      const c = coverage.json() as {
        tasks: { taskId: number; implementers: { taskId: number }[] }[];
        uncovered: { taskId: number }[];
        counts: { tasks: number; covered: number; uncovered: number; lowerPlans: number };
      };
      assert.deepEqual(c.counts, { tasks: c.tasks.length, covered: 1, uncovered: c.tasks.length - 1, lowerPlans: 1 });
      assert.deepEqual(
        c.tasks.find((x) => x.taskId === primary.upperTaskId)?.implementers.map((i) => i.taskId),
        [primary.lowerTaskId],
      );
      assert.ok(!c.uncovered.some((u) => u.taskId === primary.upperTaskId));
    });

    test("the import preview names the upper plans the plan would get and each task's top suggestion", async () => {
      const countyOrg = (
        await env.store.db.selectFrom("plans").select("org_id").where("id", "=", ids.county).executeTakeFirstOrThrow()
      ).org_id;
      const bytes = seed("taishan-2022-2025-county-plan");
      const res = await office.request("POST", "/api/plans/preview", {
        fileName: "county.txt",
        contentBase64: bytes.toString("base64"),
        orgId: countyOrg,
      });
      assert.equal(res.statusCode, 200, res.body);
      const { links, tasks } = res.json() as {
        tasks: number;
        links: {
          upperPlans: { planId: number; reason: string }[];
          links: { taskIndex: number; suggestion: { upperPlanId: number; score: number; evidence: unknown } | null }[];
        };
      };
      // Its own earlier import is not an upper plan of itself; the national and provincial lists are (ancestors).
      assert.deepEqual(
        links.upperPlans.map((u) => [u.planId, u.reason]),
        [
          [ids.national, "ancestor"],
          [ids.province, "ancestor"],
        ],
      );
      assert.equal(links.links.length, tasks);
      assert.deepEqual(
        links.links.map((l) => l.taskIndex),
        [...Array(tasks).keys()],
      );
      const suggested = links.links.filter((l) => l.suggestion !== null);
      assert.ok(suggested.length >= tasks / 2, `${suggested.length} of ${tasks}`);
      assert.ok(
        suggested.every(
          (l) =>
            [ids.national, ids.province].includes(l.suggestion?.upperPlanId as number) &&
            (l.suggestion?.score ?? 0) > 0 &&
            typeof l.suggestion?.evidence === "object",
        ),
      );
      // The import itself stored suggestions for the county plan right after it (its own transaction).
      const stored = (await office.request("GET", `/api/plans/${ids.county}/links?state=suggested`)).json() as {
        items: unknown[];
      };
      assert.ok(stored.items.length > 0);
    });

    test("removing the upper plan withdraws pending suggestions and keeps the confirmed link", async () => {
      const before = (await office.request("GET", `/api/plans/${ids.province}/links`)).json() as { items: Link[] };
      const kept = before.items.filter((l) => l.state !== "suggested").length;
      const removed = await office.request("DELETE", `/api/plans/${ids.province}/upper-plans/${ids.national}`);
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual((removed.json() as { items: unknown[] }).items, []);
      const afterRemoval = (await office.request("GET", `/api/plans/${ids.province}/links`)).json() as {
        items: Link[];
      };
      assert.equal(afterRemoval.items.length, kept);
      assert.ok(kept >= 1);
      const suggestAgain = await office.request("POST", `/api/plans/${ids.province}/links/suggest`);
      assert.equal((suggestAgain.json() as { upperPlans: number }).upperPlans, 0);
    });
  });
}
