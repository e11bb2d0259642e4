import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { loadDemo } from "../services/demo.ts";
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
  });
}
