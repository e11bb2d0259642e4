// Creating the org a printed unit name stands for, right where it is missing: name prefilled, placed under
// the user's own org by default, region taken from the parent. POST /api/orgs does the checking.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Form, Input, Modal, Select } from "antd";
import { useEffect } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { BodyOf } from "../../api/types.ts";
import { useUser } from "../../auth/session.ts";
import { useLang, useText } from "../../i18n/lang.tsx";
import { KIND_LABEL } from "../admin/orgKinds.ts";
import { ORGS_KEY, OrgPicker, useOrgs } from "./OrgPicker.tsx";

type NewOrg = BodyOf<"/api/orgs", "post">;
type Kind = NewOrg["kind"];

const text = {
  zh: {
    title: "新建单位",
    name: "单位名称",
    parent: "上级单位",
    kind: "单位类型",
    region: "行政区划代码",
    regionHint: "6 位代码，默认取上级单位的代码",
    create: "创建并匹配",
    cancel: "取消",
    required: "请填写",
  },
  en: {
    title: "New org",
    name: "Name",
    parent: "Parent org",
    kind: "Kind",
    region: "Region code",
    regionHint: "6 digits; the parent's code by default",
    create: "Create and match",
    cancel: "Cancel",
    required: "Required",
  },
};

type Values = { name: string; parentId: number; kind: Kind; regionCode: string };

export function CreateOrgModal({
  name,
  onClose,
  onCreated,
}: {
  name: string;
  onClose(): void;
  onCreated(orgId: number): void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const orgs = useOrgs();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const parentId = Form.useWatch("parentId", form);
  const parent = orgs.data?.items.find((o) => o.id === parentId);

  useEffect(() => {
    if (parent) form.setFieldValue("regionCode", parent.regionCode);
  }, [parent, form]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      unwrap(api.POST("/api/orgs", { body: { ...values, isRegionOffice: false } satisfies NewOrg })),
    onSuccess(org) {
      void client.invalidateQueries({ queryKey: ORGS_KEY });
      onCreated(org.id);
    },
  });

  return (
    <Modal
      open
      title={t.title}
      okText={t.create}
      cancelText={t.cancel}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ name, parentId: user.orgId, kind: "department" }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.required }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.parent} name="parentId" rules={[{ required: true, message: t.required }]}>
          <ParentPicker label={t.parent} />
        </Form.Item>
        <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.required }]}>
          <Select
            options={(Object.keys(KIND_LABEL[lang]) as Kind[]).map((k) => ({ value: k, label: KIND_LABEL[lang][k] }))}
          />
        </Form.Item>
        <Form.Item
          label={t.region}
          name="regionCode"
          extra={t.regionHint}
          rules={[{ required: true, pattern: /^\d{6}(\d{3}(\d{3})?)?$/, message: t.regionHint }]}
        >
          <Input inputMode="numeric" maxLength={12} style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Form.Item hands value/onChange/id to its child; the picker takes them as they come. */
function ParentPicker({
  value,
  onChange,
  id,
  label,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  id?: string;
  label: string;
}) {
  return (
    <OrgPicker
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={label}
      label={label}
      {...(id ? { id } : {})}
    />
  );
}
