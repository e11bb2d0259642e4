import { Button, Result } from "antd";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { errorMessage } from "../api/client.ts";
import { useText } from "../i18n/lang.tsx";

const text = {
  zh: { title: "页面出错了", reload: "重新加载", notFound: "没有这个页面" },
  en: { title: "Something went wrong on this page", reload: "Reload", notFound: "No such page" },
};

/** A page that failed to load or render: say so in plain words and offer a reload (a new build may be out). */
export function RouteError() {
  const t = useText(text);
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Result
      status={notFound ? "404" : "error"}
      title={notFound ? t.notFound : t.title}
      subTitle={notFound ? undefined : errorMessage(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t.reload}
        </Button>
      }
    />
  );
}
