// The quick progress report: period, status, narrative, percent and evidence files, filed in one step.
import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useEffect, useState } from "react";
import { api, errorMessage, sendRaw, unwrap } from "../../api/client.ts";
import { REPORT_STATUS_LABEL, type ReportStatus } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { SubAssignments, SubtreeTag } from "./Decompose.tsx";

type Target = { id: number; measureText: string; missingPeriod: string | null };
type Values = { period: string; status: ReportStatus; narrative: string; percent: number | null };

const text = {
  zh: {
    title: "填报进展",
    period: "报送期",
    status: "进展状态",
    narrative: "进展情况",
    narrativeHint: "简要说明本期做了什么、取得了什么成效、下一步安排",
    percent: "完成比例（%）",
    evidence: "佐证材料",
    evidenceHint: "点击或拖入文件：PDF、Word、Excel、图片、压缩包，单个不超过 20 MB",
    submit: "提交",
    saved: "进展已报送",
    savedWithFiles: "进展已报送，上传佐证材料 {n} 份",
    existing: "本期已报送过，提交将更新原报送内容。",
    required: "请填写",
    draft: "汇总草稿",
    drafted: "已根据下级单位的最近报送生成草稿，请修改后提交。",
    subUnits: "下级单位报送情况",
  },
  en: {
    title: "Report progress",
    period: "Period",
    status: "Status",
    narrative: "Progress",
    narrativeHint: "What was done this period, what it achieved, what comes next",
    percent: "Percent complete",
    evidence: "Evidence",
    evidenceHint: "Click or drop files: PDF, Word, Excel, images, zip; up to 20 MB each",
    submit: "Submit",
    saved: "Report filed",
    savedWithFiles: "Report filed with {n} evidence file(s)",
    existing: "This period has a report already; submitting updates it.",
    required: "Required",
    draft: "Draft from sub-units",
    drafted: "Drafted from the sub-units' latest reports; edit it before filing.",
    subUnits: "Sub-units' reports",
  },
};

export function ReportDrawer({ assignment, onClose }: { assignment: Target | null; onClose(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const detail = useQuery({
    queryKey: ["assignment", assignment?.id],
    enabled: assignment !== null,
    queryFn: () => unwrap(api.GET("/api/assignments/{id}", { params: { path: { id: assignment?.id ?? 0 } } })),
  });
  const period = Form.useWatch("period", form);
  const existing = detail.data?.reports.find((r) => r.period === period);

  useEffect(() => {
    if (!detail.data) return;
    const chosen = assignment?.missingPeriod ?? detail.data.currentPeriod;
    const previous = detail.data.reports.find((r) => r.period === chosen);
    form.setFieldsValue({
      period: chosen,
      status: previous?.status ?? "in_progress",
      narrative: previous?.narrative ?? "",
      percent: previous?.percent ?? null,
    });
  }, [detail.data, assignment, form]);

  const subtree = detail.data?.subtree ?? null;
  // 汇总: the sub-units' latest narratives, each quoted with its unit, into the narrative field (editable).
  const draft = useMutation({
    mutationFn: () =>
      unwrap(api.GET("/api/assignments/{id}/consolidated-draft", { params: { path: { id: assignment?.id ?? 0 } } })),
    onSuccess(result) {
      form.setFieldsValue({ narrative: result.narrative });
      message.info(t.drafted);
    },
  });

  const submit = useMutation({
    mutationFn: async (values: Values) => {
      if (!assignment) throw new Error("no assignment");
      const report = await unwrap(
        api.POST("/api/assignments/{id}/reports", {
          params: { path: { id: assignment.id } },
          body: { ...values, ...(existing ? { expectedVersion: existing.version } : {}) },
        }),
      );
      for (const file of files) {
        if (!file.originFileObj) continue;
        const name = encodeURIComponent(file.name);
        await sendRaw(
          "POST",
          `/api/reports/${report.id}/evidence?name=${name}`,
          file.originFileObj,
          file.type || "application/octet-stream",
        );
      }
      return files.length;
    },
    onSuccess(uploaded) {
      message.success(uploaded > 0 ? fill(t.savedWithFiles, { n: uploaded }) : t.saved);
      setFiles([]);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ["assignments"] });
      void client.invalidateQueries({ queryKey: ["assignment"] });
      onClose();
    },
  });

  const periods = [
    ...new Set(
      [
        assignment?.missingPeriod,
        detail.data?.currentPeriod,
        ...(detail.data?.reports.map((r) => r.period) ?? []),
      ].filter((p): p is string => Boolean(p)),
    ),
  ];
  return (
    <Drawer open={assignment !== null} onClose={onClose} title={t.title} size="min(560px, 100vw)" destroyOnHidden>
      <Typography.Paragraph strong>{assignment?.measureText}</Typography.Paragraph>
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {submit.error && <Alert type="error" showIcon title={errorMessage(submit.error)} style={{ marginBottom: 12 }} />}
      {existing && <Alert type="info" showIcon title={t.existing} style={{ marginBottom: 12 }} />}
      {subtree && assignment && (
        <details style={{ marginBottom: 12 }} data-testid="report-sub-units">
          <summary>
            {t.subUnits} <SubtreeTag subtree={subtree} />
          </summary>
          <SubAssignments assignmentId={assignment.id} compact />
        </details>
      )}
      {draft.error && <Alert type="error" showIcon title={errorMessage(draft.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => submit.mutate(values)} disabled={!detail.data}>
        <Form.Item label={t.period} name="period" rules={[{ required: true, message: t.required }]}>
          <Select options={periods.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item label={t.status} name="status" rules={[{ required: true, message: t.required }]}>
          <Select
            options={(Object.keys(REPORT_STATUS_LABEL[lang]) as ReportStatus[]).map((s) => ({
              value: s,
              label: REPORT_STATUS_LABEL[lang][s],
            }))}
          />
        </Form.Item>
        {subtree && (
          <Button onClick={() => draft.mutate()} loading={draft.isPending} style={{ marginBottom: 8 }}>
            {t.draft}
          </Button>
        )}
        <Form.Item label={t.narrative} name="narrative" rules={[{ required: true, message: t.required }]}>
          <Input.TextArea rows={subtree ? 8 : 5} placeholder={t.narrativeHint} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item label={t.percent} name="percent">
          <InputNumber min={0} max={100} style={{ width: 120 }} />
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
        <Button type="primary" htmlType="submit" loading={submit.isPending} block>
          {t.submit}
        </Button>
      </Form>
    </Drawer>
  );
}
