// Every page is its own chunk (lazy), so the first load carries only the shell and the page asked for.
import type { RouteObject } from "react-router";
import { RouteError } from "./RouteError.tsx";
import { Shell } from "./Shell.tsx";

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const routes: RouteObject[] = [
  { path: "/login", lazy: page(() => import("../pages/login/LoginPage.tsx")) },
  {
    path: "/",
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: page(() => import("../pages/workbench/WorkbenchPage.tsx")) },
      { path: "plans", lazy: page(() => import("../pages/plans/PlansPage.tsx")) },
      { path: "plans/:planId", lazy: page(() => import("../pages/plans/PlanPage.tsx")) },
      { path: "plans/:planId/charts", lazy: page(() => import("../pages/plans/IndicatorChartsPage.tsx")) },
      { path: "measures/:measureId", lazy: page(() => import("../pages/measure/MeasurePage.tsx")) },
      { path: "tasks/:taskId/trace", lazy: page(() => import("../pages/trace/TracePage.tsx")) },
      { path: "import", lazy: page(() => import("../pages/import/ImportPage.tsx")) },
      { path: "supervision", lazy: page(() => import("../pages/supervision/SupervisionPage.tsx")) },
      { path: "dashboard", lazy: page(() => import("../pages/dashboard/DashboardPage.tsx")) },
      { path: "dashboard/list", lazy: page(() => import("../pages/dashboard/DrillListPage.tsx")) },
      { path: "assessment", lazy: page(() => import("../pages/assessment/AssessmentPage.tsx")) },
      { path: "admin", lazy: page(() => import("../pages/admin/AdminPage.tsx")) },
      { path: "*", lazy: page(() => import("../pages/NotFoundPage.tsx")) },
    ],
  },
];
