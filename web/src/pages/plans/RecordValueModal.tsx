// 登记数值: a figure for an indicator as of a day, with where it comes from. Values are kept, not
// overwritten: each one adds to the indicator's history.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { ApiError, api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Indicator } from "./indicatorData.ts";
import { describeTarget, type RecordErrorText, recordErrorText } from "./indicators.ts";

const SOURCE_MAX = 500;

const text = {
  zh: {
    title: "登记数值：{name}",
    target: "目标：{target}",
    org: "登记单位",
    value: "数值",
    asOf: "截至日期",
    asOfHint: "这个数值所统计到的日期，不能晚于今天",
    source: "数据来源",
    sourceHint: "如：省局统计月报、国家知识产权局统计年报",
    save: "登记",
    cancel: "取消",
    saved: "已登记 {name}：{value}",
    required: "请填写",
    errValue: "数值须是一个数字。",
    errAsOf: "截至日期不能晚于今天，请选择已经过去的日期。",
    errSource: "请写明数据来源（不超过 500 字）。",
    errOrg: "所选单位既不是本计划的印发单位，也没有承担本计划的任务，不能为它登记数值。",
    errForbidden: "您只能为本单位登记数值（计划管理处室可为所属单位登记）。",
    errNotFound: "找不到这个指标或单位，可能已不在您的工作范围内。请刷新页面后重试。",
  },
  en: {
    title: "Record a value: {name}",
    target: "Target: {target}",
    org: "For unit",
    value: "Value",
    asOf: "As of",
    asOfHint: "The day the figure stands for; not after today",
    source: "Source",
    sourceHint: "e.g. the bureau's monthly statistics",
    save: "Record",
    cancel: "Cancel",
    saved: "Recorded {name}: {value}",
    required: "Required",
    errValue: "The value must be a number.",
    errAsOf: "The as-of date cannot be after today; choose a day that has passed.",
    errSource: "Say where the figure comes from (up to 500 characters).",
    errOrg: "That unit neither issued this plan nor holds work in it, so no values can be recorded for it.",
    errForbidden: "You may record values only for your own unit (plan offices: for units under them).",
    errNotFound: "The indicator or unit cannot be found, or is no longer yours to see. Reload the page and try again.",
  },
};

/** orgId is left out when the user may record for one org only (shown, not picked). */
type Values = { orgId?: number; value: number; asOf: Dayjs; source: string };
type Props = {
  planId: number;
  indicator: Indicator;
  orgs: { value: number; label: string }[];
  onClose(): void;
};

export function RecordValueModal({ planId, indicator, orgs, onClose }: Props) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const record = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST("/api/indicators/{id}/values", {
          params: { path: { id: indicator.id } },
          body: {
            orgId: values.orgId ?? orgs[0]?.value,
            value: values.value,
            asOf: values.asOf.format("YYYY-MM-DD"),
            source: values.source.trim(),
          },
        }),
      ),
    onSuccess(saved) {
      message.success(fill(t.saved, { name: indicator.name, value: `${saved.value}${indicator.unit}` }));
      void client.invalidateQueries({ queryKey: ["indicators", planId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={fill(t.title, { name: indicator.name })}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
    >
      <Typography.Paragraph type="secondary">
        {fill(t.target, { target: describeTarget(indicator) })}
      </Typography.Paragraph>
      {record.error && <Alert type="error" showIcon title={refusal(record.error, t)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ orgId: orgs[0]?.value, asOf: dayjs(), source: "" }}
        onFinish={(values) => record.mutate(values)}
      >
        {orgs.length === 1 ? (
          <Form.Item label={t.org}>
            <Typography.Text strong>{orgs[0]?.label}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item label={t.org} name="orgId" rules={[{ required: true, message: t.required }]}>
            <Select options={orgs} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        )}
        <Form.Item label={t.value} name="value" rules={[{ required: true, message: t.required }]}>
          <InputNumber style={{ width: 220 }} suffix={indicator.unit} />
        </Form.Item>
        <Form.Item label={t.asOf} name="asOf" extra={t.asOfHint} rules={[{ required: true, message: t.required }]}>
          <DatePicker allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), "day")} />
        </Form.Item>
        <Form.Item label={t.source} name="source" rules={[{ required: true, whitespace: true, message: t.errSource }]}>
          <Input placeholder={t.sourceHint} maxLength={SOURCE_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function refusal(error: unknown, t: RecordErrorText): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const paths = (error.problem?.errors ?? []).map((e) => e.path);
  return recordErrorText(error.status, paths, t) ?? errorMessage(error);
}
