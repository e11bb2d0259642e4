// 督办: the plan office's view of work at risk, the supervision notices and their answers, and the unit's inbox.
// The tab lives in the URL (?tab=) so the shell's bell and links elsewhere can open the right one.
import { Tabs, Typography } from "antd";
import { useSearchParams } from "react-router";
import { can, useUser } from "../../auth/session.ts";
import { useText } from "../../i18n/lang.tsx";
import { InboxTab } from "./InboxTab.tsx";
import { LoopQueue } from "./LoopQueue.tsx";
import { NoticesTab } from "./NoticesTab.tsx";
import { OffPaceTab } from "./OffPaceTab.tsx";
import { RiskTab } from "./RiskTab.tsx";
import { ScopesTab } from "./ScopesTab.tsx";

const text = {
  zh: {
    title: "督办",
    intro: "跟踪逾期和有风险的任务，下发督办单并查看各单位答复；站内通知也在这里。",
    risk: "逾期与风险",
    offPace: "指标滞后",
    notices: "督办单",
    inbox: "通知",
    loop: "闭环（签收·审核·延期·办结）",
    scopes: "待选定范围",
  },
  en: {
    title: "Supervision",
    intro:
      "Follow overdue and at-risk work, issue supervision notices and read the units' answers; your inbox is here too.",
    risk: "Overdue & at risk",
    offPace: "Indicators off pace",
    notices: "Notices",
    inbox: "Inbox",
    loop: "Loop (acknowledge · review · extend · close)",
    scopes: "Scope pending",
  },
};

const TABS = ["risk", "offPace", "loop", "scopes", "notices", "inbox"] as const;
type Tab = (typeof TABS)[number];

export default function SupervisionPage() {
  const t = useText(text);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const supervises = can.supervise(user.role);
  const asked = TABS.find((tab) => tab === params.get("tab"));
  const officeOnly = (tab: Tab) => tab === "risk" || tab === "offPace" || tab === "scopes";
  const tab: Tab = asked && (!officeOnly(asked) || supervises) ? asked : supervises ? "risk" : "notices";
  const items = [
    supervises && { key: "risk", label: t.risk, children: <RiskTab /> },
    supervises && { key: "offPace", label: t.offPace, children: <OffPaceTab /> },
    { key: "loop", label: t.loop, children: <LoopQueue /> },
    supervises && { key: "scopes", label: t.scopes, children: <ScopesTab /> },
    { key: "notices", label: t.notices, children: <NoticesTab /> },
    { key: "inbox", label: t.inbox, children: <InboxTab /> },
  ].filter((item) => item !== false);
  return (
    <>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        // Switching tabs drops the other tabs' parameters (a focused notice, a filter): each tab starts clean.
        onChange={(key) => setParams({ tab: key })}
        items={items}
        destroyOnHidden
      />
    </>
  );
}
