// Every value recorded for an indicator, newest first: the figure, the day it stands for, where it came
// from and who recorded it for which unit.
import { Table } from "antd";
import dayjs from "dayjs";
import { useText } from "../../i18n/lang.tsx";
import type { Indicator, IndicatorValue } from "./indicatorData.ts";
import { formatValue } from "./indicators.ts";

const text = {
  zh: {
    asOf: "截至日期",
    value: "数值",
    org: "登记单位",
    source: "数据来源",
    by: "登记人",
    at: "登记时间",
    empty: "尚未登记数值",
  },
  en: {
    asOf: "As of",
    value: "Value",
    org: "Unit",
    source: "Source",
    by: "Recorded by",
    at: "Recorded at",
    empty: "No values recorded yet",
  },
};

export function IndicatorHistory({ indicator }: { indicator: Indicator }) {
  const t = useText(text);
  const rows = [...indicator.values].reverse();
  return (
    <Table<IndicatorValue>
      rowKey="id"
      size="small"
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      dataSource={rows}
      locale={{ emptyText: t.empty }}
      data-testid={`history-${indicator.id}`}
      columns={[
        { title: t.asOf, dataIndex: "asOf", width: 120 },
        { title: t.value, dataIndex: "value", width: 120, render: (v: number) => formatValue(v, indicator.unit) },
        { title: t.org, dataIndex: "orgName" },
        { title: t.source, dataIndex: "source" },
        {
          title: t.by,
          dataIndex: "reportedBy",
          width: 110,
          render: (by: IndicatorValue["reportedBy"]) => by?.displayName ?? "—",
        },
        {
          title: t.at,
          dataIndex: "reportedAt",
          width: 150,
          render: (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm"),
        },
      ]}
    />
  );
}
