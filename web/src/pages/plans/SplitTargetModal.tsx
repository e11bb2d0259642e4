// 指标分解: the office splits an indicator's target for a year among the orgs directly under it, by form
// (PUT /api/indicators/:id/targets) or by sheet (download the template, fill it in, upload it: every bad
// row is named and nothing is kept). The sum is checked as you type for counts; a short or over sum is
// a warning, not a refusal.
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, InputNumber, Modal, Select, Space, Table, Typography, Upload } from "antd";
import { useEffect, useMemo, useState } from "react";
import { ApiError, api, csrfHeaders, errorMessage, type Problem, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { downloadFile } from "./download.ts";
import type { Indicator } from "./indicatorData.ts";
import { formatValue } from "./indicators.ts";

const text = {
  zh: {
    title: "指标分解：{name}",
    intro: "把本单位的目标分解到直属下级单位。可逐个填写，也可下载分解表填好后上传。",
    year: "目标年度",
    org: "单位",
    share: "分解目标",
    upper: "本级目标 {v}",
    noUpper: "本级该年度未设定目标",
    sum: "已分解合计 {v}",
    ok: "分解合计与本级目标一致。",
    short: "分解合计比本级目标少 {d}，请核对（仍可保存）。",
    over: "分解合计比本级目标多 {d}，请核对（仍可保存）。",
    notAdditive: "比率、人均类指标不能相加，不校验合计。",
    download: "下载分解表",
    upload: "上传分解表",
    uploaded: "已导入 {n} 个单位的分解目标。",
    rejected: "分解表未导入（未保存任何数据），请修改以下问题后重新上传：",
    save: "保存分解",
    cancel: "关闭",
    noOrgs: "本单位没有直属下级单位。",
    saved: "已保存。",
  },
  en: {
    title: "Split the target: {name}",
    intro:
      "Split your office's target among the orgs directly under it: fill in each, or download the split sheet, fill it in and upload it.",
    year: "Target year",
    org: "Org",
    share: "Share",
    upper: "Your target {v}",
    noUpper: "No target of your own for this year",
    sum: "Shares add up to {v}",
    ok: "The shares add up to your target.",
    short: "The shares fall {d} short of your target; check them (you may still save).",
    over: "The shares exceed your target by {d}; check them (you may still save).",
    notAdditive: "Rates and per-capita figures do not add up; the sum is not checked.",
    download: "Download split sheet",
    upload: "Upload split sheet",
    uploaded: "Shares of {n} orgs imported.",
    rejected: "The sheet was not imported (nothing was kept). Fix these and upload it again:",
    save: "Save shares",
    cancel: "Close",
    noOrgs: "Your office has no orgs directly under it.",
    saved: "Saved.",
  },
};

type Props = {
  planId: number;
  indicator: Indicator;
  /** The office splitting and the orgs directly under it. */
  officeOrgId: number;
  orgs: { id: number; name: string }[];
  onClose: () => void;
};

async function uploadSheet(indicatorId: number, file: File, under: number): Promise<{ shares: number }> {
  const response = await fetch(`/api/indicators/${indicatorId}/targets/sheet?under=${under}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { ...csrfHeaders(), "content-type": "application/octet-stream" },
    body: file,
  });
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new ApiError(response.status, body as Problem | undefined);
  return body as { shares: number };
}

export function SplitTargetModal({ planId, indicator, officeOrgId, orgs, onClose }: Props) {
  const t = useText(text);
  const queryClient = useQueryClient();
  const years = indicator.pace.path.map((p) => p.year);
  const [year, setYear] = useState<number>(years.at(-1) ?? new Date().getFullYear());
  const [values, setValues] = useState<Record<number, number | null>>({});
  const [notice, setNotice] = useState<{ type: "success" | "error"; text: string; errors?: string[] } | null>(null);
  const shares = useQuery({
    queryKey: ["indicator-targets", indicator.id],
    queryFn: () => unwrap(api.GET("/api/indicators/{id}/targets", { params: { path: { id: indicator.id } } })),
  });
  const stored = useMemo(
    () => new Map((shares.data?.items ?? []).filter((s) => s.year === year).map((s) => [s.orgId, s.target])),
    [shares.data, year],
  );
  // Keyed on the ids, not the array: the page hands a fresh array on every render, and resetting the
  // form then would wipe what the office is typing.
  const orgKey = orgs.map((o) => o.id).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: orgKey stands for orgs
  useEffect(() => {
    setValues(Object.fromEntries(orgs.map((o) => [o.id, stored.get(o.id) ?? null])));
  }, [orgKey, stored]);
  const upper =
    officeOrgId === indicator.pace.headline.orgId
      ? indicator.pace.path.find((p) => p.year === year)?.value
      : (shares.data?.items ?? []).find((s) => s.orgId === officeOrgId && s.year === year)?.target;
  const total = Object.values(values).reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const difference = upper === undefined ? null : Math.round((total - upper) * 1e6) / 1e6;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["indicator-targets", indicator.id] });
    await queryClient.invalidateQueries({ queryKey: ["indicators", planId] });
  };
  const save = useMutation({
    mutationFn: () => {
      const changed = orgs.filter((o) => (values[o.id] ?? null) !== (stored.get(o.id) ?? null));
      return unwrap(
        api.PUT("/api/indicators/{id}/targets", {
          params: { path: { id: indicator.id } },
          body: { year, shares: changed.map((o) => ({ orgId: o.id, target: values[o.id] ?? null })) },
        }),
      );
    },
    onSuccess: async () => {
      setNotice({ type: "success", text: t.saved });
      await refresh();
    },
    onError: (error) => setNotice({ type: "error", text: errorMessage(error) }),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadSheet(indicator.id, file, officeOrgId),
    onSuccess: async (r) => {
      setNotice({ type: "success", text: fill(t.uploaded, { n: r.shares }) });
      await refresh();
    },
    onError: (error) =>
      setNotice({
        type: "error",
        text: t.rejected,
        errors:
          error instanceof ApiError && error.problem?.errors
            ? error.problem.errors.map((e) => e.message)
            : [errorMessage(error)],
      }),
  });
  const nothingChanged = orgs.every((o) => (values[o.id] ?? null) === (stored.get(o.id) ?? null));
  return (
    <Modal
      open
      title={fill(t.title, { name: indicator.name })}
      onCancel={onClose}
      width={720}
      footer={[
        <Button key="close" onClick={onClose}>
          {t.cancel}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={save.isPending}
          disabled={nothingChanged}
          onClick={() => save.mutate()}
          data-testid="split-save"
        >
          {t.save}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t.year}</span>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={(years.length > 0 ? years : [year]).map((y) => ({ value: y, label: String(y) }))}
          aria-label={t.year}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadFile(
              `/api/indicators/${indicator.id}/targets/sheet?year=${year}&under=${officeOrgId}`,
              `指标分解-${year}.xlsx`,
            ).catch((e: unknown) => setNotice({ type: "error", text: errorMessage(e) }))
          }
        >
          {t.download}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t.upload}
          </Button>
        </Upload>
      </Space>
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          title={notice.text}
          description={
            notice.errors && (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {notice.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 12 }}
          data-testid="split-notice"
        />
      )}
      <Table
        rowKey="id"
        size="small"
        dataSource={orgs}
        loading={shares.isPending}
        pagination={orgs.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
        locale={{ emptyText: t.noOrgs }}
        columns={[
          { title: t.org, dataIndex: "name" },
          {
            title: `${t.share}（${indicator.unit}）`,
            key: "share",
            width: 180,
            render: (_: unknown, o: { id: number; name: string }) => (
              <InputNumber
                value={values[o.id] ?? null}
                disabled={shares.isPending}
                onChange={(v) => setValues((prev) => ({ ...prev, [o.id]: v ?? null }))}
                style={{ width: 150 }}
                aria-label={`${o.name} ${t.share}`}
              />
            ),
          },
        ]}
      />
      <Space orientation="vertical" size={4} style={{ marginTop: 12 }} data-testid="split-sum">
        <Typography.Text>
          {fill(t.sum, { v: formatValue(total, indicator.unit) })} ·{" "}
          {upper === undefined ? t.noUpper : fill(t.upper, { v: formatValue(upper, indicator.unit) })}
        </Typography.Text>
        {!indicator.pace.additive ? (
          <Typography.Text type="secondary">{t.notAdditive}</Typography.Text>
        ) : difference === null ? null : difference === 0 ? (
          <Alert type="success" showIcon title={t.ok} />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={fill(difference < 0 ? t.short : t.over, { d: formatValue(Math.abs(difference), indicator.unit) })}
          />
        )}
      </Space>
    </Modal>
  );
}

export default SplitTargetModal;
