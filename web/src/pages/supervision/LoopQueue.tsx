// The supervision loop's waiting work (issue 10), for the supervision page's 闭环 tab and the workbench: work
// not yet acknowledged (签收), reports waiting for review (审核) or returned (退回), extension requests (延期)
// and closure applications (办结). Each row offers what the caller may do; reasons are asked for in a dialog.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { toneStyle } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";

type Queue = ResponseOf<"/api/loop/queue">;

const text = {
  zh: {
    unacknowledged: "待签收",
    toReview: "待审核报告",
    returned: "已退回报告（退回）",
    extensions: "延期申请",
    closures: "办结申请",
    measure: "落实举措",
    unit: "单位",
    due: "完成时限",
    waiting: "已等待 {n} 天",
    chased: "超期未签收",
    acknowledge: "签收",
    accept: "通过",
    return: "退回",
    approve: "批准",
    reject: "不批准",
    returnedTag: "退回",
    reason: "理由",
    reasonRequired: "请填写理由",
    requested: "申请延至 {date}",
    original: "原定 {date}",
    applied: "申请办结",
    rejected: "办结被退回",
    done: "已处理",
    empty: "没有待处理的闭环事项。",
    ok: "确定",
    cancel: "取消",
  },
  en: {
    unacknowledged: "Waiting for acknowledgement",
    toReview: "Reports to review",
    returned: "Returned reports (退回 Returned)",
    extensions: "Extension requests",
    closures: "Closure applications",
    measure: "Measure",
    unit: "Unit",
    due: "Due",
    waiting: "Waiting {n} days",
    chased: "Overdue for acknowledgement",
    acknowledge: "Acknowledge",
    accept: "Accept",
    return: "Return",
    approve: "Approve",
    reject: "Reject",
    returnedTag: "Returned",
    reason: "Reason",
    reasonRequired: "Give a reason",
    requested: "Asks for {date}",
    original: "Originally {date}",
    applied: "Closure applied for",
    rejected: "Closure rejected",
    done: "Done",
    empty: "Nothing waits in the loop.",
    ok: "OK",
    cancel: "Cancel",
  },
};

type Ask = { title: string; required: boolean; run: (note: string) => Promise<unknown> };

