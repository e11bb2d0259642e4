// Resolving one printed unit name of a plan: map it to an existing org (found by name or alias in the
// tree), or create the org on the spot. The server assigns its measures and remembers the name as an alias.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Form, Input, Radio, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { BodyOf } from "../../api/types.ts";
import { useUser } from "../../auth/session.ts";
import { UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { ORGS_KEY, type Plan, type Unresolved, unresolvedKey, useOrgs } from "./data.ts";
import { OrgTreeSelect } from "./OrgTreeSelect.tsx";
import { KIND_LABEL, ORG_KINDS, type OrgKind } from "./orgKinds.ts";

type Body = BodyOf<"/api/plans/{id}/unresolved/resolve", "post">;
type Values = {
  mode: "map" | "create";
  orgId: number | null;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  regionCode: string;
  isRegionOffice: boolean;
};

const text = {
  zh: {
    title: "确认单位名称",
    appears: "“{name}”在本计划中出现于 {n} 项举措：",
    map: "对应到已有单位",
    create: "新建单位",
    org: "单位",
    orgHint: "输入名称或别名查找",
    name: "新单位名称",
    kind: "类型",
    parent: "上级单位",
    region: "区划代码",
    regionBad: "区划代码须为 6、9 或 12 位数字",
    regionOffice: "本级区域局",
    submit: "确认",
    required: "请填写",
    done: "已确认“{name}”：分解 {n} 项任务",
    alias: "，并记为别名",
  },
  en: {
    title: "Resolve a unit name",
    appears: "“{name}” appears in {n} measure(s) of this plan:",
    map: "Map to an existing unit",
    create: "Create a unit",
    org: "Unit",
    orgHint: "Type a name or alias",
    name: "New unit's name",
    kind: "Kind",
    parent: "Parent unit",
    region: "Region code",
    regionBad: "A region code is 6, 9 or 12 digits",
    regionOffice: "Region's office",
    submit: "Confirm",
    required: "Required",
    done: "“{name}” resolved: {n} assignment(s) made",
    alias: ", remembered as an alias",
  },
};

export function ResolveDrawer({ plan, entry, onClose }: { plan: Plan; entry: Unresolved; onClose(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { byId } = useOrgs();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<Values["mode"]>("map");
  const planOrg = byId.get(plan.orgId);

  const resolve = useMutation({
    mutationFn: (values: Values) => {
      const body: Body =
        values.mode === "map"
          ? { name: entry.name, orgId: values.orgId ?? 0 }
          : {
              name: entry.name,
              newOrg: {
                name: values.name.trim(),
                kind: values.kind,
                parentId: values.parentId,
                regionCode: values.regionCode.trim(),
                isRegionOffice: values.isRegionOffice,
              },
            };
      return unwrap(api.POST("/api/plans/{id}/unresolved/resolve", { params: { path: { id: plan.id } }, body }));
    },
    onSuccess(result) {
      message.success(
        fill(t.done, { name: result.name, n: result.assignmentsCreated }) + (result.aliasAdded ? t.alias : ""),
      );
      void client.invalidateQueries({ queryKey: unresolvedKey(plan.id) });
      void client.invalidateQueries({ queryKey: ORGS_KEY });
      void client.invalidateQueries({ queryKey: ["assignments"] });
      void client.invalidateQueries({ queryKey: ["audit"] });
      onClose();
    },
  });

  return (
    <Drawer open onClose={onClose} title={`${t.title}：${entry.name}`} size={520} destroyOnHidden>
      <Typography.Paragraph>{fill(t.appears, { name: entry.name, n: entry.measures.length })}</Typography.Paragraph>
      <ul style={{ paddingLeft: 20 }}>
        {entry.measures.map((m) => (
          <li key={m.id}>
            <Typography.Text>
              {m.taskKey} · {m.text}
            </Typography.Text>{" "}
            <Typography.Text type="secondary">（{UNIT_ROLE_LABEL[lang][m.role]}）</Typography.Text>
          </li>
        ))}
      </ul>
      {resolve.error && (
        <Alert type="error" showIcon title={errorMessage(resolve.error)} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          mode: "map",
          orgId: entry.suggestion?.orgId ?? null,
          name: entry.name,
          kind: "department",
          parentId: user.role === "admin" ? (planOrg?.id ?? null) : user.orgId,
          regionCode: planOrg?.regionCode ?? "",
          isRegionOffice: false,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.mode) setMode(changed.mode);
        }}
        onFinish={(values) => resolve.mutate(values)}
      >
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: "map", label: t.map },
              { value: "create", label: t.create },
            ]}
          />
        </Form.Item>
        {mode === "map" ? (
          <Form.Item label={t.org} name="orgId" rules={[{ required: true, message: t.required }]}>
            <OrgTreeSelect placeholder={t.orgHint} style={{ width: "100%" }} />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.required }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.required }]}>
              <Select options={ORG_KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[lang][kind] }))} />
            </Form.Item>
            <Form.Item
              label={t.parent}
              name="parentId"
              rules={user.role === "admin" ? [] : [{ required: true, message: t.required }]}
            >
              <OrgTreeSelect allowClear={user.role === "admin"} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item
              label={t.region}
              name="regionCode"
              rules={[
                { required: true, message: t.required },
                { pattern: /^\d{6}(\d{3}(\d{3})?)?$/, message: t.regionBad },
              ]}
            >
              <Input maxLength={12} inputMode="numeric" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label={t.regionOffice} name="isRegionOffice" valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={resolve.isPending} block>
          {t.submit}
        </Button>
      </Form>
    </Drawer>
  );
}
