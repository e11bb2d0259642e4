import { Button, Result } from "antd";
import { Link } from "react-router";
import { useText } from "../i18n/lang.tsx";

const text = {
  zh: { title: "没有这个页面", back: "回到工作台" },
  en: { title: "No such page", back: "Back to the workbench" },
};

export default function NotFoundPage() {
  const t = useText(text);
  return (
    <Result
      status="404"
      title={t.title}
      extra={
        <Link to="/">
          <Button type="primary">{t.back}</Button>
        </Link>
      }
    />
  );
}
