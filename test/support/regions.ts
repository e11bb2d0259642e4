// Factories for regions whose tree the reference directory does not hold (it holds every provincial office
// but only Shandong's tree below): a small Hunan tree and a Fujian county, each under the national office
// like Shandong, so tests can import as another region's office with Shandong's look-alike names
// (省公安厅, 县市场监管局 …) in the same directory.
import type { Store } from "../../src/store/db.ts";
import type { OrgKind } from "../../src/store/schema.ts";

type Node = { name: string; kind: OrgKind; region?: string; office?: boolean; children?: Node[] };

/** An org the reference directory already holds (its 31 provincial offices) is reused, its children added. */
async function insertTree(store: Store, node: Node, parentId: number | null, region: string, ids: Map<string, number>) {
  const code = node.region ?? region;
  let query = store.db.selectFrom("orgs").select("id").where("name", "=", node.name);
  query = parentId === null ? query.where("parent_id", "is", null) : query.where("parent_id", "=", parentId);
  const existing = await query.executeTakeFirst();
  const row =
    existing ??
    (await store.db
      .insertInto("orgs")
      .values({
        name: node.name,
        kind: node.kind,
        parent_id: parentId,
        region_code: code,
        is_region_office: node.office ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
  ids.set(node.name, row.id);
  for (const child of node.children ?? []) await insertTree(store, child, row.id, code, ids);
}

async function nationalOffice(store: Store): Promise<number> {
  const row = await store.db.selectFrom("orgs").select("id").where("name", "=", "国家知识产权局").executeTakeFirst();
  if (row) return row.id;
  const ids = new Map<string, number>();
  await insertTree(store, { name: "国家知识产权局", kind: "national", office: true }, null, "000000", ids);
  return ids.get("国家知识产权局") as number;
}

/** Inserts the tree under the national office; returns each org's id by name. */
export async function addRegion(store: Store, root: Node): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await insertTree(store, root, await nationalOffice(store), root.region ?? "000000", ids);
  return ids;
}

export const HUNAN_BUREAU = "湖南省市场监督管理局（湖南省知识产权局）";

/** Hunan's provincial bureau with two divisions, three departments and two city bureaus (no 司法厅). */
export function addHunan(store: Store): Promise<Map<string, number>> {
  return addRegion(store, {
    name: HUNAN_BUREAU,
    kind: "province",
    region: "430000",
    office: true,
    children: [
      { name: "知识产权保护处", kind: "division" },
      { name: "湖南省知识产权保护中心", kind: "division" },
      { name: "湖南省公安厅", kind: "department" },
      { name: "湖南省高级人民法院", kind: "department" },
      { name: "湖南省农业农村厅", kind: "department" },
      { name: "长沙市市场监督管理局", kind: "city", region: "430100", office: true },
      { name: "株洲市市场监督管理局", kind: "city", region: "430200", office: true },
    ],
  });
}

/** Fujian's provincial bureau → 泉州 → 安溪县 (with one centre of its own). */
export function addFujian(store: Store): Promise<Map<string, number>> {
  return addRegion(store, {
    name: "福建省市场监督管理局（福建省知识产权局）",
    kind: "province",
    region: "350000",
    office: true,
    children: [
      {
        name: "泉州市市场监督管理局",
        kind: "city",
        region: "350500",
        office: true,
        children: [
          {
            name: "安溪县市场监督管理局",
            kind: "county",
            region: "350524",
            office: true,
            children: [{ name: "安溪县知识产权服务中心", kind: "division" }],
          },
        ],
      },
    ],
  });
}
