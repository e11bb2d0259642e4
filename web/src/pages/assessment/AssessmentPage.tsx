// Placeholder until this page is built (see the web-app issue); it says so rather than pretending.
import { Result } from "antd";
import { useText } from "../../i18n/lang.tsx";

const text = {
  zh: { title: "考核", pending: "此页面正在建设中。" },
  en: { title: "Assessment", pending: "This page is being built." },
};

export default function AssessmentPage() {
  const t = useText(text);
  return <Result status="info" title={t.title} subTitle={t.pending} />;
}
