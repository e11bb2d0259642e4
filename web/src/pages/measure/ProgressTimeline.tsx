// Each assignment's reports, newest first: period, status, percent, narrative, who filed it and when, and
// the evidence files to download. The lead unit sees its support units' timelines here too.
import { PaperClipOutlined } from "@ant-design/icons";
import { Card, Empty, Space, Tag, Timeline, Typography } from "antd";
import { StatusTag, toneStyle } from "../../components/StatusTag.tsx";
import { REPORT_STATUS_LABEL, type ReportStatus, UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

type Assignment = MeasureDetail["assignments"][number];
type Report = Assignment["reports"][number];

const text = {
  zh: {
    none: "尚未报送进展。",
    by: "{who} 于 {when} 报送",
    unknown: "未知用户",
    due: "完成时限 {due}",
    percent: "完成 {p}%",
    empty: "暂无",
  },
  en: {
    none: "No progress reported yet.",
    by: "Filed by {who} on {when}",
    unknown: "unknown user",
    due: "Due {due}",
    percent: "{p}% done",
    empty: "None",
  },
};

const DOT: Record<ReportStatus, string> = { done: "green", in_progress: "blue", blocked: "red", not_started: "gray" };

const size = (bytes: number) =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function ReportItem({ report }: { report: Report }) {
  const t = useText(text);
  const { lang } = useLang();
  const when = new Date(report.reportedAt).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return (
    <div data-testid={`report-${report.id}`}>
      <Typography.Text strong>
        {report.period} · {REPORT_STATUS_LABEL[lang][report.status]}
        {report.percent !== null && ` · ${fill(t.percent, { p: report.percent })}`}
      </Typography.Text>
      {report.review.state === "returned" && (
        <Tag color="red" style={{ marginInlineStart: 8 }} data-review="returned">
          {lang === "zh" ? "退回" : "Returned"}
          {report.review.note ? `：${report.review.note}` : ""}
        </Tag>
      )}
      {report.review.state === "accepted" && (
        <Tag style={{ ...toneStyle("done"), marginInlineStart: 8 }}>{lang === "zh" ? "审核通过" : "Accepted"}</Tag>
      )}
      {report.narrative && (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>
          {report.narrative}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fill(t.by, { who: report.reportedByName ?? t.unknown, when })}
      </Typography.Text>
      {report.evidence.length > 0 && (
        <Space orientation="vertical" size={0} style={{ display: "flex", marginTop: 4 }}>
          {report.evidence.map((file) => (
            <a key={file.id} href={`/api/evidence/${file.id}`} download={file.fileName}>
              <PaperClipOutlined /> {file.fileName} ({size(file.size)})
            </a>
          ))}
        </Space>
      )}
    </div>
  );
}

export function AssignmentTimeline({ assignment }: { assignment: Assignment }) {
  const t = useText(text);
  const { lang } = useLang();
  const reports = [...assignment.reports].reverse();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>
            {assignment.orgName}（{UNIT_ROLE_LABEL[lang][assignment.role]}）
          </span>
          <StatusTag status={assignment.status} />
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {fill(t.due, { due: assignment.dueOn ?? assignment.deadlineRaw ?? t.empty })}
        </Typography.Text>
      }
      data-testid={`timeline-${assignment.id}`}
    >
      {reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none} />
      ) : (
        <Timeline
          items={reports.map((r) => ({ key: r.id, color: DOT[r.status], content: <ReportItem report={r} /> }))}
        />
      )}
    </Card>
  );
}
