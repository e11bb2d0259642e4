// Step 1: choose the plan document (click or drag), see its name and size, and — for an administrator — the
// org the plan belongs to. Unreadable files come back with the server's message and a hint; pick another.
import { DeleteOutlined, FileTextOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Space, Typography, Upload } from "antd";
import { fill, useText } from "../../i18n/lang.tsx";
import { OrgPicker } from "./OrgPicker.tsx";
import { ACCEPTED, formatBytes, MAX_FILE_BYTES } from "./transfer.ts";

const text = {
  zh: {
    drop: "点击选择或将计划文件拖到这里",
    formats: "支持 Word（.docx）、Excel（.xlsx）、PDF（含文字层）、网页（.html）和文本（.txt），不超过 20 MB。",
    legacy: "旧版 .doc、.wps、.xls 文件请先在 Word/WPS 中另存为 .docx 或 .xlsx。",
    chosen: "已选择",
    remove: "移除 {name}",
    owner: "计划归属单位",
    ownerHint: "计划由哪个单位印发和管理；责任单位按该单位的视角匹配。",
    tooLarge: "“{name}”有 {size}，超过 20 MB 上限。请压缩图片或拆分后再上传。",
  },
  en: {
    drop: "Click to choose, or drop the plan document here",
    formats: "Word (.docx), Excel (.xlsx), PDF with a text layer, web page (.html) or text (.txt); up to 20 MB.",
    legacy: "Save legacy .doc, .wps or .xls files as .docx or .xlsx in Word/WPS first.",
    chosen: "Chosen",
    remove: "Remove {name}",
    owner: "Plan owner",
    ownerHint: "The org that issues and manages the plan; unit names are matched from its point of view.",
    tooLarge: "“{name}” is {size}, over the 20 MB limit. Compress its images or split it, then upload.",
  },
};

export function UploadStep({
  file,
  onFile,
  ownerId,
  onOwner,
  canChooseOwner,
}: {
  file: File | null;
  onFile(file: File | null): void;
  ownerId: number;
  onOwner(orgId: number): void;
  canChooseOwner: boolean;
}) {
  const t = useText(text);
  const tooLarge = file !== null && file.size > MAX_FILE_BYTES;
  return (
    <Card size="small">
      {canChooseOwner && (
        <Form layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item label={t.owner} extra={t.ownerHint} htmlFor="import-owner">
            <OrgPicker
              id="import-owner"
              value={ownerId}
              onChange={(id) => id !== undefined && onOwner(id)}
              placeholder={t.owner}
              label={t.owner}
            />
          </Form.Item>
        </Form>
      )}
      <Upload.Dragger
        accept={ACCEPTED}
        multiple={false}
        showUploadList={false}
        beforeUpload={(chosen) => {
          onFile(chosen);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t.drop}</p>
        <p className="ant-upload-hint">{t.formats}</p>
        <p className="ant-upload-hint">{t.legacy}</p>
      </Upload.Dragger>
      {file && (
        <Space style={{ marginTop: 12 }} data-testid="chosen-file">
          <FileTextOutlined aria-hidden />
          <Typography.Text>
            {t.chosen}：<Typography.Text strong>{file.name}</Typography.Text>（{formatBytes(file.size)}）
          </Typography.Text>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={fill(t.remove, { name: file.name })}
            onClick={() => onFile(null)}
          />
        </Space>
      )}
      {tooLarge && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={fill(t.tooLarge, { name: file.name, size: formatBytes(file.size) })}
        />
      )}
    </Card>
  );
}
