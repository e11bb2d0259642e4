// 校正指标: the plan office corrects what the parser read of an indicator — baseline and base year, the
// target path (several years), kind (level or yearly amount, running total), direction, and for a rate
// the weight indicator its orgs' rates roll up by. PATCH /api/indicators/:id, audited on the server.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, InputNumber, Modal, Radio, Select, Space, Switch, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Indicator } from "./indicatorData.ts";

const text = {
  zh: {
    title: "校正指标：{name}",
    intro: "校正导入时从原文读取的基线、目标路径和指标口径。修改会记入审计日志，进度研判随之重算。",
    raw: "原文：{raw}",
    baseYear: "基期年份",
    baseValue: "基期数值",
    noBaseline: "留空则不设基线（以最早登记的数值为起点）。",
    path: "目标路径（按年份）",
    year: "年份",
    value: "目标值",
    high: "上限（区间）",
    addYear: "添加年份",
    pathHint: "不填年份则按原文的单一目标研判。",
    kind: "统计口径",
    stock: "存量（各期数值为时点水平）",
    flow: "流量（各期数值为当年累计）",
    cumulative: "目标为规划期累计（累计达到/累计新增）",
    direction: "方向",
    auto: "按原文判断",
    increase: "提高",
    decrease: "降低",
    at_least: "保持不低于",
    at_most: "保持不超过",
    range: "区间",
    weight: "权重指标（比率指标的加权汇总）",
    noWeight: "不加权（下级数值并列显示）",
    weightHint: "如万人发明专利拥有量按常住人口加权：上级数值为各下级比率按权重指标的加权平均。",
    save: "保存校正",
    cancel: "取消",
    yearRequired: "请填写年份",
    valueRequired: "请填写目标值",
    baseBoth: "基期年份和数值需同时填写或同时留空",
  },
  en: {
    title: "Correct the indicator: {name}",
    intro:
      "Correct the baseline, target path and kind read from the document on import. Changes are audited and the pace is judged again.",
    raw: "Text: {raw}",
    baseYear: "Base year",
    baseValue: "Base value",
    noBaseline: "Leave empty for no baseline (the earliest recorded value is the start).",
    path: "Target path (by year)",
    year: "Year",
    value: "Target",
    high: "High end (range)",
    addYear: "Add a year",
    pathHint: "With no years, the single target printed in the plan is used.",
    kind: "Kind",
    stock: "Stock (each figure is a level at its date)",
    flow: "Flow (each figure is the year's total so far)",
    cumulative: "The target counts a running total over the plan period (累计)",
    direction: "Direction",
    auto: "As read from the text",
    increase: "Increase",
    decrease: "Decrease",
    at_least: "Keep at or above",
    at_most: "Keep at or below",
    range: "Range",
    weight: "Weight indicator (weighted roll-up of a rate)",
    noWeight: "None (lower units shown side by side)",
    weightHint:
      "E.g. patents per 10,000 people weighted by population: the upper figure is the weighted mean of the lower units' rates.",
    save: "Save",
    cancel: "Cancel",
    yearRequired: "Enter the year",
    valueRequired: "Enter the target",
    baseBoth: "Give both the base year and its value, or neither",
  },
};

type FormValues = {
  baseYear: number | null;
  baseValue: number | null;
  path: { year: number; value: number; high?: number | null }[];
  kind: "stock" | "flow";
  cumulative: boolean;
  direction: string;
  weightIndicatorId: number | null;
};

type Props = { planId: number; indicator: Indicator; others: Indicator[]; onClose: () => void };

export function CorrectIndicatorModal({ planId, indicator, others, onClose }: Props) {
  const t = useText(text);
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      unwrap(
        api.PATCH("/api/indicators/{id}", {
          params: { path: { id: indicator.id } },
          body: {
            rowVersion: indicator.rowVersion,
            baseline: v.baseYear != null && v.baseValue != null ? { year: v.baseYear, value: v.baseValue } : null,
            targetPath:
              v.path.length > 0
                ? v.path.map((p) => (p.high == null ? { year: p.year, value: p.value } : { ...p, high: p.high }))
                : null,
            kind: v.kind,
            cumulative: v.cumulative,
            direction: v.direction === "auto" ? null : (v.direction as "increase"),
            weightIndicatorId: v.weightIndicatorId ?? null,
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["indicators", planId] });
      onClose();
    },
  });
  const initial: FormValues = {
    baseYear: indicator.baseline?.year ?? null,
    baseValue: indicator.baseline?.value ?? null,
    path: (indicator.targetPath ?? []).map((p) => ({ year: p.year, value: p.value, high: p.high ?? null })),
    kind: indicator.kind,
    cumulative: indicator.cumulative,
    direction: indicator.directionSet ?? "auto",
    weightIndicatorId: indicator.weightIndicatorId,
  };
  const directions = ["auto", "increase", "decrease", "at_least", "at_most", "range"] as const;
  return (
    <Modal
      open
      title={fill(t.title, { name: indicator.name })}
      onCancel={onClose}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {indicator.rawText && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {fill(t.raw, { raw: indicator.rawText })}
        </Typography.Paragraph>
      )}
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="correct-indicator-form"
      >
        <Space align="start" wrap>
          <Form.Item
            name="baseYear"
            label={t.baseYear}
            dependencies={["baseValue"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  (value == null) === (getFieldValue("baseValue") == null)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.baseBoth)),
              }),
            ]}
          >
            <InputNumber min={1949} max={2100} precision={0} aria-label={t.baseYear} data-testid="base-year" />
          </Form.Item>
          <Form.Item name="baseValue" label={t.baseValue}>
            <InputNumber style={{ width: 160 }} aria-label={t.baseValue} data-testid="base-value" />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 12 }}>
          {t.noBaseline}
        </Typography.Paragraph>
        <Form.Item label={t.path} extra={t.pathHint}>
          <Form.List name="path">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, "year"]} rules={[{ required: true, message: t.yearRequired }]}>
                      <InputNumber placeholder={t.year} min={1949} max={2100} precision={0} aria-label={t.year} />
                    </Form.Item>
                    <Form.Item name={[field.name, "value"]} rules={[{ required: true, message: t.valueRequired }]}>
                      <InputNumber placeholder={t.value} style={{ width: 140 }} aria-label={t.value} />
                    </Form.Item>
                    {indicator.op === "range" && (
                      <Form.Item name={[field.name, "high"]}>
                        <InputNumber placeholder={t.high} style={{ width: 140 }} aria-label={t.high} />
                      </Form.Item>
                    )}
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="remove" />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t.addYear}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="kind" label={t.kind}>
          <Radio.Group>
            <Radio value="stock">{t.stock}</Radio>
            <Radio value="flow">{t.flow}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="cumulative" valuePropName="checked" label={t.cumulative}>
          <Switch />
        </Form.Item>
        <Form.Item name="direction" label={t.direction}>
          <Select options={directions.map((d) => ({ value: d, label: t[d] }))} style={{ maxWidth: 240 }} />
        </Form.Item>
        {!indicator.pace.additive && (
          <Form.Item name="weightIndicatorId" label={t.weight} extra={t.weightHint}>
            <Select
              allowClear
              placeholder={t.noWeight}
              options={others
                .filter((o) => o.id !== indicator.id)
                .map((o) => ({ value: o.id, label: `${o.name}（${o.unit}）` }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default CorrectIndicatorModal;
