// Picking an org from the directory as a tree, found by typing any of its names (aliases included).
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useText } from "../../i18n/lang.tsx";
import { useOrgs } from "./data.ts";
import { buildTree, type OrgLike, type OrgNode, orgMatches } from "./orgTree.ts";

const text = {
  zh: { placeholder: "输入名称或别名查找单位", empty: "没有匹配的单位" },
  en: { placeholder: "Type a name or alias to find a unit", empty: "No matching unit" },
};

type TreeOption = { value: number; title: string; org: OrgLike; disabled?: boolean; children: TreeOption[] };

type Props = {
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** Orgs that cannot be chosen (an org cannot move under itself or its descendants). */
  disabledIds?: ReadonlySet<number>;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  "aria-label"?: string;
  style?: React.CSSProperties;
};

export function OrgTreeSelect({ value, onChange, disabledIds, allowClear, placeholder, style, ...aria }: Props) {
  const t = useText(text);
  const { orgs, isPending } = useOrgs();
  const treeData = useMemo(() => {
    const toOption = (node: OrgNode<OrgLike>): TreeOption => ({
      value: node.org.id,
      title: node.org.name,
      org: node.org,
      ...(disabledIds?.has(node.org.id) ? { disabled: true } : {}),
      children: node.children.map(toOption),
    });
    return buildTree<OrgLike>(orgs).map(toOption);
  }, [orgs, disabledIds]);
  return (
    <TreeSelect<number | null>
      {...aria}
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      loading={isPending}
      allowClear={allowClear}
      placeholder={placeholder ?? t.placeholder}
      notFoundContent={t.empty}
      showSearch={{
        filterTreeNode: (input, node) => orgMatches((node as unknown as TreeOption).org, input),
      }}
      treeDefaultExpandedKeys={treeData.map((root) => root.value)}
      popupMatchSelectWidth={false}
      style={{ minWidth: 240, ...style }}
    />
  );
}
