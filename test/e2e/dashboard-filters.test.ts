// Changing the dashboard's filters by clicking (not by URL): every choice redraws the page with the API's
// numbers for it, no request is refused (no empty query parameters) and no chart crashes the page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type Server, signIn, startServer } from "./support.ts";

let server: Server;
let browser: Browser;
let page: Page;
const refused: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await signIn(browser, server, "leader");
  page.on("response", (r) => {
    if (r.url().includes("/api/") && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

type Summary = { total: number; done: number; overdue: number };
const summaryOf = async (query: string) =>
  (await (await page.request.get(`${server.url}/api/dashboard/summary${query}`)).json()) as Summary;

const kpi = async (id: string) =>
  Number(
    ((await page.getByTestId(`kpi-${id}`).locator(".ant-statistic-content-value").textContent()) ?? "").replace(
      /[,\s]/g,
      "",
    ),
  );

/** Waits for the page to settle after a filter change and checks it shows the API's numbers for the URL's scope. */
async function assertShowsScope(): Promise<Summary> {
  const url = new URL(page.url());
  const query = new URLSearchParams();
  if (url.searchParams.get("plan")) query.set("planId", url.searchParams.get("plan") as string);
  if (url.searchParams.get("org")) query.set("orgId", url.searchParams.get("org") as string);
  const expected = await summaryOf(query.size > 0 ? `?${query}` : "");
  // Either the page shows the scope's total or it has failed (then the assertions below say how).
  await page.waitForFunction(
    (total) =>
      document.body.textContent?.includes("页面出错了") ||
      document
        .querySelector("[data-testid=kpi-total] .ant-statistic-content-value")
        ?.textContent?.replace(/\D/g, "") === String(total),
    expected.total,
  );
  assert.equal(await page.getByText("页面出错了").count(), 0, `no error page: ${pageErrors.join("; ")}`);
  assert.equal(await kpi("done"), expected.done);
  assert.equal(await kpi("overdue"), expected.overdue);
  // Let the charts and the calendar fetch and draw for the new scope.
  await page.waitForTimeout(800);
  assert.equal(await page.getByText("页面出错了").count(), 0, `no error page: ${pageErrors.join("; ")}`);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(refused, []);
  return expected;
}

async function pickOption(testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator(".ant-select-dropdown:visible").getByTitle(name, { exact: true }).first();
  await option.click();
}

test("every filter choice made by clicking redraws the dashboard without an error", async () => {
  await page.goto(`${server.url}/`);
  await page
    .getByRole("link", { name: /数据看板/ })
    .first()
    .click();
  await page.getByRole("heading", { name: "数据看板" }).waitFor();
  await page.getByTestId("kpi-total").waitFor();
  const all = await assertShowsScope();

  const plans = (await (await page.request.get(`${server.url}/api/plans?status=active`)).json()) as {
    items: { id: number; title: string }[];
  };
  const orgs = (await (await page.request.get(`${server.url}/api/orgs`)).json()) as {
    items: { id: number; name: string }[];
  };
  const jinan = orgs.items.find((o) => o.name === "济南市市场监督管理局");
  assert.ok(jinan);
  // The last plan picked is one with work for 济南, so that the unit filter narrows to charts, not to nothing.
  const withJinan: typeof plans.items = [];
  for (const plan of plans.items)
    if ((await summaryOf(`?planId=${plan.id}&orgId=${jinan.id}`)).total > 0) withJinan.push(plan);
  const last = withJinan[0];
  assert.ok(last, "a plan assigns work to 济南");
  const picks = [...plans.items.filter((p) => p !== last).slice(0, 2), last];
  const seen = new Set<number>([all.total]);
  for (const plan of picks) {
    await pickOption("filter-plan", plan.title);
    await page.waitForURL(new RegExp(`plan=${plan.id}`));
    seen.add((await assertShowsScope()).total);
  }
  assert.ok(seen.size > 1, "the numbers change with the plan");

  // A unit within the chosen plan: 济南 (a city under the province).
  await pickOption("filter-org", jinan.name);
  await page.waitForURL(/org=\d+/);
  const narrowed = await assertShowsScope();
  assert.ok(narrowed.total < all.total);

  // The trend's span and the calendar's paging are filters too.
  await page.getByTestId("chart-trend").getByText("近一年").click();
  await page.waitForURL(/trend=year/);
  await assertShowsScope();
  await page.getByTestId("chart-calendar").getByRole("button", { name: "往前 6 个月" }).click();
  await page.waitForURL(/cal=\d{4}-\d{2}/);
  await assertShowsScope();

  // Clearing the plan (its clear icon), then every filter at once.
  await page.getByTestId("filter-plan").hover();
  await page.getByTestId("filter-plan").locator(".ant-select-clear").click();
  await page.waitForURL((url) => !url.searchParams.has("plan"));
  await assertShowsScope();
  await page.getByRole("button", { name: "清除筛选" }).click();
  await page.waitForURL((url) => !url.searchParams.has("org"));
  assert.equal((await assertShowsScope()).total, all.total);
});

test("the status pie splits the work into the completion bars' three parts, naming the open part's statuses", async () => {
  await page.goto(`${server.url}/dashboard`);
  const summary = await summaryOf("");
  const pie = page.getByTestId("status-chart");
  await pie.locator("canvas").waitFor();
  const label = (await pie.getAttribute("aria-label")) ?? "";
  const open = summary.total - summary.done - summary.overdue;
  assert.match(label, new RegExp(`^任务状态分布：已完成 ${summary.done} 项, 推进中 ${open} 项（[^）]+）`));
  if (summary.overdue > 0) assert.match(label, new RegExp(`已逾期 ${summary.overdue} 项$`));
  for (const status of ["本期未报送", "即将到期", "正常推进", "未开始"])
    assert.ok(!new RegExp(`, ${status} \\d+ 项`).test(label), `${status} is inside the open part, not a slice`);
});
