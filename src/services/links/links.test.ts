import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import JSZip from "jszip";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { reportSpan } from "../../domain/report-span.ts";
import type { Store } from "../../store/db.ts";
import { ConflictError, InputError } from "../../store/errors.ts";
import { buildProgressReport } from "../exports/progress-report.ts";
import { progressReportDocx } from "../exports/report-docx.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan } from "../plans/import-plan.ts";
import { linkDemoPlan } from "./demo-links.ts";
import { addLink, confirmLink, listPlanLinks, rejectLink } from "./links.ts";
import { suggestLinks } from "./suggest.ts";
import { traceTask } from "./trace.ts";
import { addUpperPlan, chooseUpperPlans, listUpperPlans, removeUpperPlan } from "./upper-plans.ts";

const seed = (name: string) =>
  readFileSync(join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds", `${name}.txt`));

async function orgId(store: Store, prefix: string): Promise<number> {
  const row = await store.db
    .selectFrom("orgs")
    .select("id")
    .where("name", "like", `${prefix}%`)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The national 2021 list and the Shandong 2021 list, each imported by its own office. */
async function cascade(store: Store) {
  await loadReferenceDirectory(store.db);
  const national = await orgId(store, "国家知识产权局");
  const province = await orgId(store, "山东省市场监督管理局");
  const upper = await importPlan(store, {
    bytes: seed("cnipa-2021-national-task-list"),
    fileName: "国家.txt",
    orgId: national,
    userId: null,
  });
  const lower = await importPlan(store, {
    bytes: seed("sd-2021-provincial-task-list"),
    fileName: "山东.txt",
    orgId: province,
    userId: null,
  });
  return { upper: upper.planId, lower: lower.planId };
}

for (const kind of storeKinds()) {
  describe(`task links on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("the national list is an upper plan of the province's (issued by its ancestor), and removing it sticks", async () => {
      const store = await open();
      const { upper, lower } = await cascade(store);
      const chosen = await chooseUpperPlans(store.db, lower);
      assert.deepEqual(
        chosen.map((u) => [u.planId, u.reason]),
        [[upper, "ancestor"]],
      );
      assert.deepEqual(await chooseUpperPlans(store.db, upper), []);
      await removeUpperPlan(store.db, lower, upper, null);
      assert.deepEqual(await chooseUpperPlans(store.db, lower), []);
      const back = await addUpperPlan(store.db, lower, upper, null);
      assert.deepEqual(
        back.map((u) => u.planId),
        [upper],
      );
    });

    test("suggestions: one primary per suggested task, decisions survive a new run, rejected never return", async () => {
      const store = await open();
      const { upper, lower } = await cascade(store);
      const first = await suggestLinks(store.db, lower, { userId: null, origin: "import" });
      const tasks = await store.db.selectFrom("tasks").select("id").where("plan_id", "=", lower).execute();
      assert.equal(first.tasks, tasks.length);
      assert.ok(first.suggested >= tasks.length * 0.7, `${first.suggested} suggestions for ${tasks.length} tasks`);
      const links = await listPlanLinks(store.db, lower);
      assert.ok(links.every((l) => l.upperPlanId === upper && l.state === "suggested" && l.origin === "import"));
      const primaries = links.filter((l) => l.kind === "primary");
      assert.equal(new Set(primaries.map((l) => l.lowerTaskId)).size, primaries.length);
      assert.ok(primaries.every((l) => Array.isArray((l.evidence as { shared: unknown }).shared)));

      const [a, b] = primaries as [(typeof primaries)[0], (typeof primaries)[0]];
      const confirmed = await confirmLink(store.db, a.id, { userId: null, version: a.version });
      assert.equal(confirmed.state, "confirmed");
      await assert.rejects(confirmLink(store.db, a.id, { userId: null, version: a.version }), ConflictError);
      await rejectLink(store.db, b.id, { userId: null });

      const again = await suggestLinks(store.db, lower, { userId: null });
      const after = await listPlanLinks(store.db, lower);
      assert.equal(after.find((l) => l.id === a.id)?.state, "confirmed");
      assert.equal(after.find((l) => l.id === b.id)?.state, "rejected");
      assert.equal(after.filter((l) => l.state === "suggested").length, again.suggested);
      const audit = await store.db.selectFrom("audit_log").select("action").where("entity", "=", "task_link").execute();
      assert.deepEqual(audit.map((x) => x.action).sort(), ["link.confirm", "link.reject"]);
    });

    test("a manual primary link replaces the confirmed primary, which becomes related", async () => {
      const store = await open();
      const { upper, lower } = await cascade(store);
      const [t1] = await store.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", lower)
        .orderBy("position")
        .limit(1)
        .execute();
      const uppers = await store.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", upper)
        .orderBy("position")
        .limit(2)
        .execute();
      const lowerTaskId = t1?.id as number;
      const [u1, u2] = uppers.map((u) => u.id) as [number, number];
      // The import suggested links already; this task's are set aside so the two links are a person's own.
      await store.db.deleteFrom("task_links").where("lower_task_id", "=", lowerTaskId).execute();
      const first = await addLink(store.db, lower, { lowerTaskId, upperTaskId: u1, kind: "primary" }, { userId: null });
      const second = await addLink(
        store.db,
        lower,
        { lowerTaskId, upperTaskId: u2, kind: "primary" },
        { userId: null },
      );
      assert.equal(second.kind, "primary");
      const links = await listPlanLinks(store.db, lower, "confirmed");
      assert.deepEqual(
        links.map((l) => [l.id, l.kind, l.origin]),
        [
          [second.id, "primary", "manual"],
          [first.id, "related", "manual"],
        ],
      );
      await assert.rejects(
        addLink(store.db, lower, { lowerTaskId, upperTaskId: lowerTaskId, kind: "related" }, { userId: null }),
        InputError,
      );
    });

    test("a revised lower plan keeps the links of its unchanged tasks; a revised upper plan keeps its implementers", async () => {
      const store = await open();
      const { upper, lower } = await cascade(store);
      const primaries = (await listPlanLinks(store.db, lower, "suggested")).filter((l) => l.kind === "primary");
      const taskKeys = new Map(
        (await store.db.selectFrom("tasks").select(["id", "key"]).where("plan_id", "=", lower).execute()).map((t) => [
          t.id,
          t.key,
        ]),
      );
      const first = primaries.find((l) => l.lowerKey === "一/1");
      const others = primaries.filter((l) => l.lowerKey !== "一/1").slice(0, 3);
      assert.ok(first && others.length === 3);
      for (const l of [first, ...others.slice(0, 2)]) await confirmLink(store.db, l.id, { userId: null });
      await rejectLink(store.db, (others[2] as (typeof others)[0]).id, { userId: null });
      // The revision rewords a measure of task 一/1 only.
      const text = seed("sd-2021-provincial-task-list").toString("utf8");
      const revised = text.replace("编制完成", "编制并印发");
      assert.notEqual(revised, text);
      const province = await orgId(store, "山东省市场监督管理局");
      const next = await importPlan(store, {
        bytes: Buffer.from(revised),
        fileName: "山东-修订.txt",
        orgId: province,
        userId: null,
      });
      assert.notEqual(next.planId, lower);
      const after = await listPlanLinks(store.db, next.planId);
      const decided = after.filter((l) => l.state !== "suggested").map((l) => [l.lowerKey, l.upperTaskId, l.state]);
      assert.deepEqual(
        decided.sort(),
        [
          [others[0]?.lowerKey, others[0]?.upperTaskId, "confirmed"],
          [others[1]?.lowerKey, others[1]?.upperTaskId, "confirmed"],
          [others[2]?.lowerKey, others[2]?.upperTaskId, "rejected"],
        ].sort(),
      );
      // The changed task starts afresh: its old confirmation is not carried, the import suggests again.
      assert.ok(!after.some((l) => l.lowerKey === "一/1" && l.state === "confirmed"));
      assert.ok(taskKeys.size > 0);
      assert.deepEqual(
        (await listUpperPlans(store.db, next.planId)).map((u) => u.planId),
        [upper],
      );

      // The national list revised (one measure reworded): the province's confirmed links to its unchanged
      // tasks now point at the new version's tasks, and the new version is the province's upper plan.
      const national = await orgId(store, "国家知识产权局");
      const upperText = seed("cnipa-2021-national-task-list").toString("utf8");
      const lines = upperText.split("\n");
      const target = others[0] as (typeof others)[0];
      const untouched = await store.db
        .selectFrom("tasks")
        .select("title")
        .where("id", "=", target.upperTaskId)
        .executeTakeFirstOrThrow();
      const changeAt = lines.findIndex((l, i) => i > 5 && l.length > 30 && !l.includes(untouched.title));
      lines[changeAt] = `${lines[changeAt]}（修订）`;
      const newUpper = await importPlan(store, {
        bytes: Buffer.from(lines.join("\n")),
        fileName: "国家-修订.txt",
        orgId: national,
        userId: null,
      });
      assert.notEqual(newUpper.planId, upper);
      const moved = (await listPlanLinks(store.db, next.planId, "confirmed")).filter(
        (l) => l.lowerKey === target.lowerKey,
      );
      assert.equal(moved.length, 1);
      assert.equal(moved[0]?.upperPlanId, newUpper.planId);
      assert.ok((await listUpperPlans(store.db, next.planId)).some((u) => u.planId === newUpper.planId));
    });

    test("a handed-down measure's report draft quotes the progress of the province's implementing task", async () => {
      const store = await open();
      const { upper, lower } = await cascade(store);
      const province = await orgId(store, "山东省市场监督管理局");
      const handed = await store.db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .select(["a.id", "m.task_id", "m.id as measure_id"])
        .where("a.plan_id", "=", upper)
        .where("a.org_id", "=", province)
        .where("a.via", "=", "各地区")
        .orderBy("a.id")
        .executeTakeFirstOrThrow();
      const lowerTask = await store.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", lower)
        .orderBy("position")
        .executeTakeFirstOrThrow();
      await store.db.deleteFrom("task_links").where("lower_task_id", "=", lowerTask.id).execute();
      await addLink(
        store.db,
        lower,
        { lowerTaskId: lowerTask.id, upperTaskId: handed.task_id, kind: "primary" },
        { userId: null },
      );
      const work = await store.db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .select(["a.id", "a.region_code"])
        .where("m.task_id", "=", lowerTask.id)
        .orderBy("a.id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("progress_reports")
        .values({
          assignment_id: work.id,
          region_code: work.region_code,
          period: "2021-Q3",
          status: "in_progress",
          narrative: "已完成规划初稿并征求意见。",
          percent: 60,
          reported_by: null,
          reported_at: new Date("2021-09-20T02:00:00Z"),
        })
        .execute();
      const span = reportSpan("2021", "2021-12-31");
      assert.ok(span);
      const report = await buildProgressReport(store.db, {
        planId: upper,
        orgIds: [province],
        scopeLabel: "山东省",
        span,
      });
      const units = report.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.flatMap((m) => m.units)));
      const unit = units.find((u) => u.assignmentId === handed.id);
      assert.ok(unit);
      assert.equal(unit.implementedBy.length, 1);
      const [impl] = unit.implementedBy;
      assert.equal(impl?.reports.find((r) => r.narrative)?.narrative?.narrative, "已完成规划初稿并征求意见。");
      // Only the linked task's measures quote the province's plan.
      assert.ok(units.filter((u) => u.implementedBy.length > 0).every((u) => u.taskKey === unit.taskKey));
      // The .docx draft says it.
      const docx = await progressReportDocx(report, new Date("2022-01-05T00:00:00Z"));
      const xml = (await (await JSZip.loadAsync(docx)).file("word/document.xml")?.async("string")) ?? "";
      assert.ok(xml.includes("已完成规划初稿并征求意见。"));
    });

    test("the demo's linking confirms four of every five primary suggestions and leaves the rest pending", async () => {
      const store = await open();
      const { lower } = await cascade(store);
      const confirmed = await linkDemoPlan(
        store.db,
        lower,
        (await store.db.selectFrom("users").select("id").executeTakeFirst())?.id ?? null,
      );
      const links = await listPlanLinks(store.db, lower);
      const primaries = links.filter((l) => l.kind === "primary");
      assert.equal(confirmed, primaries.filter((l) => l.state === "confirmed").length);
      assert.equal(primaries.length - confirmed, Math.floor(primaries.length / 5));
      assert.ok(confirmed > 0);
    });

    test("trace: implementing tasks with units, measures, region and latest report; regions expected with none", async () => {
      const store = await open();
      const { upper, lower } = await cascade(store);
      await chooseUpperPlans(store.db, lower);
      await linkDemoPlan(store.db, lower, null);
      const link = (await listPlanLinks(store.db, lower, "confirmed"))[0];
      assert.ok(link);
      const assignment = await store.db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .select(["a.id", "a.region_code"])
        .where("m.task_id", "=", link.lowerTaskId)
        .orderBy("a.id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("progress_reports")
        .values([
          {
            assignment_id: assignment.id,
            region_code: assignment.region_code,
            period: "2021-Q1",
            status: "in_progress",
            narrative: "早",
            reported_at: "2021-04-02T00:00:00Z",
          },
          {
            assignment_id: assignment.id,
            region_code: assignment.region_code,
            period: "2021-Q2",
            status: "in_progress",
            narrative: "晚",
            percent: 60,
            reported_at: "2021-07-02T00:00:00Z",
          },
        ])
        .execute();
      const trace = await traceTask(store.db, link.upperTaskId, "2021-08-01", () => true);
      const node = trace?.down.find((d) => d.taskId === link.lowerTaskId);
      assert.ok(trace && node);
      assert.equal(node.regionName, "山东省");
      assert.equal(node.latestReport?.narrative, "晚");
      assert.equal(node.latestReport?.percent, 60);
      assert.ok(node.units.length > 0);
      const measures = await store.db
        .selectFrom("measures")
        .select("id")
        .where("task_id", "=", link.lowerTaskId)
        .orderBy("position")
        .orderBy("id")
        .execute();
      assert.deepEqual(
        node.measures.map((m) => m.id),
        measures.map((m) => m.id),
      );
      assert.deepEqual(
        trace.regions.map((r) => [r.regionName, r.implementingTasks]),
        [["山东省", trace.down.length]],
      );
      // The other provinces were handed the task's measures (各地区要…) and have no implementing task of their own.
      assert.ok(!trace.missing.some((m) => m.regionName === "山东省"));
      assert.ok(trace.missing.every((m) => m.reason === "handed_down"));
      assert.equal(trace.counts.regionsWithout, trace.missing.length);
      // An upper task nobody links to: the province, aligned against the national list, is missing.
      const linked = new Set((await listPlanLinks(store.db, lower, "confirmed")).map((l) => l.upperTaskId));
      const tasks = await store.db.selectFrom("tasks").select("id").where("plan_id", "=", upper).execute();
      const lonely = tasks.find((t) => !linked.has(t.id)) as { id: number };
      const none = await traceTask(store.db, lonely.id, "2021-08-01", () => true);
      assert.deepEqual(none?.down, []);
      assert.ok(none?.missing.some((m) => m.regionName === "山东省"));
      assert.equal(none?.counts.regionsWithout, none?.missing.length);
      // A caller who may not read the province's plan sees neither its task nor its region as missing.
      const hidden = await traceTask(store.db, lonely.id, "2021-08-01", (id) => id !== lower);
      assert.ok(!hidden?.missing.some((m) => m.reason === "lower_plan"));
    });
  });
}
