// Creating a unit, or changing one with the row version it was read at: if someone else saved it meanwhile
// the server answers 409, and the form reloads their version so nobody overwrites a change unseen.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Form, Input, Select, Switch } from "antd";
import { useMemo, useRef, useState } from "react";
import { ApiError, api, errorMessage, unwrap } from "../../api/client.ts";
import type { BodyOf } from "../../api/types.ts";
import { useUser } from "../../auth/session.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { ORGS_KEY, type Org, useOrgs } from "./data.ts";
import { showFieldErrors } from "./formErrors.ts";
import { OrgTreeSelect } from "./OrgTreeSelect.tsx";
import { KIND_LABEL, ORG_KINDS, type OrgKind } from "./orgKinds.ts";
import { subtreeIds } from "./orgTree.ts";

type Values = { name: string; kind: OrgKind; parentId: number | null; regionCode: string; isRegionOffice: boolean };
const FIELDS = ["name", "kind", "parentId", "regionCode", "isRegionOffice"] as const;
const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

const text = {
  zh: {
    create: "新建单位",
    edit: "修改单位",
    name: "名称",
    nameHint: "使用正式全称；简称和旧称请添加为别名",
    kind: "类型",
    parent: "上级单位",
    parentTop: "不选则为顶级单位",
    parentRequired: "请选择上级单位（计划管理处室只能在本单位之下新建）",
    region: "区划代码",
    regionHint: "6、9 或 12 位行政区划代码（GB/T 2260），如 370900；选择上级单位后自动带出",
    regionBad: "区划代码须为 6、9 或 12 位数字",
    regionOffice: "本级区域局",
    regionOfficeHint: "计划中“各地区”的任务下达到本地区时，由该单位接收",
    save: "保存",
    created: "已新建单位“{name}”",
    saved: "已保存",
    nothing: "没有修改任何内容",
    conflict: "保存前，其他人已修改了该单位。表单已载入最新内容，请核对后重新修改并保存。",
    required: "请填写",
  },
  en: {
    create: "New unit",
    edit: "Edit unit",
    name: "Name",
    nameHint: "The full official name; add short and former names as aliases",
    kind: "Kind",
    parent: "Parent unit",
    parentTop: "Leave empty for a top-level unit",
    parentRequired: "Choose the parent (plan offices create units under their own)",
    region: "Region code",
    regionHint: "6, 9 or 12 digits (GB/T 2260), e.g. 370900; filled in from the parent",
    regionBad: "A region code is 6, 9 or 12 digits",
    regionOffice: "Region's office",
    regionOfficeHint: "Receives the work a plan hands down to this region (各地区)",
    save: "Save",
    created: "Unit “{name}” created",
    saved: "Saved",
    nothing: "Nothing was changed",
    conflict:
      "Someone else changed this unit before you saved. The form now shows their version: check it, redo your change and save again.",
    required: "Required",
  },
};

type Props = { org: Org | null; parentId: number | null; onClose(): void; onSaved?(org: Org): void };
type Patch = BodyOf<"/api/orgs/{id}", "patch">;

