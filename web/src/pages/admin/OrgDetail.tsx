// One unit: what the directory knows about it, its other names and its groups, with edit actions.
import { EditOutlined, HistoryOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Divider, Space } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useLang, useText } from "../../i18n/lang.tsx";
import { type Org, useOrgs } from "./data.ts";
import { OrgAliases } from "./OrgAliases.tsx";
import { OrgDrawer } from "./OrgDrawer.tsx";
import { OrgGroups } from "./OrgGroups.tsx";
import { kindLabel } from "./orgKinds.ts";
import { orgPath } from "./orgTree.ts";

const text = {
  zh: {
    edit: "修改",
    addChild: "新建下级单位",
    history: "修改记录",
    kind: "类型",
    parent: "上级单位",
    top: "（顶级单位）",
    region: "区划代码",
    regionOffice: "本级区域局",
    regionOfficeHint: "接收计划下达给本地区的任务",
    yes: "是",
    no: "否",
    aliases: "别名",
    groups: "单位组",
  },
  en: {
    edit: "Edit",
    addChild: "New unit under it",
    history: "History",
    kind: "Kind",
    parent: "Parent",
    top: "(top level)",
    region: "Region code",
    regionOffice: "Region's office",
    regionOfficeHint: "receives the work a plan hands down to its region",
    yes: "Yes",
    no: "No",
    aliases: "Aliases",
    groups: "Groups",
  },
};

export function OrgDetail({ org, onCreateChild }: { org: Org; onCreateChild(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const { byId } = useOrgs();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={<span data-testid="org-detail-name">{org.name}</span>}
      extra={
        <Space size="small" wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t.edit}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={onCreateChild}>
            {t.addChild}
          </Button>
          <Link to={`/admin?tab=audit&entity=org&entityId=${org.id}`}>
            <HistoryOutlined /> {t.history}
          </Link>
        </Space>
      }
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t.kind}>{kindLabel(lang, org.kind)}</Descriptions.Item>
        <Descriptions.Item label={t.parent}>
          {org.parentId === null ? t.top : orgPath(byId, org.parentId) || `#${org.parentId}`}
        </Descriptions.Item>
        <Descriptions.Item label={t.region}>{org.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t.regionOffice}>
          {org.isRegionOffice ? `${t.yes}（${t.regionOfficeHint}）` : t.no}
        </Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start" plain>
        {t.aliases}
      </Divider>
      <OrgAliases org={org} />
      <Divider titlePlacement="start" plain>
        {t.groups}
      </Divider>
      <OrgGroups org={org} />
      {editing && <OrgDrawer org={org} parentId={org.parentId} onClose={() => setEditing(false)} />}
    </Card>
  );
}
