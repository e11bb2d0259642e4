// The notified unit's answer to a supervision notice (POST /api/notices/:id/response), with evidence files
// (佐证材料, which the notice text usually asks for) uploaded first, so an answer never claims files it lacks.
import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal, Typography, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { api, errorMessage, sendRaw, unwrap } from "../../api/client.ts";
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
    evidence: "佐证材料",
    evidenceHint: "点击或拖入文件：PDF、Word、Excel、图片、压缩包，单个不超过 20 MB",
    items: "督办事项（共 {n} 项）",
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
    evidence: "Evidence",
    evidenceHint: "Click or drop files: PDF, Word, Excel, images, zip; up to 20 MB each",
    items: "Items ({n})",
  },
};

export function AnswerModal({ notice, onClose }: { notice: Notice; onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ response: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const send = useMutation({
    mutationFn: async (response: string) => {
      for (const file of files) {
        if (!file.originFileObj) continue;
        await sendRaw(
          "POST",
          `/api/notices/${notice.id}/evidence?name=${encodeURIComponent(file.name)}`,
          file.originFileObj,
          file.type || "application/octet-stream",
        );
      }
      return unwrap(
        api.POST("/api/notices/{id}/response", {
          params: { path: { id: notice.id } },
          body: { response, expectedVersion: notice.version },
        }),
      );
    },
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
      {notice.items.length > 1 ? (
        <>
          <Typography.Text strong>{fill(t.items, { n: notice.items.length })}</Typography.Text>
          <ol style={{ maxHeight: 160, overflow: "auto", paddingInlineStart: 20 }}>
            {notice.items.map((i) => (
              <li key={i.measureId}>
                <Typography.Text type="secondary">{i.measureText}</Typography.Text>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <Typography.Paragraph type="secondary">{notice.measureText}</Typography.Paragraph>
      )}
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
        <Form.Item label={t.evidence}>
          <Upload.Dragger
            multiple
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            accept=".pdf,.docx,.xlsx,.doc,.xls,.jpg,.jpeg,.png,.zip,.txt"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t.evidenceHint}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Modal>
  );
}
