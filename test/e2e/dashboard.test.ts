// The leader's view: the dashboard draws the demo's figures, its numbers are the API's, and a click on a number,
// a bar or a day opens the list of exactly the assignments it counts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type Server, screenshot, seriousA11yViolations, signIn, startServer } from "./support.ts";

type Bucket = { total: number; done: number; overdue: number; query: Record<string, unknown> };
type Summary = {
  total: number;
  done: number;
  overdue: number;
  completionRate: number | null;
  byStatus: { status: string; count: number; query: Record<string, unknown> }[];
  byOrg: (Bucket & { orgId: number; orgName: string })[];
  escalatedNotices: { open: number };
};

let server: Server;
let browser: Browser;
let page: Page;
let summary: Summary;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await signIn(browser, server, "leader");
  summary = (await (await page.request.get(`${server.url}/api/dashboard/summary`)).json()) as Summary;
  assert.ok(summary.total > 0 && summary.overdue > 0, "the demo gives the province overdue work");
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openDashboard(): Promise<void> {
  await page.goto(`${server.url}/dashboard`);
  await page.getByRole("heading", { name: "数据看板" }).waitFor();
  await page.getByTestId("kpi-total").waitFor();
}

const kpi = async (id: string) =>
  ((await page.getByTestId(`kpi-${id}`).locator(".ant-statistic-content-value").textContent()) ?? "").replace(
    /[,\s]/g,
    "",
  );

/** The total a drill-down list reports once it has loaded. */
async function listTotal(): Promise<number> {
  const total = page.getByTestId("drill-total");
  await total.waitFor();
  await page.locator("[data-testid=drill-list] .ant-spin-spinning").waitFor({ state: "detached" });
  return Number(((await total.textContent()) ?? "").replace(/\D/g, ""));
}

test("the leader's dashboard draws every chart and shows the API's numbers", async () => {
  await openDashboard();
  assert.equal(await kpi("total"), String(summary.total));
  assert.equal(await kpi("done"), String(summary.done));
  assert.equal(await kpi("overdue"), String(summary.overdue));
  assert.equal(await kpi("escalated"), String(summary.escalatedNotices.open));
  const rate = `${Math.round((summary.completionRate ?? 0) * 1000) / 10}%`;
  assert.equal(await kpi("rate"), rate);

  // Each chart is an ECharts canvas with a text alternative that names what it shows.
  for (const chart of ["orgs-chart", "status-chart", "sections-chart", "trend-chart", "calendar-chart"]) {
    const box = page.getByTestId(chart);
    await box.locator("canvas").waitFor();
    const label = await box.getAttribute("aria-label");
    assert.ok(label && label.length > 10, `${chart} has an aria-label: ${label}`);
    const size = await box.locator("canvas").boundingBox();
    assert.ok(size && size.width > 200 && size.height > 100, `${chart} is drawn at a readable size`);
  }
  const worst = [...summary.byOrg].sort((a, b) => b.overdue / b.total - a.overdue / a.total)[0];
  assert.ok(worst);
  assert.match((await page.getByTestId("orgs-chart").getAttribute("aria-label")) ?? "", new RegExp(worst.orgName));
  await page.waitForTimeout(300);
  await screenshot(page, "dashboard");
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("the overdue number opens the list of exactly the overdue assignments", async () => {
  await openDashboard();
  await page.getByTestId("kpi-overdue").click();
  await page.waitForURL(/\/dashboard\/list\?status=overdue$/);
  assert.equal(await listTotal(), summary.overdue);
  assert.equal(await page.locator("[data-testid=drill-list] .ant-table-row").count(), Math.min(summary.overdue, 20));
  const statuses = await page
    .locator("[data-testid=drill-list] [data-status]")
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute("data-status")));
  assert.ok(statuses.length > 0 && statuses.every((s) => s === "overdue"));
  await screenshot(page, "dashboard-list");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Sorting by unit re-reads the whole bucket in that order: same total, names in order on the page.
  const sorted = page.waitForResponse((r) => r.url().includes("/api/assignments?") && r.url().includes("sort=org"));
  await page.getByRole("columnheader", { name: "责任单位" }).click();
  await sorted;
  assert.equal(await listTotal(), summary.overdue);
  const names = await page.locator("[data-testid=drill-list] .ant-table-row td:nth-child(2)").allInnerTexts();
  assert.deepEqual(
    names,
    [...names].sort((a, b) => a.localeCompare(b, "zh-Hans-CN")),
  );
});

