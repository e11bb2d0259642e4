// 组织机构: the directory in the user's scope as a tree (or a sortable list), found by name or alias; the
// chosen org's details, aliases and groups beside it; new orgs, and the directory as a spreadsheet.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Empty, Input, Row, Segmented, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { useUser } from "../../auth/session.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { type Org, useOrgs } from "./data.ts";
import { OrgDetail } from "./OrgDetail.tsx";
import { OrgDrawer } from "./OrgDrawer.tsx";
import { OrgImport } from "./OrgImport.tsx";
import { OrgTable } from "./OrgTable.tsx";
import { OrgTree } from "./OrgTree.tsx";
import { buildTree, filterTree } from "./orgTree.ts";

const text = {
  zh: {
    search: "按名称或别名查找单位",
    tree: "树形",
    list: "列表",
    add: "新建单位",
    exportXlsx: "导出 Excel",
    exportCsv: "导出 CSV",
    import: "导入表格",
    found: "找到 {n} 个单位",
    none: "没有名称或别名包含“{q}”的单位。可以点“新建单位”添加。",
    empty: "组织机构为空。点“新建单位”添加，或用“导入表格”批量导入。",
    pick: "在左侧选择一个单位，查看和修改它的信息、别名和所属单位组。",
  },
  en: {
    search: "Find a unit by name or alias",
    tree: "Tree",
    list: "List",
    add: "New unit",
    exportXlsx: "Export Excel",
    exportCsv: "Export CSV",
    import: "Import spreadsheet",
    found: "{n} units found",
    none: "No unit has a name or alias containing “{q}”. Use “New unit” to add it.",
    empty: "The directory is empty. Use “New unit”, or “Import spreadsheet” to load many at once.",
    pick: "Choose a unit on the left to see and change its details, aliases and groups.",
  },
};

export function OrgsTab() {
  const t = useText(text);
  const user = useUser();
  const { orgs, byId, isPending, error } = useOrgs();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState("");
  const [view, setView] = useState<"tree" | "list">("tree");
  const [creating, setCreating] = useState<{ parentId: number | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const selectedId = Number(params.get("org")) || null;
  const selected = selectedId === null ? undefined : byId.get(selectedId);
  const select = (id: number) => {
    const next = new URLSearchParams(params);
    next.set("org", String(id));
    setParams(next, { replace: true });
  };

  const roots = useMemo(() => buildTree(orgs), [orgs]);
  const filtered = useMemo(() => filterTree(roots, search), [roots, search]);
  const searching = search.trim() !== "";

  return (
    <>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 280 }}
        />
        <Segmented
          value={view}
          onChange={(value) => setView(value === "list" ? "list" : "tree")}
          options={[
            { label: t.tree, value: "tree" },
            { label: t.list, value: "list" },
          ]}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating({ parentId: selectedId ?? (user.role === "admin" ? null : user.orgId) })}
        >
          {t.add}
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/orgs/export?format=xlsx" download>
          {t.exportXlsx}
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/orgs/export?format=csv" download>
          {t.exportCsv}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          {t.import}
        </Button>
        {searching && <Typography.Text type="secondary">{fill(t.found, { n: filtered.matches })}</Typography.Text>}
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={view === "tree" ? 10 : 14}>
          <Card size="small" loading={isPending}>
            {orgs.length === 0 ? (
              <Empty description={t.empty} />
            ) : searching && filtered.matches === 0 ? (
              <Empty description={fill(t.none, { q: search.trim() })} />
            ) : view === "tree" ? (
              <OrgTree
                // A new search opens the tree afresh to its matches.
                key={searching ? search.trim() : ""}
                roots={filtered.roots}
                search={search}
                expanded={searching ? filtered.expanded : null}
                selectedId={selectedId}
                onSelect={select}
              />
            ) : (
              <OrgTable orgs={orgs} byId={byId} search={search} selectedId={selectedId} onSelect={select} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={view === "tree" ? 14 : 10}>
          {selected ? (
            <OrgDetail org={selected} onCreateChild={() => setCreating({ parentId: selected.id })} />
          ) : (
            <Card size="small">
              <Empty description={t.pick} />
            </Card>
          )}
        </Col>
      </Row>
      {creating && (
        <OrgDrawer
          org={null}
          parentId={creating.parentId}
          onClose={() => setCreating(null)}
          onSaved={(org: Org) => select(org.id)}
        />
      )}
      {importing && <OrgImport onClose={() => setImporting(false)} />}
    </>
  );
}
