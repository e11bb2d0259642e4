import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { loadDemo } from "../services/demo/demo.ts";
import { backup, restore } from "./backup.ts";
import { ConflictError, InputError } from "./errors.ts";

for (const kind of storeKinds()) {
  describe(`backup and restore on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("restoring a backup into an empty database reproduces it exactly, and new rows continue the ids", async () => {
      const source = await open();
      await loadDemo(source, "2026-11-23");
      const first = await backup(source.db);
      const target = await open();
      const counts = await restore(target.db, first);
      assert.ok(
        (counts.assignments ?? 0) > 1000 && (counts.plan_files ?? 0) === 5 && (counts.progress_reports ?? 0) > 0,
      );
      const second = await backup(target.db);
      assert.equal(gunzipSync(second).toString("utf8"), gunzipSync(first).toString("utf8"));
      const maxOrg = await target.db
        .selectFrom("orgs")
        .select((eb) => eb.fn.max("id").as("m"))
        .executeTakeFirstOrThrow();
      const added = await target.db
        .insertInto("orgs")
        .values({ name: "新增单位", kind: "other", region_code: "370000", parent_id: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      assert.equal(added.id, Number(maxOrg.m) + 1);
    });

    test("a restore refuses a non-empty database and a file that is not a backup, writing nothing", async () => {
      const source = await open();
      await source.db
        .insertInto("orgs")
        .values({ name: "甲", kind: "other", region_code: "1", parent_id: null })
        .execute();
      const file = await backup(source.db);
      await assert.rejects(restore(source.db, file), ConflictError);
      const empty = await open();
      await assert.rejects(restore(empty.db, Buffer.from("hello")), InputError);
      assert.equal((await empty.db.selectFrom("orgs").select("id").execute()).length, 0);
    });

    test("a truncated, edited or damaged backup is refused naming what is wrong, writing nothing", async () => {
      const source = await open();
      const org = await source.db
        .insertInto("orgs")
        .values({ name: "甲", kind: "other", region_code: "1", parent_id: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const action of ["org.create", "org.update"])
        await source.db
          .insertInto("audit_log")
          .values({ user_id: null, action, entity: "org", entity_id: String(org.id), before: null, after: null })
          .execute();
      const [header = "", ...lines] = gunzipSync(await backup(source.db))
        .toString("utf8")
        .split("\n")
        .filter((l) => l !== "");
      const file = (...body: string[]) => gzipSync(`${[header, ...body].join("\n")}\n`);
      const empty = await open();
      const cases: [string, Buffer, RegExp][] = [
        [
          "audit lines removed",
          file(...lines.filter((l) => !l.startsWith('{"t":"audit_log"'))),
          /the header counts 2 rows of audit_log but the file holds 0/,
        ],
        [
          "a line cut short",
          file(...lines.slice(0, -1), (lines.at(-1) as string).slice(0, 20)),
          /line \d+ is not a JSON record/,
        ],
        ["a line that is not a record", file(...lines, "[1,2]"), /line \d+ is not a backup record/],
        ["an unknown table", file(...lines, '{"t":"secrets","r":{}}'), /unknown table "secrets"/],
        [
          "a value of the wrong type",
          file(...lines.map((l) => (l.startsWith('{"t":"orgs"') ? l.replace(/"id":\d+/, '"id":"one"') : l))),
          /rows 1–500 of orgs cannot be restored/,
        ],
      ];
      for (const [what, bytes, message] of cases) {
        await assert.rejects(
          restore(empty.db, bytes),
          (error: unknown) => error instanceof InputError && message.test(error.message),
          what,
        );
        assert.equal((await empty.db.selectFrom("orgs").select("id").execute()).length, 0, what);
      }
    });
  });
}
