// The measure's selective scopes (有关地区, 各有关市…): 待选定 until the office chooses, with the choice and the
// 领办 buttons (pages/scopes/ScopeList.tsx). Nothing shows for a measure addressed to named units only.
import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { api, unwrap } from "../../api/client.ts";
import { useText } from "../../i18n/lang.tsx";
import { ScopeList } from "../scopes/ScopeList.tsx";

const text = { zh: { title: "选定范围" }, en: { title: "Scope (some units only)" } };

export function MeasureScopes({ planId, measureId }: { planId: number; measureId: number }) {
  const t = useText(text);
  const scopes = useQuery({
    queryKey: ["scopes", planId, measureId],
    queryFn: () =>
      unwrap(api.GET("/api/plans/{id}/scopes", { params: { path: { id: planId }, query: { measure: measureId } } })),
  });
  const items = scopes.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t.title} style={{ marginBottom: 16 }} data-testid="measure-scopes">
      <ScopeList items={items} />
    </Card>
  );
}
