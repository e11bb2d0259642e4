import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { storeKinds, storesFor } from "../../test/support/stores.ts";
import { runOrgs } from "./orgs.ts";

for (const kind of storeKinds()) {
  describe(`luoshi orgs import on ${kind.name}`, () => {
    const open = storesFor(kind);

    test("audits each org it creates and the import itself, as the API's import does", async () => {
      const store = await open();
      const file = join(mkdtempSync(join(tmpdir(), "luoshi-orgs-")), "directory.csv");
      writeFileSync(
        file,
        "名称,类型,上级,区划代码,是否本级区域局,别名\n甲市市场监督管理局,市级,,370100,是,\n甲市知识产权科,内设机构,甲市市场监督管理局,370100,否,\n",
      );
      // The command closes the store it opens; this one is closed by the suite.
      assert.equal(await runOrgs(["import", file], async () => ({ ...store, close: async () => {} })), 0);
      const entries = await store.db
        .selectFrom("audit_log")
        .select(["action", "entity", "entity_id", "user_id", "after"])
        .orderBy("id")
        .execute();
      const created = entries.filter((e) => e.action === "org.import.create");
      assert.deepEqual(
        created.map((e) => (e.after as { name: string }).name),
        ["甲市市场监督管理局", "甲市知识产权科"],
      );
      const whole = entries.find((e) => e.action === "org.import");
      assert.ok(whole, "the import itself is audited");
      assert.equal(whole.entity_id, "directory.csv");
      assert.equal((whole.after as { created: number }).created, 2);
      assert.ok(
        entries.every((e) => e.user_id === null),
        "no acting user on the command line",
      );
    });
  });
}
