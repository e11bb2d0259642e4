import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { ApiError } from "./api/client.ts";
import { routes } from "./app/routes.tsx";
import { SESSION_KEY } from "./auth/session.ts";
import { LangProvider, useLang } from "./i18n/lang.tsx";

// A 401 anywhere means the session ended (expired, signed out elsewhere): drop it and the shell sends to login.
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(SESSION_KEY, null);
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Client errors (403/404/422) will not change on retry; network blips may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
const router = createBrowserRouter(routes);

// Government red; secondary text and the error red darker than antd's defaults so they pass WCAG AA contrast
// (axe checks it: antd's #ff4d4f on white is 3.2:1, below the 4.5:1 a danger button's label needs).
const THEME = {
  token: {
    colorPrimary: "#b71c1c",
    colorError: "#c62828",
    colorLink: "#0050b3",
    colorLinkHover: "#003a8c",
    colorLinkActive: "#002766",
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
    colorTextDescription: "rgba(0, 0, 0, 0.6)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
  },
};

function Themed() {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === "zh" ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <Themed />
      </LangProvider>
    </QueryClientProvider>
  </StrictMode>,
);
