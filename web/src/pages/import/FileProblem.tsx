// Why a file could not be used, in the reader's language: the server's own message is kept verbatim and a
// hint in plain words says what to do instead (save as .docx, use the original instead of a scan…).
import { Alert } from "antd";
import { ApiError, errorMessage } from "../../api/client.ts";
import { useText } from "../../i18n/lang.tsx";

const text = {
  zh: {
    unreadable: "无法读取这个文件，请选择其他文件",
    failed: "预览失败",
    legacy:
      "这是旧版 Office 文件（.doc、.wps、.xls）或加密文件。请在 Word/WPS 中打开，另存为 .docx（不设密码）后再上传。",
    rtf: "这是 RTF 文件。请在 Word/WPS 中另存为 .docx 后再上传。",
    image: "这是图片。扫描件需要先做文字识别（OCR），或上传原始的 .docx/.pdf 文件。",
    scanned: "这个 PDF 没有文字层（可能是扫描件）。请上传原始的 .docx，或先做文字识别（OCR）。",
    corrupt: "文件已损坏或不是它声称的格式。请重新导出或另存一份后再上传。",
    unsupported: "不支持这种文件。请上传 .docx、.xlsx、.pdf、.html 或 .txt 文件。",
    empty: "文件是空的。",
    noTasks: "文件中没有识别出任务。请确认这是计划正文（任务表格或编号的任务条目），而不是通知或附件说明。",
    tooLarge: "文件太大（超过 20 MB）。请压缩图片或拆分后再上传。",
    network: "网络中断，文件没有送达。请检查网络后重试。",
    serverSays: "服务器说明：",
  },
  en: {
    unreadable: "This file cannot be read; please choose another one",
    failed: "Preview failed",
    legacy:
      "This is a legacy Office file (.doc, .wps, .xls) or a protected one. Open it in Word/WPS, save it as .docx without a password, then upload that.",
    rtf: "This is an RTF file. Save it as .docx in Word/WPS, then upload that.",
    image: "This is an image. A scanned plan needs OCR first; or upload the original .docx/.pdf.",
    scanned: "This PDF has no text layer (a scan?). Upload the original .docx, or run OCR first.",
    corrupt: "The file is damaged or not what its name says. Export or save it again, then upload.",
    unsupported: "This kind of file is not supported. Upload a .docx, .xlsx, .pdf, .html or .txt file.",
    empty: "The file is empty.",
    noTasks:
      "No tasks were found. Make sure this is the plan itself (a task table or numbered task items), not a cover notice.",
    tooLarge: "The file is too large (over 20 MB). Compress its images or split it, then upload.",
    network: "The connection dropped before the file arrived. Check the network and try again.",
    serverSays: "Server message: ",
  },
};

type Hint = keyof typeof text.zh;

// The server's messages (src/parse/readers) are stable sentences; each family gets its plain-language hint.
const HINTS: [RegExp, Hint][] = [
  [/legacy Office|password-protected/i, "legacy"],
  [/RTF/, "rtf"],
  [/is an image/i, "image"],
  [/no text layer/i, "scanned"],
  [/corrupt|unreadable|neither \.docx nor \.xlsx/i, "corrupt"],
  [/unsupported file type/i, "unsupported"],
  [/file is empty|empty or not base64/i, "empty"],
  [/no tasks recognized/i, "noTasks"],
];

export function FileProblem({ error }: { error: unknown }) {
  const t = useText(text);
  const isApi = error instanceof ApiError;
  const message = errorMessage(error);
  if (!isApi && message === "network") return <Alert type="error" showIcon title={t.network} role="alert" />;
  if (isApi && error.status === 413) return <Alert type="error" showIcon title={t.tooLarge} role="alert" />;
  const hint = isApi && error.status === 422 ? HINTS.find(([pattern]) => pattern.test(message))?.[1] : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="file-problem"
      title={isApi && error.status === 422 ? t.unreadable : t.failed}
      description={
        <>
          {hint && <div>{t[hint]}</div>}
          <div>
            {t.serverSays}
            {message}
          </div>
        </>
      }
    />
  );
}
