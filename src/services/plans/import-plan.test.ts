import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { PlanInputError } from "../../parse/errors.ts";
import type { Store } from "../../store/db.ts";
import { NotFoundError } from "../../store/errors.ts";
import { loadReferenceDirectory } from "../orgs/queries.ts";
import { importPlan } from "./import-plan.ts";

const seedBytes = (name: string) =>
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

for (const kind of storeKinds()) {
  describe(`importing plans on ${kind.name}`, () => {
    const fresh = storesFor(kind);
    const open = async () => {
      const s = await fresh();
      await loadReferenceDirectory(s.db);
      return s;
    };

    test("各市市场监督管理局 fans out to one assignment per Shandong city", async () => {
      const store = await open();
      const province = await orgId(store, "山东省市场监督管理局");
      const result = await importPlan(store, {
        bytes: seedBytes("sd-2021-provincial-task-list"),
        fileName: "p.txt",
        orgId: province,
        userId: null,
      });
      assert.deepEqual(result.unresolved, []);
      const measure = await store.db
        .selectFrom("measures")
        .select("id")
        .where("plan_id", "=", result.planId)
        .where("text", "like", "各市县要结合自身实际%")
        .executeTakeFirstOrThrow();
      const assigned = await store.db
        .selectFrom("assignments as a")
        .innerJoin("orgs as o", "o.id", "a.org_id")
        .select(["o.name", "a.via", "a.role", "a.due_on", "a.ongoing"])
        .where("a.measure_id", "=", measure.id)
        .execute();
      assert.equal(assigned.length, 16);
      assert.ok(assigned.every((a) => a.via === "各市市场监督管理局" && a.role === "owner"));
      assert.ok(assigned.some((a) => a.name.startsWith("泰安市")));
      assert.deepEqual([assigned[0]?.due_on, assigned[0]?.ongoing], ["2021-12-31", true]);
    });

    test("a measure addressed to 各地区 is handed down to each subordinate region's office", async () => {
      const store = await open();
      const cnipa = await orgId(store, "国家知识产权局");
      const result = await importPlan(store, {
        bytes: seedBytes("cnipa-2021-national-task-list"),
        fileName: "n.txt",
        orgId: cnipa,
        userId: null,
      });
      const handedDown = await store.db
        .selectFrom("assignments")
        .select("org_id")
        .where("plan_id", "=", result.planId)
        .where("via", "=", "各地区")
        .execute();
      const offices = await store.db
        .selectFrom("orgs as o")
        .innerJoin("orgs as p", "p.id", "o.parent_id")
        .select("o.id")
        .where("p.id", "=", cnipa)
        .where("o.is_region_office", "=", true)
        .execute();
      // The 31 provincial-level offices of the reference directory, Shandong among them, each get every
      // measure addressed to 各地区, and nobody else does.
      assert.equal(offices.length, 31);
      const shandong = await orgId(store, "山东省市场监督管理局");
      const perOffice = new Map<number, number>();
      for (const a of handedDown) perOffice.set(a.org_id, (perOffice.get(a.org_id) ?? 0) + 1);
      assert.deepEqual([...perOffice.keys()].sort(), offices.map((o) => o.id).sort());
      const measures = perOffice.get(shandong) ?? 0;
      assert.ok(measures > 0);
      assert.ok([...perOffice.values()].every((n) => n === measures));
    });

    test("an unknown unit goes to the review list; mapping it is remembered for later imports", async () => {
      const store = await open();
      const province = await orgId(store, "山东省市场监督管理局");
      const bytes = seedBytes("sd-2023-2025-protection-plan");
      const first = await importPlan(store, { bytes, fileName: "a.txt", orgId: province, userId: null });
      assert.deepEqual(
        first.unresolved.map((u) => u.name),
        ["各级党委", "政府"],
      );
      const review = await store.db
        .selectFrom("unresolved_units")
        .select("name")
        .where("plan_id", "=", first.planId)
        .execute();
      assert.equal(review.length, 2);
      // Another plan printing the same names (the same file again would change nothing and import nothing).
      const other = (n: number) => Buffer.from(bytes.toString("utf8").replace("〔2023〕11号", `〔2023〕${n}号`));
      const second = await importPlan(store, {
        bytes: other(12),
        fileName: "b.txt",
        orgId: province,
        userId: null,
        mappings: { 政府: province },
      });
      assert.deepEqual(
        second.unresolved.map((u) => u.name),
        ["各级党委"],
      );
      const third = await importPlan(store, { bytes: other(13), fileName: "c.txt", orgId: province, userId: null });
      assert.deepEqual(
        third.unresolved.map((u) => u.name),
        ["各级党委"],
        "the alias outlives the import that made it",
      );
    });

    test("a revised version keeps the progress of unchanged measures and reports what changed", async () => {
      const store = await open();
      const province = await orgId(store, "山东省市场监督管理局");
      const original = seedBytes("sd-2021-provincial-task-list").toString("utf8");
      const v1 = await importPlan(store, {
        bytes: Buffer.from(original),
        fileName: "v1.txt",
        orgId: province,
        userId: null,
      });
      const assignment = await store.db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .select(["a.id", "a.org_id", "a.region_code"])
        .where("m.plan_id", "=", v1.planId)
        .where("m.text", "like", "修订《山东省知识产权促进条例》%")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("progress_reports")
        .values({
          assignment_id: assignment.id,
          region_code: assignment.region_code,
          period: "2021-Q2",
          status: "in_progress",
          percent: 50,
          reported_by: null,
        })
        .execute();
      const revised = original
        .replace("积极推动《山东省专利条例》的修订。", "积极推动《山东省专利条例》的修订，年内提交审议。")
        .replace(/\n[^\n]*加强知识产权智库建设[^\n]*\n/, "\n");
      const v2 = await importPlan(store, {
        bytes: Buffer.from(revised),
        fileName: "v2.txt",
        orgId: province,
        userId: null,
      });
      assert.equal(v2.version, 2);
      assert.deepEqual(
        { changed: v2.changes?.changed, removed: v2.changes?.removed, added: v2.changes?.added },
        { changed: 1, removed: 1, added: 0 },
      );
      const carried = await store.db
        .selectFrom("progress_reports as r")
        .innerJoin("assignments as a", "a.id", "r.assignment_id")
        .select(["r.period", "r.percent"])
        .where("a.plan_id", "=", v2.planId)
        .where("a.org_id", "=", assignment.org_id)
        .execute();
      assert.deepEqual(carried, [{ period: "2021-Q2", percent: 50 }]);
    });

    test("a failure midway leaves nothing: a mapping to a missing org rolls the whole import back", async () => {
      const store = await open();
      const province = await orgId(store, "山东省市场监督管理局");
      const bytes = seedBytes("sd-2023-2025-protection-plan");
      await assert.rejects(
        importPlan(store, { bytes, fileName: "x.txt", orgId: province, userId: null, mappings: { 政府: 987654 } }),
        NotFoundError,
      );
      assert.equal((await store.db.selectFrom("plans").select("id").execute()).length, 0);
      assert.equal(
        (await store.db.selectFrom("org_aliases").select("id").where("alias", "=", "政府").execute()).length,
        0,
      );
    });

    test("a document with no tasks is refused before anything is written", async () => {
      const store = await open();
      const province = await orgId(store, "山东省市场监督管理局");
      await assert.rejects(
        importPlan(store, {
          bytes: Buffer.from("会议通知\n请准时参加。\n"),
          fileName: "notice.txt",
          orgId: province,
          userId: null,
        }),
        PlanInputError,
      );
    });
  });
}
