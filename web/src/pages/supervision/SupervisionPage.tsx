// Placeholder until this page is built (see the web-app issue); it says so rather than pretending.
import { Result } from "antd";
import { useText } from "../../i18n/lang.tsx";

const text = {
  zh: { title: "督办", pending: "此页面正在建设中。" },
  en: { title: "Supervision", pending: "This page is being built." },
};

export default function SupervisionPage() {
  const t = useText(text);
  return <Result status="info" title={t.title} subTitle={t.pending} />;
}
