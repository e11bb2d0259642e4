import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { ConflictError, ImportError, InputError } from "../../store/errors.ts";
import { listGroups } from "./group-queries.ts";
import { addGroup, changeGroupMember } from "./groups.ts";
import { addOrg, addOrgAlias, changeOrg, importOrgDirectory, removeOrgAlias } from "./orgs.ts";
import { getOrg } from "./queries.ts";

const actor = { userId: null, at: new Date("2025-03-01T08:00:00Z") };
const csv = (...rows: string[]) => Buffer.from(["名称,类型,上级,区划代码,是否本级区域局,别名", ...rows].join("\n"));

for (const kind of storeKinds()) {
  describe(`editing the org directory on ${kind.name}`, () => {
    const fresh = storesFor(kind);

    test("create, move, refuse a cycle and a stale version; aliases and groups; every change audited", async () => {
      const store = await fresh();
      const root = await addOrg(store.db, actor, {
        name: "省局",
        kind: "province",
        parentId: null,
        regionCode: "370000",
      });
      const city = await addOrg(store.db, actor, {
        name: "市局",
        kind: "city",
        parentId: root.id,
        regionCode: "370900",
      });
      const other = await addOrg(store.db, actor, {
        name: "他市局",
        kind: "city",
        parentId: root.id,
        regionCode: "370800",
      });
      const moved = await changeOrg(store.db, actor, other.id, other.rowVersion, { parentId: city.id });
      assert.deepEqual([moved.parentId, moved.rowVersion], [city.id, 2]);
      await assert.rejects(changeOrg(store.db, actor, city.id, city.rowVersion, { parentId: other.id }), InputError);
      await assert.rejects(changeOrg(store.db, actor, other.id, 1, { name: "改名" }), ConflictError);
      const { org, added } = await addOrgAlias(store.db, actor, city.id, "泰安 局");
      assert.equal(added, true);
      const alias = org.aliasEntries[0];
      assert.equal(alias?.alias, "泰安局");
      assert.deepEqual((await removeOrgAlias(store.db, actor, city.id, alias?.id ?? 0)).aliases, []);
      const group = await addGroup(store.db, actor, { ownerOrgId: root.id, name: "各市局", memberOrgIds: [city.id] });
      await changeGroupMember(store.db, actor, group.id, other.id, "add");
      assert.deepEqual(
        (await listGroups(store.db, [root.id]))[0]?.members.map((m) => m.name),
        ["市局", "他市局"],
      );
      const actions = await store.db.selectFrom("audit_log").select("action").orderBy("id").execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        [
          "org.create",
          "org.create",
          "org.create",
          "org.update",
          "org.alias.add",
          "org.alias.remove",
          "org_group.create",
          "org_group.member.add",
        ],
      );
    });

    test("a spreadsheet import: dry run keeps nothing; a plan office's rows must stay in its subtree", async () => {
      const store = await fresh();
      const root = await addOrg(store.db, actor, {
        name: "省局",
        kind: "province",
        parentId: null,
        regionCode: "370000",
      });
      const city = await addOrg(store.db, actor, {
        name: "市局",
        kind: "city",
        parentId: root.id,
        regionCode: "370900",
      });
      const file = { bytes: csv("县局,县级,市局,370902,是,区局"), format: "csv" as const, name: "a.csv" };
      const dry = await importOrgDirectory(store.db, actor, file, { dryRun: true });
      assert.deepEqual(dry, { created: 1, updated: 0, aliasesAdded: 1, dryRun: true });
      assert.equal((await store.db.selectFrom("orgs").select("id").execute()).length, 2);
      const outside = { ...file, bytes: csv("另一省局,省级,,380000,否,") };
      await assert.rejects(
        importOrgDirectory(store.db, actor, outside, { writable: new Set([city.id]) }),
        (error: unknown) => error instanceof ImportError && error.issues[0]?.field === "上级",
      );
      const done = await importOrgDirectory(store.db, actor, file, { writable: new Set([city.id]) });
      assert.equal(done.created, 1);
      assert.equal((await getOrg(store.db, city.id))?.rowVersion, 1, "the parent row is untouched");
    });
  });
}
