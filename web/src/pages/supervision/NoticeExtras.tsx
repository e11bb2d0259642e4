// Pieces of a notice row: the measures it lists (when more than one), the files attached to its answer, and
// the office's "escalate now" action (POST /api/notices/:id/escalate) for an open notice.
import { PaperClipOutlined, RiseOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Popconfirm, Space, Typography } from "antd";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Notice } from "./notice.ts";

const text = {
  zh: {
    items: "共 {n} 项：",
    escalate: "升级督办",
    escalateConfirm: "现在就升级这份督办单？将通知该单位的上级单位。",
    escalated: "已升级督办，已通知上级单位",
    ok: "确定",
    cancel: "取消",
  },
  en: {
    items: "{n} items:",
    escalate: "Escalate now",
    escalateConfirm: "Escalate this notice now? The unit's parent org is notified.",
    escalated: "Escalated; the parent org is notified",
    ok: "OK",
    cancel: "Cancel",
  },
};

export function NoticeItems({ notice }: { notice: Notice }) {
  const t = useText(text);
  if (notice.items.length <= 1)
    return (
      <Typography.Text type="secondary">
        <Link to={`/measures/${notice.measureId}`}>{notice.measureText}</Link>
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary">
      {fill(t.items, { n: notice.items.length })}
      <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`notice-items-${notice.id}`}>
        {notice.items.map((i) => (
          <li key={i.measureId}>
            <Link to={`/measures/${i.measureId}`}>{i.measureText}</Link>
          </li>
        ))}
      </ol>
    </Typography.Text>
  );
}

export function NoticeFiles({ notice }: { notice: Notice }) {
  if (notice.evidence.length === 0) return null;
  return (
    <Space orientation="vertical" size={0}>
      {notice.evidence.map((file) => (
        <a key={file.id} href={`/api/evidence/${file.id}`} download={file.fileName}>
          <PaperClipOutlined /> {file.fileName}
        </a>
      ))}
    </Space>
  );
}

export function EscalateButton({ notice }: { notice: Notice }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const escalate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/notices/{id}/escalate", {
          params: { path: { id: notice.id } },
          body: { expectedVersion: notice.version },
        }),
      ),
    onSuccess() {
      message.success(t.escalated);
      void client.invalidateQueries({ queryKey: ["notices"] });
      void client.invalidateQueries({ queryKey: ["notice", notice.id] });
    },
    onError(error) {
      message.error(errorMessage(error));
    },
  });
  return (
    <Popconfirm title={t.escalateConfirm} okText={t.ok} cancelText={t.cancel} onConfirm={() => escalate.mutate()}>
      <Button size="small" danger icon={<RiseOutlined />} loading={escalate.isPending}>
        {t.escalate}
      </Button>
    </Popconfirm>
  );
}
