// 可领办: measures the plan office opened for opt-in (领办) that name the unit as a candidate; 领办 makes the
// unit's assignment. Nothing shows when there are none.
import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { api, unwrap } from "../../api/client.ts";
import { useText } from "../../i18n/lang.tsx";
import { ScopeList } from "../scopes/ScopeList.tsx";

const text = { zh: { title: "可领办的举措" }, en: { title: "Open for opt-in (领办)" } };

export function ScopeOffers() {
  const t = useText(text);
  const offers = useQuery({
    queryKey: ["scopes", "offers"],
    queryFn: () => unwrap(api.GET("/api/scopes/offers")),
  });
  const items = offers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t.title} style={{ marginTop: 16 }} data-testid="scope-offers">
      <ScopeList items={items} showMeasure />
    </Card>
  );
}
