// Defining the group a collective printed name (各乡镇（街道）) stands for, right where it is missing: named as
// printed, owned by the importing office, members picked from the orgs under it (or all its direct children
// of one kind at once). POST /api/orgs/groups saves the group and its members in one transaction.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Form, Input, Modal, Select, TreeSelect } from "antd";
import { useMemo } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { KIND_LABEL } from "../admin/orgKinds.ts";
import { ORGS_KEY, type Org, orgTree, useOrgs } from "./OrgPicker.tsx";

const text = {
  zh: {
    title: "定义单位组",
    intro: "单位组是代表多个单位的统称。保存后，文件中的这个名称会分解到组内每个成员单位，以后导入时也自动识别。",
    name: "单位组名称",
    members: "成员单位",
    membersHint: "从本单位及其下级单位中选择，可多选",
    quick: "快速选择",
    quickHint: "加入全部直属下级单位（按类型）",
    quickOption: "全部直属{kind}单位（{n} 个）",
    save: "保存并重新核对",
    cancel: "取消",
    required: "请填写",
    needMembers: "请至少选择一个成员单位",
    renamed: "与文件中的“{name}”不同：文件中的这个名称不会分解到此组",
  },
  en: {
    title: "Define a group",
    intro:
      "A group is one name standing for several orgs. Once saved, this name in the file goes to each member, and later imports recognise it too.",
    name: "Group name",
    members: "Members",
    membersHint: "Orgs under your office (several allowed)",
    quick: "Quick pick",
    quickHint: "Add every direct child of one kind",
    quickOption: "All direct children of kind {kind} ({n})",
    save: "Save and check again",
    cancel: "Cancel",
    required: "Required",
    needMembers: "Pick at least one member",
    renamed: "Differs from “{name}” in the file: that name will not resolve to this group",
  },
};

type Values = { name: string; memberOrgIds: number[] };

/** The owner and every org below it, in the directory's order. */
function subtree(orgs: readonly Org[], rootId: number): Org[] {
  const inside = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs)
      if (!inside.has(o.id) && o.parentId !== null && inside.has(o.parentId)) {
        inside.add(o.id);
        grew = true;
      }
  }
  return orgs.filter((o) => inside.has(o.id));
}

export function DefineGroupModal({
  name,
  ownerOrgId,
  onClose,
  onDefined,
}: {
  name: string;
  ownerOrgId: number;
  onClose(): void;
  onDefined(): void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const orgs = useOrgs();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const typed = Form.useWatch("name", form);
  const renamed = typed !== undefined && typed.trim() !== name.trim();
  const scoped = useMemo(() => subtree(orgs.data?.items ?? [], ownerOrgId), [orgs.data, ownerOrgId]);
  const treeData = useMemo(() => orgTree(scoped), [scoped]);
  const children = scoped.filter((o) => o.parentId === ownerOrgId);
  const kinds = [...new Set(children.map((o) => o.kind))];

  const save = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST("/api/orgs/groups", { body: { ownerOrgId, name: values.name, memberOrgIds: values.memberOrgIds } }),
      ),
    onSuccess() {
      void client.invalidateQueries({ queryKey: ORGS_KEY });
      onDefined();
    },
  });

  const addKind = (kind: Org["kind"]) => {
    const current: number[] = form.getFieldValue("memberOrgIds") ?? [];
    const added = children.filter((o) => o.kind === kind).map((o) => o.id);
    form.setFieldValue("memberOrgIds", [...new Set([...current, ...added])]);
  };

  return (
    <Modal
      open
      title={t.title}
      okText={t.save}
      cancelText={t.cancel}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Alert type="info" showIcon title={t.intro} style={{ marginBottom: 12 }} />
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ name, memberOrgIds: [] }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          label={t.name}
          name="name"
          rules={[{ required: true, whitespace: true, message: t.required }]}
          {...(renamed ? { extra: fill(t.renamed, { name }), validateStatus: "warning" as const } : {})}
        >
          <Input maxLength={200} />
        </Form.Item>
        {kinds.length > 0 && (
          <Form.Item label={t.quick}>
            <Select<Org["kind"]>
              aria-label={t.quick}
              value={null}
              placeholder={t.quickHint}
              onChange={addKind}
              options={kinds.map((k) => ({
                value: k,
                label: fill(t.quickOption, {
                  kind: KIND_LABEL[lang][k],
                  n: children.filter((o) => o.kind === k).length,
                }),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t.members}
          name="memberOrgIds"
          extra={t.membersHint}
          rules={[{ required: true, type: "array", min: 1, message: t.needMembers }]}
        >
          <TreeSelect<number[]>
            aria-label={t.members}
            multiple
            loading={orgs.isPending}
            treeData={treeData}
            showSearch={{ treeNodeFilterProp: "title" }}
            treeDefaultExpandedKeys={[ownerOrgId]}
            listHeight={320}
            style={{ width: "100%" }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
