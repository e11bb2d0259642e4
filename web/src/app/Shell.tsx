// The frame around every signed-in page: navigation by role, the unit and user, language, notifications.
import {
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  LogoutOutlined,
  MenuOutlined,
  SettingOutlined,
  TrophyOutlined,
} from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Grid, Layout, Menu, Segmented, Space, Spin, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { api, unwrap } from "../api/client.ts";
import { can, useSession, useSignOut } from "../auth/session.ts";
import { USER_ROLE_LABEL } from "../i18n/common.ts";
import { useLang, useText } from "../i18n/lang.tsx";

// The phone's navigation drawer loads only on a narrow screen.
const NavDrawer = lazy(() => import("./NavDrawer.tsx"));

const text = {
  zh: {
    product: "落实",
    workbench: "工作台",
    plans: "计划任务",
    import: "导入计划",
    supervision: "督办",
    dashboard: "数据看板",
    assessment: "考核",
    admin: "系统管理",
    signOut: "退出",
    notifications: "通知",
    loading: "加载中…",
    menu: "菜单",
  },
  en: {
    product: "Luoshi",
    workbench: "Workbench",
    plans: "Plans",
    import: "Import",
    supervision: "Supervision",
    dashboard: "Dashboard",
    assessment: "Assessment",
    admin: "Admin",
    signOut: "Sign out",
    notifications: "Notifications",
    loading: "Loading…",
    menu: "Menu",
  },
};

export function Shell() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Spin fullscreen />;
  if (!session.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <SignedInShell />;
}

function SignedInShell() {
  const t = useText(text);
  const { lang, setLang } = useLang();
  const { data } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const user = data?.user;
  // Below md (768 px): phones and small tablets.
  const narrow = Grid.useBreakpoint().md === false;
  const [menuOpen, setMenuOpen] = useState(false);
  const unread = useQuery({
    queryKey: ["notifications", "unread"],
    queryFn: () => unwrap(api.GET("/api/notifications", { params: { query: { unread: "true" } } })),
    refetchInterval: 60_000,
  });
  if (!user) return null;
  const orgName = data?.org.name;
  const items = [
    { key: "/", icon: <DashboardOutlined />, label: <Link to="/">{t.workbench}</Link> },
    { key: "/plans", icon: <FileTextOutlined />, label: <Link to="/plans">{t.plans}</Link> },
    can.importPlans(user.role) && {
      key: "/import",
      icon: <CloudUploadOutlined />,
      label: <Link to="/import">{t.import}</Link>,
    },
    { key: "/supervision", icon: <AuditOutlined />, label: <Link to="/supervision">{t.supervision}</Link> },
    { key: "/dashboard", icon: <BarChartOutlined />, label: <Link to="/dashboard">{t.dashboard}</Link> },
    can.assess(user.role) && {
      key: "/assessment",
      icon: <TrophyOutlined />,
      label: <Link to="/assessment">{t.assessment}</Link>,
    },
    can.administer(user.role) && {
      key: "/admin",
      icon: <SettingOutlined />,
      label: <Link to="/admin">{t.admin}</Link>,
    },
  ].filter((item) => item !== false);
  const selected = items
    .map((item) => item.key)
    .filter((key) => (key === "/" ? location.pathname === "/" : location.pathname.startsWith(key)));
  const who = `${orgName ? `${orgName} · ` : ""}${user.displayName}（${USER_ROLE_LABEL[lang][user.role]}）`;
  const menu = (
    <nav aria-label={t.product}>
      <Menu mode="inline" selectedKeys={selected} items={items} onClick={() => setMenuOpen(false)} />
    </nav>
  );
  return (
    <Layout style={{ minHeight: "100vh" }}>
      {/* On a phone the navigation is a drawer behind a menu button: a side bar would take a sixth of the width. */}
      {narrow ? (
        <Suspense fallback={null}>
          <NavDrawer open={menuOpen} onClose={() => setMenuOpen(false)} title={t.product}>
            {menu}
          </NavDrawer>
        </Suspense>
      ) : (
        <Layout.Sider breakpoint="lg" collapsedWidth={56} theme="light" width={176}>
          <Typography.Title level={4} style={{ margin: "16px 20px" }}>
            {t.product}
          </Typography.Title>
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: "#fff",
            padding: narrow ? "0 8px" : "0 24px",
            display: "flex",
            alignItems: "center",
            justifyContent: "flex-end",
            gap: narrow ? 4 : 16,
          }}
        >
          {narrow && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t.menu} onClick={() => setMenuOpen(true)} />
          )}
          {/* One line whatever the width: a long unit name ends in an ellipsis (the whole of it on hover). */}
          <Typography.Text
            data-testid="current-user"
            title={who}
            style={{
              flex: "0 1 auto",
              minWidth: 0,
              overflow: "hidden",
              whiteSpace: "nowrap",
              textOverflow: "ellipsis",
              marginRight: "auto",
              ...(narrow ? { fontSize: 13 } : { marginLeft: "auto", marginRight: 0 }),
            }}
          >
            {who}
          </Typography.Text>
          <Space size={narrow ? 2 : "middle"} style={{ flex: "none" }}>
            <Badge count={unread.data?.total ?? 0} size="small">
              <Button
                type="text"
                icon={<BellOutlined />}
                aria-label={t.notifications}
                onClick={() => navigate("/supervision?tab=inbox")}
              />
            </Badge>
            <Segmented
              size="small"
              value={lang}
              onChange={(value) => setLang(value === "en" ? "en" : "zh")}
              options={[
                { label: narrow ? "中" : "中文", value: "zh" },
                { label: "EN", value: "en" },
              ]}
            />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t.signOut}
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate("/login") })}
            >
              {narrow ? null : t.signOut}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin tip={t.loading} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
