// 可领办: measures the plan office opened for opt-in (领办) that name the unit as a candidate; 领办 makes the
// unit's assignment. Nothing shows when there are none; the list's code loads only then (the workbench is
// in the first load's budget).
import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { lazy, Suspense } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useText } from "../../i18n/lang.tsx";

const ScopeList = lazy(() => import("../scopes/ScopeList.tsx").then((m) => ({ default: m.ScopeList })));

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
      <Suspense fallback={null}>
        <ScopeList items={items} showMeasure />
      </Suspense>
    </Card>
  );
}
