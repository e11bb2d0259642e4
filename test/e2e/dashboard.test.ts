// The leader's view: the dashboard draws the demo's figures, its numbers are the API's, and a click on a number,
// a bar or a day opens the list of exactly the assignments it counts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type Server, screenshot, seriousA11yViolations, signIn, startServer } from "./support.ts";

type Bucket = { total: number; done: number; overdue: number; query: Record<string, unknown> };
type Summary = {
  asOf: string;
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

test("a search in the list puts the measures that name the words first, until a column orders it otherwise", async () => {
  await page.goto(`${server.url}/dashboard/list`);
  await listTotal();
  const q = "专利";
  const searched = page.waitForResponse((r) => r.url().includes("/api/assignments?") && r.url().includes("q="));
  await page.getByRole("searchbox", { name: "在清单中搜索任务或举措" }).fill(q);
  await page.keyboard.press("Enter");
  const body = (await (await searched).json()) as { items: { measureText: string; taskTitle: string }[] };
  await page.getByTestId("drill-relevance").waitFor();
  const tiers = body.items.map((i) => (i.measureText.includes(q) ? 2 : 0) + (i.taskTitle.includes(q) ? 1 : 0));
  assert.ok(tiers.length > 1 && (tiers[0] ?? 0) >= 2, `the first match names ${q} in its own text`);
  assert.deepEqual(
    tiers,
    [...tiers].sort((a, b) => b - a),
    "best tier first",
  );
  await page.locator("[data-testid=drill-list] .ant-spin-spinning").waitFor({ state: "detached" });
  const shown = await page.locator("[data-testid=drill-list] .ant-table-row td:first-child a").first().textContent();
  assert.equal(shown, body.items[0]?.measureText);
  await screenshot(page, "dashboard-search");
  const byDue = page.waitForResponse((r) => r.url().includes("/api/assignments?") && r.url().includes("sort=due"));
  await page.getByRole("columnheader", { name: "完成时限" }).click();
  await byDue;
  await page.getByTestId("drill-relevance").waitFor({ state: "detached" });
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

type IndicatorValue = { id: number; value: number; asOf: string; orgId: number; orgName: string };
type Indicator = {
  id: number;
  name: string;
  op: string;
  target: number;
  targetHigh: number | null;
  unit: string;
  dueBy: string | null;
  values: IndicatorValue[];
  latest: (IndicatorValue & { attainment: { ratio: number; met: boolean } | null }) | null;
};

async function planIdTitled(title: string): Promise<number> {
  const plans = (await (await page.request.get(`${server.url}/api/plans`)).json()) as {
    items: { id: number; title: string }[];
  };
  const plan = plans.items.find((p) => p.title === title);
  assert.ok(plan, `the leader sees ${title}`);
  return plan.id;
}

const indicatorsOf = async (planId: number, query = "") =>
  (
    (await (await page.request.get(`${server.url}/api/plans/${planId}/indicators${query}`)).json()) as {
      items: Indicator[];
    }
  ).items;

const figure = (n: number) => String(Math.round(n * 1e6) / 1e6);

test("the indicator panel asks for a plan, then shows each of the plan's indicators as the API reports it", async () => {
  await openDashboard();
  const panel = page.getByTestId("chart-indicators");
  await panel.getByText("在上方“计划”中选择一个计划").waitFor();

  // The county plan's office has reported every indicator, the last as of mid-2025: some met, the rest missed.
  const planId = await planIdTitled("泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022-2025年）");
  const indicators = await indicatorsOf(planId);
  assert.ok(indicators.length >= 10 && indicators.every((i) => i.values.length > 1), "the demo reported them all");
  await page.goto(`${server.url}/dashboard?plan=${planId}`);
  const rows = panel.getByTestId("indicator");
  await rows.first().waitFor();
  assert.deepEqual(
    await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-indicator-id")))),
    indicators.map((i) => i.id),
  );
  const today = summary.asOf;
  for (const [n, indicator] of indicators.entries()) {
    const row = rows.nth(n);
    const latest = indicator.latest;
    assert.ok(latest?.attainment);
    const ratio = `${Math.round(latest.attainment.ratio * 1000) / 10}%`;
    const state = (await row.getByTestId("indicator-state").textContent()) ?? "";
    const due = Number(indicator.dueBy);
    if (latest.attainment.met) assert.equal(state, "已达标", indicator.name);
    else assert.equal(state, `${Number(today.slice(0, 4)) > due ? "到期未达标 · " : ""}达成 ${ratio}`, indicator.name);
    assert.equal(
      await row.getByRole("progressbar").getAttribute("aria-valuenow"),
      String(Math.round(latest.attainment.ratio * 1000) / 10),
    );
    // The baseline is the earliest figure of the org the latest is from (the office's, not a share's).
    const first = indicator.values.find((v) => v.orgName === latest.orgName) as IndicatorValue;
    const target = indicator.op === ">" ? `>${figure(indicator.target)}` : `≥${figure(indicator.target)}`;
    assert.equal(
      await row.getByTestId("indicator-figures").textContent(),
      `基期 ${figure(first.value)}${indicator.unit}（${first.asOf}） → ` +
        `最新 ${figure(latest.value)}${indicator.unit}（${latest.asOf}） → ` +
        `目标 ${target}${indicator.unit}（${indicator.dueBy}年）`,
    );
  }
  const met = indicators.filter((i) => i.latest?.attainment?.met).length;
  assert.ok(met > 0 && met < indicators.length);
  const counts = panel.getByTestId("indicator-counts");
  assert.equal(await counts.locator("[data-state=met]").textContent(), `已达标 ${met}`);
  assert.equal(await counts.locator("[data-state=missed]").textContent(), `到期未达标 ${indicators.length - met}`);
  await panel.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await screenshot(page, "dashboard-indicators");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // An indicator opens the plan's indicator page.
  await rows.nth(1).getByRole("progressbar").click();
  await page.waitForURL(`${server.url}/plans/${planId}?tab=indicators`);
});

test("an unreported indicator says so, and a unit that reported nothing is told where values are recorded", async () => {
  const planId = await planIdTitled("山东省2023—2025年知识产权保护推进计划");
  const indicators = await indicatorsOf(planId);
  const unreported = indicators.find((i) => i.latest === null);
  assert.ok(unreported && indicators.some((i) => i.latest !== null), "one reported, one not");
  await page.goto(`${server.url}/dashboard?plan=${planId}`);
  const panel = page.getByTestId("chart-indicators");
  const row = panel.locator(`[data-indicator-id="${unreported.id}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId("indicator-state").textContent(), "尚未报送");
  assert.match((await row.getByTestId("indicator-figures").textContent()) ?? "", /^尚无报送值 → 目标 /);
  assert.equal(
    await panel.locator("[data-testid=indicator-counts] [data-state=unreported]").textContent(),
    "尚未报送 1",
  );

  // 济南 reports nothing for the province's plan: narrowed to it, the panel says who records values and where.
  const orgs = (await (await page.request.get(`${server.url}/api/orgs`)).json()) as {
    items: { id: number; name: string }[];
  };
  const jinan = orgs.items.find((o) => o.name === "济南市市场监督管理局");
  assert.ok(jinan);
  const narrowed = await indicatorsOf(planId, `?under=${jinan.id}`);
  assert.ok(narrowed.length > 0 && narrowed.every((i) => i.values.length === 0));
  await page.goto(`${server.url}/dashboard?plan=${planId}&org=${jinan.id}`);
  await panel.getByText("所选单位还没有报送这份计划的指标值。").waitFor();
  await panel.getByText("指标值由计划处室和承担单位在计划的指标页报送。").waitFor();
  assert.equal(await panel.getByTestId("indicator").count(), 0);
  // Panels below it (the coverage panel) may still be laying out, so the panel need not be still: plain scroll.
  await panel.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await screenshot(page, "dashboard-indicators-unit");
  assert.deepEqual(await seriousA11yViolations(page), []);
  await panel.locator(".ant-empty").getByRole("link", { name: "打开计划的指标页" }).click();
  await page.waitForURL(`${server.url}/plans/${planId}?tab=indicators`);
});
