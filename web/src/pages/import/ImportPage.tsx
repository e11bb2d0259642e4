// 导入计划: upload a plan document → check the parsed preview beside the original text → match unknown unit
// names to orgs → choose the reporting cadence and year → confirm; then a summary of what was created.
// Nothing is saved before the last step; every earlier step can be revisited.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Result, Space, Steps, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { can, useUser } from "../../auth/session.ts";
import { useText } from "../../i18n/lang.tsx";
import { FileProblem } from "./FileProblem.tsx";
import type { MetadataCorrections } from "./MetadataEditor.tsx";
import { measureRows } from "./measures.ts";
import { OutsideRegion, outsideItems, refusedOutside } from "./OutsideRegion.tsx";
import { PreviewStep } from "./PreviewStep.tsx";
import { ResultStep } from "./ResultStep.tsx";
import { type ScopeChoices, SelectiveScopes } from "./SelectiveScopes.tsx";
import { type Cadence, SettingsStep } from "./SettingsStep.tsx";
import { TransferProgress } from "./TransferProgress.tsx";
import {
  type ImportBody,
  type ImportResult,
  MAX_FILE_BYTES,
  type Preview,
  type Progress,
  postJson,
  readAsBase64,
} from "./transfer.ts";
import { UnitsStep } from "./UnitsStep.tsx";
import { UploadStep } from "./UploadStep.tsx";

const text = {
  zh: {
    title: "导入计划",
    intro: "上传计划文件，核对解析结果，匹配责任单位，设置报送周期后确认导入。确认前不会保存任何内容。",
    upload: "上传文件",
    preview: "核对解析结果",
    units: "匹配责任单位",
    settings: "报送设置",
    done: "完成",
    parse: "上传并解析",
    next: "下一步",
    back: "上一步",
    confirm: "确认导入",
    forbidden: "只有计划管理处室和系统管理员可以导入计划。",
    home: "返回工作台",
  },
  en: {
    title: "Import a plan",
    intro:
      "Upload the plan document, check what was read, match the responsible units, choose the reporting cadence, then confirm. Nothing is saved before you confirm.",
    upload: "Upload",
    preview: "Check",
    units: "Match units",
    settings: "Reporting",
    done: "Done",
    parse: "Upload and parse",
    next: "Next",
    back: "Back",
    confirm: "Confirm import",
    forbidden: "Only plan offices and administrators can import plans.",
    home: "Back to the workbench",
  },
};

type PreviewArgs = { file: File; orgId: number; year?: number };

export default function ImportPage() {
  const t = useText(text);
  const user = useUser();
  const navigate = useNavigate();
  if (!can.importPlans(user.role))
    return (
      <Result
        status="403"
        title={t.title}
        subTitle={t.forbidden}
        extra={<Button onClick={() => navigate("/")}>{t.home}</Button>}
      />
    );
  return <Wizard />;
}

