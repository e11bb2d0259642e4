// The directory as a tree: each unit with its kind and, when a search found it by another name, that alias.
import { Tree, Typography } from "antd";
import { useMemo, useState } from "react";
import { useLang, useText } from "../../i18n/lang.tsx";
import type { Org } from "./data.ts";
import { kindLabel } from "./orgKinds.ts";
import { matchedAlias, type OrgNode } from "./orgTree.ts";

const text = { zh: { alias: "别名" }, en: { alias: "alias" } };

type Props = {
  roots: OrgNode<Org>[];
  search: string;
  /** Nodes open at first (a search opens the way to each match); the reader opens and closes them after. */
  expanded: number[] | null;
  selectedId: number | null;
  onSelect(id: number): void;
};

type TreeItem = { key: number; title: React.ReactNode; children: TreeItem[] };

export function OrgTree({ roots, search, expanded, selectedId, onSelect }: Props) {
  const t = useText(text);
  const { lang } = useLang();
  const [opened, setOpened] = useState<number[]>(() => expanded ?? roots.map((root) => root.org.id));
  const treeData = useMemo(() => {
    const toItem = (node: OrgNode<Org>): TreeItem => {
      const alias = matchedAlias(node.org, search);
      return {
        key: node.org.id,
        title: (
          <span data-testid={`org-node-${node.org.id}`}>
            {node.org.name}{" "}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {kindLabel(lang, node.org.kind)}
              {alias ? ` · ${t.alias}：${alias}` : ""}
            </Typography.Text>
          </span>
        ),
        children: node.children.map(toItem),
      };
    };
    return roots.map(toItem);
  }, [roots, search, lang, t.alias]);
  return (
    <Tree<TreeItem>
      treeData={treeData}
      height={560}
      blockNode
      showLine
      expandedKeys={opened}
      onExpand={(keys) => setOpened(keys.map(Number))}
      selectedKeys={selectedId === null ? [] : [selectedId]}
      onSelect={(keys) => {
        const [key] = keys;
        if (key !== undefined) onSelect(Number(key));
      }}
    />
  );
}
