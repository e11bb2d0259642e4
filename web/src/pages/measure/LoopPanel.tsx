// The supervision loop on the measure page (issue 10): per unit its acknowledgement (签收), due date with
// the original kept after an extension (延期), its closure (办结: applied, approved, rejected with the
// reason), the review of its latest report (审核: 退回 Returned until filed again), and the buttons the
// caller may use: acknowledge, ask for an extension, accept/return a report, approve/reject an extension
// or a closure.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Input, Modal, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { toneStyle } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

type Item = ResponseOf<"/api/measures/{id}/loop">["items"][number];

const text = {
  zh: {
    title: "督办闭环",
    unit: "单位",
    ack: "签收",
    acknowledged: "已签收",
    notAcknowledged: "未签收",
    due: "完成时限",
    original: "原定 {date}",
    closure: "办结",
    open: "未申请",
    applied: "申请办结（待审批）",
    approved: "已办结",
    rejected: "办结被退回：{note}",
    report: "最近报告",
    returned: "退回",
    accepted: "已通过",
    waiting: "待审核",
    accept: "通过",
    return: "退回",
    extend: "申请延期",
    extensionPending: "延期待审批：延至 {date}",
    withdraw: "撤回申请",
    approve: "批准",
    reject: "不批准",
    reason: "理由",
    newDue: "新的完成时限",
    done: "已处理",
    ok: "确定",
    cancel: "取消",
  },
  en: {
    title: "Supervision loop",
    unit: "Unit",
    ack: "Acknowledge",
    acknowledged: "Acknowledged",
    notAcknowledged: "Not acknowledged",
    due: "Due",
    original: "Originally {date}",
    closure: "Closure",
    open: "Not applied",
    applied: "Closure applied for (awaiting approval)",
    approved: "Closed",
    rejected: "Closure rejected: {note}",
    report: "Latest report",
    returned: "Returned",
    accepted: "Accepted",
    waiting: "Awaiting review",
    accept: "Accept",
    return: "Return",
    extend: "Ask for an extension",
    extensionPending: "Extension pending: to {date}",
    withdraw: "Withdraw request",
    approve: "Approve",
    reject: "Reject",
    reason: "Reason",
    newDue: "New due date",
    done: "Done",
    ok: "OK",
    cancel: "Cancel",
  },
};

type Dialog =
  | { kind: "reason"; title: string; run: (note: string) => Promise<unknown> }
  | { kind: "extend"; assignmentId: number };

