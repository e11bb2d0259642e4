// 通知: the unit's in-app inbox (notices issued to it, escalations, deadline reminders), newest first, each
// linking to the measure or notice it is about. Opening a link marks the notification read.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Badge, Button, Empty, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { formatTime } from "./format.ts";

type Notification = ResponseOf<"/api/notifications">["items"][number];
type Filter = "unread" | "all";
const PAGE_SIZE = 20;

const text = {
  zh: {
    unread: "未读",
    all: "全部",
    message: "通知",
    time: "时间",
    action: "查看",
    filter: "筛选通知",
    markRead: "标为已读",
    markAll: "全部标为已读",
    markedAll: "已将 {n} 条通知标为已读",
    measure: "查看举措",
    notice: "查看督办单",
    unreadCount: "{n} 条未读",
    total: "共 {n} 条",
    emptyUnread: "没有未读通知。",
    emptyAll: "还没有通知。督办单、升级督办和到期提醒会出现在这里。",
  },
  en: {
    unread: "Unread",
    all: "All",
    message: "Notification",
    time: "Time",
    action: "Open",
    filter: "Filter notifications",
    markRead: "Mark read",
    markAll: "Mark all read",
    markedAll: "Marked {n} notifications read",
    measure: "Open measure",
    notice: "Open notice",
    unreadCount: "{n} unread",
    total: "{n} in all",
    emptyUnread: "No unread notifications.",
    emptyAll: "No notifications yet. Notices, escalations and deadline reminders appear here.",
  },
};

export function InboxTab() {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [filter, setFilter] = useState<Filter>("unread");
  const [page, setPage] = useState(1);
  const inbox = useQuery({
    queryKey: ["notifications", "inbox", filter, page],
    queryFn: () =>
      unwrap(
        api.GET("/api/notifications", {
          params: {
            query: {
              ...(filter === "unread" ? { unread: "true" } : {}),
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            },
          },
        }),
      ),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["notifications"] });
  const read = useMutation({
    mutationFn: (id: number) => unwrap(api.POST("/api/notifications/{id}/read", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST("/api/notifications/read-all")),
    onSuccess(result) {
      message.success(fill(t.markedAll, { n: result.marked }));
      setPage(1);
      return refresh();
    },
  });
  const unread = inbox.data?.unread ?? 0;
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<Filter>
          aria-label={t.filter}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          options={[
            { value: "unread", label: t.unread },
            { value: "all", label: t.all },
          ]}
        />
        <Typography.Text type="secondary">{fill(t.unreadCount, { n: unread })}</Typography.Text>
        {unread > 0 && (
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t.markAll}
          </Button>
        )}
      </Space>
      {inbox.error && <Alert type="error" showIcon title={errorMessage(inbox.error)} />}
      {read.error && <Alert type="error" showIcon title={errorMessage(read.error)} />}
      {readAll.error && <Alert type="error" showIcon title={errorMessage(readAll.error)} />}
      <Table<Notification>
        rowKey="id"
        data-testid="inbox"
        loading={inbox.isPending}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: <Empty description={filter === "unread" ? t.emptyUnread : t.emptyAll} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: inbox.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => fill(t.total, { n }),
        }}
        columns={[
          {
            title: t.message,
            dataIndex: "message",
            render: (message: string, n) => (
              <Space align="start" data-unread={n.readAt ? undefined : "true"}>
                <Badge status={n.readAt ? "default" : "processing"} />
                <Typography.Text strong={!n.readAt}>{message}</Typography.Text>
              </Space>
            ),
          },
          { title: t.time, dataIndex: "createdAt", width: 150, render: (v: string) => formatTime(v) },
          {
            title: t.action,
            width: 240,
            render: (_: unknown, n) => (
              <Space size="small" wrap>
                {n.measureId !== null && (
                  <Link to={`/measures/${n.measureId}`} onClick={() => open(n)}>
                    {t.measure}
                  </Link>
                )}
                {n.noticeId !== null && (
                  <Link to={`/supervision?tab=notices&notice=${n.noticeId}`} onClick={() => open(n)}>
                    {t.notice}
                  </Link>
                )}
                {!n.readAt && (
                  <Button size="small" type="link" onClick={() => read.mutate(n.id)}>
                    {t.markRead}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
