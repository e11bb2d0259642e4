// 用户: the accounts in the user's scope, sortable and filterable; admins create and change them.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Input, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { errorMessage } from "../../api/client.ts";
import { useUser } from "../../auth/session.ts";
import { USER_ROLE_LABEL, type UserRole } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { type User, useOrgs, useUsers } from "./data.ts";
import { OrgTreeSelect } from "./OrgTreeSelect.tsx";
import { orgPath, subtreeIds } from "./orgTree.ts";
import { TONES } from "./tones.ts";
import { UserDrawer } from "./UserDrawer.tsx";

const text = {
  zh: {
    search: "按用户名、姓名或单位查找",
    org: "所属单位",
    orgFilter: "只看某单位及其下级",
    add: "新建用户",
    username: "用户名",
    displayName: "姓名",
    role: "角色",
    status: "状态",
    active: "启用",
    disabled: "已停用",
    createdAt: "创建时间",
    action: "操作",
    edit: "修改",
    total: "共 {n} 个账号",
    readOnly: "计划管理处室可查看本单位及下级单位的账号；新建账号、调整角色或停用账号请联系系统管理员。",
    empty: "没有符合条件的账号。",
    emptyAdmin: "没有符合条件的账号。点“新建用户”为单位开通账号。",
  },
  en: {
    search: "Find by username, name or unit",
    org: "Unit",
    orgFilter: "Only a unit and those under it",
    add: "New user",
    username: "Username",
    displayName: "Name",
    role: "Role",
    status: "Status",
    active: "Active",
    disabled: "Disabled",
    createdAt: "Created",
    action: "Action",
    edit: "Edit",
    total: "{n} accounts",
    readOnly:
      "Plan offices see the accounts of their unit and the units under it; ask an administrator to create accounts, change roles or disable one.",
    empty: "No account matches.",
    emptyAdmin: "No account matches. Use “New user” to open an account for a unit.",
  },
};

const ROLES: UserRole[] = ["admin", "plan_office", "reporter", "viewer"];

export function UsersTab() {
  const t = useText(text);
  const { lang } = useLang();
  const me = useUser();
  const isAdmin = me.role === "admin";
  const users = useUsers();
  const { orgs, byId } = useOrgs();
  const [search, setSearch] = useState("");
  const [under, setUnder] = useState<number | null>(null);
  const [editing, setEditing] = useState<User | "new" | null>(null);

  const rows = useMemo(() => {
    const within = under === null ? null : subtreeIds(orgs, under);
    const q = search.trim().toLowerCase();
    return (users.data ?? [])
      .filter((u) => within === null || within.has(u.orgId))
      .map((u) => ({ ...u, orgPath: orgPath(byId, u.orgId) || `#${u.orgId}` }))
      .filter(
        (u) =>
          !q ||
          u.username.toLowerCase().includes(q) ||
          u.displayName.toLowerCase().includes(q) ||
          u.orgPath.toLowerCase().includes(q),
      );
  }, [users.data, orgs, byId, under, search]);

  return (
    <>
      {!isAdmin && <Alert type="info" showIcon title={t.readOnly} style={{ marginBottom: 16 }} />}
      {users.error && <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 280 }}
        />
        <OrgTreeSelect
          value={under}
          onChange={setUnder}
          allowClear
          placeholder={t.orgFilter}
          aria-label={t.orgFilter}
        />
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {t.add}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={users.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => fill(t.total, { n }) }}
        locale={{ emptyText: <Empty description={isAdmin ? t.emptyAdmin : t.empty} /> }}
        columns={[
          {
            title: t.username,
            dataIndex: "username",
            width: 140,
            sorter: (a, b) => a.username.localeCompare(b.username),
            render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
          },
          {
            title: t.displayName,
            dataIndex: "displayName",
            width: 120,
            sorter: (a, b) => a.displayName.localeCompare(b.displayName, "zh-CN"),
          },
          {
            title: t.role,
            dataIndex: "role",
            width: 150,
            filters: ROLES.map((role) => ({ text: USER_ROLE_LABEL[lang][role], value: role })),
            onFilter: (value, row) => row.role === value,
            render: (role: UserRole) => USER_ROLE_LABEL[lang][role],
          },
          {
            title: t.org,
            dataIndex: "orgPath",
            sorter: (a, b) => a.orgPath.localeCompare(b.orgPath, "zh-CN"),
            // The unit's own name first; the units above it, smaller, tell two 办公室 apart.
            render: (path: string, row) => (
              <>
                <div>{byId.get(row.orgId)?.name ?? path}</div>
                {path.includes(" / ") && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {path.slice(0, path.lastIndexOf(" / "))}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t.status,
            dataIndex: "disabled",
            width: 96,
            filters: [
              { text: t.active, value: false },
              { text: t.disabled, value: true },
            ],
            onFilter: (value, row) => row.disabled === value,
            render: (disabled: boolean) => (
              <Tag style={disabled ? TONES.grey : TONES.green}>{disabled ? t.disabled : t.active}</Tag>
            ),
          },
          {
            title: t.createdAt,
            dataIndex: "createdAt",
            width: 120,
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            render: (at: string) => new Date(at).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB"),
          },
          ...(isAdmin
            ? [
                {
                  title: t.action,
                  key: "action",
                  width: 80,
                  render: (_: unknown, row: User) => (
                    <Button size="small" onClick={() => setEditing(row)} data-testid={`edit-user-${row.username}`}>
                      {t.edit}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <UserDrawer user={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
