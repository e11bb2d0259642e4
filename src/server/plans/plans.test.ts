import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { storeKinds } from "../../../test/support/stores.ts";
import { parsePlanFile } from "../../parse/index.ts";
import { loadReferenceDirectory } from "../../services/orgs/queries.ts";
import { type Agent, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

for (const kind of storeKinds()) {
  describe(`plans over HTTP on ${kind.name}`, () => {
    const seed = (name: string) =>
      readFileSync(join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", `${name}.txt`)).toString(
        "base64",
      );

    describe("plans API", () => {
      let env: TestEnv;
      let office: Agent;
      let taian: Agent;
      let outsider: Agent;
      let provinceId: number;
      before(async () => {
        env = await testEnvOn(kind);
        await loadReferenceDirectory(env.store.db);
        const id = async (prefix: string) =>
          (
            await env.store.db
              .selectFrom("orgs")
              .select("id")
              .where("name", "like", `${prefix}%`)
              .orderBy("id")
              .executeTakeFirstOrThrow()
          ).id;
        provinceId = await id("山东省市场监督管理局");
        await insertUser(env.store, "office", "plan_office", provinceId);
        await insertUser(env.store, "taian", "reporter", await id("泰安市市场监督管理局"));
        await insertUser(env.store, "cnipa", "reporter", await id("国家知识产权局"));
        office = await signIn(env.app, "office");
        taian = await signIn(env.app, "taian");
        outsider = await signIn(env.app, "cnipa");
      });
      after(() => env.close());

      test("preview shows what will be created and what needs review, and saves nothing", async () => {
        const res = await office.request("POST", "/api/plans/preview", {
          fileName: "p.txt",
          contentBase64: seed("sd-2023-2025-protection-plan"),
          orgId: provinceId,
        });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.tasks, 81);
        assert.deepEqual(
          body.unresolved.map((u: { name: string }) => u.name),
          ["各级党委", "政府"],
        );
        assert.equal((await office.request("GET", "/api/plans")).json().items.length, 0);
      });

      test("preview puts the original line beside each measure and says who each measure goes to", async () => {
        const res = await office.request("POST", "/api/plans/preview", {
          fileName: "sd-2021.txt",
          contentBase64: seed("sd-2021-provincial-task-list"),
          orgId: provinceId,
        });
        assert.equal(res.statusCode, 200, res.body);
        type Loc = Record<string, number | string>;
        const body = res.json() as {
          plan: { tasks: { source: Loc; measures: { text: string; source: Loc }[] }[] };
          sources: { loc: Loc; text: string }[];
          assignments: { taskIndex: number; measureIndex: number; orgName: string; via: string | null }[];
        };
        const first = body.plan.tasks[0]?.measures[0];
        assert.ok(first);
        const line = body.sources.find((s) => s.loc.line === first.source.line);
        assert.ok(line?.text.includes("加快推动知识产权强省建设"), JSON.stringify(line));
        // Every cited location has its text, and nothing else of the document is sent.
        const cited = body.plan.tasks.flatMap((t) => [t.source, ...t.measures.map((m) => m.source)]);
        assert.ok(cited.every((loc) => body.sources.some((s) => s.loc.line === loc.line)));
        assert.ok(body.sources.length <= new Set(cited.map((l) => l.line)).size + 5);
        const firstOrgs = body.assignments
          .filter((a) => a.taskIndex === 0 && a.measureIndex === 0)
          .map((a) => a.orgName);
        assert.ok(firstOrgs.includes("知识产权保护处"), firstOrgs.join("、"));
        const fanned = body.assignments.filter((a) => a.via === "各市市场监督管理局");
        assert.equal(fanned.length % 16, 0, "a group name reaches every Shandong city");
        assert.ok(fanned.length > 0);
      });

      test("preview returns every field the parser read of an indicator (baseline, path, kind, raw…)", async () => {
        const file = join(
          import.meta.dirname,
          "..",
          "..",
          "..",
          "test",
          "fixtures",
          "seeds",
          "taishan-2022-2025-county-plan.txt",
        );
        const parsed = await parsePlanFile(file);
        const res = await office.request("POST", "/api/plans/preview", {
          fileName: "county.txt",
          contentBase64: readFileSync(file).toString("base64"),
          orgId: provinceId,
        });
        assert.equal(res.statusCode, 200, res.body);
        const shown = (res.json() as { plan: { indicators: Record<string, unknown>[] } }).plan.indicators;
        assert.deepEqual(shown, JSON.parse(JSON.stringify(parsed.indicators)));
        // The file has fields beyond the contract, so the comparison means something.
        const beyond = new Set(shown.flatMap((i) => Object.keys(i)));
        for (const key of ["raw", "kind"]) assert.ok(beyond.has(key), `${key} is in the preview`);
        assert.ok(
          ["baseline", "path", "cumulative", "growth"].some((k) => beyond.has(k)),
          [...beyond].join(","),
        );
      });

      test("import, then the plan with its outline and roll-up; a city sees its own part, an outsider nothing", async () => {
        const res = await office.request("POST", "/api/plans/import", {
          fileName: "sd-2021.txt",
          contentBase64: seed("sd-2021-provincial-task-list"),
          orgId: provinceId,
          cadence: "quarterly",
        });
        assert.equal(res.statusCode, 201, res.body);
        const { planId, counts } = res.json();
        assert.equal(counts.measures, 85);
        const plan = (await office.request("GET", `/api/plans/${planId}`)).json();
        assert.equal(plan.tasks.length, 25);
        assert.equal(plan.tasks[0].measures[0].deadline.due, "2021-09-30");
        assert.equal(plan.rollUp.plan.total, counts.assignments);
        assert.ok(plan.rollUp.plan.counts.overdue > 0, "2021 deadlines are past on the test clock (2025)");
        const cityView = await taian.request("GET", `/api/plans/${planId}`);
        assert.equal(cityView.statusCode, 200);
        assert.deepEqual(Object.keys(cityView.json().rollUp.orgs), ["泰安市市场监督管理局"]);
        assert.equal((await outsider.request("GET", `/api/plans/${planId}`)).statusCode, 404);
        assert.equal((await outsider.request("GET", "/api/plans")).json().items.length, 0);
      });

      test("the list filters by level, region and year and carries each plan's roll-up as the caller sees it", async () => {
        const titles = async (agent: Agent, query: string) => {
          const res = await agent.request("GET", `/api/plans${query}`);
          assert.equal(res.statusCode, 200, res.body);
          return res.json().items.map((p: { title: string }) => p.title);
        };
        const all = (await office.request("GET", "/api/plans")).json().items;
        assert.equal(all.length, 1, "the 2021 task list imported above");
        const [plan] = all;
        assert.equal(plan.level, "province");
        assert.equal(plan.regionCode, "370000");
        assert.deepEqual(await titles(office, "?level=province"), [plan.title]);
        assert.deepEqual(await titles(office, "?level=city"), []);
        assert.deepEqual(await titles(office, "?region=370000"), [plan.title]);
        assert.deepEqual(await titles(office, "?region=000000"), [plan.title], "the whole country holds Shandong");
        assert.deepEqual(await titles(office, "?region=370900"), [], "Tai'an's region does not hold the province");
        assert.deepEqual(await titles(office, "?year=2021&level=province&region=370000"), [plan.title]);
        assert.deepEqual(await titles(office, "?year=2024"), []);

        const shown = (await office.request("GET", `/api/plans/${plan.id}`)).json();
        assert.deepEqual(plan.rollUp, shown.rollUp.plan);
        assert.equal(shown.dueSoonDays, 14);
        assert.equal(typeof shown.rowVersion, "number");
        assert.deepEqual(shown.weights, { onTime: 0.4, timeliness: 0.3, overdue: 0.2, indicators: 0.1 });
        const headingKeys = new Set(shown.headings.map((h: { key: string }) => h.key));
        assert.ok(shown.headings.length > 0, "the seed's 一、二、… headings");
        for (const task of shown.tasks)
          assert.ok(headingKeys.has(task.section), `a heading for section ${task.section}`);
        const cityPlan = (await taian.request("GET", "/api/plans")).json().items[0];
        const cityShown = (await taian.request("GET", `/api/plans/${plan.id}`)).json();
        assert.deepEqual(cityPlan.rollUp, cityShown.rollUp.plan);
        assert.ok(cityPlan.rollUp.total < plan.rollUp.total, "a city's roll-up counts its own work only");

        const bad = await office.request("GET", "/api/plans?region=37&level=planet");
        assert.equal(bad.statusCode, 400);
        const paths = bad.json().errors.map((e: { path: string }) => e.path);
        assert.deepEqual(paths.sort(), ["query.level", "query.region"]);
      });

      test("bad input: an unreadable document is a 422 problem naming the file; reporters cannot import", async () => {
        const res = await office.request("POST", "/api/plans/import", {
          fileName: "letter.txt",
          contentBase64: Buffer.from("请参加会议。").toString("base64"),
          orgId: provinceId,
        });
        assert.equal(res.statusCode, 422);
        assert.match(res.headers["content-type"] as string, /problem\+json/);
        assert.match(res.json().detail, /letter\.txt: no tasks recognized/);
        const denied = await taian.request("POST", "/api/plans/import", {
          fileName: "x.txt",
          contentBase64: seed("sd-14th-fyp-ip-plan"),
          orgId: provinceId,
        });
        assert.equal(denied.statusCode, 403);
      });
    });
  });
}
