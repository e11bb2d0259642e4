// 各单位进度排名: for one indicator, every org with a share or values ranked by pace (Open SDG score), from
// GET /api/indicators/:id/ranking.
import { useQuery } from "@tanstack/react-query";
import { Alert, Table, Tag, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { useText } from "../../i18n/lang.tsx";
import { formatValue } from "./indicators.ts";
import { BAND_COLOURS, useBandLabel } from "./paceBands.ts";

type Row = ResponseOf<"/api/indicators/{id}/ranking">["items"][number];

const text = {
  zh: {
    title: "各单位进度排名",
    rank: "排名",
    org: "单位",
    target: "分解目标",
    latest: "最新数值",
    band: "进度研判",
    forecast: "预测",
    none: "—",
    empty: "还没有单位分解目标或报送数值。",
  },
  en: {
    title: "Orgs ranked by pace",
    rank: "Rank",
    org: "Org",
    target: "Share",
    latest: "Latest",
    band: "Pace",
    forecast: "Forecast",
    none: "—",
    empty: "No org holds a share or has reported values yet.",
  },
};

export function PaceRanking({
  indicatorId,
  unit,
  asOf,
}: {
  indicatorId: number;
  unit: string;
  asOf?: string | undefined;
}) {
  const t = useText(text);
  const bandLabel = useBandLabel();
  const ranking = useQuery({
    queryKey: ["indicator-ranking", indicatorId, asOf ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/indicators/{id}/ranking", {
          params: { path: { id: indicatorId }, query: asOf ? { asOf } : {} },
        }),
      ),
  });
  if (ranking.error) return <Alert type="error" showIcon title={errorMessage(ranking.error)} />;
  const items = ranking.data?.items ?? [];
  if (ranking.data && items.length === 0) return null;
  const v = (n: number) => formatValue(Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100, unit);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t.title}
      </Typography.Title>
      <Table<Row>
        rowKey="orgId"
        size="small"
        loading={ranking.isPending}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        data-testid={`ranking-${indicatorId}`}
        locale={{ emptyText: t.empty }}
        columns={[
          { title: t.rank, key: "rank", width: 64, render: (_: unknown, r) => r.rank ?? t.none },
          { title: t.org, dataIndex: "orgName" },
          {
            title: t.target,
            key: "target",
            render: (_: unknown, r) => {
              const last = r.targets.at(-1);
              return last ? `${v(last.value)}（${last.year}）` : t.none;
            },
          },
          { title: t.latest, key: "latest", render: (_: unknown, r) => (r.latest ? v(r.latest.value) : t.none) },
          {
            title: t.band,
            key: "band",
            render: (_: unknown, r) => (
              <Tag
                data-testid="ranking-band"
                data-band={r.pace.band}
                style={{
                  color: BAND_COLOURS[r.pace.band].text,
                  background: BAND_COLOURS[r.pace.band].tint,
                  borderColor: BAND_COLOURS[r.pace.band].border,
                }}
              >
                {bandLabel(r.pace.band)}
              </Tag>
            ),
          },
          {
            title: t.forecast,
            key: "forecast",
            render: (_: unknown, r) =>
              r.pace.forecast ? `${v(r.pace.forecast.value)}（${r.pace.forecast.year}）` : t.none,
          },
        ]}
      />
    </>
  );
}
