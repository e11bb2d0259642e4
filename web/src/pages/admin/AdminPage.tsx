// 系统管理: the org directory and its aliases, unit names waiting for review, user accounts and the audit
// log. Admins and plan offices only; the tab lives in the URL (?tab=) so links can open the right one.
import { Button, Result, Tabs, Typography } from "antd";
import { useNavigate, useSearchParams } from "react-router";
import { can, useUser } from "../../auth/session.ts";
import { useText } from "../../i18n/lang.tsx";
import { AuditTab } from "./AuditTab.tsx";
import { OrgsTab } from "./OrgsTab.tsx";
import { ReviewTab } from "./ReviewTab.tsx";
import { UsersTab } from "./UsersTab.tsx";

const text = {
  zh: {
    title: "系统管理",
    intro: "维护组织机构和单位别名，确认导入时未识别的单位名称，管理用户账号，查看审计日志。",
    orgs: "组织机构",
    review: "待确认单位",
    users: "用户",
    audit: "审计日志",
    noAccess: "无权访问",
    noAccessHint: "系统管理仅向系统管理员和计划管理处室开放。如需调整单位或账号，请联系本单位的计划管理处室。",
    back: "回到工作台",
  },
  en: {
    title: "Admin",
    intro:
      "Keep the org directory and its aliases, review unit names imports could not match, manage accounts, read the audit log.",
    orgs: "Organizations",
    review: "Unit names to review",
    users: "Users",
    audit: "Audit log",
    noAccess: "No access",
    noAccessHint:
      "Admin is open to administrators and plan offices. To change a unit or an account, ask your plan office.",
    back: "Back to the workbench",
  },
};

const TABS = ["orgs", "review", "users", "audit"] as const;
type Tab = (typeof TABS)[number];

export default function AdminPage() {
  const t = useText(text);
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  if (!can.administer(user.role))
    return (
      <Result
        status="403"
        title={t.noAccess}
        subTitle={t.noAccessHint}
        extra={
          <Button type="primary" onClick={() => navigate("/")}>
            {t.back}
          </Button>
        }
        data-testid="admin-no-access"
      />
    );
  const tab: Tab = TABS.find((key) => key === params.get("tab")) ?? "orgs";
  return (
    <>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        // A tab's own parameters (filters, a chosen org) belong to it: switching starts the other tab clean.
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          { key: "orgs", label: t.orgs, children: <OrgsTab /> },
          { key: "review", label: t.review, children: <ReviewTab /> },
          { key: "users", label: t.users, children: <UsersTab /> },
          { key: "audit", label: t.audit, children: <AuditTab /> },
        ]}
      />
    </>
  );
}
