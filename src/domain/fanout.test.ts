import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fanOut,
  indexDirectory,
  isInsideRegion,
  isSelectiveName,
  lookupOrg,
  nameParts,
  normalizeName,
  regionName,
  resolveUnits,
} from "./fanout.ts";
import type { Directory, DirectoryOrg, Role, UnitRef } from "./types.ts";

const org = (
  id: number,
  name: string,
  parentId: number | null,
  regionCode: string,
  kind: DirectoryOrg["kind"] = "department",
  isRegionOffice = false,
): DirectoryOrg => ({ id, name, kind, parentId, regionCode, isRegionOffice });

const DIR: Directory = {
  orgs: [
    org(1, "山东省人民政府", null, "370000", "province"),
    org(2, "省市场监管局（省知识产权局）", 1, "370000", "department", true),
    org(3, "知识产权保护处", 2, "370000", "division"),
    org(4, "办公室", 2, "370000", "division"),
    org(5, "省公安厅", 1, "370000"),
    org(6, "省法院", null, "370000", "other"),
    org(10, "济南市市场监督管理局", 2, "370100", "city", true),
    org(11, "青岛市市场监督管理局", 2, "370200", "city", true),
    org(12, "历下区市场监督管理局", 10, "370102", "county", true),
    org(13, "综合科", 10, "370100", "division"),
    org(14, "综合科", 11, "370200", "division"),
    org(15, "办公室", 10, "370100", "division"),
    // Not linked into the tree: its region code alone places it under the province.
    org(20, "泰安市市场监督管理局", null, "370900", "city", true),
  ],
  aliases: [{ orgId: 6, alias: "省高级人民法院" }],
  groups: [
    { ownerOrgId: 2, name: "各市市场监督管理局", memberOrgIds: [10, 11, 20] },
    { ownerOrgId: 1, name: "省知识产权工作领导小组成员单位", memberOrgIds: [2, 5, 6] },
    { ownerOrgId: 10, name: "各区县市场监督管理局", memberOrgIds: [12] },
  ],
};
const index = indexDirectory(DIR, 2);
const unit = (name: string, role: Role = "owner", fanout = false): UnitRef => ({ name, role, fanout });
const resolved = (name: string) => {
  const r = lookupOrg(index, name);
  return "orgId" in r ? r.orgId : r.reason;
};

test("names compare without whitespace and with full-width brackets", () => {
  assert.equal(normalizeName(" 省市场监管局 (省知识产权局)"), "省市场监管局（省知识产权局）");
  assert.deepEqual(nameParts("省市场监管局（省知识产权局）"), ["省市场监管局", "省知识产权局"]);
  assert.deepEqual(nameParts("省公安厅"), []);
  assert.equal(resolved("省市场监管局 (省知识产权局)"), 2);
});

test("a bracketed org name matches by either part; a bracketed unit name by its parts", () => {
  assert.equal(resolved("省知识产权局"), 2);
  assert.equal(resolved("省市场监管局"), 2);
  assert.equal(resolved("省公安厅（治安总队）"), 5);
  assert.equal(resolved("省高级人民法院"), 6);
});

test("the importer's own divisions win over same-named ones further away; equals are ambiguous", () => {
  assert.equal(resolved("办公室"), 4);
  assert.equal(resolved("综合科"), "ambiguous");
  assert.equal(resolved("省教育厅"), "unknown");
  // Seen from Jinan's bureau, its own office is the nearest.
  assert.deepEqual(lookupOrg(indexDirectory(DIR, 10), "办公室"), { orgId: 15 });
});

test("listed units with issuer scope become exactly those assignments", () => {
  const r = resolveUnits(index, [unit("知识产权保护处", "lead"), unit("省公安厅", "support")], "issuer");
  assert.deepEqual(r, {
    assignments: [
      { orgId: 3, role: "lead", via: null },
      { orgId: 5, role: "support", via: null },
    ],
    unresolved: [],
    selective: [],
  });
});

