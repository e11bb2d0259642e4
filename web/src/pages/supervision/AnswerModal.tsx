// The notified unit's answer to a supervision notice (POST /api/notices/:id/response).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Notice } from "./notice.ts";

const text = {
  zh: {
    title: "答复督办单",
    asked: "督办内容：{message}（答复期限 {date}）",
    response: "答复内容",
    hint: "说明目前进展、存在的问题和下一步整改措施及完成时间",
    send: "提交答复",
    cancel: "取消",
    sent: "答复已提交",
    required: "请填写答复内容",
  },
  en: {
    title: "Answer the notice",
    asked: "Notice: {message} (answer by {date})",
    response: "Answer",
    hint: "Where the work stands, what is in the way, and what you will do by when",
    send: "Send answer",
    cancel: "Cancel",
    sent: "Answer sent",
    required: "Please write an answer",
  },
};

export function AnswerModal({ notice, onClose }: { notice: Notice; onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ response: string }>();
  const send = useMutation({
    mutationFn: (response: string) =>
      unwrap(
        api.POST("/api/notices/{id}/response", {
          params: { path: { id: notice.id } },
          body: { response, expectedVersion: notice.version },
        }),
      ),
    onSuccess() {
      message.success(t.sent);
      void client.invalidateQueries({ queryKey: ["notices"] });
      void client.invalidateQueries({ queryKey: ["notice", notice.id] });
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
      <Typography.Paragraph type="secondary">{notice.measureText}</Typography.Paragraph>
      <Typography.Paragraph>{fill(t.asked, { message: notice.message, date: notice.respondBy })}</Typography.Paragraph>
      {send.error && <Alert type="error" showIcon title={errorMessage(send.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => send.mutate(values.response)}>
        <Form.Item
          label={t.response}
          name="response"
          rules={[{ required: true, whitespace: true, message: t.required }]}
        >
          <Input.TextArea rows={5} placeholder={t.hint} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
