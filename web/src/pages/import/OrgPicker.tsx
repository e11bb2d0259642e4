// A searchable tree of the orgs the user may see (GET /api/orgs), for mapping a printed unit name to an org
// and for choosing who a plan belongs to. Search matches any part of a name and keeps the path visible.
import { useQuery } from "@tanstack/react-query";
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";

export type Org = ResponseOf<"/api/orgs">["items"][number];
type Node = { value: number; title: string; children: Node[] };

export const ORGS_KEY = ["orgs"] as const;

export function useOrgs() {
  return useQuery({ queryKey: ORGS_KEY, queryFn: () => unwrap(api.GET("/api/orgs")), staleTime: 300_000 });
}

/** Parents before children; an org whose parent is outside the user's scope is a root. */
export function orgTree(orgs: readonly Org[]): Node[] {
  const nodes = new Map<number, Node>(orgs.map((o) => [o.id, { value: o.id, title: o.name, children: [] }]));
  const roots: Node[] = [];
  for (const o of orgs) {
    const node = nodes.get(o.id);
    if (!node) continue;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function OrgPicker({
  value,
  onChange,
  placeholder,
  label,
  id,
}: {
  value: number | undefined;
  onChange(orgId: number | undefined): void;
  placeholder: string;
  /** The accessible name when no visible <label> points at the picker. */
  label: string;
  id?: string;
}) {
  const orgs = useOrgs();
  const treeData = useMemo(() => orgTree(orgs.data?.items ?? []), [orgs.data]);
  return (
    <TreeSelect<number>
      {...(id ? { id } : {})}
      aria-label={label}
      style={{ width: "100%", minWidth: 240 }}
      loading={orgs.isPending}
      treeData={treeData}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      placeholder={placeholder}
      allowClear
      showSearch={{ treeNodeFilterProp: "title" }}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      popupMatchSelectWidth={false}
      listHeight={320}
    />
  );
}
