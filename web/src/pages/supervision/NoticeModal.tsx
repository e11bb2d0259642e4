// 下发督办单: a message and a date to answer by, sent to a unit about one or more of its measures (POST
// /api/notices). From the measure page the unit is chosen among those holding the measure.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Assignment } from "./risk.ts";

/** Who is chased about what: one unit (or a choice of units) and the measures the notice lists. */
export type NoticeTarget = {
  orgs: { orgId: number; orgName: string }[];
  items: { measureId: number; measureText: string }[];
  /** The worst status among the items, for the suggested text. */
  status: string;
};

/** A notice about these items of one unit (the risk list's rows). */
export const targetOf = (items: Assignment[]): NoticeTarget => ({
  orgs: items[0] ? [{ orgId: items[0].orgId, orgName: items[0].orgName }] : [],
  items: items.map((a) => ({ measureId: a.measureId, measureText: a.measureText })),
  status: ["overdue", "report_missing"].find((s) => items.some((a) => a.status === s)) ?? "due_soon",
});

type Values = { message: string; respondBy: Dayjs; orgId?: number };

const text = {
  zh: {
    title: "下发督办单",
    to: "督办单位：{org}",
    unit: "督办单位",
    items: "督办事项（共 {n} 项）",
    message: "督办内容",
    respondBy: "答复期限",
    send: "下发",
    cancel: "取消",
    sent: "督办单已下发给{org}",
    required: "请填写",
    overdue: "该项任务已逾期，请说明进展情况并提出整改措施。",
    report_missing: "本期进展尚未报送，请尽快报送进展情况并说明原因。",
    due_soon: "该项任务即将到期，请抓紧推进，按期完成并及时报送进展。",
  },
  en: {
    title: "Issue a supervision notice",
    to: "To: {org}",
    unit: "Unit",
    items: "Items ({n})",
    message: "Message",
    respondBy: "Answer by",
    send: "Issue",
    cancel: "Cancel",
    sent: "Notice issued to {org}",
    required: "Required",
    overdue: "This work is overdue: please explain where it stands and how you will put it right.",
    report_missing: "This period's progress report is missing: please file it and explain the delay.",
    due_soon: "This work is due soon: please make sure it is finished on time and report progress.",
  },
};

const DEFAULT_DAYS_TO_ANSWER = 7;

/** Mounted only while a notice is being written (keyed by the item), so each opens with fresh values. */
export function NoticeModal({ target, onClose }: { target: NoticeTarget; onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();

  const suggested =
    target.status === "overdue" ? t.overdue : target.status === "report_missing" ? t.report_missing : t.due_soon;
  const only = target.orgs.length === 1 ? target.orgs[0] : undefined;
  const initial: Values = {
    message: suggested,
    respondBy: dayjs().add(DEFAULT_DAYS_TO_ANSWER, "day"),
    ...(only ? { orgId: only.orgId } : {}),
  };

  const send = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST("/api/notices", {
          body: {
            measureIds: target.items.map((i) => i.measureId),
            orgId: only?.orgId ?? (values.orgId as number),
            message: values.message,
            respondBy: values.respondBy.format("YYYY-MM-DD"),
          },
        }),
      ),
    onSuccess(notice) {
      message.success(fill(t.sent, { org: notice.orgName }));
      void client.invalidateQueries({ queryKey: ["notices"] });
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t.title}
      okText={t.send}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={send.isPending}
    >
      {only && <Typography.Paragraph strong>{fill(t.to, { org: only.orgName })}</Typography.Paragraph>}
      {target.items.length === 1 ? (
        <Typography.Paragraph type="secondary">{target.items[0]?.measureText}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Text strong>{fill(t.items, { n: target.items.length })}</Typography.Text>
          <ol data-testid="notice-items" style={{ maxHeight: 200, overflow: "auto", paddingInlineStart: 20 }}>
            {target.items.map((i) => (
              <li key={i.measureId}>
                <Typography.Text type="secondary">{i.measureText}</Typography.Text>
              </li>
            ))}
          </ol>
        </>
      )}
      {send.error && <Alert type="error" showIcon title={errorMessage(send.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => send.mutate(values)}>
        {!only && (
          <Form.Item label={t.unit} name="orgId" rules={[{ required: true, message: t.required }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={target.orgs.map((o) => ({ value: o.orgId, label: o.orgName }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t.message} name="message" rules={[{ required: true, whitespace: true, message: t.required }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t.respondBy} name="respondBy" rules={[{ required: true, message: t.required }]}>
          <DatePicker disabledDate={(day) => day.isBefore(dayjs(), "day")} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
