// Creating an account (username, name, role, unit, initial password) or changing one (name, role, unit,
// disabled, a password reset). Only what changed is sent.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Form, Input, Select, Switch, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { BodyOf } from "../../api/types.ts";
import { useUser } from "../../auth/session.ts";
import { USER_ROLE_LABEL, type UserRole } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { USERS_KEY, type User } from "./data.ts";
import { showFieldErrors } from "./formErrors.ts";
import { OrgTreeSelect } from "./OrgTreeSelect.tsx";

type Values = {
  username: string;
  displayName: string;
  role: UserRole;
  orgId: number | null;
  password: string;
  disabled: boolean;
};

const FIELDS = ["username", "displayName", "role", "orgId", "password", "disabled"] as const;
const USERNAME = /^[a-z0-9_.-]{3,32}$/;

const text = {
  zh: {
    create: "新建用户",
    edit: "修改用户 {name}",
    username: "用户名",
    usernameHint: "3–32 位小写字母、数字或 _ . -，登录时使用，创建后不能修改",
    usernameBad: "用户名须为 3–32 位小写字母、数字或 _ . -",
    displayName: "姓名",
    role: "角色",
    org: "所属单位",
    password: "初始密码",
    newPassword: "重置密码",
    passwordHint: "至少 8 位。请通过安全渠道告知本人，并提醒其登录后修改。",
    resetHint: "留空则不修改。重置后该用户在所有设备上退出登录。",
    passwordShort: "密码至少 8 位",
    disabled: "停用账号",
    disabledHint: "停用后该用户立即退出登录，不能再登录；记录保留。",
    save: "保存",
    created: "已创建用户 {name}",
    saved: "已保存",
    nothing: "没有修改任何内容",
    required: "请填写",
    self: "这是您自己的账号：不能停用，也不能取消自己的管理员角色。",
  },
  en: {
    create: "New user",
    edit: "Edit user {name}",
    username: "Username",
    usernameHint: "3–32 lower-case letters, digits or _ . -; used to sign in, cannot change later",
    usernameBad: "3–32 lower-case letters, digits or _ . -",
    displayName: "Name",
    role: "Role",
    org: "Unit",
    password: "Initial password",
    newPassword: "Reset password",
    passwordHint: "At least 8 characters. Give it to the person safely and ask them to change it.",
    resetHint: "Leave empty to keep it. A reset signs the user out everywhere.",
    passwordShort: "At least 8 characters",
    disabled: "Disable account",
    disabledHint: "The user is signed out at once and cannot sign in; their records stay.",
    save: "Save",
    created: "User {name} created",
    saved: "Saved",
    nothing: "Nothing was changed",
    required: "Required",
    self: "This is your own account: you cannot disable it or drop your own admin role.",
  },
};

type Patch = BodyOf<"/api/users/{id}", "patch">;

export function UserDrawer({ user, onClose }: { user: User | null; onClose(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const me = useUser();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isSelf = user?.id === me.id;

  const save = useMutation({
    mutationFn: async (values: Values) => {
      if (!user) {
        const body = {
          username: values.username,
          displayName: values.displayName || undefined,
          role: values.role,
          orgId: values.orgId ?? 0,
          password: values.password,
        };
        return { created: await unwrap(api.POST("/api/users", { body })) };
      }
      const patch: Patch = {};
      if (values.displayName !== user.displayName) patch.displayName = values.displayName;
      if (values.role !== user.role) patch.role = values.role;
      if (values.orgId !== null && values.orgId !== user.orgId) patch.orgId = values.orgId;
      if (values.disabled !== user.disabled) patch.disabled = values.disabled;
      if (values.password) patch.password = values.password;
      if (Object.keys(patch).length === 0) return { unchanged: true };
      return {
        updated: await unwrap(api.PATCH("/api/users/{id}", { params: { path: { id: user.id } }, body: patch })),
      };
    },
    onSuccess(result) {
      if ("unchanged" in result) message.info(t.nothing);
      else if ("created" in result && result.created)
        message.success(fill(t.created, { name: result.created.username }));
      else message.success(t.saved);
      void client.invalidateQueries({ queryKey: USERS_KEY });
      void client.invalidateQueries({ queryKey: ["audit"] });
      onClose();
    },
    onError(error) {
      showFieldErrors(form, error, FIELDS);
    },
  });

  return (
    <Drawer
      open
      onClose={onClose}
      title={user ? fill(t.edit, { name: user.username }) : t.create}
      size={480}
      destroyOnHidden
    >
      {isSelf && <Alert type="info" showIcon title={t.self} style={{ marginBottom: 12 }} />}
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          username: user?.username ?? "",
          displayName: user?.displayName ?? "",
          role: user?.role ?? "reporter",
          orgId: user?.orgId ?? null,
          password: "",
          disabled: user?.disabled ?? false,
        }}
        onFinish={(values) => save.mutate(values)}
      >
        {user ? (
          <Form.Item label={t.username}>
            <Typography.Text code>{user.username}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            label={t.username}
            name="username"
            extra={t.usernameHint}
            rules={[
              { required: true, message: t.required },
              { pattern: USERNAME, message: t.usernameBad },
            ]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item label={t.displayName} name="displayName" rules={[{ required: true, message: t.required }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t.role} name="role" rules={[{ required: true, message: t.required }]}>
          <Select
            disabled={isSelf}
            options={(Object.keys(USER_ROLE_LABEL[lang]) as UserRole[]).map((role) => ({
              value: role,
              label: USER_ROLE_LABEL[lang][role],
            }))}
          />
        </Form.Item>
        <Form.Item label={t.org} name="orgId" rules={[{ required: true, message: t.required }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item
          label={user ? t.newPassword : t.password}
          name="password"
          extra={user ? t.resetHint : t.passwordHint}
          rules={[...(user ? [] : [{ required: true, message: t.required }]), { min: 8, message: t.passwordShort }]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        {user && (
          <Form.Item label={t.disabled} name="disabled" valuePropName="checked" extra={t.disabledHint}>
            <Switch disabled={isSelf} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} block>
          {t.save}
        </Button>
      </Form>
    </Drawer>
  );
}