test("a group fans out to its members with the printed name as via, also from an ancestor's groups", () => {
  const r = resolveUnits(index, [unit("各市市场监督管理局", "owner", true)], null);
  assert.deepEqual(
    r.assignments.map((a) => [a.orgId, a.role, a.via]),
    [
      [10, "owner", "各市市场监督管理局"],
      [11, "owner", "各市市场监督管理局"],
      [20, "owner", "各市市场监督管理局"],
    ],
  );
  const up = resolveUnits(index, [unit("省知识产权工作领导小组成员单位", "support", true)], null);
  assert.deepEqual(
    up.assignments.map((a) => a.orgId),
    [2, 5, 6],
  );
  // A group owned by a subordinate is not visible from above.
  const down = resolveUnits(index, [unit("各区县市场监督管理局", "owner", true)], null);
  assert.deepEqual(down, {
    assignments: [],
    unresolved: [{ name: "各区县市场监督管理局", role: "owner", reason: "no-group" }],
    selective: [],
  });
});

test("an unflagged name that is a defined group still fans out", () => {
  const r = resolveUnits(index, [unit("各市市场监督管理局")], null);
  assert.equal(r.assignments.length, 3);
});

test("unknown and ambiguous names are reported, once each", () => {
  const r = resolveUnits(index, [unit("省教育厅"), unit("综合科", "support"), unit("省教育厅")], null);
  assert.deepEqual(r.unresolved, [
    { name: "省教育厅", role: "owner", reason: "unknown" },
    { name: "综合科", role: "support", reason: "ambiguous" },
  ]);
});

test("各地区 hands the measure to each direct subordinate region's office", () => {
  const r = resolveUnits(index, [unit("知识产权保护处", "lead")], "all-subordinates");
  assert.deepEqual(r.assignments, [
    { orgId: 3, role: "lead", via: null },
    { orgId: 10, role: "owner", via: "各地区" },
    { orgId: 11, role: "owner", via: "各地区" },
    { orgId: 20, role: "owner", via: "各地区" },
  ]);
  // 有关地区 is not everyone: nothing is assigned, the regions are candidates for the office to choose.
  const some = resolveUnits(index, [], "some-subordinates");
  assert.deepEqual(some.assignments, []);
  assert.deepEqual(some.selective, [{ via: "有关地区", role: "owner", candidateOrgIds: [10, 11, 20] }]);
  // A city hands down to its districts, not to its neighbours.
  const city = fanOut({ units: [], scope: "all-subordinates", importerOrgId: 10, directory: DIR });
  assert.deepEqual(
    city.assignments.map((a) => a.orgId),
    [12],
  );
  const county = fanOut({ units: [], scope: "all-subordinates", importerOrgId: 12, directory: DIR });
  assert.deepEqual(county.unresolved, [{ name: "各地区", role: "owner", reason: "no-subordinates" }]);
});

test("selective names are told by their grammar, not by a list of printed names", () => {
  for (const name of [
    "有关地区",
    "有条件的地区",
    "各有关市",
    "有关单位",
    "各有关市市场监督管理局",
    "市直有关部门",
    "相关县（市、区）",
  ])
    assert.equal(isSelectiveName(name), true, name);
  for (const name of ["各地区", "各市市场监督管理局", "各处室", "知识产权保护处", "省公安厅", "成员单位"])
    assert.equal(isSelectiveName(name), false, name);
});

test("a selective group or region word offers its members as candidates; named units keep their assignment", () => {
  const withGroup: Directory = {
    ...DIR,
    groups: [...DIR.groups, { ownerOrgId: 2, name: "各有关市局", memberOrgIds: [10, 11, 20] }],
  };
  const r = resolveUnits(
    indexDirectory(withGroup, 2),
    [unit("知识产权保护处", "lead"), unit("各有关市局", "support", true), unit("济南市市场监督管理局", "support")],
    null,
  );
  assert.deepEqual(r.assignments, [
    { orgId: 3, role: "lead", via: null },
    { orgId: 10, role: "support", via: null },
  ]);
  // Jinan is named outright, so only the other two are left to choose.
  assert.deepEqual(r.selective, [{ via: "各有关市局", role: "support", candidateOrgIds: [11, 20] }]);
  // No group of that name, but the noun is a region: the regions under the importer.
  const regions = resolveUnits(index, [unit("各有关市", "owner", true)], null);
  assert.deepEqual(regions.selective, [{ via: "各有关市", role: "owner", candidateOrgIds: [10, 11, 20] }]);
  assert.deepEqual(regions.unresolved, []);
  // 有关单位 with no group stays a name for a person to map.
  const units = resolveUnits(index, [unit("有关单位", "support", true)], null);
  assert.deepEqual(units.selective, []);
  assert.deepEqual(units.unresolved, [{ name: "有关单位", role: "support", reason: "no-group" }]);
});

