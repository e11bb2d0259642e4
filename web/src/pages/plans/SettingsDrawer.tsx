// Plan settings for its plan office: the plan's title, 文号, issuer, date and period as corrected by a person,
// reporting cadence, how early "due soon" starts, assessment weights. Saved with the version read, so two
// offices editing at once cannot overwrite each other silently.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Divider, Drawer, Form, InputNumber, Radio, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import {
  changedMetadata,
  type MetadataValues,
  type PlanMetadata,
  PlanMetadataFields,
  toMetadata,
} from "../../components/PlanMetadataFields.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Plan } from "./planData.ts";

type Weights = Plan["weights"];
type Values = { cadence: Plan["cadence"]; dueSoonDays: number; acknowledgeDays: number } & Weights & MetadataValues;

const WEIGHT_KEYS = ["onTime", "timeliness", "overdue", "indicators"] as const;

const text = {
  zh: {
    title: "计划设置",
    meta: "计划信息（可更正解析有误的标题、文号等）",
    tracking: "督办与考核",
    cadence: "报送周期",
    quarterly: "按季度报送",
    monthly: "按月报送",
    dueSoonDays: "到期前多少天提示“即将到期”",
    acknowledgeDays: "交办后多少天未签收即提醒（签收）",
    weights: "考核权重（合计为 1）",
    onTime: "按期报送",
    timeliness: "按时完成",
    overdue: "无逾期",
    indicators: "指标达成",
    sum: "当前合计 {sum}",
    save: "保存",
    saved: "设置已保存",
    required: "请填写",
  },
  en: {
    title: "Plan settings",
    meta: "Plan details (correct what the parser got wrong)",
    tracking: "Supervision and assessment",
    cadence: "Reporting cadence",
    quarterly: "Quarterly",
    monthly: "Monthly",
    dueSoonDays: "Days before a due date that work shows as due soon",
    acknowledgeDays: "Days after assignment before unacknowledged work is chased",
    weights: "Assessment weights (sum to 1)",
    onTime: "Reports on time",
    timeliness: "Finished on time",
    overdue: "Nothing overdue",
    indicators: "Indicators met",
    sum: "Sum now {sum}",
    save: "Save",
    saved: "Settings saved",
    required: "Required",
  },
};

export function SettingsDrawer({ plan, onClose }: { plan: Plan; onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const sum = WEIGHT_KEYS.reduce((s, k) => s + (Number(watched?.[k]) || 0), 0);
  const stored: PlanMetadata = {
    title: plan.title,
    docNumber: plan.docNumber,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
  };
  const save = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.PATCH("/api/plans/{id}/settings", {
          params: { path: { id: plan.id } },
          body: {
            rowVersion: plan.rowVersion,
            ...changedMetadata(stored, toMetadata(values)),
            cadence: values.cadence,
            dueSoonDays: values.dueSoonDays,
            acknowledgeDays: values.acknowledgeDays,
            weights: {
              onTime: values.onTime,
              timeliness: values.timeliness,
              overdue: values.overdue,
              indicators: values.indicators,
            },
          },
        }),
      ),
    onSuccess() {
      message.success(t.saved);
      // Cadence and the due-soon window change every status in the plan; the title shows everywhere.
      void client.invalidateQueries({ queryKey: ["plan", plan.id] });
      void client.invalidateQueries({ queryKey: ["plans"] });
      void client.invalidateQueries({ queryKey: ["assignments"] });
      onClose();
    },
  });
  return (
    <Drawer open onClose={onClose} title={t.title} size={480} destroyOnHidden>
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          ...stored,
          cadence: plan.cadence,
          dueSoonDays: plan.dueSoonDays,
          acknowledgeDays: plan.acknowledgeDays,
          ...plan.weights,
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Typography.Paragraph strong>{t.meta}</Typography.Paragraph>
        <PlanMetadataFields />
        <Divider />
        <Typography.Paragraph strong>{t.tracking}</Typography.Paragraph>
        <Form.Item label={t.cadence} name="cadence">
          <Radio.Group
            options={[
              { value: "quarterly", label: t.quarterly },
              { value: "monthly", label: t.monthly },
            ]}
          />
        </Form.Item>
        <Form.Item label={t.dueSoonDays} name="dueSoonDays" rules={[{ required: true, message: t.required }]}>
          <InputNumber min={0} max={365} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label={t.acknowledgeDays} name="acknowledgeDays" rules={[{ required: true, message: t.required }]}>
          <InputNumber min={0} max={365} style={{ width: 120 }} />
        </Form.Item>
        <Typography.Paragraph strong>{t.weights}</Typography.Paragraph>
        {WEIGHT_KEYS.map((key) => (
          <Form.Item key={key} label={t[key]} name={key} rules={[{ required: true, message: t.required }]}>
            <InputNumber min={0} max={1} step={0.05} style={{ width: 120 }} />
          </Form.Item>
        ))}
        <Typography.Paragraph type={Math.abs(sum - 1) > 1e-6 ? "danger" : "secondary"}>
          {fill(t.sum, { sum: Math.round(sum * 1000) / 1000 })}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={save.isPending} block>
          {t.save}
        </Button>
      </Form>
    </Drawer>
  );
}
