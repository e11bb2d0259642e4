// Sign-off (销号): each responsible unit signs off its own share (a lead unit's also its support units'),
// and the issuing plan office may close or reopen the whole measure. Every change sends the version read,
// so a stale page gets a clear conflict.
import { CheckCircleOutlined, LockOutlined, UndoOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Popconfirm, Space, Typography } from "antd";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

const text = {
  zh: {
    signOff: "确认本单位完成（销号）",
    signOffConfirm:
      "确认本单位承担的工作已完成并申请办结？只影响本单位的分工（牵头单位确认后，配合单位随之申请），经计划处室审批后办结。",
    reopen: "重新打开本单位",
    reopenConfirm: "重新打开后，本单位的分工恢复为未完成，继续报送进展。",
    close: "关闭整条举措",
    closeConfirm: "作为发文单位关闭整条举措？尚未办结的单位将全部记为已办结（视同审批通过）。",
    reopenAll: "重新打开整条举措",
    reopenAllConfirm: "重新打开整条举措？所有单位的分工都恢复为未完成。",
    ok: "确定",
    cancel: "取消",
    signedOff: "已确认完成",
    reopened: "已重新打开",
    by: "{who} 于 {when} 确认完成",
    someone: "有关人员",
    progress: "{done}/{total} 个单位已申请办结",
    onlyLead: "由牵头单位（无牵头单位时由各负责单位）确认本单位完成。",
  },
  en: {
    signOff: "Sign off my unit's share",
    signOffConfirm:
      "Sign off your unit's share as done and apply for closure? Only your unit's assignment changes (a lead's sign-off also applies for its support units'); the plan office approves it.",
    reopen: "Reopen my unit's share",
    reopenConfirm: "Reopening makes your unit's share open again; it goes on reporting.",
    close: "Close the whole measure",
    closeConfirm: "Close the whole measure as the issuing office? Every unit not yet closed is closed (approved).",
    reopenAll: "Reopen the whole measure",
    reopenAllConfirm: "Reopen the whole measure? Every unit's share becomes open again.",
    ok: "OK",
    cancel: "Cancel",
    signedOff: "Signed off",
    reopened: "Reopened",
    by: "Completed by {who} on {when}",
    someone: "someone",
    progress: "{done} of {total} units applied for closure",
    onlyLead: "The lead unit (without one, each responsible unit) signs off its own share.",
  },
};

type Action = "sign-off" | "reopen" | "close" | "reopen-all";

export function SignOff({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { state } = measure;
  const done = state.status === "done";
  const change = useMutation({
    mutationFn: (action: Action) =>
      unwrap(
        api.POST(`/api/measures/{id}/${action}`, {
          params: { path: { id: measure.id } },
          body: { expectedVersion: state.version },
        }),
      ),
    onSuccess(_, action) {
      message.success(action === "sign-off" || action === "close" ? t.signedOff : t.reopened);
      void client.invalidateQueries({ queryKey: ["measure", measure.id] });
      void client.invalidateQueries({ queryKey: ["assignments"] });
      void client.invalidateQueries({ queryKey: ["assignment"] });
      void client.invalidateQueries({ queryKey: ["plan", measure.plan.id] });
      void client.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const signedOffAt = state.signedOffAt
    ? new Date(state.signedOffAt).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB")
    : "";
  const own = state.ownSignedOff === true;
  const button = (action: Action, label: string, confirm: string, primary: boolean) => (
    <Popconfirm
      key={action}
      title={confirm}
      okText={t.ok}
      cancelText={t.cancel}
      onConfirm={() => change.mutate(action)}
    >
      <Button
        type={primary ? "primary" : "default"}
        icon={action === "close" ? <LockOutlined /> : primary ? <CheckCircleOutlined /> : <UndoOutlined />}
        loading={change.isPending && change.variables === action}
      >
        {label}
      </Button>
    </Popconfirm>
  );
  return (
    <Space orientation="vertical" align="end" size={4}>
      {change.error && <Alert type="error" showIcon title={errorMessage(change.error)} />}
      {state.total > 1 && (
        <Typography.Text type="secondary">
          {fill(t.progress, { done: state.doneCount, total: state.total })}
        </Typography.Text>
      )}
      {done && (
        <Typography.Text type="secondary">
          {fill(t.by, { who: state.signedOffByName ?? t.someone, when: signedOffAt })}
        </Typography.Text>
      )}
      <Space wrap>
        {measure.canSignOff &&
          (own
            ? button("reopen", t.reopen, t.reopenConfirm, false)
            : button("sign-off", t.signOff, t.signOffConfirm, true))}
        {measure.canClose &&
          (done
            ? button("reopen-all", t.reopenAll, t.reopenAllConfirm, false)
            : button("close", t.close, t.closeConfirm, false))}
      </Space>
      {!measure.canSignOff && !measure.canClose && !done && (
        <Typography.Text type="secondary">{t.onlyLead}</Typography.Text>
      )}
    </Space>
  );
}