export function OrgDrawer({ org, parentId, onClose, onSaved }: Props) {
  const t = useText(text);
  const { lang } = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { orgs, byId } = useOrgs();
  const [form] = Form.useForm<Values>();
  // The version the form shows; a 409 replaces it with the server's.
  const [base, setBase] = useState<Org | null>(org);
  const [conflicted, setConflicted] = useState(false);
  // An org cannot move under itself or anything below it.
  const blocked = useMemo(() => (base ? subtreeIds(orgs, base.id) : undefined), [orgs, base]);
  const parent = parentId === null ? undefined : byId.get(parentId);
  // The region code this form filled in from a parent (not typed by the person).
  const offeredRegion = useRef(parent?.regionCode ?? "");

  const save = useMutation({
    mutationFn: async (values: Values) => {
      if (!base) {
        const body = { ...values, name: values.name.trim(), regionCode: values.regionCode.trim() };
        return { saved: await unwrap(api.POST("/api/orgs", { body })), created: true };
      }
      const patch: Patch = { rowVersion: base.rowVersion };
      if (values.name.trim() !== base.name) patch.name = values.name.trim();
      if (values.kind !== base.kind) patch.kind = values.kind;
      if (values.parentId !== base.parentId) patch.parentId = values.parentId;
      if (values.regionCode.trim() !== base.regionCode) patch.regionCode = values.regionCode.trim();
      if (values.isRegionOffice !== base.isRegionOffice) patch.isRegionOffice = values.isRegionOffice;
      if (Object.keys(patch).length === 1) return null;
      const saved = await unwrap(api.PATCH("/api/orgs/{id}", { params: { path: { id: base.id } }, body: patch }));
      return { saved, created: false };
    },
    async onSuccess(result) {
      if (!result) {
        message.info(t.nothing);
        return;
      }
      message.success(result.created ? fill(t.created, { name: result.saved.name }) : t.saved);
      await client.invalidateQueries({ queryKey: ORGS_KEY });
      void client.invalidateQueries({ queryKey: ["audit"] });
      onSaved?.(result.saved);
      onClose();
    },
    async onError(error) {
      if (error instanceof ApiError && error.status === 409 && base) {
        const fresh = await unwrap(api.GET("/api/orgs/{id}", { params: { path: { id: base.id } } }));
        setBase(fresh);
        setConflicted(true);
        form.setFieldsValue(valuesOf(fresh));
        void client.invalidateQueries({ queryKey: ORGS_KEY });
        return;
      }
      showFieldErrors(form, error, FIELDS);
    },
  });
  const showError = save.error && !(save.error instanceof ApiError && save.error.status === 409);

  return (
    <Drawer open onClose={onClose} title={org ? `${t.edit}：${org.name}` : t.create} size={480} destroyOnHidden>
      {conflicted && <Alert type="warning" showIcon title={t.conflict} style={{ marginBottom: 12 }} />}
      {showError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          org
            ? valuesOf(org)
            : {
                name: "",
                kind: parent?.kind === "national" || parent?.kind === "province" ? "division" : "county",
                parentId,
                regionCode: parent?.regionCode ?? "",
                isRegionOffice: false,
              }
        }
        onValuesChange={(changed: Partial<Values>) => {
          // A new unit usually sits in its parent's region: offer the parent's code, and follow a change of
          // parent, until the person types a code of their own (then it is theirs to keep).
          if (!base && "parentId" in changed) {
            const current = form.getFieldValue("regionCode") as string;
            if (!current || current === offeredRegion.current) {
              const offered = changed.parentId ? (byId.get(changed.parentId)?.regionCode ?? "") : "";
              form.setFieldValue("regionCode", offered);
              offeredRegion.current = offered;
            }
          }
          setConflicted(false);
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          label={t.name}
          name="name"
          extra={t.nameHint}
          rules={[{ required: true, whitespace: true, message: t.required }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.required }]}>
          <Select options={ORG_KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[lang][kind] }))} />
        </Form.Item>
        <Form.Item
          label={t.parent}
          name="parentId"
          extra={user.role === "admin" ? t.parentTop : undefined}
          rules={user.role === "admin" ? [] : [{ required: true, message: t.parentRequired }]}
        >
          <OrgTreeSelect allowClear={user.role === "admin"} {...(blocked ? { disabledIds: blocked } : {})} />
        </Form.Item>
        <Form.Item
          label={t.region}
          name="regionCode"
          extra={t.regionHint}
          rules={[
            { required: true, message: t.required },
            { pattern: REGION_CODE, message: t.regionBad },
          ]}
        >
          <Input maxLength={12} inputMode="numeric" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={t.regionOffice} name="isRegionOffice" valuePropName="checked" extra={t.regionOfficeHint}>
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} block>
          {t.save}
        </Button>
      </Form>
    </Drawer>
  );
}

function valuesOf(org: Org): Values {
  return {
    name: org.name,
    kind: org.kind,
    parentId: org.parentId,
    regionCode: org.regionCode,
    isRegionOffice: org.isRegionOffice,
  };
}
