// The fields of a plan's document metadata — title, 文号, issuer, date of issue, period — as a person
// corrects them, inside an antd Form: the import wizard's preview and the plan settings both use them.
// The server checks the same rules; checking here says what is wrong before anything is sent.
import { Col, Form, Input, InputNumber, Row } from "antd";
import { useText } from "../i18n/lang.tsx";

export type PlanMetadata = {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  periodFrom: number | null;
  periodTo: number | null;
};

/** As the form holds them: empty inputs are undefined or "". */
export type MetadataValues = {
  title?: string;
  docNumber?: string | null;
  issuer?: string | null;
  issuedOn?: string | null;
  periodFrom?: number | null;
  periodTo?: number | null;
};

export const METADATA_KEYS = ["title", "docNumber", "issuer", "issuedOn", "periodFrom", "periodTo"] as const;

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

const text = {
  zh: {
    title: "标题",
    docNumber: "文号",
    issuer: "发文单位",
    issuedOn: "印发日期",
    periodFrom: "实施期限（起始年）",
    periodTo: "实施期限（截止年）",
    titleRequired: "请填写计划标题",
    titleLong: "标题最多 200 个字",
    docLong: "文号最多 100 个字",
    issuerLong: "发文单位最多 200 个字",
    day: "请按 2025-03-31 的格式填写一个真实的日期",
    year: `请填写 ${MIN_YEAR}–${MAX_YEAR} 之间的年份`,
    both: "起始年和截止年要么都填，要么都不填",
    order: "截止年不能早于起始年",
    dayPlaceholder: "2025-03-31",
  },
  en: {
    title: "Title",
    docNumber: "Document no.",
    issuer: "Issuer",
    issuedOn: "Issued on",
    periodFrom: "Period: first year",
    periodTo: "Period: last year",
    titleRequired: "Give the plan's title",
    titleLong: "At most 200 characters",
    docLong: "At most 100 characters",
    issuerLong: "At most 200 characters",
    day: "A real date like 2025-03-31",
    year: `A year from ${MIN_YEAR} to ${MAX_YEAR}`,
    both: "Give both years of the period, or neither",
    order: "The last year cannot be before the first",
    dayPlaceholder: "2025-03-31",
  },
};

function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** The form's values as the API takes them: trimmed, empty text and years as null. */
export function toMetadata(values: MetadataValues): PlanMetadata {
  const textOf = (v: string | null | undefined) => (blank(v) ? null : (v as string).trim());
  return {
    title: (values.title ?? "").trim(),
    docNumber: textOf(values.docNumber),
    issuer: textOf(values.issuer),
    issuedOn: textOf(values.issuedOn),
    periodFrom: blank(values.periodFrom) ? null : Number(values.periodFrom),
    periodTo: blank(values.periodTo) ? null : Number(values.periodTo),
  };
}

/** Only the fields that differ from `from`: what a correction sends. */
export function changedMetadata(from: PlanMetadata, to: PlanMetadata): Partial<PlanMetadata> {
  const out: Partial<PlanMetadata> = {};
  for (const key of METADATA_KEYS) if (from[key] !== to[key]) Object.assign(out, { [key]: to[key] });
  return out;
}

export function PlanMetadataFields() {
  const t = useText(text);
  const form = Form.useFormInstance<MetadataValues>();
  const yearRules = [
    {
      validator: async (_: unknown, value: unknown) => {
        if (blank(value)) return;
        const n = Number(value);
        if (!Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) throw new Error(t.year);
      },
    },
  ];
  return (
    <>
      <Form.Item
        label={t.title}
        name="title"
        rules={[
          { required: true, whitespace: true, message: t.titleRequired },
          { max: 200, message: t.titleLong },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={t.docNumber} name="docNumber" rules={[{ max: 100, message: t.docLong }]}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label={t.issuedOn}
            name="issuedOn"
            rules={[
              {
                validator: async (_: unknown, value: unknown) => {
                  if (!blank(value) && !isCalendarDay(String(value).trim())) throw new Error(t.day);
                },
              },
            ]}
          >
            <Input allowClear placeholder={t.dayPlaceholder} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.issuer} name="issuer" rules={[{ max: 200, message: t.issuerLong }]}>
        <Input allowClear />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item label={t.periodFrom} name="periodFrom" rules={yearRules} dependencies={["periodTo"]}>
            <InputNumber min={MIN_YEAR} max={MAX_YEAR} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item
            label={t.periodTo}
            name="periodTo"
            dependencies={["periodFrom"]}
            rules={[
              ...yearRules,
              {
                validator: async (_: unknown, value: unknown) => {
                  const from = form.getFieldValue("periodFrom");
                  if (blank(from) !== blank(value)) throw new Error(t.both);
                  if (!blank(from) && !blank(value) && Number(value) < Number(from)) throw new Error(t.order);
                },
              },
            ]}
          >
            <InputNumber min={MIN_YEAR} max={MAX_YEAR} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