test("the same org twice keeps one assignment with the strongest role", () => {
  const r = resolveUnits(
    index,
    [
      unit("各市市场监督管理局", "support", true),
      unit("济南市市场监督管理局", "lead"),
      unit("知识产权保护处", "support"),
    ],
    "all-subordinates",
  );
  assert.deepEqual(r.assignments, [
    { orgId: 10, role: "lead", via: null },
    { orgId: 11, role: "owner", via: "各地区" },
    { orgId: 20, role: "owner", via: "各地区" },
    { orgId: 3, role: "support", via: null },
  ]);
  const same = resolveUnits(index, [unit("各市市场监督管理局", "owner", true), unit("青岛市市场监督管理局")], null);
  assert.deepEqual(
    same.assignments.find((a) => a.orgId === 11),
    { orgId: 11, role: "owner", via: null },
  );
});

test("an importer missing from the directory is a programming error", () => {
  assert.throws(() => indexDirectory(DIR, 999), RangeError);
});

// Two provinces under the national office, with Shandong's relative aliases as the reference data has them.
const TWO: Directory = {
  orgs: [
    org(100, "国家知识产权局", null, "000000", "national", true),
    org(101, "知识产权保护司", 100, "000000", "division"),
    org(110, "山东省市场监督管理局（山东省知识产权局）", 100, "370000", "province", true),
    org(111, "山东省公安厅", 110, "370000"),
    org(112, "济南市市场监督管理局", 110, "370100", "city", true),
    org(120, "湖南省市场监督管理局（湖南省知识产权局）", 100, "430000", "province", true),
    org(121, "湖南省公安厅", 120, "430000"),
    org(122, "中共湖南省委宣传部", 120, "430000"),
    org(123, "长沙市市场监督管理局", 120, "430100", "city", true),
    org(124, "长沙市公安局", 123, "430100"),
    org(125, "长沙县市场监督管理局", 123, "430121", "county", true),
  ],
  aliases: [
    { orgId: 111, alias: "省公安厅" },
    { orgId: 110, alias: "省市场监管局" },
    { orgId: 112, alias: "县市场监管局", scopeOrgId: 112 },
  ],
  groups: [],
};
const from = (importer: number, name: string) => {
  const r = lookupOrg(indexDirectory(TWO, importer), name);
  return "orgId" in r ? r.orgId : r.reason;
};

test("relative names resolve against the importer's own bureaus, never another province's", () => {
  assert.equal(from(120, "省公安厅"), 121);
  assert.equal(from(120, "省市场监管局"), 120);
  assert.equal(from(120, "省委宣传部"), 122);
  assert.equal(from(110, "省公安厅"), 111, "Shandong still reads its own");
  assert.equal(from(123, "市市场监管局"), 123, "a city bureau's own short name");
  assert.equal(from(123, "市公安局"), 124);
  assert.equal(from(125, "县市场监管局"), 125, "a county bureau's own short name");
  assert.equal(from(125, "省公安厅"), 121, "a county reads 省 as its province");
  assert.equal(from(125, "知识产权保护司"), 101, "the national office's divisions are in every region");
});

test("another region's org is reached by its full name only, and flagged", () => {
  const hunan = indexDirectory(TWO, 120);
  assert.equal(from(120, "山东省公安厅"), 111);
  assert.equal(isInsideRegion(hunan, 111), false);
  assert.equal(isInsideRegion(hunan, 121), true);
  assert.equal(isInsideRegion(hunan, 101), true);
  assert.equal(isInsideRegion(hunan, 112), false, "another province's city");
  assert.equal(isInsideRegion(indexDirectory(TWO, 125), 123), true, "the county's own city");
  assert.equal(regionName(hunan, 124), "湖南省长沙市");
  assert.equal(regionName(hunan, 101), null);
});

test("an alias taught by one office applies to it and below, not elsewhere", () => {
  assert.equal(from(112, "县市场监管局"), 112);
  assert.equal(from(125, "县市场监管局"), 125, "Changsha county keeps its own bureau");
  assert.equal(from(120, "县市场监管局"), "unknown");
});
