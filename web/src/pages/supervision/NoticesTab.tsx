// 督办单: notices with their state, the unit's answer and dates; escalated ones highlighted. The addressed unit
// answers here; answered notices leave the open list.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { can, useUser } from "../../auth/session.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { AnswerModal } from "./AnswerModal.tsx";
import { FocusedNotice } from "./FocusedNotice.tsx";
import { formatTime } from "./format.ts";
import { EscalateButton, NoticeFiles, NoticeItems } from "./NoticeExtras.tsx";
import { NoticeStateTag } from "./NoticeStateTag.tsx";
import { canAnswer, type Notice, noticeState } from "./notice.ts";
import "./notices.css";

type Filter = "open" | "answered" | "all";
const PAGE_SIZE = 20;

const text = {
  zh: {
    open: "待答复",
    answered: "已答复",
    all: "全部",
    filter: "筛选督办单",
    notice: "督办事项",
    org: "督办单位",
    issued: "下发时间",
    respondBy: "答复期限",
    state: "状态",
    response: "单位答复",
    action: "操作",
    answer: "答复",
    total: "共 {n} 份",
    emptyOpen: "没有待答复的督办单。",
    emptyOpenOffice: "没有待答复的督办单。可在“逾期与风险”中对逾期任务下发督办单。",
    emptyAnswered: "还没有已答复的督办单。",
    emptyAll: "还没有督办单。",
    escalatedOnly: "只显示已升级督办的督办单（来自数据看板）。",
    showAll: "显示全部",
  },
  en: {
    open: "Awaiting answer",
    answered: "Answered",
    all: "All",
    filter: "Filter notices",
    notice: "Notice",
    org: "Unit",
    issued: "Issued",
    respondBy: "Answer by",
    state: "State",
    response: "Unit's answer",
    action: "Action",
    answer: "Answer",
    total: "{n} notices",
    emptyOpen: "No notice is awaiting an answer.",
    emptyOpenOffice: "No notice is awaiting an answer. Issue one from “Overdue & at risk”.",
    emptyAnswered: "No notice has been answered yet.",
    emptyAll: "No notices yet.",
    escalatedOnly: "Showing escalated notices only (from the dashboard).",
    showAll: "Show all",
  },
};

export function NoticesTab() {
  const t = useText(text);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<Filter>("open");
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<Notice | null>(null);
  const focused = Number(params.get("notice")) || null;
  // The dashboard's escalated-notices count links here with its narrowing (escalated=true, plan, under).
  const escalatedOnly = params.get("escalated") === "true";
  const narrowing = escalatedOnly
    ? {
        escalated: "true" as const,
        ...(Number(params.get("plan")) > 0 ? { plan: Number(params.get("plan")) } : {}),
        ...(Number(params.get("under")) > 0 ? { under: Number(params.get("under")) } : {}),
      }
    : {};
  const notices = useQuery({
    queryKey: ["notices", filter, page, narrowing],
    queryFn: () =>
      unwrap(
        api.GET("/api/notices", {
          params: {
            query: {
              ...(filter === "all" ? {} : { open: filter === "open" ? "true" : "false" }),
              ...narrowing,
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
            },
          },
        }),
      ),
  });
  const empty =
    filter === "open"
      ? can.supervise(user.role)
        ? t.emptyOpenOffice
        : t.emptyOpen
      : filter === "answered"
        ? t.emptyAnswered
        : t.emptyAll;

  return (
    <>
      {focused && (
        <FocusedNotice
          id={focused}
          onAnswer={setAnswering}
          onClose={() => setParams({ tab: "notices" }, { replace: true })}
        />
      )}
      <Space style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          aria-label={t.filter}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          options={[
            { value: "open", label: t.open },
            { value: "answered", label: t.answered },
            { value: "all", label: t.all },
          ]}
        />
      </Space>
      {escalatedOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t.escalatedOnly}
          action={
            <Button size="small" onClick={() => setParams({ tab: "notices" }, { replace: true })}>
              {t.showAll}
            </Button>
          }
        />
      )}
      {notices.error && <Alert type="error" showIcon title={errorMessage(notices.error)} />}
      <Table<Notice>
        rowKey="id"
        data-testid="notices"
        loading={notices.isPending}
        dataSource={notices.data?.items ?? []}
        rowClassName={(n) => (n.escalatedAt ? "luoshi-notice-escalated" : "")}
        locale={{ emptyText: <Empty description={empty} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: notices.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => fill(t.total, { n }),
        }}
        columns={[
          {
            title: t.notice,
            dataIndex: "message",
            render: (message: string, n) => (
              <>
                <div>{message}</div>
                <NoticeItems notice={n} />
              </>
            ),
          },
          {
            title: t.org,
            dataIndex: "orgName",
            width: 180,
            sorter: (a, b) => a.orgName.localeCompare(b.orgName, "zh-CN"),
          },
          { title: t.issued, dataIndex: "issuedAt", width: 150, render: (v: string) => formatTime(v) },
          {
            title: t.respondBy,
            dataIndex: "respondBy",
            width: 112,
            sorter: (a, b) => a.respondBy.localeCompare(b.respondBy),
          },
          {
            title: t.state,
            width: 120,
            render: (_: unknown, n) => (
              <Space size={4} wrap>
                <NoticeStateTag state={noticeState(n)} />
                {n.escalatedAt && n.response !== null && <NoticeStateTag state="wasEscalated" />}
              </Space>
            ),
          },
          {
            title: t.response,
            dataIndex: "response",
            width: 280,
            render: (response: string | null, n) =>
              response ? (
                <>
                  <div>{response}</div>
                  <NoticeFiles notice={n} />
                  <Typography.Text type="secondary">{formatTime(n.respondedAt)}</Typography.Text>
                </>
              ) : (
                "—"
              ),
          },
          {
            title: t.action,
            width: 112,
            render: (_: unknown, n) =>
              canAnswer(user, n) ? (
                <Button size="small" type="primary" onClick={() => setAnswering(n)}>
                  {t.answer}
                </Button>
              ) : n.response === null && !n.escalatedAt && can.supervise(user.role) && n.orgId !== user.orgId ? (
                <EscalateButton notice={n} />
              ) : null,
          },
        ]}
      />
      {answering && <AnswerModal key={answering.id} notice={answering} onClose={() => setAnswering(null)} />}
    </>
  );
}
