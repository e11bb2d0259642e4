// 进展报告 / 年度工作总结: pick whose work (a unit, or all the user may see) and which period, then the
// server drafts the .docx from the register and each unit's latest reports within the period.
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Form, Modal, Segmented, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { ApiError, errorMessage } from "../../api/client.ts";
import type { SessionUser } from "../../auth/session.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { downloadFile } from "./download.ts";
import {
  defaultPeriod,
  localToday,
  type PeriodChoice,
  type PeriodKind,
  partsBegun,
  periodParam,
  reportYears,
  settle,
  withKind,
} from "./reportPeriods.ts";

const text = {
  zh: {
    title: "进展报告 / 年度工作总结",
    intro:
      "按计划任务逐条汇总所选单位的落实情况（报告期内最新报送的进展）、逾期和即将到期事项、指标完成情况，生成可在 WPS 或 Word 中修改的初稿。",
    unit: "单位",
    all: "我可查看的全部责任单位",
    kind: "报告期",
    year: "年度工作总结",
    quarter: "季度进展",
    month: "月度进展",
    to_date: "截至今日",
    whichYear: "年份",
    whichQuarter: "季度",
    whichMonth: "月份",
    yearLabel: "{y}年",
    quarterLabel: "第{q}季度",
    monthLabel: "{m}月",
    download: "生成并下载 .docx",
    cancel: "取消",
    preparing: "正在生成文档，较大的计划需要几秒钟…",
    saved: "已下载：{name}",
    notFound: "所选单位不在您的工作范围内，或这个计划已不能查看。请刷新页面后重新选择。",
    badPeriod: "这个报告期还没有开始，请选择已经开始的年度、季度或月份。",
  },
  en: {
    title: "Progress report / annual work summary",
    intro:
      "Drafts a document you can edit in WPS or Word: the chosen unit's work task by task (its latest report within the period), overdue and due-soon items, and the indicators.",
    unit: "Unit",
    all: "All units I may see",
    kind: "Period",
    year: "Annual summary",
    quarter: "Quarter",
    month: "Month",
    to_date: "To date",
    whichYear: "Year",
    whichQuarter: "Quarter",
    whichMonth: "Month",
    yearLabel: "{y}",
    quarterLabel: "Q{q}",
    monthLabel: "Month {m}",
    download: "Draft and download .docx",
    cancel: "Cancel",
    preparing: "Drafting the document; a large plan takes a few seconds…",
    saved: "Downloaded: {name}",
    notFound:
      "The chosen unit is outside your work, or the plan can no longer be seen. Reload the page and choose again.",
    badPeriod: "That period has not begun yet; choose a year, quarter or month that has.",
  },
};

/** The whole scope the user may see: the report leaves orgId out. */
const ALL = 0;

type Props = {
  plan: { id: number; title: string; periodFrom: number | null; periodTo: number | null };
  /** The plan's units the user sees (its assignments' orgs). */
  units: { value: number; label: string }[];
  user: SessionUser;
  ownOrgName: string | undefined;
  /** The unit the plan view is filtered to, if any: the natural choice. */
  filteredOrg: number | undefined;
  onClose(): void;
};

export function ReportModal({ plan, units, user, ownOrgName, filteredOrg, onClose }: Props) {
  const t = useText(text);
  const { message } = App.useApp();
  const today = localToday();
  const years = reportYears(plan, today);
  const options = useMemo(() => {
    // A reporter's report is its own org's; the server scopes it so anyway.
    if (user.role === "reporter")
      return [{ value: user.orgId, label: units.find((u) => u.value === user.orgId)?.label ?? ownOrgName ?? "" }];
    return [{ value: ALL, label: t.all }, ...units];
  }, [user, units, ownOrgName, t.all]);
  const initialOrg = [filteredOrg, user.orgId].find((id) => options.some((o) => o.value === id)) ?? ALL;
  const [org, setOrg] = useState<number>(initialOrg);
  const [period, setPeriod] = useState<PeriodChoice>(() => defaultPeriod(plan, today));

  const download = useMutation({
    mutationFn: () => {
      const query = new URLSearchParams();
      if (org !== ALL) query.set("orgId", String(org));
      const p = periodParam(period);
      if (p) query.set("period", p);
      const suffix = query.toString() ? `?${query}` : "";
      return downloadFile(`/api/plans/${plan.id}/report.docx${suffix}`, `${plan.title}.docx`);
    },
    onSuccess(name) {
      message.success(fill(t.saved, { name }));
      onClose();
    },
  });

  const kinds: PeriodKind[] = years.length > 0 ? ["year", "quarter", "month", "to_date"] : ["to_date"];
  const parts = period.kind === "quarter" || period.kind === "month" ? partsBegun(period.kind, period.year, today) : [];
  return (
    <Modal
      open
      title={t.title}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t.cancel}</Button>
          <Button type="primary" loading={download.isPending} onClick={() => download.mutate()}>
            {t.download}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {download.error && (
        <Alert type="error" showIcon title={problemText(download.error, t)} style={{ marginBottom: 12 }} />
      )}
      {download.isPending && <Alert type="info" showIcon title={t.preparing} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        {options.length === 1 ? (
          <Form.Item label={t.unit}>
            <Typography.Text strong>{options[0]?.label}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item label={t.unit} htmlFor="report-unit">
            <Select<number>
              id="report-unit"
              showSearch={{ optionFilterProp: "label" }}
              value={org}
              onChange={setOrg}
              options={options}
            />
          </Form.Item>
        )}
        <Form.Item label={t.kind}>
          {/* Segmented rather than Radio: the shell already carries it, so the first load does not grow. */}
          <Segmented<PeriodKind>
            value={period.kind}
            onChange={(kind) => setPeriod(withKind(period, kind, today))}
            options={kinds.map((k) => ({ value: k, label: t[k] }))}
          />
        </Form.Item>
        {period.kind !== "to_date" && (
          <Space wrap>
            <Form.Item label={t.whichYear} htmlFor="report-year">
              <Select<number>
                id="report-year"
                style={{ width: 120 }}
                value={period.year}
                onChange={(year) => setPeriod(settle({ ...period, year }, today))}
                options={years.map((y) => ({ value: y, label: fill(t.yearLabel, { y }) }))}
              />
            </Form.Item>
            {period.kind !== "year" && (
              <Form.Item label={period.kind === "quarter" ? t.whichQuarter : t.whichMonth} htmlFor="report-part">
                <Select<number>
                  id="report-part"
                  style={{ width: 120 }}
                  value={period.part}
                  onChange={(part) => setPeriod({ ...period, part })}
                  options={parts.map((n) => ({
                    value: n,
                    label: period.kind === "quarter" ? fill(t.quarterLabel, { q: n }) : fill(t.monthLabel, { m: n }),
                  }))}
                />
              </Form.Item>
            )}
          </Space>
        )}
      </Form>
    </Modal>
  );
}

function problemText(error: unknown, t: { notFound: string; badPeriod: string }): string {
  if (error instanceof ApiError && error.status === 404) return t.notFound;
  if (
    error instanceof ApiError &&
    error.status === 400 &&
    error.problem?.errors?.some((e) => e.path === "query.period")
  )
    return t.badPeriod;
  return errorMessage(error);
}
