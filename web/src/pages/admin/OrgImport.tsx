// Loading a directory spreadsheet: the file is checked first (a dry run that says what it would do, or
// lists every bad row and column), then applied in one go. Nothing is written while any row is wrong.
import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError, errorMessage, sendRaw } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { ORGS_KEY } from "./data.ts";

type Outcome = ResponseOf<"/api/orgs/import", "post">;
type RowError = { row?: number; column?: string; message: string; path: string };

const text = {
  zh: {
    title: "导入组织机构表",
    intro:
      "上传 .xlsx 或 .csv 文件，列为：名称、类型、上级、区划代码、是否本级区域局、别名（多个别名用顿号分隔）。可先“导出 Excel”作为模板。已有单位按名称更新，新名称将新建单位。",
    drop: "点击或拖入表格文件（.xlsx / .csv，不超过 10 MB）",
    check: "检查",
    checking: "正在检查…",
    apply: "导入",
    applying: "正在导入…",
    cancel: "关闭",
    preview: "检查通过：将新建 {created} 个单位、更新 {updated} 个单位、新增 {aliases} 个别名。确认无误后点“导入”。",
    applied: "已导入：新建 {created} 个单位、更新 {updated} 个单位、新增 {aliases} 个别名",
    rowErrors: "表格中有 {n} 处问题，未导入任何内容。请在表格中改正后重新上传：",
    row: "行",
    column: "列",
    problem: "问题",
  },
  en: {
    title: "Import the org directory",
    intro:
      "Upload an .xlsx or .csv with the columns 名称, 类型, 上级, 区划代码, 是否本级区域局, 别名 (aliases separated by 、). “Export Excel” gives a template. Existing units are updated by name; new names become new units.",
    drop: "Click or drop a spreadsheet (.xlsx / .csv, up to 10 MB)",
    check: "Check",
    checking: "Checking…",
    apply: "Import",
    applying: "Importing…",
    cancel: "Close",
    preview:
      "The file is fine: it would create {created} units, update {updated} and add {aliases} aliases. Press “Import” to apply it.",
    applied: "Imported: {created} units created, {updated} updated, {aliases} aliases added",
    rowErrors: "The file has {n} problem(s); nothing was imported. Fix them in the spreadsheet and upload it again:",
    row: "Row",
    column: "Column",
    problem: "Problem",
  },
};

export function OrgImport({ onClose }: { onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async ({ dryRun }: { dryRun: boolean }) => {
      if (!file) throw new Error("no file");
      const path = `/api/orgs/import?name=${encodeURIComponent(file.name)}&dryRun=${dryRun}`;
      return (await sendRaw("POST", path, file, file.type || "application/octet-stream")) as Outcome;
    },
    onSuccess(outcome) {
      if (outcome.dryRun) return;
      message.success(fill(t.applied, counts(outcome)));
      void client.invalidateQueries({ queryKey: ORGS_KEY });
      void client.invalidateQueries({ queryKey: ["audit"] });
      onClose();
    },
  });
  const rowErrors: RowError[] =
    run.error instanceof ApiError && run.error.status === 422 ? (run.error.problem?.errors ?? []) : [];
  const checked = run.data?.dryRun ? run.data : null;

  return (
    <Modal
      open
      title={t.title}
      onCancel={onClose}
      width={720}
      footer={
        <Space>
          <Button onClick={onClose}>{t.cancel}</Button>
          <Button
            disabled={!file || run.isPending}
            loading={run.isPending && run.variables?.dryRun}
            onClick={() => run.mutate({ dryRun: true })}
          >
            {run.isPending && run.variables?.dryRun ? t.checking : t.check}
          </Button>
          <Button
            type="primary"
            disabled={!checked || run.isPending}
            loading={run.isPending && !run.variables?.dryRun}
            onClick={() => run.mutate({ dryRun: false })}
          >
            {run.isPending && !run.variables?.dryRun ? t.applying : t.apply}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        fileList={file ? [{ uid: "sheet", name: file.name, status: "done" }] : []}
        beforeUpload={(chosen) => {
          setFile(chosen);
          run.reset();
          return false;
        }}
        onRemove={() => {
          setFile(null);
          run.reset();
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t.drop}</p>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        {checked && <Alert type="success" showIcon title={fill(t.preview, counts(checked))} />}
        {run.error && rowErrors.length === 0 && <Alert type="error" showIcon title={errorMessage(run.error)} />}
        {rowErrors.length > 0 && (
          <>
            <Alert type="error" showIcon title={fill(t.rowErrors, { n: rowErrors.length })} />
            <Table<RowError>
              data-testid="import-errors"
              size="small"
              rowKey={(e) => `${e.path}:${e.message}`}
              dataSource={rowErrors}
              pagination={rowErrors.length > 10 ? { pageSize: 10 } : false}
              style={{ marginTop: 8 }}
              columns={[
                { title: t.row, dataIndex: "row", width: 64, render: (row?: number) => row ?? "—" },
                { title: t.column, dataIndex: "column", width: 120, render: (column?: string) => column ?? "—" },
                { title: t.problem, dataIndex: "message" },
              ]}
            />
          </>
        )}
      </div>
    </Modal>
  );
}

function counts(outcome: Outcome) {
  return { created: outcome.created, updated: outcome.updated, aliases: outcome.aliasesAdded };
}
