// Every printed unit name of the file with the org it resolved to (full name and region), so a person can
// catch a wrong match before confirming; names resolving outside the importing office's region are flagged.
import { Table, Tag, Typography } from "antd";
import { useText } from "../../i18n/lang.tsx";
import type { Preview } from "./transfer.ts";

type Name = Preview["names"][number];

const text = {
  zh: {
    title: "文件中的单位名称及其对应单位",
    name: "文件中的名称",
    org: "对应单位",
    region: "所属地区",
    national: "全国",
    group: "统称",
    outside: "本地区以外",
    unresolved: "待确认",
    measures: "举措",
  },
  en: {
    title: "Unit names in the file and the orgs they resolve to",
    name: "Name in the file",
    org: "Org",
    region: "Region",
    national: "National",
    group: "Group",
    outside: "Outside your region",
    unresolved: "To confirm",
    measures: "Measures",
  },
};

export function ResolvedNames({ preview }: { preview: Preview }) {
  const t = useText(text);
  return (
    <>
      <Typography.Title level={5}>{t.title}</Typography.Title>
      <Table<Name>
        data-testid="resolved-names"
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={preview.names}
        scroll={{ x: true }}
        rowClassName={(n) => (n.orgs.some((o) => o.outsideRegion) ? "outside-region" : "")}
        columns={[
          {
            title: t.name,
            dataIndex: "name",
            render: (name: string, n) => (
              <>
                <Typography.Text strong>{name}</Typography.Text> {n.group && <Tag>{t.group}</Tag>}
              </>
            ),
          },
          {
            title: t.org,
            key: "org",
            render: (_: unknown, n) =>
              n.orgs.length === 0 ? (
                <Typography.Text type="secondary">{t.unresolved}</Typography.Text>
              ) : (
                n.orgs.map((o) => (
                  <div key={o.orgId}>
                    {o.orgName} <Typography.Text type="secondary">({o.regionName ?? t.national})</Typography.Text>{" "}
                    {o.outsideRegion && (
                      <Tag color="red" data-testid="outside-region">
                        {t.outside}
                      </Tag>
                    )}
                  </div>
                ))
              ),
          },
          { title: t.measures, dataIndex: "measures", width: 72 },
        ]}
      />
    </>
  );
}
