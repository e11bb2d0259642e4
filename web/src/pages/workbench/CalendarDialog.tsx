// 订阅截止日历: a private feed URL of the unit's deadlines for Outlook, WPS or a phone's calendar. The
// server keeps only the token's hash, so the URL is shown once, when it is made; making a new one or
// revoking ends the old.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Modal, Popconfirm, Select, Space, Typography } from "antd";
import { useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { SessionUser } from "../../auth/session.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";

const text = {
  zh: {
    title: "订阅截止日历",
    intro:
      "在 Outlook、WPS 或手机日历中订阅后，所选单位承担的各项举措的完成时限会作为全天日程出现在日历里，日历应用会定期自动更新。",
    org: "单位",
    orgOf: "单位：",
    none: "您还没有订阅地址。",
    active:
      "您于 {date} 生成的订阅地址仍然有效。出于安全考虑，地址只在生成时显示一次；如需再次查看，请重新生成（原地址随即失效，需在日历中重新订阅）。",
    create: "生成订阅地址",
    recreate: "重新生成订阅地址",
    url: "订阅地址（请勿外传：持有地址即可查看这些任务期限）",
    open: "在日历应用中打开",
    howTo: "如何订阅",
    outlook: "Outlook（电脑版）：日历 → 添加日历 → 从 Internet 订阅，粘贴上面的地址。",
    wps: "WPS：打开 WPS 日历 → 添加日历 → 订阅日历，粘贴上面的地址。",
    phone:
      "手机：iPhone 在“设置 → 日历 → 账户 → 添加账户 → 其他 → 添加已订阅的日历”中粘贴地址；安卓手机在日历应用的“订阅日历/添加网址”中粘贴，或在电脑上用 Outlook 订阅后同步到手机。",
    reach: "日历所在的电脑或手机需要能访问本系统（内网部署时请在单位网络中使用）。",
    revoke: "撤销订阅",
    revokeConfirm: "撤销后，已订阅的日历将不再更新。确定撤销吗？",
    revoked: "已撤销，原订阅地址已失效",
    created: "订阅地址已生成",
    ok: "确定",
    cancel: "取消",
    close: "关闭",
  },
  en: {
    title: "Subscribe to deadlines",
    intro:
      "Subscribe in Outlook, WPS or your phone's calendar: the due dates of the unit's measures appear as all-day events, and the calendar app refreshes them by itself.",
    org: "Unit",
    orgOf: "Unit: ",
    none: "You have no subscription URL yet.",
    active:
      "The subscription URL you made on {date} still works. For safety it is shown only when made; to see it again, make a new one (the old one stops working and must be subscribed to again).",
    create: "Make a subscription URL",
    recreate: "Make a new subscription URL",
    url: "Subscription URL (keep it private: whoever has it sees these deadlines)",
    open: "Open in a calendar app",
    howTo: "How to subscribe",
    outlook: "Outlook (desktop): Calendar → Add calendar → Subscribe from web, and paste the URL above.",
    wps: "WPS: open WPS Calendar → Add calendar → Subscribe, and paste the URL above.",
    phone:
      "Phone: on an iPhone, Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar; on Android, the calendar app's “subscribe / add by URL”, or subscribe in Outlook on a computer and sync.",
    reach:
      "The computer or phone with the calendar must be able to reach this system (on an intranet, use it inside the office network).",
    revoke: "Revoke",
    revokeConfirm: "Subscribed calendars will stop updating. Revoke the URL?",
    revoked: "Revoked: the old subscription URL no longer works",
    created: "Subscription URL made",
    ok: "Revoke",
    cancel: "Cancel",
    close: "Close",
  },
};

const STATUS_KEY = ["calendar-token"] as const;

/** The feed URL of another org with the same token: the token stands for the user, the path names the org. */
function feedUrl(issuedUrl: string, orgId: number): string {
  const url = new URL(issuedUrl);
  url.pathname = `/api/orgs/${orgId}/calendar.ics`;
  return url.toString();
}

export function CalendarDialog({ user, orgName, onClose }: { user: SessionUser; orgName: string; onClose(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [orgId, setOrgId] = useState(user.orgId);
  const [issuedUrl, setIssuedUrl] = useState<string | null>(null);
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => unwrap(api.GET("/api/session/calendar-token")) });
  // Units under a plan office or viewer may be subscribed to as well; a reporter has only its own.
  const orgs = useQuery({
    queryKey: ["orgs"],
    queryFn: () => unwrap(api.GET("/api/orgs")),
    staleTime: 300_000,
    enabled: user.role !== "reporter",
  });
  const issue = useMutation({
    mutationFn: () => unwrap(api.POST("/api/session/calendar-token", { body: { orgId } })),
    onSuccess(issued) {
      setIssuedUrl(issued.url);
      message.success(t.created);
      void client.invalidateQueries({ queryKey: STATUS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/session/calendar-token")),
    onSuccess() {
      setIssuedUrl(null);
      message.success(t.revoked);
      void client.invalidateQueries({ queryKey: STATUS_KEY });
    },
  });
  const options = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const url = issuedUrl ? feedUrl(issuedUrl, orgId) : null;
  const active = status.data?.active === true || url !== null;
  const error = status.error ?? issue.error ?? revoke.error;
  return (
    <Modal open title={t.title} onCancel={onClose} footer={<Button onClick={onClose}>{t.close}</Button>} width={640}>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      {user.role === "reporter" ? (
        <Typography.Paragraph>
          {t.orgOf}
          <Typography.Text strong>{orgName}</Typography.Text>
        </Typography.Paragraph>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t.org} htmlFor="calendar-org">
            <Select<number>
              id="calendar-org"
              showSearch={{ optionFilterProp: "label" }}
              value={orgId}
              onChange={setOrgId}
              options={options.length > 0 ? options : [{ value: user.orgId, label: orgName }]}
              loading={orgs.isFetching}
            />
          </Form.Item>
        </Form>
      )}
      {url ? (
        <>
          <Typography.Text strong>{t.url}</Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: url }}
            data-testid="calendar-url"
            style={{ wordBreak: "break-all", marginTop: 4 }}
          >
            {url}
          </Typography.Paragraph>
          <Typography.Paragraph>
            <a href={url.replace(/^https?:/, "webcal:")}>{t.open}</a>
          </Typography.Paragraph>
          <Typography.Title level={5}>{t.howTo}</Typography.Title>
          <ul style={{ paddingInlineStart: 20 }}>
            <li>{t.outlook}</li>
            <li>{t.wps}</li>
            <li>{t.phone}</li>
          </ul>
          <Typography.Paragraph type="secondary">{t.reach}</Typography.Paragraph>
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          {status.data?.createdAt
            ? fill(t.active, {
                date: new Date(status.data.createdAt).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB"),
              })
            : status.data
              ? t.none
              : ""}
        </Typography.Paragraph>
      )}
      <Space wrap>
        <Button type={url ? "default" : "primary"} loading={issue.isPending} onClick={() => issue.mutate()}>
          {active ? t.recreate : t.create}
        </Button>
        {active && (
          <Popconfirm title={t.revokeConfirm} okText={t.ok} cancelText={t.cancel} onConfirm={() => revoke.mutate()}>
            <Button danger loading={revoke.isPending}>
              {t.revoke}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Modal>
  );
}
