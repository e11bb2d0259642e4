// 下发督办单: a message and a date to answer by, sent to the unit about one measure (POST /api/notices).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Assignment } from "./risk.ts";

type Values = { message: string; respondBy: Dayjs };

const text = {
  zh: {
    title: "下发督办单",
    to: "督办单位：{org}",
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
export function NoticeModal({ target, onClose }: { target: Assignment; onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();

  const suggested =
    target.status === "overdue" ? t.overdue : target.status === "report_missing" ? t.report_missing : t.due_soon;
  const initial: Values = { message: suggested, respondBy: dayjs().add(DEFAULT_DAYS_TO_ANSWER, "day") };

  const send = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST("/api/notices", {
          body: {
            measureId: target.measureId,
            orgId: target.orgId,
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
      <Typography.Paragraph strong>{fill(t.to, { org: target.orgName })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{target.measureText}</Typography.Paragraph>
      {send.error && <Alert type="error" showIcon title={errorMessage(send.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => send.mutate(values)}>
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
