// 调整责任单位 Change units (issue 10, reassignment after import): for the office that issued the plan, a form
// over the measure's top-level units — change a role, remove a unit, add one from the orgs it may see — sent
// as the whole list (PUT /api/measures/:id/units). Removing a unit that has reports asks again (the server
// answers 409) and then confirms; its reports stay in the audit log.
import { EditOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Modal, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { ApiError, api, errorMessage, unwrap } from "../../api/client.ts";
import { UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { OrgPicker, useOrgs } from "../import/OrgPicker.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

type Role = "lead" | "support" | "owner";
type Row = { orgId: number; orgName: string; role: Role; reports: number; assignmentId: number | null };

const text = {
  zh: {
    open: "调整责任单位",
    title: "调整责任单位",
    hint: "未改动的单位保留其进展；新增单位需签收；删除已有报送的单位需再次确认。",
    unit: "单位",
    role: "职责",
    reports: "已报送",
    remove: "移除",
    add: "添加单位",
    addPlaceholder: "选择要添加的单位",
    save: "保存",
    cancel: "取消",
    saved: "已调整：新增 {added}，变更 {changed}，移除 {removed}",
    confirmTitle: "确认移除？",
    confirmBody: "所移除的单位已有报送或办结记录：{detail}。确认后将删除其任务及报告（报告副本保留在审计日志中）。",
    confirm: "确认移除",
    isNew: "新增",
  },
  en: {
    open: "Change units",
    title: "Change units",
    hint: "Unchanged units keep their progress; new units must acknowledge; removing a unit with reports asks again.",
    unit: "Unit",
    role: "Role",
    reports: "Reports",
    remove: "Remove",
    add: "Add a unit",
    addPlaceholder: "Choose a unit to add",
    save: "Save",
    cancel: "Cancel",
    saved: "Changed: {added} added, {changed} changed, {removed} removed",
    confirmTitle: "Remove anyway?",
    confirmBody:
      "A unit you remove has reports or a closure: {detail}. Its assignment and reports will be deleted (a copy of the reports stays in the audit log).",
    confirm: "Remove",
    isNew: "new",
  },
};

export function ChangeUnits({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const [open, setOpen] = useState(false);
  if (!measure.canClose || measure.plan.status === "superseded") return null;
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="change-units">
        {t.open}
      </Button>
      {open && <ChangeUnitsDialog measure={measure} onClose={() => setOpen(false)} />}
    </>
  );
}

function ChangeUnitsDialog({ measure, onClose }: { measure: MeasureDetail; onClose(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const orgs = useOrgs();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [adding, setAdding] = useState<number | undefined>(undefined);
  const current = useQuery({
    queryKey: ["measure", measure.id, "units"],
    queryFn: () => unwrap(api.GET("/api/measures/{id}/units", { params: { path: { id: measure.id } } })),
  });
  const list: Row[] = rows ?? current.data?.units.map((u) => ({ ...u })) ?? [];
  const save = useMutation({
    mutationFn: (confirmRemoval: boolean) =>
      unwrap(
        api.PUT("/api/measures/{id}/units", {
          params: { path: { id: measure.id } },
          body: { units: list.map((r) => ({ orgId: r.orgId, role: r.role })), confirmRemoval },
        }),
      ),
    onSuccess(r) {
      message.success(fill(t.saved, { added: r.added.length, changed: r.changed.length, removed: r.removed.length }));
      for (const key of ["measure", "loop", "assignments", "assignment", "plan", "plans"])
        void client.invalidateQueries({ queryKey: [key] });
      onClose();
    },
    onError(error, confirmRemoval) {
      if (
        !confirmRemoval &&
        error instanceof ApiError &&
        error.status === 409 &&
        /confirmRemoval/.test(error.message)
      ) {
        const kept = new Set(list.map((r) => r.orgId));
        const detail = (current.data?.units ?? [])
          .filter((u) => !kept.has(u.orgId))
          .map((u) => `${u.orgName}（${u.reports}）`)
          .join("、");
        modal.confirm({
          title: t.confirmTitle,
          content: fill(t.confirmBody, { detail }),
          okText: t.confirm,
          okButtonProps: { danger: true },
          cancelText: t.cancel,
          onOk: () => save.mutate(true),
        });
        return;
      }
      message.error(errorMessage(error));
    },
  });
  const set = (next: Row[]) => setRows(next);
  const add = () => {
    const org = orgs.data?.items.find((o) => o.id === adding);
    if (!org || list.some((r) => r.orgId === org.id)) return;
    set([...list, { orgId: org.id, orgName: org.name, role: "support", reports: 0, assignmentId: null }]);
    setAdding(undefined);
  };
  const roles = (["lead", "support", "owner"] as const).map((r) => ({ value: r, label: UNIT_ROLE_LABEL[lang][r] }));
  return (
    <Modal
      open
      title={t.title}
      okText={t.save}
      cancelText={t.cancel}
      onCancel={onClose}
      onOk={() => save.mutate(false)}
      okButtonProps={{ disabled: list.length === 0, loading: save.isPending }}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      {current.error && <Alert type="error" showIcon title={errorMessage(current.error)} />}
      <Table<Row>
        rowKey="orgId"
        size="small"
        loading={current.isPending}
        pagination={list.length > 20 ? { pageSize: 20 } : false}
        dataSource={list}
        columns={[
          {
            title: t.unit,
            key: "unit",
            render: (_, r) => (
              <span>
                {r.orgName}
                {r.assignmentId === null && <Typography.Text type="success"> （{t.isNew}）</Typography.Text>}
              </span>
            ),
          },
          {
            title: t.role,
            key: "role",
            render: (_, r) => (
              <Select<Role>
                size="small"
                aria-label={`${t.role} ${r.orgName}`}
                value={r.role}
                options={roles}
                style={{ width: 100 }}
                onChange={(role) => set(list.map((x) => (x.orgId === r.orgId ? { ...x, role } : x)))}
              />
            ),
          },
          { title: t.reports, dataIndex: "reports", key: "reports" },
          {
            title: "",
            key: "remove",
            render: (_, r) => (
              <Button size="small" danger onClick={() => set(list.filter((x) => x.orgId !== r.orgId))}>
                {t.remove}
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12, width: "100%" }} wrap>
        <div style={{ minWidth: 280 }}>
          <OrgPicker value={adding} onChange={setAdding} placeholder={t.addPlaceholder} label={t.add} />
        </div>
        <Button onClick={add} disabled={adding === undefined} data-testid="change-units-add">
          {t.add}
        </Button>
      </Space>
    </Modal>
  );
}