test("the escalated-notices number opens the supervision notices narrowed to escalated ones", async () => {
  await openDashboard();
  await page.getByTestId("kpi-escalated").click();
  await page.waitForURL(/\/supervision\?tab=notices&open=true&escalated=true$/);
  await page.getByText("只显示已升级督办的督办单（来自数据看板）。").waitFor();
  const notices = (await (await page.request.get(`${server.url}/api/notices?open=true&escalated=true`)).json()) as {
    total: number;
  };
  assert.equal(notices.total, summary.escalatedNotices.open);
  await page.getByRole("button", { name: "显示全部" }).click();
  await page.waitForURL(/\/supervision\?tab=notices$/);
});

test("a click on the worst unit's overdue bar lists that unit's overdue work", async () => {
  await openDashboard();
  const chart = page.getByTestId("orgs-chart");
  await chart.locator("canvas").waitFor();
  const box = await chart.boundingBox();
  assert.ok(box);
  // Bars are 100% wide, worst unit on top, overdue last in the stack: the top row's right end is its overdue part
  // (the bars end some 35 px before the chart's edge, where the "100%" label needs room).
  await page.mouse.click(box.x + box.width - 45, box.y + 42);
  await page.waitForURL(/\/dashboard\/list\?/);
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get("status"), "overdue");
  const org = summary.byOrg.find((o) => o.orgId === Number(query.get("org")));
  assert.ok(org, `the list is one unit's: ${page.url()}`);
  const worstShare = Math.max(...summary.byOrg.map((o) => o.overdue / o.total));
  assert.equal(org.overdue / org.total, worstShare, `${org.orgName} has the largest overdue share`);
  assert.equal(await listTotal(), org.overdue);
  assert.equal(await page.locator("[data-testid=drill-list] .ant-table-row").count(), Math.min(org.overdue, 20));
  await page.getByTestId("drill-bucket").getByText(org.orgName).waitFor();
  // Back returns to the dashboard as it was left.
  await page.getByRole("button", { name: "返回数据看板" }).click();
  await page.waitForURL(/\/dashboard$/);
});

test("the deadline calendar pages to the latest deadline and a day lists what falls due on it", async () => {
  await openDashboard();
  const calendar = page.getByTestId("chart-calendar");
  const jump = calendar.getByRole("button", { name: /上一个到期日/ });
  // The demo's plans end by 2025: the coming months are empty and the calendar offers the latest deadline.
  await jump.waitFor();
  const date = (((await jump.textContent()) ?? "").match(/\d{4}-\d{2}-\d{2}/) ?? [])[0] as string;
  await jump.click();
  await page.waitForURL(/cal=\d{4}-\d{2}/);
  const days = (await (await page.request.get(`${server.url}/api/calendar?from=${date}&to=${date}`)).json()) as {
    days: { date: string; count: number }[];
  };
  const day = days.days[0];
  assert.ok(day && day.date === date, `${date} has deadlines`);
  await page.waitForTimeout(300);
  await screenshot(page, "dashboard-calendar");

  // The day's cell from the calendar's geometry: a column per week (Monday first), a row per weekday, inside
  // the margins the chart sets (left 44, right 16, top 30, rows 26 high); the window ends with the day's month.
  const box = await page.getByTestId("calendar-chart").boundingBox();
  assert.ok(box);
  const day0 = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const weekday = (n: number) => (new Date(n * 86_400_000).getUTCDay() + 6) % 7;
  const monday = (n: number) => n - weekday(n);
  const [year, month] = date.split("-").map(Number) as [number, number];
  const from = day0(new Date(Date.UTC(year, month - 6, 1)).toISOString().slice(0, 10));
  const to = day0(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
  const columns = (monday(to) - monday(from)) / 7 + 1;
  const column = (monday(day0(date)) - monday(from)) / 7;
  const cellWidth = (box.width - 44 - 16) / columns;
  await page.mouse.click(box.x + 44 + (column + 0.5) * cellWidth, box.y + 30 + (weekday(day0(date)) + 0.5) * 26);
  await page.waitForURL(/\/dashboard\/list\?/);
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get("dueFrom"), date);
  assert.equal(query.get("dueTo"), date);
  assert.equal(await listTotal(), day.count);
});
