// One notice opened from the inbox (?notice=id): everything about it at a glance, with the answer button.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Space } from "antd";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { useUser } from "../../auth/session.ts";
import { useText } from "../../i18n/lang.tsx";
import { formatTime } from "./format.ts";
import { NoticeStateTag } from "./NoticeStateTag.tsx";
import { canAnswer, type Notice, noticeState } from "./notice.ts";

const text = {
  zh: {
    title: "督办单",
    measure: "落实举措",
    org: "督办单位",
    message: "督办内容",
    issued: "下发时间",
    respondBy: "答复期限",
    state: "状态",
    response: "单位答复",
    respondedAt: "答复时间",
    escalatedAt: "升级时间",
    answer: "答复",
    close: "关闭",
  },
  en: {
    title: "Notice",
    measure: "Measure",
    org: "Unit",
    message: "Message",
    issued: "Issued",
    respondBy: "Answer by",
    state: "State",
    response: "Unit's answer",
    respondedAt: "Answered",
    escalatedAt: "Escalated",
    answer: "Answer",
    close: "Close",
  },
};

export function FocusedNotice({
  id,
  onAnswer,
  onClose,
}: {
  id: number;
  onAnswer(notice: Notice): void;
  onClose(): void;
}) {
  const t = useText(text);
  const user = useUser();
  const notice = useQuery({
    queryKey: ["notice", id],
    queryFn: () => unwrap(api.GET("/api/notices/{id}", { params: { path: { id } } })),
  });
  const n = notice.data;
  return (
    <Card
      size="small"
      title={`${t.title} #${id}`}
      style={{ marginBottom: 16, borderColor: n?.escalatedAt && !n.response ? "#ffa39e" : undefined }}
      loading={notice.isPending}
      data-testid="focused-notice"
      extra={
        <Space>
          {n && canAnswer(user, n) && (
            <Button type="primary" size="small" onClick={() => onAnswer(n)}>
              {t.answer}
            </Button>
          )}
          <Button size="small" onClick={onClose}>
            {t.close}
          </Button>
        </Space>
      }
    >
      {notice.error && <Alert type="error" showIcon title={errorMessage(notice.error)} />}
      {n && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: "m",
              label: t.measure,
              span: 2,
              children: <Link to={`/measures/${n.measureId}`}>{n.measureText}</Link>,
            },
            { key: "o", label: t.org, children: n.orgName },
            { key: "s", label: t.state, children: <NoticeStateTag state={noticeState(n)} /> },
            { key: "msg", label: t.message, span: 2, children: n.message },
            { key: "i", label: t.issued, children: formatTime(n.issuedAt) },
            { key: "r", label: t.respondBy, children: n.respondBy },
            ...(n.escalatedAt ? [{ key: "e", label: t.escalatedAt, children: formatTime(n.escalatedAt) }] : []),
            ...(n.response
              ? [
                  { key: "resp", label: t.response, span: 2, children: n.response },
                  { key: "ra", label: t.respondedAt, children: formatTime(n.respondedAt) },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
