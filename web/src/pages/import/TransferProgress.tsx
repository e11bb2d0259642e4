// Where a long request stands: the upload's percentage, then the server reading (or importing) the plan.
import { Progress as Bar, Typography } from "antd";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Progress } from "./transfer.ts";

const text = {
  zh: {
    uploading: "正在上传 {p}%",
    parsing: "正在解析文件、匹配责任单位…",
    importing: "正在导入：写入任务、举措和分工…",
  },
  en: {
    uploading: "Uploading {p}%",
    parsing: "Reading the file and matching units…",
    importing: "Importing: writing tasks, measures and assignments…",
  },
};

export function TransferProgress({ progress, importing }: { progress: Progress; importing: boolean }) {
  const t = useText(text);
  const uploading = progress.phase === "uploading";
  const percent = uploading ? Math.round(progress.fraction * 100) : 100;
  const label = uploading ? fill(t.uploading, { p: percent }) : importing ? t.importing : t.parsing;
  return (
    <div role="status" aria-live="polite" data-testid="transfer-progress" style={{ maxWidth: 480 }}>
      <Typography.Text>{label}</Typography.Text>
      <Bar percent={percent} status="active" showInfo={false} aria-label={label} />
    </div>
  );
}
