// The directory as a flat list to sort and filter: name, kind, parent, region code, aliases.
import { Table, Typography } from "antd";
import { useMemo } from "react";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { Org } from "./data.ts";
import { KIND_LABEL, kindLabel, ORG_KINDS } from "./orgKinds.ts";
import { orgMatches, orgPath } from "./orgTree.ts";

const text = {
  zh: { name: "名称", kind: "类型", parent: "上级单位", region: "区划代码", aliases: "别名", total: "共 {n} 个单位" },
  en: { name: "Name", kind: "Kind", parent: "Parent", region: "Region code", aliases: "Aliases", total: "{n} units" },
};

type Row = Org & { parentPath: string };

type Props = {
  orgs: Org[];
  byId: ReadonlyMap<number, Org>;
  search: string;
  selectedId: number | null;
  onSelect(id: number): void;
};

export function OrgTable({ orgs, byId, search, selectedId, onSelect }: Props) {
  const t = useText(text);
  const { lang } = useLang();
  const rows = useMemo<Row[]>(
    () =>
      orgs
        .filter((org) => orgMatches(org, search))
        .map((org) => ({ ...org, parentPath: org.parentId === null ? "" : orgPath(byId, org.parentId) })),
    [orgs, byId, search],
  );
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 15, showSizeChanger: false, showTotal: (n) => fill(t.total, { n }) }}
      rowClassName={(row) => (row.id === selectedId ? "ant-table-row-selected" : "")}
      onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: "pointer" } })}
      columns={[
        {
          title: t.name,
          dataIndex: "name",
          sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
          render: (name: string, row) => (
            <Typography.Link onClick={() => onSelect(row.id)} data-testid={`org-row-${row.id}`}>
              {name}
            </Typography.Link>
          ),
        },
        {
          title: t.kind,
          dataIndex: "kind",
          width: 96,
          filters: ORG_KINDS.map((kind) => ({ text: KIND_LABEL[lang][kind], value: kind })),
          onFilter: (value, row) => row.kind === value,
          render: (kind: string) => kindLabel(lang, kind),
        },
        {
          title: t.parent,
          dataIndex: "parentPath",
          sorter: (a, b) => a.parentPath.localeCompare(b.parentPath, "zh-CN"),
        },
        {
          title: t.region,
          dataIndex: "regionCode",
          width: 100,
          sorter: (a, b) => a.regionCode.localeCompare(b.regionCode),
        },
        {
          title: t.aliases,
          dataIndex: "aliases",
          render: (aliases: Org["aliases"]) => aliases.map((a) => a.alias).join("、"),
        },
      ]}
    />
  );
}
