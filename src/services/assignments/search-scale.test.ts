// Migration 016's stored structures answer exactly as the expressions they replace: the tasks' stored
// search vector (kept by a trigger) as to_tsvector() over the segmented text, so that a search lists the
// same assignments as before; and the orgs' materialised paths as the recursive walk down parent_id,
// after creates and moves.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Kysely, sql } from "kysely";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { segment, segmentQuery } from "../../domain/text-search.ts";
import { likeContaining } from "../../store/like.ts";
import type { Database } from "../../store/schema.ts";
import { orgSubtree } from "../access/index.ts";
import { createOrg, updateOrg } from "../orgs/queries.ts";
import { listAssignments } from "./assignments.ts";

const TOPICS = ["专利质押融资", "地理标志保护", "知识产权维权援助", "商业秘密保护", "高价值专利培育", "知识产权宣传"];
const ACTIONS = ["推进", "加强", "完善", "开展"];
const TODAY = "2025-06-16";

async function seed(db: Kysely<Database>) {
  const province = await createOrg(db, { name: "测试省局", kind: "province", parentId: null, regionCode: "370000" });
  const city = await createOrg(db, { name: "测试市局", kind: "city", parentId: province.id, regionCode: "370100" });
  const orgs = [province.id, city.id];
  const plan = await db
    .insertInto("plans")
    .values({ org_id: province.id, region_code: "370000", title: "检索测试计划", lineage_key: "检索测试计划" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const taskIds: number[] = [];
  for (let t = 0; t < 12; t++) {
    const texts = [0, 1, 2].map(
      (i) => `${ACTIONS[(t + i) % ACTIONS.length]}${TOPICS[(t * 3 + i) % TOPICS.length]}工作第${t}项`,
    );
    const title = `${ACTIONS[t % ACTIONS.length]}${TOPICS[t % TOPICS.length]}`;
    const task = await db
      .insertInto("tasks")
      .values({
        plan_id: plan.id,
        region_code: "370000",
        key: `一/${t + 1}`,
        section: "一",
        title,
        position: t,
        source: JSON.stringify({ line: t }),
        search_text: segment([title, ...texts].join("。")),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    taskIds.push(task.id);
    for (const [i, text] of texts.entries()) {
      const measure = await db
        .insertInto("measures")
        .values({
          plan_id: plan.id,
          task_id: task.id,
          region_code: "370000",
          position: i,
          text,
          due_on: `2025-${String(1 + ((t + i) % 12)).padStart(2, "0")}-28`,
          source: JSON.stringify({ line: i }),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const orgId of orgs.slice(0, 1 + ((t + i) % 2)))
        await db
          .insertInto("assignments")
          .values({
            measure_id: measure.id,
            plan_id: plan.id,
            org_id: orgId,
            region_code: "370000",
            role: "lead",
            due_on: `2025-${String(1 + ((t + i) % 12)).padStart(2, "0")}-28`,
          })
          .execute();
    }
  }
  return { orgs, taskIds };
}

/** The assignments a search listed before migration 016: the vector computed from the text on every read. */
async function searchedBefore(db: Kysely<Database>, q: string, orgIds?: number[]): Promise<number[]> {
  const rows = await sql<{ id: string }>`
    select a.id from assignments a join measures m on m.id = a.measure_id join tasks t on t.id = m.task_id
    where (to_tsvector('simple', t.search_text) @@ plainto_tsquery('simple', ${segmentQuery(q)})
           or m.text like ${likeContaining(q.trim())})
      and (${orgIds === undefined} or a.org_id = any(${orgIds ?? []}::bigint[]))
    order by a.id`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

const TERMS = [
  "质押融资",
  "知识产权",
  "地理标志",
  "专利",
  "维权援助",
  "保护",
  "工作第3项",
  "宣传",
  "押融",
  "不存在的词",
];

for (const kind of storeKinds()) {
  describe(`search and org paths on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("a search lists the same assignments as the text-vector expression it replaces, in any scope", async () => {
      const { db } = await open();
      const { orgs } = await seed(db);
      // fewMeasures 1 takes every matching term down the common-term path (a page tested row by row, a
      // count from the measures found so far, then the hashed set); the default lists the few by id.
      // A scope of more than 20 orgs (ids with no rows pad it) takes the large-scope path: the matches
      // resolved among the plans the scope has work in.
      for (const fewMeasures of [undefined, 1])
        for (const q of TERMS)
          for (const orgIds of [
            undefined,
            [orgs[1] as number],
            [orgs[1] as number, ...Array.from({ length: 21 }, (_, i) => -1 - i)],
          ]) {
            const filter = { q, limit: 1000, ...(orgIds ? { orgIds } : {}), ...(fewMeasures ? { fewMeasures } : {}) };
            const page = await listAssignments(db, filter, TODAY);
            const expected = await searchedBefore(db, q, orgIds);
            const label = `q=${q} orgs=${orgIds ?? "all"} few=${fewMeasures ?? "default"}`;
            assert.deepEqual(
              page.items.map((a) => a.id).sort((x, y) => x - y),
              expected,
              label,
            );
            assert.equal(page.total, expected.length, `total for ${label}`);
            const capped = await listAssignments(db, { ...filter, limit: 1, countCap: 2 }, TODAY);
            assert.deepEqual(
              [capped.total, capped.totalCapped],
              expected.length > 2 ? [2, true] : [expected.length, false],
              `capped total for ${label}`,
            );
          }
      assert.ok((await searchedBefore(db, "知识产权")).length > 0, "the common term matches something");
    });

    test("a search without a sort lists by relevance, tier by tier, each tier in list order, on every path", async () => {
      const { db } = await open();
      const { orgs } = await seed(db);
      const facts = await db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .innerJoin("tasks as t", "t.id", "m.task_id")
        .select(["a.id", "a.org_id", "a.due_on", "m.text", "t.title"])
        .execute();
      // The reference order: the words in the measure's text count 2, in the task's title 1; ties by due date, id.
      const expected = (q: string, matched: number[], orgIds?: number[]) => {
        const tier = (f: (typeof facts)[number]) => (f.text.includes(q) ? 2 : 0) + (f.title.includes(q) ? 1 : 0);
        return facts
          .filter((f) => matched.includes(f.id) && (orgIds === undefined || orgIds.includes(f.org_id)))
          .sort((x, y) => tier(y) - tier(x) || String(x.due_on).localeCompare(String(y.due_on)) || x.id - y.id)
          .map((f) => f.id);
      };
      let tiersSeen = 0;
      for (const fewMeasures of [undefined, 1])
        for (const q of ["质押融资", "知识产权", "保护", "专利"])
          for (const orgIds of [
            undefined,
            [orgs[1] as number],
            [orgs[1] as number, ...Array.from({ length: 21 }, (_, i) => -1 - i)],
          ]) {
            const want = expected(q, await searchedBefore(db, q), orgIds);
            const label = `q=${q} orgs=${orgIds?.length ?? "all"} few=${fewMeasures ?? "default"}`;
            const base = { q, ...(orgIds ? { orgIds } : {}), ...(fewMeasures ? { fewMeasures } : {}) };
            const whole = await listAssignments(db, { ...base, limit: 1000 }, TODAY);
            assert.deepEqual(
              whole.items.map((a) => a.id),
              want,
              label,
            );
            // A past day's list (asOf, read from the histories) ranks the same way.
            const past = await listAssignments(db, { ...base, asOf: "2025-05-01", limit: 1000 }, TODAY);
            assert.deepEqual(
              past.items.map((a) => a.id),
              want,
              `asOf ${label}`,
            );
            // Pages of 4 cut across the tiers' boundaries and add up to the whole list.
            const paged: number[] = [];
            for (let offset = 0; offset < want.length + 4; offset += 4)
              paged.push(...(await listAssignments(db, { ...base, limit: 4, offset }, TODAY)).items.map((a) => a.id));
            assert.deepEqual(paged, want, `pages of ${label}`);
            const tiers = new Set(
              facts
                .filter((f) => want.includes(f.id))
                .map((f) => (f.text.includes(q) ? 2 : 0) + (f.title.includes(q) ? 1 : 0)),
            );
            tiersSeen = Math.max(tiersSeen, tiers.size);
            // An explicit sort still wins over relevance.
            const byDue = await listAssignments(db, { ...base, sort: "due", limit: 1000 }, TODAY);
            assert.deepEqual(
              byDue.items.map((a) => a.id),
              [...want].sort((x, y) => {
                const [fx, fy] = [facts.find((f) => f.id === x), facts.find((f) => f.id === y)];
                return String(fx?.due_on).localeCompare(String(fy?.due_on)) || x - y;
              }),
              `due order for ${label}`,
            );
          }
      assert.ok(tiersSeen >= 3, `the seeded terms fall in several tiers (${tiersSeen})`);
    });

    test("the stored vector follows the task's words when they change", async () => {
      const { db } = await open();
      const { taskIds } = await seed(db);
      const task = taskIds[0] as number;
      const before = await listAssignments(db, { q: "集成电路布图设计", limit: 1000 }, TODAY);
      assert.equal(before.total, 0);
      await db
        .updateTable("tasks")
        .set({ search_text: segment("加强集成电路布图设计保护") })
        .where("id", "=", task)
        .execute();
      const after = await listAssignments(db, { q: "集成电路布图设计", limit: 1000 }, TODAY);
      assert.deepEqual(
        after.items.map((a) => a.id).sort((x, y) => x - y),
        await searchedBefore(db, "集成电路布图设计"),
      );
      assert.ok(after.total > 0);
      const stale = await sql<{ n: string }>`
        select count(*) as n from tasks where search_vector is distinct from to_tsvector('simple', search_text)`.execute(
        db,
      );
      assert.equal(Number(stale.rows[0]?.n), 0, "every task's vector is its text's");
    });

    test("an org's subtree by its path equals the walk down parent_id, after creates and a move", async () => {
      const { db } = await open();
      const root = await createOrg(db, { name: "根", kind: "province", parentId: null, regionCode: "370000" });
      const a = await createOrg(db, { name: "甲市", kind: "city", parentId: root.id, regionCode: "370100" });
      const b = await createOrg(db, { name: "乙市", kind: "city", parentId: root.id, regionCode: "370200" });
      const a1 = await createOrg(db, { name: "甲一县", kind: "county", parentId: a.id, regionCode: "370101" });
      const a11 = await createOrg(db, { name: "甲一县一处", kind: "division", parentId: a1.id, regionCode: "370101" });
      // Ids whose digits prefix one another (1 and 12) must not mix subtrees: the path ends each id with "/".
      const walk = async (id: number) => {
        const rows = await sql<{ id: string }>`
          with recursive s(id) as (select ${id}::bigint union select o.id from orgs o join s on o.parent_id = s.id)
          select id from s`.execute(db);
        return rows.rows.map((r) => Number(r.id)).sort((x, y) => x - y);
      };
      const sorted = async (id: number) => [...(await orgSubtree(db, id))].sort((x, y) => x - y);
      for (const id of [root.id, a.id, b.id, a1.id, a11.id]) assert.deepEqual(await sorted(id), await walk(id));
      assert.deepEqual(
        await sorted(a.id),
        [a.id, a1.id, a11.id].sort((x, y) => x - y),
      );
      // The county moves from 甲市 to 乙市 with its division.
      await updateOrg(db, a1.id, a1.rowVersion, { parentId: b.id });
      assert.deepEqual(await sorted(a.id), [a.id]);
      assert.deepEqual(
        await sorted(b.id),
        [b.id, a1.id, a11.id].sort((x, y) => x - y),
      );
      for (const id of [root.id, a.id, b.id, a1.id, a11.id]) assert.deepEqual(await sorted(id), await walk(id));
      const paths = await db
        .selectFrom("orgs")
        .select(["id", "path"])
        .where("id", "=", a11.id)
        .executeTakeFirstOrThrow();
      assert.equal(paths.path, `/${root.id}/${b.id}/${a1.id}/${a11.id}/`);
      assert.deepEqual(await sorted(999_999), [], "an unknown org has no subtree");
    });
  });
}
