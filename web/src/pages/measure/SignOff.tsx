// The lead unit's sign-off (销号) and reopen, with the version read, so a stale page gets a clear conflict.
import { CheckCircleOutlined, UndoOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Popconfirm, Space, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

const text = {
  zh: {
    signOff: "确认完成（销号）",
    signOffConfirm: "确认这条举措已全部完成？各责任单位的状态都将显示为已完成。",
    reopen: "重新打开",
    reopenConfirm: "重新打开后，这条举措将恢复为未完成，各单位继续报送进展。",
    ok: "确定",
    cancel: "取消",
    signedOff: "已确认完成",
    reopened: "已重新打开",
    by: "{who} 于 {when} 确认完成",
    someone: "有关人员",
    onlyLead: "由牵头单位确认完成（销号）。",
  },
  en: {
    signOff: "Sign off as done",
    signOffConfirm: "Sign this measure off as fully done? Every unit's status will show done.",
    reopen: "Reopen",
    reopenConfirm: "Reopening makes the measure open again; the units go on reporting.",
    ok: "OK",
    cancel: "Cancel",
    signedOff: "Signed off",
    reopened: "Reopened",
    by: "Signed off by {who} on {when}",
    someone: "someone",
    onlyLead: "The lead unit signs the measure off.",
  },
};

export function SignOff({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const done = measure.state.status === "done";
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST(done ? "/api/measures/{id}/reopen" : "/api/measures/{id}/sign-off", {
          params: { path: { id: measure.id } },
          body: { expectedVersion: measure.state.version },
        }),
      ),
    onSuccess() {
      message.success(done ? t.reopened : t.signedOff);
      void client.invalidateQueries({ queryKey: ["measure", measure.id] });
      void client.invalidateQueries({ queryKey: ["assignments"] });
      void client.invalidateQueries({ queryKey: ["assignment"] });
      void client.invalidateQueries({ queryKey: ["plan", measure.plan.id] });
      void client.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const signedOffAt = measure.state.signedOffAt
    ? new Date(measure.state.signedOffAt).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB")
    : "";
  return (
    <Space orientation="vertical" align="end" size={4}>
      {change.error && <Alert type="error" showIcon title={errorMessage(change.error)} />}
      {done && (
        <Typography.Text type="secondary">
          {fill(t.by, { who: measure.state.signedOffByName ?? t.someone, when: signedOffAt })}
        </Typography.Text>
      )}
      {measure.canSignOff ? (
        <Popconfirm
          title={done ? t.reopenConfirm : t.signOffConfirm}
          okText={t.ok}
          cancelText={t.cancel}
          onConfirm={() => change.mutate()}
        >
          <Button
            type={done ? "default" : "primary"}
            icon={done ? <UndoOutlined /> : <CheckCircleOutlined />}
            loading={change.isPending}
          >
            {done ? t.reopen : t.signOff}
          </Button>
        </Popconfirm>
      ) : (
        !done && <Typography.Text type="secondary">{t.onlyLead}</Typography.Text>
      )}
    </Space>
  );
}
