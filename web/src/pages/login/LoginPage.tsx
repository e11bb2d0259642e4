import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Segmented, Typography } from "antd";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { useSession, useSignIn } from "../../auth/session.ts";
import { useLang, useText } from "../../i18n/lang.tsx";

const text = {
  zh: {
    title: "落实 · 知识产权工作任务落实系统",
    subtitle: "计划导入、任务分解、进展填报、督办考核",
    username: "用户名",
    password: "密码",
    signIn: "登录",
    usernameRequired: "请输入用户名",
    passwordRequired: "请输入密码",
  },
  en: {
    title: "Luoshi · IP plan implementation tracker",
    subtitle: "Import plans, assign measures, report progress, supervise and assess",
    username: "Username",
    password: "Password",
    signIn: "Sign in",
    usernameRequired: "Enter your username",
    passwordRequired: "Enter your password",
  },
};

/** Only same-site paths: a crafted ?next= must not send people elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function LoginPage() {
  const t = useText(text);
  const { lang, setLang } = useLang();
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  if (session.data) return <Navigate to={next} replace />;
  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f0f2f5" }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: "flex", justifyContent: "flex-end" }}>
          <Segmented
            size="small"
            value={lang}
            onChange={(value) => setLang(value === "en" ? "en" : "zh")}
            options={[
              { label: "中文", value: "zh" },
              { label: "EN", value: "en" },
            ]}
          />
        </div>
        <Typography.Title level={3}>{t.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        {signIn.error && (
          <Alert type="error" showIcon title={errorMessage(signIn.error)} style={{ marginBottom: 16 }} />
        )}
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(values: { username: string; password: string }) =>
            signIn.mutate(values, { onSuccess: () => navigate(next, { replace: true }) })
          }
        >
          <Form.Item label={t.username} name="username" rules={[{ required: true, message: t.usernameRequired }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t.password} name="password" rules={[{ required: true, message: t.passwordRequired }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t.signIn}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
