// 待选定范围: measures addressed to 有关地区 / 各有关市 / 有关单位 in the office's plans that are not decided
// yet — pending, open for 领办, or past the window — with who took them and the office's choice.
import { useQuery } from "@tanstack/react-query";
import { Alert, Empty } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { useText } from "../../i18n/lang.tsx";
import { ScopeList } from "../scopes/ScopeList.tsx";

const text = {
  zh: { empty: "没有待选定范围的举措" },
  en: { empty: "No measure waits for its scope to be chosen" },
};

export function ScopesTab() {
  const t = useText(text);
  const pending = useQuery({
    queryKey: ["scopes", "pending"],
    queryFn: () => unwrap(api.GET("/api/scopes/pending", { params: { query: {} } })),
  });
  if (pending.error) return <Alert type="error" showIcon title={errorMessage(pending.error)} />;
  const items = pending.data?.items ?? [];
  if (pending.data && items.length === 0) return <Empty description={t.empty} />;
  return (
    <div data-testid="scopes-tab">
      <ScopeList items={items} showMeasure />
    </div>
  );
}