export function LoopPanel({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [note, setNote] = useState("");
  const [date, setDate] = useState<Dayjs | null>(null);
  const loop = useQuery({
    queryKey: ["measure", measure.id, "loop"],
    queryFn: () => unwrap(api.GET("/api/measures/{id}/loop", { params: { path: { id: measure.id } } })),
  });
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess() {
      message.success(t.done);
      for (const key of ["measure", "loop", "assignments", "assignment"])
        void client.invalidateQueries({ queryKey: [key] });
    },
    onError(error) {
      message.error(errorMessage(error));
    },
  });
  if (loop.error) return <Alert type="error" showIcon title={errorMessage(loop.error)} />;
  if (!loop.data) return null;
  const names = new Map(measure.assignments.map((a) => [a.id, a]));
  const ask = (title: string, run: (n: string) => Promise<unknown>) => {
    setNote("");
    setDialog({ kind: "reason", title, run });
  };
  return (
    <Card size="small" title={t.title} style={{ marginBottom: 16 }} data-testid="loop-panel">
      <Table<Item>
        rowKey="assignmentId"
        size="small"
        pagination={loop.data.items.length > 20 ? { pageSize: 20 } : false}
        dataSource={loop.data.items}
        scroll={{ x: true }}
        columns={[
          { title: t.unit, key: "unit", render: (_, i) => names.get(i.assignmentId)?.orgName ?? i.orgId },
          {
            title: t.ack,
            key: "ack",
            render: (_, i) =>
              i.acknowledgedAt ? (
                <Tag style={toneStyle("done")}>{t.acknowledged}</Tag>
              ) : i.can.acknowledge ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() =>
                    act.mutate(() =>
                      unwrap(
                        api.POST("/api/assignments/{id}/acknowledge", {
                          params: { path: { id: i.assignmentId } },
                          body: {},
                        }),
                      ),
                    )
                  }
                >
                  {t.ack}
                </Button>
              ) : (
                <Tag style={toneStyle("report_missing")}>{t.notAcknowledged}</Tag>
              ),
          },
          {
            title: t.due,
            key: "due",
            render: (_, i) => {
              const pending = i.extensions.find((e) => e.state === "pending");
              return (
                <Space direction="vertical" size={0}>
                  <span>{i.dueOn ?? "—"}</span>
                  {i.originalDueOn && (
                    <Typography.Text type="secondary" delete>
                      {fill(t.original, { date: i.originalDueOn })}
                    </Typography.Text>
                  )}
                  {pending && (
                    <Space size={4} wrap>
                      <Tag style={toneStyle("report_missing")}>
                        {fill(t.extensionPending, { date: pending.requestedDueOn })}
                      </Tag>
                      {i.can.withdrawExtension && (
                        <Button
                          size="small"
                          data-testid="withdraw-extension"
                          onClick={() =>
                            act.mutate(() =>
                              unwrap(
                                api.POST("/api/extensions/{id}/withdraw", {
                                  params: { path: { id: pending.id } },
                                  body: { expectedVersion: pending.version },
                                }),
                              ),
                            )
                          }
                        >
                          {t.withdraw}
                        </Button>
                      )}
                      {i.can.review && (
                        <>
                          <Button
                            size="small"
                            onClick={() =>
                              act.mutate(() =>
                                unwrap(
                                  api.POST("/api/extensions/{id}/decide", {
                                    params: { path: { id: pending.id } },
                                    body: { approve: true, expectedVersion: pending.version },
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
                              ask(t.reject, (n) =>
                                unwrap(
                                  api.POST("/api/extensions/{id}/decide", {
                                    params: { path: { id: pending.id } },
                                    body: { approve: false, note: n },
                                  }),
                                ),
                              )
                            }
                          >
                            {t.reject}
                          </Button>
                        </>
                      )}
                    </Space>
                  )}
                  {i.can.requestExtension && (
                    <Button
                      size="small"
                      onClick={() => {
                        setNote("");
                        setDate(null);
                        setDialog({ kind: "extend", assignmentId: i.assignmentId });
                      }}
                    >
                      {t.extend}
                    </Button>
                  )}
                </Space>
              );
            },
          },
          {
            title: t.report,
            key: "report",
            render: (_, i) => {
              const r = names.get(i.assignmentId)?.reports.at(-1);
              if (!r) return "—";
              const state = r.review.state;
              return (
                <Space size={4} wrap>
                  {r.period}
                  {state === "returned" ? (
                    <Tag color="red" title={r.review.note ?? undefined}>
                      {t.returned}
                      {r.review.note ? `：${r.review.note}` : ""}
                    </Tag>
                  ) : state === "accepted" ? (
                    <Tag style={toneStyle("done")}>{t.accepted}</Tag>
                  ) : (
                    <Tag>{t.waiting}</Tag>
                  )}
                  {i.can.review && state === null && (
                    <>
                      <Button
                        size="small"
                        onClick={() =>
                          act.mutate(() =>
                            unwrap(
                              api.POST("/api/reports/{id}/review", {
                                params: { path: { id: r.id } },
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
                          ask(t.return, (n) =>
                            unwrap(
                              api.POST("/api/reports/{id}/review", {
                                params: { path: { id: r.id } },
                                body: { decision: "return", note: n, expectedVersion: r.version },
                              }),
                            ),
                          )
                        }
                      >
                        {t.return}
                      </Button>
                    </>
                  )}
                </Space>
              );
            },
          },
          {
            title: t.closure,
            key: "closure",
            render: (_, i) => (
              <Space size={4} wrap>
                <Tag
                  style={i.closure === "approved" ? toneStyle("done") : undefined}
                  color={
                    i.closure === "approved"
                      ? undefined
                      : i.closure === "applied"
                        ? "blue"
                        : i.closure === "rejected"
                          ? "red"
                          : "default"
                  }
                >
                  {i.closure === "rejected" ? fill(t.rejected, { note: i.closureNote ?? "" }) : t[i.closure]}
                </Tag>
                {i.can.review && i.closure === "applied" && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        act.mutate(() =>
                          unwrap(
                            api.POST("/api/assignments/{id}/closure/approve", {
                              params: { path: { id: i.assignmentId } },
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
                        ask(t.reject, (n) =>
                          unwrap(
                            api.POST("/api/assignments/{id}/closure/reject", {
                              params: { path: { id: i.assignmentId } },
                              body: { note: n },
                            }),
                          ),
                        )
                      }
                    >
                      {t.reject}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog?.kind === "extend" ? t.extend : dialog?.title}
        okText={t.ok}
        cancelText={t.cancel}
        okButtonProps={{ disabled: note.trim() === "" || (dialog?.kind === "extend" && date === null) }}
        onCancel={() => setDialog(null)}
        onOk={() => {
          const d = dialog;
          const reason = note.trim();
          setDialog(null);
          if (d?.kind === "reason") act.mutate(() => d.run(reason));
          else if (d?.kind === "extend" && date)
            act.mutate(() =>
              unwrap(
                api.POST("/api/assignments/{id}/extensions", {
                  params: { path: { id: d.assignmentId } },
                  body: { dueOn: date.format("YYYY-MM-DD"), reason },
                }),
              ),
            );
        }}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: "100%" }}>
          {dialog?.kind === "extend" && (
            <DatePicker aria-label={t.newDue} placeholder={t.newDue} value={date} onChange={setDate} />
          )}
          <Input.TextArea
            aria-label={t.reason}
            placeholder={t.reason}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            maxLength={2000}
          />
        </Space>
      </Modal>
    </Card>
  );
}
