// Step 3: printed unit names that match no org. For each, pick the org it means (searchable tree) or create
// it; each choice is remembered as an alias so later imports recognise the name. Names left open are
// imported anyway and stay on the plan's review list. A collective name (各乡镇（街道）) can instead be defined as
// a group of orgs on the spot; the preview then runs again and shows it resolved to the members.
import { ApartmentOutlined, CheckCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Result, Space, Table, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { can, useUser } from "../../auth/session.ts";
import { UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { MeasureRow } from "./measures.ts";
import { OrgPicker } from "./OrgPicker.tsx";
import { ResolvedNames } from "./ResolvedNames.tsx";
import type { Preview } from "./transfer.ts";

const CreateOrgModal = lazy(() => import("./CreateOrgModal.tsx").then((m) => ({ default: m.CreateOrgModal })));
const DefineGroupModal = lazy(() => import("./DefineGroupModal.tsx").then((m) => ({ default: m.DefineGroupModal })));

type Unresolved = Preview["unresolved"][number];

const text = {
  zh: {
    intro:
      "以下责任单位名称在机构目录中找不到对应单位。请为每个名称选择对应的单位，或新建单位；选择会作为别名保存，以后导入时自动识别。统称（如“各乡镇（街道）”）可定义为单位组，分解到组内各单位。暂不处理的名称仍会导入，并列入计划的“待核对”清单。",
    name: "文件中的名称",
    role: "职责",
    reason: "原因",
    measures: "涉及举措",
    org: "对应单位",
    pick: "搜索并选择单位",
    pickFor: "为“{name}”选择对应单位",
    create: "新建单位",
    allMatched: "所有责任单位名称都已匹配到机构",
    allMatchedSub: "可以直接进入下一步，设置报送周期。",
    progress: "已匹配 {done} / {n} 个名称",
    unknown: "目录中没有这个名称",
    ambiguous: "有多个同名单位，无法确定是哪一个",
    "no-group": "这是统称（如“各街道镇”），尚未定义包含哪些单位",
    "no-subordinates": "本单位没有下级地区，无法逐级下发",
    where: "出现在：",
    defineGroup: "定义为单位组",
  },
  en: {
    intro:
      "These unit names match no org in the directory. Pick the org each one means, or create it; each choice is saved as an alias so later imports recognise the name. A collective name (e.g. 各乡镇（街道）) can be defined as a group of orgs. Names you leave open are still imported and go to the plan's review list.",
    name: "Name in the file",
    role: "Role",
    reason: "Why",
    measures: "Measures",
    org: "Org",
    pick: "Search and pick an org",
    pickFor: "Org for “{name}”",
    create: "New org",
    allMatched: "Every unit name matched an org",
    allMatchedSub: "Go on to choose the reporting cadence.",
    progress: "{done} of {n} names matched",
    unknown: "No org has this name",
    ambiguous: "Several orgs have this name; which one is unclear",
    "no-group": "A collective name (e.g. 各街道镇) whose members are not defined yet",
    "no-subordinates": "Your org has no subordinate regions to hand this down to",
    where: "Appears in: ",
    defineGroup: "Define as group",
  },
};

type Reason = "unknown" | "ambiguous" | "no-group" | "no-subordinates";
const isReason = (r: string): r is Reason => ["unknown", "ambiguous", "no-group", "no-subordinates"].includes(r);
/** 各… and 有关… names usually stand for several orgs; any other name may still be made a group by choice. */
const readsAsGroup = (u: Unresolved) => u.reason === "no-group" || /^(各|有关)/.test(u.name.trim());
const isRole = (r: string): r is "lead" | "support" | "owner" => r === "lead" || r === "support" || r === "owner";

export function UnitsStep({
  preview,
  rows,
  mappings,
  onMap,
  ownerId,
  onGroupDefined,
}: {
  preview: Preview;
  rows: MeasureRow[];
  mappings: Record<string, number>;
  onMap(name: string, orgId: number | undefined): void;
  /** The importing office: it owns the groups defined here. */
  ownerId: number;
  onGroupDefined(name: string): void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const [creating, setCreating] = useState<string | null>(null);
  const [grouping, setGrouping] = useState<string | null>(null);
  const names = preview.unresolved;
  if (names.length === 0)
    return (
      <>
        <Result status="success" icon={<CheckCircleOutlined />} title={t.allMatched} subTitle={t.allMatchedSub} />
        <ResolvedNames preview={preview} />
      </>
    );
  const done = names.filter((u) => mappings[u.name] !== undefined).length;
  const measuresOf = (name: string) =>
    rows.filter((r) => r.units.some((u) => u.name === name) || r.unresolved.includes(name));
  return (
    <>
      <Alert type="info" showIcon title={t.intro} style={{ marginBottom: 16 }} />
      <Typography.Paragraph data-testid="units-progress">
        {fill(t.progress, { done, n: names.length })}
      </Typography.Paragraph>
      <Table<Unresolved>
        rowKey={(u) => `${u.name}-${u.role}`}
        size="middle"
        pagination={false}
        dataSource={names}
        expandable={{
          expandedRowRender: (u) => (
            <>
              <Typography.Text type="secondary">{t.where}</Typography.Text>
              <ul style={{ margin: 0 }}>
                {measuresOf(u.name).map((r) => (
                  <li key={r.key}>
                    {r.taskKey} · {r.text}
                  </li>
                ))}
              </ul>
            </>
          ),
        }}
        columns={[
          {
            title: t.name,
            dataIndex: "name",
            render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
          },
          {
            title: t.role,
            dataIndex: "role",
            width: 72,
            render: (role: string) => (isRole(role) ? UNIT_ROLE_LABEL[lang][role] : role),
          },
          {
            title: t.reason,
            dataIndex: "reason",
            render: (reason: string) => (isReason(reason) ? t[reason] : reason),
          },
          {
            title: t.measures,
            dataIndex: "measures",
            width: 96,
            sorter: (a, b) => a.measures - b.measures,
          },
          {
            title: t.org,
            key: "org",
            width: 380,
            render: (_: unknown, u) => (
              <Space.Compact style={{ width: "100%" }}>
                <OrgPicker
                  value={mappings[u.name]}
                  onChange={(orgId) => onMap(u.name, orgId)}
                  placeholder={t.pick}
                  label={fill(t.pickFor, { name: u.name })}
                />
                {can.administer(user.role) && (
                  <Button icon={<PlusOutlined />} onClick={() => setCreating(u.name)}>
                    {t.create}
                  </Button>
                )}
              </Space.Compact>
            ),
          },
          ...(can.administer(user.role)
            ? [
                {
                  title: "",
                  key: "group",
                  width: 140,
                  render: (_: unknown, u: Unresolved) => (
                    <Button
                      type={readsAsGroup(u) ? "default" : "link"}
                      icon={<ApartmentOutlined />}
                      aria-label={`${t.defineGroup}：${u.name}`}
                      onClick={() => setGrouping(u.name)}
                    >
                      {t.defineGroup}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div style={{ marginTop: 24 }}>
        <ResolvedNames preview={preview} />
      </div>
      {creating !== null && (
        <Suspense fallback={null}>
          <CreateOrgModal
            name={creating}
            onClose={() => setCreating(null)}
            onCreated={(orgId) => {
              onMap(creating, orgId);
              setCreating(null);
            }}
          />
        </Suspense>
      )}
      {grouping !== null && (
        <Suspense fallback={null}>
          <DefineGroupModal
            name={grouping}
            ownerOrgId={ownerId}
            onClose={() => setGrouping(null)}
            onDefined={() => {
              onGroupDefined(grouping);
              setGrouping(null);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
