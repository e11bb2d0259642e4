// The admin page's pure helpers: the org tree built from the flat directory, search by name or alias, and
// the field-by-field reading of audit entries.
import assert from "node:assert/strict";
import { test } from "node:test";
import { diffEntry, formatValue, listDelta } from "../web/src/pages/admin/auditDiff.ts";
import {
  buildTree,
  filterTree,
  matchedAlias,
  type OrgLike,
  orgMatches,
  orgPath,
  subtreeIds,
} from "../web/src/pages/admin/orgTree.ts";

// 省局 ─┬─ 办公室
//       └─ 泰安市局 ── 泰山区局 ── 办公室
const orgs: OrgLike[] = [
  { id: 1, name: "山东省市场监督管理局", parentId: null, aliases: [{ id: 1, alias: "省知识产权局" }] },
  { id: 2, name: "办公室", parentId: 1 },
  { id: 3, name: "泰安市市场监督管理局", parentId: 1, aliases: [{ id: 2, alias: "泰安市知识产权局" }] },
  { id: 4, name: "泰山区市场监督管理局", parentId: 3, aliases: [{ id: 3, alias: "区市场监管局" }] },
  { id: 5, name: "办公室", parentId: 4 },
];
const byId = new Map(orgs.map((o) => [o.id, o]));

test("the tree: roots are orgs whose parent is outside the list; a plan office's scope starts below the top", () => {
  const full = buildTree(orgs);
  assert.deepEqual(
    full.map((n) => n.org.id),
    [1],
  );
  assert.deepEqual(
    full[0]?.children.map((n) => n.org.id),
    [2, 3],
  );
  const scoped = buildTree(orgs.filter((o) => o.id >= 3));
  assert.deepEqual(
    scoped.map((n) => n.org.id),
    [3],
  );
  // A self-parented row (bad data) does not vanish or loop.
  assert.deepEqual(
    buildTree([{ id: 9, name: "x", parentId: 9 }]).map((n) => n.org.id),
    [9],
  );
});

test("paths tell two 办公室 apart and survive a cycle", () => {
  assert.equal(orgPath(byId, 2), "山东省市场监督管理局 / 办公室");
  assert.equal(orgPath(byId, 5), "山东省市场监督管理局 / 泰安市市场监督管理局 / 泰山区市场监督管理局 / 办公室");
  const cyclic = new Map<number, OrgLike>([
    [1, { id: 1, name: "a", parentId: 2 }],
    [2, { id: 2, name: "b", parentId: 1 }],
  ]);
  assert.equal(orgPath(cyclic, 1), "b / a");
  assert.equal(orgPath(byId, 99), "");
});

test("search matches names and aliases, says which alias matched, and keeps each match's ancestors", () => {
  assert.ok(orgMatches(byId.get(4) as OrgLike, "区市场监管"));
  assert.ok(!orgMatches(byId.get(2) as OrgLike, "泰安"));
  assert.equal(matchedAlias(byId.get(3) as OrgLike, "知识产权局"), "泰安市知识产权局");
  assert.equal(matchedAlias(byId.get(3) as OrgLike, "泰安市市场"), undefined, "the name matched, not an alias");

  const found = filterTree(buildTree(orgs), "区市场监管局");
  assert.equal(found.matches, 1);
  assert.deepEqual(
    found.roots.map((n) => n.org.id),
    [1],
  );
  assert.deepEqual(
    found.roots[0]?.children.map((n) => n.org.id),
    [3],
    "the other 办公室 is cut",
  );
  assert.deepEqual(found.expanded.sort(), [1, 3]);
  assert.deepEqual(found.roots[0]?.children[0]?.children[0]?.children, [], "a match keeps only matching descendants");

  const offices = filterTree(buildTree(orgs), "办公室");
  assert.equal(offices.matches, 2);
  assert.equal(filterTree(buildTree(orgs), "  ").matches, orgs.length, "a blank search keeps everything");
  assert.equal(filterTree(buildTree(orgs), "海关").roots.length, 0);
});

test("a subtree holds the org and everything below it", () => {
  assert.deepEqual([...subtreeIds(orgs, 3)].sort(), [3, 4, 5]);
  assert.deepEqual([...subtreeIds(orgs, 2)], [2]);
});

test("an update lists only the fields that changed, without bookkeeping", () => {
  const before = { id: 7, name: "法规处", kind: "division", regionCode: "370000", rowVersion: 1 };
  const after = { id: 7, name: "政策法规处", kind: "division", regionCode: "370000", rowVersion: 2 };
  assert.deepEqual(diffEntry(before, after), [
    { field: "name", kind: "changed", before: "法规处", after: "政策法规处" },
  ]);
});

test("a creation lists what was set (empty fields left out); a deletion what was there", () => {
  assert.deepEqual(diffEntry(null, { id: 3, username: "ta", role: "reporter", displayName: "", aliases: [] }), [
    { field: "username", kind: "added", before: undefined, after: "ta" },
    { field: "role", kind: "added", before: undefined, after: "reporter" },
  ]);
  assert.deepEqual(diffEntry({ alias: "省局" }, null), [
    { field: "alias", kind: "removed", before: "省局", after: undefined },
  ]);
  assert.deepEqual(diffEntry(null, null), []);
});

test("nested objects are compared by dotted path; a scalar entry is one unnamed field", () => {
  assert.deepEqual(
    diffEntry({ counts: { tasks: 3, measures: 9 } }, { counts: { tasks: 4, measures: 9 } }).map((c) => c.field),
    ["counts.tasks"],
  );
  assert.deepEqual(diffEntry("open", "done"), [{ field: "", kind: "changed", before: "open", after: "done" }]);
});

test("lists of names read as what was added and removed", () => {
  assert.deepEqual(listDelta(["省局"], ["省局", "省知识产权局"]), { added: ["省知识产权局"], removed: [] });
  assert.deepEqual(listDelta(["a", "b"], ["b"]), { added: [], removed: ["a"] });
  assert.equal(listDelta([{ id: 1 }], []), null, "objects are not names");
  assert.equal(listDelta("a", ["a"]), null);
});

test("values read as short text: names of listed records, yes/no, a dash for nothing, long text cut", () => {
  assert.equal(formatValue(true, "是", "否"), "是");
  assert.equal(formatValue(null, "是", "否"), "—");
  assert.equal(formatValue([], "是", "否"), "—");
  assert.equal(
    formatValue(
      [
        { id: 1, name: "济南市市场监督管理局" },
        { id: 2, name: "青岛市市场监督管理局" },
      ],
      "是",
      "否",
    ),
    "济南市市场监督管理局、青岛市市场监督管理局",
  );
  assert.equal(formatValue({ a: 1 }, "是", "否"), '{"a":1}');
  assert.equal(formatValue("字".repeat(200), "是", "否", 10), `${"字".repeat(9)}…`);
});
