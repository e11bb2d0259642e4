import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { PGlite } from "@electric-sql/pglite";
import { storeKinds } from "../../../test/support/stores.ts";
import { openPglite, openStore, type Store } from "../../store/db.ts";
import { InputError } from "../../store/errors.ts";
import {
  addAlias,
  ConflictError,
  createOrg,
  type Directory,
  exportOrgs,
  getOrg,
  ImportError,
  importOrgs,
  listOrgs,
  loadDirectory,
  loadReferenceDirectory,
  subtree,
  updateOrg,
} from "./queries.ts";

const GOLD = join(import.meta.dirname, "../../../test/fixtures/gold");

// On both databases (test/support/stores.ts). On PGlite one initdb for the whole file (~6 s) and a test that
// writes works on its own clone (~1 s each); on PostgreSQL a test that writes gets a new database. The others
// share one store with the reference directory loaded and must leave it as they found it.
for (const kind of storeKinds()) {
  describe(`org directory on ${kind.name}`, () => {
    let migrated: PGlite | undefined;
    let loaded: PGlite | undefined;
    let shared: Store;
    const opened: Store[] = [];

    before(async () => {
      if (kind.name === "postgres") {
        shared = await fresh("reference");
        return;
      }
      migrated = await openPglite("memory://");
      const store = await openStore({ pglite: migrated });
      await store.close();
      loaded = (await migrated.clone()) as PGlite;
      const withReference = await openStore({ pglite: loaded });
      await loadReferenceDirectory(withReference.db);
      await withReference.close();
      shared = await openStore({ pglite: loaded });
    });

    after(async () => {
      for (const store of opened) await store.close();
      if (kind.name === "pglite") await shared?.close();
      await loaded?.close();
      await migrated?.close();
    });

    async function fresh(template: "empty" | "reference"): Promise<Store> {
      if (kind.name === "postgres") {
        const store = await kind.open();
        opened.push(store);
        if (template === "reference") await loadReferenceDirectory(store.db);
        return store;
      }
      const source = template === "empty" ? migrated : loaded;
      assert.ok(source, "the PGlite templates are made before the tests");
      const lite = (await source.clone()) as PGlite;
      const store = await openStore({ pglite: lite });
      opened.push({
        ...store,
        close: async () => {
          await store.close();
          await lite.close();
        },
      });
      return store;
    }

    async function orgByName(store: Store, name: string) {
      const org = (await listOrgs(store.db)).find((o) => o.name === name);
      assert.ok(org, `no org named ${name}`);
      return org;
    }

    describe("reference directory", () => {
      test("loading it twice is idempotent", async () => {
        const store = await fresh("empty");
        const first = await loadReferenceDirectory(store.db);
        assert.ok(first.orgsCreated > 90, `only ${first.orgsCreated} orgs`);
        const snapshot = await loadDirectory(store.db);
        const versions = (await listOrgs(store.db)).map((o) => o.rowVersion);
        const second = await loadReferenceDirectory(store.db);
        assert.deepEqual(second, { orgsCreated: 0, aliasesAdded: 0, groupsCreated: 0, membersAdded: 0 });
        assert.deepEqual(await loadDirectory(store.db), snapshot);
        assert.deepEqual(
          (await listOrgs(store.db)).map((o) => o.rowVersion),
          versions,
        );
      });

      test("a renamed reference org is recognised by its old name and not created again", async () => {
        const store = await fresh("reference");
        const org = await orgByName(store, "济南海关");
        await updateOrg(store.db, org.id, org.rowVersion, { name: "中华人民共和国济南海关" });
        await addAlias(store.db, org.id, "济南海关");
        const summary = await loadReferenceDirectory(store.db);
        assert.equal(summary.orgsCreated, 0);
      });

      test("the 16 cities are members of 各市市场监督管理局", async () => {
        const store = shared;
        const directory = await loadDirectory(store.db);
        const province = await orgByName(store, "山东省市场监督管理局（山东省知识产权局）");
        const group = directory.groups.find((g) => g.ownerOrgId === province.id && g.name === "各市市场监督管理局");
        assert.ok(group);
        const cities = await listOrgs(store.db, { kind: "city" });
        assert.equal(cities.length, 16);
        assert.deepEqual(
          [...group.memberOrgIds].sort((a, b) => a - b),
          cities.map((c) => c.id).sort((a, b) => a - b),
        );
        assert.ok(cities.every((c) => c.isRegionOffice && /^37\d{2}00$/.test(c.regionCode)));
        assert.equal((await orgByName(store, "泰安市市场监督管理局")).regionCode, "370900");
      });

      test("every unit name printed in the seed plans resolves to one org or a group", async () => {
        const store = shared;
        const directory = await loadDirectory(store.db);
        // The plan's issuing office; the gold's names are read from its point of view.
        const owners: Record<string, string> = {
          "cnipa-2021-national-task-list": "国家知识产权局",
          "sd-14th-fyp-ip-plan": "山东省市场监督管理局（山东省知识产权局）",
          "sd-2021-provincial-task-list": "山东省市场监督管理局（山东省知识产权局）",
          "sd-2023-2025-protection-plan": "山东省市场监督管理局（山东省知识产权局）",
          "taishan-2022-2025-county-plan": "泰山区市场监督管理局",
        };
        // Printed as "各级党委、政府": a person maps these once per plan.
        const leftToPeople = new Set(["各级党委", "政府"]);
        const unresolved: string[] = [];
        for (const [file, ownerName] of Object.entries(owners)) {
          const owner = directory.orgs.find((o) => o.name === ownerName);
          assert.ok(owner, ownerName);
          for (const name of goldUnitNames(file)) {
            if (leftToPeople.has(name)) continue;
            const matches = resolve(directory, owner.id, name);
            if (matches !== 1) unresolved.push(`${file}: ${name} (${matches} matches)`);
          }
        }
        assert.deepEqual(unresolved, []);
      });
    });

    function goldUnitNames(file: string): Set<string> {
      type Gold = { tasks: { measures: { units: { name: string }[] }[] }[] };
      const gold = JSON.parse(readFileSync(join(GOLD, `${file}.json`), "utf8")) as Gold;
      return new Set(gold.tasks.flatMap((t) => t.measures.flatMap((m) => m.units.map((u) => u.name))));
    }

    /**
     * How many things a printed name could mean from the owner's seat: a group it owns, or an org in its own
     * region (itself and its subtree, stopping at lower region offices, whose insides are theirs to name).
     */
    function resolve(directory: Directory, ownerId: number, name: string): number {
      if (directory.groups.some((g) => g.ownerOrgId === ownerId && g.name === name)) return 1;
      const scope = new Set([ownerId]);
      const frontier = [ownerId];
      while (frontier.length > 0) {
        const parent = frontier.pop();
        for (const child of directory.orgs.filter((o) => o.parentId === parent)) {
          scope.add(child.id);
          if (!child.isRegionOffice) frontier.push(child.id);
        }
      }
      const ids = new Set<number>();
      for (const org of directory.orgs) if (scope.has(org.id) && org.name === name) ids.add(org.id);
      for (const a of directory.aliases) if (scope.has(a.orgId) && a.alias === name) ids.add(a.orgId);
      return ids.size;
    }

    describe("org store", () => {
      test("subtree walks down the tree with depths", async () => {
        const store = shared;
        const taian = await orgByName(store, "泰安市市场监督管理局");
        const tree = await subtree(store.db, taian.id);
        assert.equal(tree[0]?.id, taian.id);
        assert.equal(tree[0]?.depth, 0);
        const taishan = tree.find((o) => o.name === "泰山区市场监督管理局");
        assert.equal(taishan?.depth, 1);
        assert.ok(tree.some((o) => o.name === "岱庙街道" && o.depth === 2));
        assert.ok(taishan?.aliases.includes("区市场监管局"));
      });

      test("a stale row_version update throws ConflictError and changes nothing", async () => {
        const store = await fresh("reference");
        const org = await orgByName(store, "济南海关");
        const renamed = await updateOrg(store.db, org.id, org.rowVersion, { regionCode: "370100" });
        assert.equal(renamed.rowVersion, org.rowVersion + 1);
        await assert.rejects(
          updateOrg(store.db, org.id, org.rowVersion, { name: "别的名字" }),
          (error: unknown) => error instanceof ConflictError && /changed by someone else/.test(error.message),
        );
        assert.deepEqual(await getOrg(store.db, org.id), renamed);
      });

      test("an org cannot be moved under its own descendant", async () => {
        const store = shared;
        const taian = await orgByName(store, "泰安市市场监督管理局");
        const taishan = await orgByName(store, "泰山区市场监督管理局");
        await assert.rejects(updateOrg(store.db, taian.id, taian.rowVersion, { parentId: taishan.id }), InputError);
        assert.equal((await getOrg(store.db, taian.id))?.rowVersion, taian.rowVersion);
      });

      test("createOrg refuses a second org of the same name under the same parent", async () => {
        const store = await fresh("reference");
        const taishan = await orgByName(store, "泰山区市场监督管理局");
        const created = await createOrg(store.db, {
          name: "泰山区教育和体育局",
          kind: "department",
          parentId: taishan.id,
          regionCode: "370902",
          aliases: ["区教体局", "区教体局"],
        });
        assert.deepEqual(created.aliases, ["区教体局"]);
        await assert.rejects(
          createOrg(store.db, {
            name: "泰山区教育和体育局",
            kind: "department",
            parentId: taishan.id,
            regionCode: "370902",
          }),
          ConflictError,
        );
        await assert.rejects(
          createOrg(store.db, { name: "孤儿", kind: "other", parentId: 999_999, regionCode: "370902" }),
          (error: unknown) => error instanceof InputError && error.field === "parentId",
        );
      });

      test("addAlias remembers a printed name once", async () => {
        const store = await fresh("reference");
        const org = await orgByName(store, "山东省公安厅");
        assert.equal(await addAlias(store.db, org.id, "省公安厅经侦总队"), true);
        assert.equal(await addAlias(store.db, org.id, " 省公安厅经侦总队 "), false);
        assert.ok((await getOrg(store.db, org.id))?.aliases.includes("省公安厅经侦总队"));
      });
    });

    describe("export and import", () => {
      for (const format of ["xlsx", "csv"] as const) {
        test(`${format} round-trips the directory`, async () => {
          const source = shared;
          const file = await exportOrgs(source.db, format);
          const target = await fresh("empty");
          const summary = await importOrgs(target.db, file, format);
          const before = await loadDirectory(source.db);
          assert.equal(summary.created, before.orgs.length);
          assert.equal(summary.updated, 0);
          assert.equal(summary.aliasesAdded, before.aliases.length);
          assert.deepEqual(shape(await loadDirectory(target.db)), shape(before));
          // Importing the same file again finds everything in place.
          assert.deepEqual(await importOrgs(target.db, file, format), { created: 0, updated: 0, aliasesAdded: 0 });
        });
      }

      test("an import updates changed orgs and adds aliases by name", async () => {
        const store = await fresh("reference");
        const csv = [
          "名称,类型,上级,区划代码,是否本级区域局,别名",
          "济南海关,部门,山东省市场监督管理局（山东省知识产权局）,370100,否,济南关区",
          "泰山区教育和体育局,部门,泰山区市场监督管理局,370902,否,区教体局、区教育局",
        ].join("\n");
        const summary = await importOrgs(store.db, Buffer.from(csv), "csv");
        assert.deepEqual(summary, { created: 1, updated: 1, aliasesAdded: 3 });
        const customs = await orgByName(store, "济南海关");
        assert.equal(customs.regionCode, "370100");
        assert.equal(customs.rowVersion, 2);
      });

      test("an import with a bad row writes nothing and names the row", async () => {
        const store = shared;
        const before = await loadDirectory(store.db);
        const csv = [
          "名称,类型,上级,区划代码,是否本级区域局,别名",
          "泰山区教育和体育局,部门,泰山区市场监督管理局,370902,否,区教体局",
          "泰山区卫生健康局,部门,泰山区市场监督管理局,37090,否,",
          "泰山区水利局,机关,泰山区市场监督管理局,370902,否,",
        ].join("\r\n");
        await assert.rejects(importOrgs(store.db, Buffer.from(csv), "csv"), (error: unknown) => {
          assert.ok(error instanceof ImportError);
          assert.deepEqual(
            error.issues.map((i) => [i.row, i.field]),
            [
              [3, "区划代码"],
              [4, "类型"],
            ],
          );
          assert.match(error.message, /row 3, 区划代码/);
          return true;
        });
        assert.deepEqual(await loadDirectory(store.db), before);
      });

      test("an ambiguous or unknown parent is reported with its row", async () => {
        const store = shared;
        const csv = [
          "名称,类型,上级,区划代码,是否本级区域局,别名",
          "文书科,内设机构,办公室,370000,否,",
          "x,其他,不存在,370000,否,",
        ].join("\n");
        await assert.rejects(importOrgs(store.db, Buffer.from(csv), "csv"), (error: unknown) => {
          assert.ok(error instanceof ImportError);
          assert.deepEqual(
            error.issues.map((i) => [i.row, i.field]),
            [
              [2, "上级"],
              [3, "上级"],
            ],
          );
          assert.match(error.issues[0]?.message ?? "", /full path/);
          return true;
        });
      });
    });

    /** The directory with ids replaced by paths, to compare two databases. */
    function shape(directory: Directory) {
      const byId = new Map(directory.orgs.map((o) => [o.id, o]));
      const path = (id: number): string => {
        const org = byId.get(id);
        if (!org) return "?";
        return org.parentId === null ? org.name : `${path(org.parentId)}/${org.name}`;
      };
      return {
        orgs: directory.orgs.map((o) => [path(o.id), o.kind, o.regionCode, o.isRegionOffice]).sort(),
        aliases: directory.aliases.map((a) => `${path(a.orgId)}=${a.alias}`).sort(),
      };
    }
  });
}
