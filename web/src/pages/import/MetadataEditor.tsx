// The plan's metadata in the preview step: what the parser read, corrected in place by a person (a title
// with a publication note glued on, a missing 文号 or period). Corrections go with the import; nothing is
// saved before the last step.
import { EditOutlined } from "@ant-design/icons";
import { Button, Descriptions, Form, Space, Tag } from "antd";
import { useState } from "react";
import {
  changedMetadata,
  type METADATA_KEYS,
  type MetadataValues,
  type PlanMetadata,
  PlanMetadataFields,
  toMetadata,
} from "../../components/PlanMetadataFields.tsx";
import { useText } from "../../i18n/lang.tsx";
import type { Preview } from "./transfer.ts";

const text = {
  zh: {
    title: "标题",
    docNumber: "文号",
    issuer: "发文单位",
    issuedOn: "印发日期",
    period: "实施期限",
    format: "文件格式",
    none: "未识别",
    edit: "修改计划信息",
    save: "确定",
    cancel: "取消",
    corrected: "已修改",
  },
  en: {
    title: "Title",
    docNumber: "Document no.",
    issuer: "Issuer",
    issuedOn: "Issued on",
    period: "Period",
    format: "File format",
    none: "not found",
    edit: "Correct the details",
    save: "Apply",
    cancel: "Cancel",
    corrected: "corrected",
  },
};

export type MetadataCorrections = Partial<PlanMetadata>;

/** The parsed plan's metadata as the API names it. */
export function parsedMetadata(plan: Preview["plan"]): PlanMetadata {
  return {
    title: plan.title,
    docNumber: plan.docNumber,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn,
    periodFrom: plan.period?.from ?? null,
    periodTo: plan.period?.to ?? null,
  };
}

export function MetadataEditor({
  plan,
  corrections,
  onChange,
}: {
  plan: Preview["plan"];
  corrections: MetadataCorrections;
  onChange(corrections: MetadataCorrections): void;
}) {
  const t = useText(text);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<MetadataValues>();
  const parsed = parsedMetadata(plan);
  const shown: PlanMetadata = { ...parsed, ...corrections };
  const mark = (...keys: (typeof METADATA_KEYS)[number][]) =>
    keys.some((k) => k in corrections) ? (
      <Tag color="blue" style={{ marginInlineStart: 8 }}>
        {t.corrected}
      </Tag>
    ) : null;
  if (editing)
    return (
      <Form<MetadataValues>
        form={form}
        layout="vertical"
        initialValues={shown}
        data-testid="preview-meta-form"
        onFinish={(values) => {
          onChange(changedMetadata(parsed, toMetadata(values)));
          setEditing(false);
        }}
      >
        <PlanMetadataFields />
        <Space>
          <Button type="primary" htmlType="submit">
            {t.save}
          </Button>
          <Button onClick={() => setEditing(false)}>{t.cancel}</Button>
        </Space>
      </Form>
    );
  const period =
    shown.periodFrom !== null && shown.periodTo !== null ? `${shown.periodFrom}–${shown.periodTo}` : t.none;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="preview-meta">
        <Descriptions.Item label={t.title}>
          {shown.title}
          {mark("title")}
        </Descriptions.Item>
        <Descriptions.Item label={t.docNumber}>
          {shown.docNumber ?? t.none}
          {mark("docNumber")}
        </Descriptions.Item>
        <Descriptions.Item label={t.issuer}>
          {shown.issuer ?? t.none}
          {mark("issuer")}
        </Descriptions.Item>
        <Descriptions.Item label={t.issuedOn}>
          {shown.issuedOn ?? t.none}
          {mark("issuedOn")}
        </Descriptions.Item>
        <Descriptions.Item label={t.period}>
          {period}
          {mark("periodFrom", "periodTo")}
        </Descriptions.Item>
        <Descriptions.Item label={t.format}>{plan.format}</Descriptions.Item>
      </Descriptions>
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t.edit}
      </Button>
    </>
  );
}
