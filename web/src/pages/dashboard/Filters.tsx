// The dashboard's narrowing: one plan, one org's subtree. Both lists hold only what the user may see.
import { Button, Select, Space, TreeSelect, Typography } from "antd";
import { useMemo } from "react";
import { useText } from "../../i18n/lang.tsx";
import type { Org, Plan } from "./data.ts";
import type { Scope } from "./links.ts";

const text = {
  zh: { plan: "计划", org: "单位", allPlans: "全部计划", allOrgs: "全部单位（含下属）", reset: "清除筛选" },
  en: { plan: "Plan", org: "Unit", allPlans: "All plans", allOrgs: "All units (with sub-units)", reset: "Clear" },
};

type TreeNode = { value: number; title: string; children: TreeNode[] };

/** The visible orgs as a tree; an org whose parent the user cannot see is a root. */
function orgTree(orgs: Org[]): TreeNode[] {
  const nodes = new Map(orgs.map((o) => [o.id, { value: o.id, title: o.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id) as TreeNode;
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

type Props = { scope: Scope; plans: Plan[]; orgs: Org[]; onChange(scope: Scope): void };

export function Filters({ scope, plans, orgs, onChange }: Props) {
  const t = useText(text);
  const tree = useMemo(() => orgTree(orgs), [orgs]);
  const narrowed = scope.planId !== undefined || scope.orgId !== undefined;
  return (
    // Each filter shrinks to the screen's width on a phone (the labels stay beside their fields).
    <Space wrap size="middle" style={{ marginBottom: 16, maxWidth: "100%" }}>
      <Space size="small" style={{ maxWidth: "100%" }}>
        <Typography.Text strong>
          <label htmlFor="dashboard-plan">{t.plan}</label>
        </Typography.Text>
        <Select<number>
          id="dashboard-plan"
          data-testid="filter-plan"
          style={{ width: 360, maxWidth: "calc(100vw - 80px)" }}
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t.allPlans}
          value={scope.planId}
          onChange={(planId) => onChange({ ...scope, planId })}
          options={plans.map((p) => ({ value: p.id, label: p.title }))}
        />
      </Space>
      {/* A unit with no sub-units has nothing to narrow to. */}
      {orgs.length > 1 && (
        <Space size="small" style={{ maxWidth: "100%" }}>
          <Typography.Text strong>
            <label htmlFor="dashboard-org">{t.org}</label>
          </Typography.Text>
          <TreeSelect<number>
            id="dashboard-org"
            data-testid="filter-org"
            style={{ width: 300, maxWidth: "calc(100vw - 80px)" }}
            allowClear
            showSearch={{ treeNodeFilterProp: "title" }}
            treeDefaultExpandedKeys={tree.map((n) => n.value)}
            placeholder={t.allOrgs}
            value={scope.orgId}
            onChange={(orgId) => onChange({ ...scope, orgId })}
            treeData={tree}
            // As wide as the tree needs on a desk, never wider than a phone's screen.
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxWidth: "calc(100vw - 16px)" } } }}
          />
        </Space>
      )}
      {narrowed && <Button onClick={() => onChange({ planId: undefined, orgId: undefined })}>{t.reset}</Button>}
    </Space>
  );
}