export function LoopQueue({ planId, compact = false }: { planId?: number; compact?: boolean }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [ask, setAsk] = useState<Ask | null>(null);
  const [note, setNote] = useState("");
  const queue = useQuery({
    queryKey: ["loop", "queue", planId ?? null],
    queryFn: () =>
      unwrap(api.GET("/api/loop/queue", { params: { query: planId === undefined ? {} : { plan: planId } } })),
  });
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess() {
      message.success(t.done);
      for (const key of ["loop", "assignments", "assignment", "measure", "notifications"])
        void client.invalidateQueries({ queryKey: [key] });
    },
    onError(error) {
      message.error(errorMessage(error));
    },
  });
  const q = queue.data;
  if (queue.error) return <Alert type="error" showIcon title={errorMessage(queue.error)} />;
  if (!q) return null;
  const total =
    q.unacknowledged.length + q.toReview.length + q.returned.length + q.extensions.length + q.closures.length;
  if (total === 0) return compact ? null : <Typography.Paragraph type="secondary">{t.empty}</Typography.Paragraph>;

  const withReason = (title: string, required: boolean, run: (note: string) => Promise<unknown>) => {
    setNote("");
    setAsk({ title, required, run });
  };
  const measureCol = {
    title: t.measure,
    key: "measure",
    render: (_: unknown, r: Queue["unacknowledged"][number]) => (
      <Link to={`/measures/${r.measureId}`}>
        {r.taskKey} {r.measureText.length > 50 ? `${r.measureText.slice(0, 50)}…` : r.measureText}
      </Link>
    ),
  };
  const unitCol = { title: t.unit, dataIndex: "orgName", width: 180 };
  const dueCol = {
    title: t.due,
    key: "due",
    width: 150,
    render: (_: unknown, r: Queue["unacknowledged"][number]) => (
      <Space size={4} wrap>
        {r.dueOn ?? "—"}
        {r.originalDueOn && <Typography.Text delete>{fill(t.original, { date: r.originalDueOn })}</Typography.Text>}
      </Space>
    ),
  };
  const section = <T extends object>(key: string, title: string, rows: T[], columns: object[]) =>
    rows.length === 0 ? null : (
      <Card size="small" title={`${title}（${rows.length}）`} key={key} style={{ marginBottom: 12 }} data-loop={key}>
        <Table<T>
          rowKey={(r) => JSON.stringify(r).slice(0, 200)}
          size="small"
          pagination={rows.length > 10 ? { pageSize: 10 } : false}
          dataSource={rows}
          columns={columns as never}
        />
      </Card>
    );
  const post = (run: () => Promise<unknown>) => act.mutate(run);

  return (
    <>
      {section("unacknowledged", t.unacknowledged, q.unacknowledged, [
        measureCol,
        unitCol,
        dueCol,
        {
          title: "",
          key: "a",
          width: 220,
          render: (_: unknown, r: Queue["unacknowledged"][number]) => (
            <Space>
              {r.chased ? <Tag color="red">{t.chased}</Tag> : <Tag>{fill(t.waiting, { n: r.daysWaiting })}</Tag>}
              <Button
                size="small"
                type="primary"
                onClick={() =>
                  post(() =>
                    unwrap(
                      api.POST("/api/assignments/{id}/acknowledge", {
                        params: { path: { id: r.assignmentId } },
                        body: {},
                      }),
                    ),
                  )
                }
              >
                {t.acknowledge}
              </Button>
            </Space>
          ),
        },
      ])}
      {section("toReview", t.toReview, q.toReview, [
        measureCol,
        unitCol,
        { title: "", dataIndex: "period", width: 90 },
        {
          title: "",
          key: "a",
          width: 160,
          render: (_: unknown, r: Queue["toReview"][number]) => (
            <Space>
              <Button
                size="small"
                onClick={() =>
                  post(() =>
                    unwrap(
                      api.POST("/api/reports/{id}/review", {
                        params: { path: { id: r.reportId } },
                        body: { decision: "accept", expectedVersion: r.version },
                      }),
                    ),
                  )
                }
              >
                {t.accept}
              </Button>
              <Button
                size="small"
                danger
                onClick={() =>
                  withReason(t.return, true, (n) =>
                    unwrap(
                      api.POST("/api/reports/{id}/review", {
                        params: { path: { id: r.reportId } },
                        body: { decision: "return", note: n, expectedVersion: r.version },
                      }),
                    ),
                  )
                }
              >
                {t.return}
              </Button>
            </Space>
          ),
        },
      ])}
      {section("returned", t.returned, q.returned, [
        measureCol,
        unitCol,
        { title: "", dataIndex: "period", width: 90 },
        {
          title: t.reason,
          key: "note",
          render: (_: unknown, r: Queue["returned"][number]) => (
            <Space>
              <Tag color="red">{t.returnedTag}</Tag>
              {r.note}
            </Space>
          ),
        },
      ])}
      {section("extensions", t.extensions, q.extensions, [
        measureCol,
        unitCol,
        dueCol,
        {
          title: t.reason,
          key: "reason",
          render: (_: unknown, r: Queue["extensions"][number]) => (
            <Space direction="vertical" size={0}>
              <Tag style={toneStyle("due_soon")}>{fill(t.requested, { date: r.extension.requestedDueOn })}</Tag>
              {r.extension.reason}
            </Space>
          ),
        },
        {
          title: "",
          key: "a",
          width: 170,
          render: (_: unknown, r: Queue["extensions"][number]) =>
            r.canDecide && (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  onClick={() =>
                    post(() =>
                      unwrap(
                        api.POST("/api/extensions/{id}/decide", {
                          params: { path: { id: r.extension.id } },
                          body: { approve: true, expectedVersion: r.extension.version },
                        }),
                      ),
                    )
                  }
                >
                  {t.approve}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    withReason(t.reject, true, (n) =>
                      unwrap(
                        api.POST("/api/extensions/{id}/decide", {
                          params: { path: { id: r.extension.id } },
                          body: { approve: false, note: n, expectedVersion: r.extension.version },
                        }),
                      ),
                    )
                  }
                >
                  {t.reject}
                </Button>
              </Space>
            ),
        },
      ])}
      {section("closures", t.closures, q.closures, [
        measureCol,
        unitCol,
        {
          title: "",
          key: "state",
          render: (_: unknown, r: Queue["closures"][number]) =>
            r.closure === "rejected" ? (
              <Space>
                <Tag color="red">{t.rejected}</Tag>
                {r.note}
              </Space>
            ) : (
              <Tag color="blue">{t.applied}</Tag>
            ),
        },
        {
          title: "",
          key: "a",
          width: 170,
          render: (_: unknown, r: Queue["closures"][number]) =>
            r.canDecide &&
            r.closure === "applied" && (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  onClick={() =>
                    post(() =>
                      unwrap(
                        api.POST("/api/assignments/{id}/closure/approve", {
                          params: { path: { id: r.assignmentId } },
                          body: {},
                        }),
                      ),
                    )
                  }
                >
                  {t.approve}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    withReason(t.reject, true, (n) =>
                      unwrap(
                        api.POST("/api/assignments/{id}/closure/reject", {
                          params: { path: { id: r.assignmentId } },
                          body: { note: n },
                        }),
                      ),
                    )
                  }
                >
                  {t.reject}
                </Button>
              </Space>
            ),
        },
      ])}
      <Modal
        open={ask !== null}
        title={ask?.title}
        okText={t.ok}
        cancelText={t.cancel}
        okButtonProps={{ disabled: ask?.required === true && note.trim() === "" }}
        onCancel={() => setAsk(null)}
        onOk={() => {
          const run = ask?.run;
          setAsk(null);
          if (run) post(() => run(note.trim()));
        }}
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t.reason}
          placeholder={ask?.required ? t.reasonRequired : t.reason}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
          maxLength={2000}
        />
      </Modal>
    </>
  );
}
