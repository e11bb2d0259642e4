// What a page shows for a plan or measure that does not exist or is not the user's to see. The server
// answers both with 404 on purpose (ids reveal nothing), so the page cannot and does not tell them apart.
import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { ApiError } from "../api/client.ts";
import { useText } from "../i18n/lang.tsx";

const text = {
  zh: {
    title: "没有找到，或您无权查看",
    detail: "这个链接指向的内容不存在，或不属于您所在单位的工作范围。请从工作台或计划列表进入。",
    back: "回到工作台",
    plans: "查看计划列表",
  },
  en: {
    title: "Not found, or not yours to see",
    detail:
      "What this link points to does not exist or is outside your unit's work. Start from the workbench or the plan list.",
    back: "Back to the workbench",
    plans: "See the plans",
  },
};

/** True for the error a page should show as NoAccess rather than as a failure. */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

export function NoAccess() {
  const t = useText(text);
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t.title}
      subTitle={t.detail}
      data-testid="no-access"
      extra={[
        <Button key="home" type="primary" onClick={() => navigate("/")}>
          {t.back}
        </Button>,
        <Button key="plans" onClick={() => navigate("/plans")}>
          {t.plans}
        </Button>,
      ]}
    />
  );
}
