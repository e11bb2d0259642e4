// 分解 / 汇总 (issue 10) for the unit holding an assignment: the form that decomposes it to units under it
// (each with its role, a due date not later than the parent's, and an instruction), and the list of its
// sub-assignments with their status, latest report and the subtree's roll-up (at risk when any is overdue).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Drawer, Form, Input, List, Select, Space, Tag, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { BodyOf, ResponseOf } from "../../api/types.ts";
import { can, useUser } from "../../auth/session.ts";
import { StatusTag, toneStyle } from "../../components/StatusTag.tsx";
import { REPORT_STATUS_LABEL, type ReportStatus, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";

// The report form loads on first use (it imports this module for its sub-units' list).
const ReportDrawer = lazy(() => import("./ReportDrawer.tsx").then((m) => ({ default: m.ReportDrawer })));

export type Subtree = ResponseOf<"/api/assignments/{id}/children">["subtree"];
type SubAssignment = ResponseOf<"/api/assignments/{id}/children">["children"][number];
type ChildInput = BodyOf<"/api/assignments/{id}/decompose", "post">["children"][number];
type Row = { orgId?: number; role: "lead" | "support"; dueOn?: string; instruction?: string };

const text = {
  zh: {
    decompose: "分解",
    title: "分解到下级单位",
    intro: "把本单位承担的这项任务分解给下属单位（内设处室或下一级单位）。下级单位的报送汇总到本单位。",
    unit: "单位",
    unitHint: "输入名称查找下属单位",
    role: "职责",
    due: "完成时限",
    dueHint: "不晚于 {due}",
    dueLate: "不能晚于上级任务的完成时限（{due}）",
    instruction: "工作要求",
    add: "再加一个单位",
    remove: "移除",
    submit: "分解",
    saved: "已分解给 {n} 个单位",
    required: "请选择单位",
    holds: "已承担",
    none: "没有可分解的下属单位。",
    children: "分解情况",
    noChildren: "尚未分解。",
    latest: "最近报送",
    noReport: "尚未报送",
    subtree: "下级 {total} 项：逾期 {overdue}，完成 {done}",
    atRisk: "下级有逾期",
    onTrack: "下级正常",
    allDone: "下级均已完成",
    report: "汇总报送",
    deeper: "再分解给 {n} 个单位",
  },
  en: {
    decompose: "Decompose",
    title: "Decompose to sub-units",
    intro:
      "Break this assignment down to units under yours (its divisions or the next level's bureaus). Their reports roll up to your unit.",
    unit: "Unit",
    unitHint: "Type a name to find a unit under yours",
    role: "Role",
    due: "Due",
    dueHint: "Not later than {due}",
    dueLate: "Not later than the parent assignment's due date ({due})",
    instruction: "Instruction",
    add: "Add another unit",
    remove: "Remove",
    submit: "Decompose",
    saved: "Decomposed to {n} unit(s)",
    required: "Choose a unit",
    holds: "holds it",
    none: "There is no unit under yours to decompose to.",
    children: "Sub-assignments",
    noChildren: "Not decomposed.",
    latest: "Latest report",
    noReport: "No report yet",
    subtree: "{total} below: {overdue} overdue, {done} done",
    atRisk: "Sub-units overdue",
    onTrack: "Sub-units on track",
    allDone: "Sub-units all done",
    report: "File consolidated report",
    deeper: "Decomposed further to {n} unit(s)",
  },
};

export const childrenKey = (assignmentId: number) => ["assignment", assignmentId, "children"] as const;

/** The subtree's roll-up as a tag: red when anything below is overdue. */
export function SubtreeTag({ subtree }: { subtree: NonNullable<Subtree> }) {
  const t = useText(text);
  // The status tags' own accessible colours (antd's preset greens and oranges fail contrast).
  const [tone, label] =
    subtree.status === "at_risk"
      ? (["overdue", t.atRisk] as const)
      : subtree.status === "done"
        ? (["done", t.allDone] as const)
        : (["on_track", t.onTrack] as const);
  return (
    <Tag style={toneStyle(tone)} data-subtree={subtree.status} title={fill(t.subtree, subtree)}>
      {label} · {fill(t.subtree, subtree)}
    </Tag>
  );
}

/** The sub-assignments of one assignment, each with its status, due date and latest report. */
export function SubAssignments({ assignmentId, compact }: { assignmentId: number; compact?: boolean }) {
  const t = useText(text);
  const { lang } = useLang();
  const children = useQuery({
    queryKey: childrenKey(assignmentId),
    queryFn: () => unwrap(api.GET("/api/assignments/{id}/children", { params: { path: { id: assignmentId } } })),
  });
  if (children.error) return <Alert type="error" showIcon title={errorMessage(children.error)} />;
  const data = children.data;
  if (!data) return null;
  if (data.children.length === 0)
    return compact ? null : <Typography.Text type="secondary">{t.noChildren}</Typography.Text>;
  return (
    <div data-testid={`children-${assignmentId}`}>
      {data.subtree && (
        <div style={{ marginBottom: 8 }}>
          <SubtreeTag subtree={data.subtree} />
        </div>
      )}
      <List<SubAssignment>
        size="small"
        bordered
        dataSource={data.children}
        renderItem={(c) => (
          <List.Item data-testid="sub-assignment" data-org={c.orgName} style={{ display: "block" }}>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
              <Typography.Text strong>{c.orgName}</Typography.Text>
              {c.status && <StatusTag status={c.status} />}
              <Typography.Text type="secondary">
                {UNIT_ROLE_LABEL[lang][c.role as "lead" | "support"] ?? c.role} · {t.due} {c.dueOn ?? "—"}
              </Typography.Text>
              {c.subtree && <SubtreeTag subtree={c.subtree} />}
            </div>
            {c.instruction && (
              <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
                {t.instruction}：{c.instruction}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph style={{ margin: "4px 0 0" }} ellipsis={compact ? { rows: 2 } : false}>
              {t.latest}：
              {c.latestPeriod
                ? `${c.latestPeriod} · ${REPORT_STATUS_LABEL[lang][c.latestStatus as ReportStatus] ?? c.latestStatus}${
                    c.latestNarrative ? ` — ${c.latestNarrative}` : ""
                  }`
                : t.noReport}
            </Typography.Paragraph>
            {/* Decomposed further: its own sub-assignments, one level at a time on demand. */}
            {c.subtree && !compact && (
              <details style={{ marginTop: 4 }}>
                <summary>{fill(t.deeper, { n: c.subtree.children })}</summary>
                <div style={{ paddingLeft: 12, marginTop: 4 }}>
                  <SubAssignments assignmentId={c.id} />
                </div>
              </details>
            )}
          </List.Item>
        )}
      />
    </div>
  );
}

/** The decompose form in a drawer; closes on success. */
export function DecomposeDrawer({
  assignment,
  onClose,
}: {
  assignment: { id: number; measureText: string } | null;
  onClose(): void;
}) {
  const t = useText(text);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ children: Row[] }>();
  const id = assignment?.id ?? 0;
  const targets = useQuery({
    queryKey: ["assignment", id, "decompose-targets"],
    enabled: assignment !== null,
    queryFn: () => unwrap(api.GET("/api/assignments/{id}/decompose-targets", { params: { path: { id } } })),
  });
  const parentDue = targets.data?.dueOn ?? null;
  const byId = new Map((targets.data?.orgs ?? []).map((o) => [o.id, o]));
  const label = (orgId: number) => {
    const names: string[] = [];
    for (let o = byId.get(orgId); o; o = o.parentId === null ? undefined : byId.get(o.parentId)) names.unshift(o.name);
    return names.join(" / ");
  };
  const options = (targets.data?.orgs ?? []).map((o) => ({
    value: o.id,
    label: o.holds ? `${label(o.id)}（${t.holds}）` : label(o.id),
    disabled: o.holds,
  }));
  const submit = useMutation({
    mutationFn: (rows: Row[]) =>
      unwrap(
        api.POST("/api/assignments/{id}/decompose", {
          params: { path: { id } },
          body: {
            children: rows.map(
              (r): ChildInput => ({
                orgId: r.orgId ?? 0,
                role: r.role,
                ...(r.dueOn ? { dueOn: r.dueOn } : {}),
                ...(r.instruction?.trim() ? { instruction: r.instruction.trim() } : {}),
              }),
            ),
          },
        }),
      ),
    onSuccess(result) {
      message.success(fill(t.saved, { n: result.children.length }));
      void client.invalidateQueries({ queryKey: ["assignment"] });
      void client.invalidateQueries({ queryKey: ["assignments"] });
      void client.invalidateQueries({ queryKey: ["measure"] });
      onClose();
    },
  });
  return (
    <Drawer open={assignment !== null} onClose={onClose} title={t.title} size="min(560px, 100vw)" destroyOnHidden>
      <Typography.Paragraph strong>{assignment?.measureText}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {targets.error && <Alert type="error" showIcon title={errorMessage(targets.error)} />}
      {targets.data && targets.data.orgs.length === 0 && <Alert type="info" showIcon title={t.none} />}
      {submit.error && <Alert type="error" showIcon title={errorMessage(submit.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ children: [{ role: "lead" }] }}
        onFinish={(values) => submit.mutate(values.children)}
        disabled={!targets.data}
      >
        <Form.List name="children">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`decompose-row-${index}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" type="link" onClick={() => remove(field.name)}>
                        {t.remove}
                      </Button>
                    )
                  }
                >
                  <Form.Item
                    label={t.unit}
                    name={[field.name, "orgId"]}
                    rules={[{ required: true, message: t.required }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: "label" }}
                      placeholder={t.unitHint}
                      options={options}
                      loading={targets.isPending}
                    />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item label={t.role} name={[field.name, "role"]}>
                      <Select
                        style={{ width: 120 }}
                        options={(["lead", "support"] as const).map((r) => ({
                          value: r,
                          label: UNIT_ROLE_LABEL[lang][r],
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      label={t.due}
                      name={[field.name, "dueOn"]}
                      extra={parentDue ? fill(t.dueHint, { due: parentDue }) : undefined}
                      rules={[
                        {
                          validator: (_, value: string | undefined) =>
                            value && parentDue && value > parentDue
                              ? Promise.reject(new Error(fill(t.dueLate, { due: parentDue })))
                              : Promise.resolve(),
                        },
                      ]}
                    >
                      <Input type="date" max={parentDue ?? undefined} style={{ width: 170 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item label={t.instruction} name={[field.name, "instruction"]} style={{ marginBottom: 0 }}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Card>
              ))}
              <Button block onClick={() => add({ role: "support" })} style={{ marginBottom: 12 }}>
                {t.add}
              </Button>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={submit.isPending} block>
          {t.submit}
        </Button>
      </Form>
    </Drawer>
  );
}

/** A "分解" button opening the form, for users who may write the assignment's org. */
export function DecomposeButton({
  assignment,
  size,
}: {
  assignment: { id: number; measureText: string; orgId: number };
  size?: "small" | "middle";
}) {
  const t = useText(text);
  const user = useUser();
  const [open, setOpen] = useState(false);
  if (!can.report(user.role)) return null;
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)} data-testid={`decompose-${assignment.id}`}>
        {t.decompose}
      </Button>
      {open && <DecomposeDrawer assignment={assignment} onClose={() => setOpen(false)} />}
    </>
  );
}

/** On the measure page: the user's own unit's assignments of the measure, their children and the button. */
export function DecomposePanel({ assignments }: { assignments: { id: number; measureText: string; orgId: number }[] }) {
  const user = useUser();
  const mine = assignments.filter((a) => a.orgId === user.orgId);
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((a) => (
        <OwnAssignment key={a.id} assignment={a} />
      ))}
    </>
  );
}

function OwnAssignment({ assignment }: { assignment: { id: number; measureText: string; orgId: number } }) {
  const t = useText(text);
  const user = useUser();
  const [reporting, setReporting] = useState(false);
  const children = useQuery({
    queryKey: childrenKey(assignment.id),
    queryFn: () => unwrap(api.GET("/api/assignments/{id}/children", { params: { path: { id: assignment.id } } })),
  });
  const decomposed = (children.data?.children.length ?? 0) > 0;
  return (
    <Card
      size="small"
      title={t.children}
      extra={
        <Space size={4} wrap>
          {decomposed && can.report(user.role) && (
            <Button size="small" type="primary" onClick={() => setReporting(true)}>
              {t.report}
            </Button>
          )}
          <DecomposeButton assignment={assignment} size="small" />
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="decompose-panel"
    >
      <SubAssignments assignmentId={assignment.id} />
      {reporting && (
        <Suspense fallback={null}>
          <ReportDrawer assignment={{ ...assignment, missingPeriod: null }} onClose={() => setReporting(false)} />
        </Suspense>
      )}
    </Card>
  );
}
