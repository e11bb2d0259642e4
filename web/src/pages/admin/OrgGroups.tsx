// Groups: a printed name that stands for several units (各市市场监督管理局), as seen from the unit that owns
// it. For the chosen unit: the groups it belongs to (join or leave one) and the groups it owns (members,
// a new group).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { type Org, useOrgs } from "./data.ts";
import { OrgTreeSelect } from "./OrgTreeSelect.tsx";

type Group = ResponseOf<"/api/orgs/groups">["items"][number];
const GROUPS_KEY = ["orgs", "groups"] as const;

const text = {
  zh: {
    memberOf: "所属单位组",
    noMembership: "不属于任何单位组。",
    join: "加入单位组",
    owned: "本单位定义的单位组",
    noOwned: "没有。计划里写“各市……”“各县……”时，由上级单位定义对应的单位组，导入时会分解到每个成员。",
    members: "{n} 个成员",
    addMember: "添加成员",
    newGroup: "新单位组名称，如“各市市场监督管理局”",
    create: "新建单位组",
    created: "已新建单位组“{name}”",
    changed: "已更新单位组“{name}”",
    ownedBy: "（{owner}）",
  },
  en: {
    memberOf: "Member of",
    noMembership: "Not in any group.",
    join: "Join a group",
    owned: "Groups this unit defines",
    noOwned:
      "None. When plans say “each city's …”, the unit above defines the matching group and imports fan out to its members.",
    members: "{n} members",
    addMember: "Add a member",
    newGroup: "New group name, e.g. 各市市场监督管理局",
    create: "New group",
    created: "Group “{name}” created",
    changed: "Group “{name}” updated",
    ownedBy: " ({owner})",
  },
};

export function OrgGroups({ org }: { org: Org }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const { byId } = useOrgs();
  const [name, setName] = useState("");
  const groups = useQuery({ queryKey: GROUPS_KEY, queryFn: () => unwrap(api.GET("/api/orgs/groups")) });
  const all = groups.data?.items ?? [];
  const memberOf = all.filter((g) => g.members.some((m) => m.id === org.id));
  const owned = all.filter((g) => g.ownerOrgId === org.id);
  const done = (group: Group, created = false) => {
    message.success(fill(created ? t.created : t.changed, { name: group.name }));
    void client.invalidateQueries({ queryKey: GROUPS_KEY });
    void client.invalidateQueries({ queryKey: ["audit"] });
  };
  const member = useMutation({
    mutationFn: ({ group, orgId, add }: { group: number; orgId: number; add: boolean }) =>
      add
        ? unwrap(api.POST("/api/orgs/groups/{id}/members", { params: { path: { id: group } }, body: { orgId } }))
        : unwrap(api.DELETE("/api/orgs/groups/{id}/members/{orgId}", { params: { path: { id: group, orgId } } })),
    onSuccess: (group) => done(group),
  });
  const create = useMutation({
    mutationFn: (groupName: string) =>
      unwrap(api.POST("/api/orgs/groups", { body: { ownerOrgId: org.id, name: groupName, memberOrgIds: [] } })),
    onSuccess(group) {
      setName("");
      done(group, true);
    },
  });
  const error = groups.error ?? member.error ?? create.error;
  const ownerName = (group: Group) => byId.get(group.ownerOrgId)?.name ?? `#${group.ownerOrgId}`;

  return (
    <>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 8 }} />}
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {t.memberOf}
      </Typography.Paragraph>
      <div style={{ marginBottom: 8 }}>
        {memberOf.length === 0 && <Typography.Text type="secondary">{t.noMembership}</Typography.Text>}
        {memberOf.map((group) => (
          <Tag
            key={group.id}
            closable
            onClose={(e) => {
              e.preventDefault();
              member.mutate({ group: group.id, orgId: org.id, add: false });
            }}
            style={{ marginBottom: 4 }}
          >
            {group.name}
            {fill(t.ownedBy, { owner: ownerName(group) })}
          </Tag>
        ))}
      </div>
      <Select<number>
        placeholder={t.join}
        aria-label={t.join}
        style={{ width: "100%", maxWidth: 420, marginBottom: 16 }}
        value={null}
        loading={groups.isPending}
        onChange={(group) => member.mutate({ group, orgId: org.id, add: true })}
        options={all
          .filter((g) => !memberOf.includes(g))
          .map((g) => ({ value: g.id, label: `${g.name}${fill(t.ownedBy, { owner: ownerName(g) })}` }))}
      />
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {t.owned}
      </Typography.Paragraph>
      {owned.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t.noOwned}
        </Typography.Paragraph>
      )}
      {owned.map((group) => (
        <div key={group.id} style={{ marginBottom: 12 }}>
          <Typography.Text>
            {group.name}（{fill(t.members, { n: group.members.length })}）
          </Typography.Text>
          <div style={{ margin: "4px 0" }}>
            {group.members.map((m) => (
              <Tag
                key={m.id}
                closable
                onClose={(e) => {
                  e.preventDefault();
                  member.mutate({ group: group.id, orgId: m.id, add: false });
                }}
                style={{ marginBottom: 4 }}
              >
                {m.name}
              </Tag>
            ))}
          </div>
          <OrgTreeSelect
            value={null}
            placeholder={t.addMember}
            aria-label={`${t.addMember}：${group.name}`}
            onChange={(id) => id !== null && member.mutate({ group: group.id, orgId: id, add: true })}
            disabledIds={new Set(group.members.map((m) => m.id))}
          />
        </div>
      ))}
      <Space.Compact style={{ width: "100%", maxWidth: 420 }}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t.newGroup}
          aria-label={t.newGroup}
        />
        <Button onClick={() => create.mutate(name.trim())} disabled={!name.trim()} loading={create.isPending}>
          {t.create}
        </Button>
      </Space.Compact>
    </>
  );
}
