import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Input, Segmented, Typography } from "antd";
import { type FormEvent, type ReactNode, useState } from "react";
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
  const [values, setValues] = useState({ username: "", password: "" });
  const [tried, setTried] = useState(false);
  const missing = { username: tried && !values.username.trim(), password: tried && !values.password };
  if (session.data) return <Navigate to={next} replace />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!values.username.trim() || !values.password) return;
    signIn.mutate(values, { onSuccess: () => navigate(next, { replace: true }) });
  };
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
        {/* A plain form, not antd's Form: the validation library it brings would weigh on every first load. */}
        <form onSubmit={submit} noValidate>
          <Field id="username" label={t.username} error={missing.username ? t.usernameRequired : null}>
            <Input
              id="username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              value={values.username}
              status={missing.username ? "error" : ""}
              onChange={(e) => setValues({ ...values, username: e.target.value })}
            />
          </Field>
          <Field id="password" label={t.password} error={missing.password ? t.passwordRequired : null}>
            <Input.Password
              id="password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              value={values.password}
              status={missing.password ? "error" : ""}
              onChange={(e) => setValues({ ...values, password: e.target.value })}
            />
          </Field>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t.signIn}
          </Button>
        </form>
      </Card>
    </main>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  children: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: "block", marginBottom: 6 }}>
        {label}
      </label>
      {children}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