function Wizard() {
  const t = useText(text);
  const user = useUser();
  const client = useQueryClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [ownerId, setOwnerId] = useState(user.orgId);
  const [mappings, setMappings] = useState<Record<string, number>>({});
  const [cadence, setCadence] = useState<Cadence>("quarterly");
  const [corrections, setCorrections] = useState<MetadataCorrections>({});
  const [year, setYear] = useState(new Date().getFullYear());
  const [progress, setProgress] = useState<Progress | null>(null);
  const [confirmOutside, setConfirmOutside] = useState(false);
  const [scopeChoices, setScopeChoices] = useState<ScopeChoices>({});
  // The base64 text is read once per file and reused by every preview and the import.
  const [encoded, setEncoded] = useState<{ file: File; base64: string } | null>(null);

  const base64Of = async (chosen: File) => {
    if (encoded?.file === chosen) return encoded.base64;
    const base64 = await readAsBase64(chosen);
    setEncoded({ file: chosen, base64 });
    return base64;
  };
  // The last good preview stays on screen when a later one (another year) fails; `year` is the one it used.
  const [shown, setShown] = useState<{ preview: Preview; year: number | undefined } | null>(null);
  const current = shown?.preview ?? null;
  // Previews never carry the mappings: the unit list stays the file's own, and the choices overlay it.
  const preview = useMutation({
    mutationFn: async ({ file: chosen, orgId, year: asOf }: PreviewArgs) => {
      const body: ImportBody = {
        fileName: chosen.name,
        contentBase64: await base64Of(chosen),
        orgId,
        ...(asOf !== undefined ? { year: asOf } : {}),
      };
      return postJson<Preview>("/api/plans/preview", body, setProgress);
    },
    onSuccess: (result, { year: asOf }) => setShown({ preview: result, year: asOf }),
    onSettled: () => setProgress(null),
  });
  const importing = useMutation({
    mutationFn: async () => {
      if (!file || !current) throw new Error("no file");
      const body: ImportBody = {
        fileName: file.name,
        contentBase64: await base64Of(file),
        orgId: ownerId,
        cadence,
        year,
        mappings,
        ...(Object.keys(corrections).length > 0 ? { metadata: corrections } : {}),
        confirmOutsideRegion: confirmOutside,
        scopes: Object.values(scopeChoices),
      };
      return postJson<ImportResult>("/api/plans/import", body, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess() {
      setStep(4);
      for (const key of ["plans", "assignments", "orgs"]) void client.invalidateQueries({ queryKey: [key] });
    },
  });

  // The plan year decides relative deadlines: when it differs from the one previewed, preview again.
  const previewedYear = shown ? (shown.year ?? shown.preview.plan.period?.from) : undefined;
  const { mutate: runPreview, isPending: previewing } = preview;
  useEffect(() => {
    if (!file || !shown || previewing || year === previewedYear || year < 1949 || year > 2100) return;
    const timer = setTimeout(() => runPreview({ file, orgId: ownerId, year }), 500);
    return () => clearTimeout(timer);
  }, [year, previewedYear, file, shown, ownerId, previewing, runPreview]);

  const mapped = useMemo(() => new Set(Object.keys(mappings)), [mappings]);
  const rows = useMemo(() => (current ? measureRows(current, mapped) : []), [current, mapped]);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setShown(null);
    preview.reset();
    importing.reset();
  };
  const startPreview = () => {
    if (!file) return;
    preview.mutate(
      { file, orgId: ownerId },
      {
        onSuccess(result) {
          setMappings({});
          setScopeChoices({});
          setCorrections({});
          setYear(result.plan.period?.from ?? new Date().getFullYear());
          setStep(1);
        },
      },
    );
  };
  const startOver = () => {
    setConfirmOutside(false);
    chooseFile(null);
    setEncoded(null);
    setMappings({});
    setStep(0);
  };
  const map = (name: string, orgId: number | undefined) =>
    setMappings(({ [name]: _, ...rest }) => (orgId === undefined ? rest : { ...rest, [name]: orgId }));

  // A new group changes how the file's names resolve: drop any single-org choice for the name, preview again.
  const groupDefined = (name: string) => {
    map(name, undefined);
    if (file) runPreview({ file, orgId: ownerId, year });
  };

  const outside = current ? outsideItems(current, importing.error) : [];
  const busy = preview.isPending || importing.isPending;
  const steps = [t.upload, t.preview, t.units, t.settings, t.done];
  return (
    <>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={steps.map((title) => ({ title }))}
        data-testid="import-steps"
      />
      {step === 0 && (
        <UploadStep
          file={file}
          onFile={chooseFile}
          ownerId={ownerId}
          onOwner={(orgId) => {
            setOwnerId(orgId);
            setShown(null);
          }}
          canChooseOwner={user.role === "admin"}
        />
      )}
      {step === 1 && current && (
        <PreviewStep preview={current} rows={rows} corrections={corrections} onCorrect={setCorrections} />
      )}
      {step === 2 && current && (
        <UnitsStep
          preview={current}
          rows={rows}
          mappings={mappings}
          onMap={map}
          ownerId={ownerId}
          onGroupDefined={groupDefined}
        />
      )}
      {step === 2 && current && (
        <SelectiveScopes
          preview={current}
          choices={scopeChoices}
          onChoose={(key, choice) =>
            setScopeChoices(({ [key]: _, ...rest }) => (choice ? { ...rest, [key]: choice } : rest))
          }
        />
      )}
      {step === 3 && current && (
        <SettingsStep
          preview={current}
          rows={rows}
          mappings={mappings}
          cadence={cadence}
          onCadence={setCadence}
          year={year}
          onYear={setYear}
          reparsing={preview.isPending}
        />
      )}
      {step === 3 && current && (
        <OutsideRegion items={outside} confirmed={confirmOutside} onConfirm={setConfirmOutside} />
      )}
      {step === 4 && importing.data && current && (
        <ResultStep result={importing.data} preview={current} onAgain={startOver} />
      )}
      <div style={{ marginTop: 16 }}>
        {preview.error && <FileProblem error={preview.error} />}
        {importing.error && !refusedOutside(importing.error) && <FileProblem error={importing.error} />}
        {progress && <TransferProgress progress={progress} importing={importing.isPending} />}
      </div>
      {step < 4 && (
        <Space style={{ marginTop: 16 }}>
          {step > 0 && (
            <Button onClick={() => setStep(step - 1)} disabled={busy}>
              {t.back}
            </Button>
          )}
          {step === 0 && (
            <Button
              type="primary"
              onClick={startPreview}
              disabled={!file || file.size > MAX_FILE_BYTES}
              loading={preview.isPending}
            >
              {t.parse}
            </Button>
          )}
          {(step === 1 || step === 2) && (
            <Button type="primary" onClick={() => setStep(step + 1)} disabled={busy}>
              {t.next}
            </Button>
          )}
          {step === 3 && (
            <Button
              type="primary"
              onClick={() => importing.mutate()}
              loading={importing.isPending}
              disabled={busy || (outside.length > 0 && !confirmOutside)}
            >
              {t.confirm}
            </Button>
          )}
        </Space>
      )}
    </>
  );
}
