// Pace on screen: the county plan's indicators judged as of the end of 2024 show every band the demo
// figures give (Open SDG's measure), the forecast with its method, and the chart; today each target year
// (2025) is over, so the bands read achieved or missed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import {
  DEMO_PASSWORD,
  launchBrowser,
  type Server,
  screenshot,
  seriousA11yViolations,
  signIn,
  startServer,
} from "./support.ts";

let server: Server;
let browser: Browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const COUNTY = "泰山区知识产权强县建设试点工作实施方案";

async function countyPlanId(page: Page): Promise<number> {
  const res = await page.request.get(`${server.url}/api/plans`);
  const plans = (await res.json()) as { items: { id: number; title: string; orgName: string }[] };
  const plan = plans.items.find((p) => p.orgName === "泰山区市场监督管理局");
  assert.ok(plan, `the county plan (${COUNTY}) is in the demo`);
  return plan.id;
}

const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? "").trim();

const rowOf = (page: Page, name: string) =>
  page
    .locator(".ant-table-row")
    .filter({ has: page.getByRole("cell", { name, exact: true }) })
    .first();

test("as of the end of 2024 the indicators tab shows each band and the forecast with its method", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators&asOf=2024-12-31`);
  await page
    .getByTestId("pace-help")
    .getByText(/2024-12-31/)
    .waitFor();
  const expected: [string, string][] = [
    ["有效发明专利", "进度正常"],
    ["高价值发明专利", "需加快进度"],
    ["万人高价值发明专利拥有量", "进展有限"],
    ["侵犯知识产权行政处罚案件结案率", "出现倒退"],
    ["涉及知识产权纠纷行政裁决案件审结率", "已达标"],
  ];
  for (const [name, band] of expected) {
    const row = rowOf(page, name);
    await row.waitFor();
    assert.equal(await text(row.locator('[data-testid^="band-"]')), band, name);
  }
  // 498 at the end of 2024, growing 6.6% a year: 531 in 2025, short of 560.
  const high = rowOf(page, "高价值发明专利");
  const forecast = (await text(high.locator('[data-testid^="forecast-"]'))).replace(/\s+/g, "");
  assert.match(forecast, /预计2025年达到531件/);
  assert.match(forecast, /按现增速/);
  await high.getByRole("button", { name: /展开/ }).click();
  await page.locator('[data-testid^="pace-chart-"]').first().waitFor();
  await page.waitForTimeout(400);
  await screenshot(page, "indicator-pace-2024");
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("today, with 2025 over, a target is achieved or missed", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators`);
  const high = rowOf(page, "高价值发明专利");
  await high.waitFor();
  const band = await text(high.locator('[data-testid^="band-"]'));
  // The demo's clock is the machine's: before 2026 the 2025 target is still open.
  const year = new Date().getUTCFullYear();
  if (year >= 2026) assert.equal(band, "到期未达标");
  else assert.notEqual(band, "");
  assert.equal(
    await text(rowOf(page, "涉及知识产权纠纷行政裁决案件审结率").locator('[data-testid^="band-"]')),
    "已达标",
  );
});

test("the small-multiples page charts every indicator with its band and forecast", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators&asOf=2024-12-31`);
  await page.getByTestId("charts-link").click();
  await page.waitForURL(/\/plans\/\d+\/charts\?asOf=2024-12-31/);
  const grid = page.getByTestId("small-multiples");
  const card = (name: string) =>
    grid
      .locator('[data-testid^="multiple-"]')
      .filter({ has: page.locator(".ant-card-head-title", { hasText: new RegExp(`^${name}$`) }) })
      .first();
  const high = card("高价值发明专利");
  await high.waitFor();
  assert.equal(await text(high.locator('[data-testid^="band-"]')), "需加快进度");
  const forecast = (await text(high.locator('[data-testid^="forecast-"]'))).replace(/\s+/g, "");
  assert.match(forecast, /预计2025年达到531件/);
  assert.match(forecast, /按现增速/);
  await high.locator("canvas").first().waitFor();
  assert.equal(await text(card("有效发明专利").locator('[data-testid^="band-"]')), "进度正常");
  // Every indicator of the plan has its chart.
  const api = await page.request.get(`${server.url}/api/plans/${id}/indicators?asOf=2024-12-31`);
  const all = ((await api.json()) as { items: { pace: { headline: { pace: { offPace: boolean } } } }[] }).items;
  assert.equal(await grid.locator('[data-testid^="multiple-"]').count(), all.length);
  // Off pace only: the bands below on track, or a forecast short of the target.
  await page.getByText("仅看进度滞后").click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid^="multiple-"]').length === n,
    all.filter((i) => i.pace.headline.pace.offPace).length,
  );
  assert.equal(await card("有效发明专利").count(), 0);
  await screenshot(page, "indicator-small-multiples");
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("off pace is flagged on the supervision page and on the dashboard", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  // What the server judges off pace today; the screens must show the same.
  const res = await page.request.get(`${server.url}/api/indicators/off-pace?planId=${id}`);
  const items = ((await res.json()) as { items: { indicatorName: string; orgName: string; band: string }[] }).items;
  const plan = await page.request.get(`${server.url}/api/plans/${id}/indicators`);
  const indicators = (
    (await plan.json()) as {
      items: { name: string; pace: { headline: { pace: { offPace: boolean; band: string } } } }[];
    }
  ).items;
  const offPace = indicators.filter((i) => i.pace.headline.pace.offPace);
  assert.ok(offPace.length > 0, "the demo has indicators off pace");

  await page.goto(`${server.url}/supervision?tab=offPace`);
  await page.getByRole("tab", { name: "指标滞后", selected: true }).waitFor();
  const table = page.getByTestId("off-pace-table");
  await table.locator(".ant-table-row").first().waitFor();
  const first = offPace[0];
  assert.ok(first);
  const row = table.locator(".ant-table-row").filter({ hasText: first.name }).first();
  assert.equal(
    await row.getByTestId("off-pace-band").getAttribute("data-band"),
    items.find((i) => i.indicatorName === first.name)?.band,
  );
  assert.deepEqual(await seriousA11yViolations(page), []);

  await page.goto(`${server.url}/dashboard?plan=${id}`);
  const panel = page.getByTestId("chart-indicators");
  await panel.getByTestId("indicator").first().waitFor();
  assert.equal(await panel.getByTestId("indicator-off-pace").count(), offPace.length);
  assert.equal(
    (await text(panel.getByTestId("indicator-off-pace-count"))).replace(/\s+/g, ""),
    `进度滞后${offPace.length}`,
  );
});

test("the plan office corrects a baseline through the form; the change is audited", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators`);
  const row = rowOf(page, "有效发明专利");
  await row.waitFor();
  await row.getByRole("button", { name: /^校\s*正$/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("correct-indicator-form").waitFor();
  await dialog.getByLabel("基期年份").fill("2020");
  await dialog.getByLabel("基期数值").fill("1234");
  await dialog.getByRole("button", { name: /保存校正/ }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText("2020年（基期）").waitFor();
  assert.match(await text(row), /1234件/);
  const res = await page.request.get(`${server.url}/api/plans/${id}/indicators`);
  const item = (
    (await res.json()) as { items: { id: number; name: string; baseline: { year: number; value: number } | null }[] }
  ).items.find((i) => i.name === "有效发明专利");
  assert.deepEqual(item?.baseline, { year: 2020, value: 1234 });
  const audit = await page.request.get(`${server.url}/api/audit?entity=indicator&entityId=${item?.id}`);
  const entries = ((await audit.json()) as { items: { action: string; after: { baseline?: unknown } }[] }).items;
  assert.ok(
    entries.some(
      (e) => e.action === "indicator.update" && JSON.stringify(e.after.baseline) === '{"year":2020,"value":1234}',
    ),
    JSON.stringify(entries),
  );
});

test("the plan office splits a target among its orgs; the sum is checked as it types", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators`);
  const row = rowOf(page, "高价值发明专利");
  await row.waitFor();
  await row.getByRole("button", { name: /^分\s*解$/ }).click();
  const dialog = page.getByRole("dialog");
  const inputs = dialog.locator(".ant-table-row input");
  await inputs.first().waitFor();
  const sum = dialog.getByTestId("split-sum");
  // One org given the whole target and one more: over by one.
  await inputs.first().fill("561");
  await sum.getByText(/本级目标 560件/).waitFor();
  await sum.getByText(/比本级目标多 1件/).waitFor();
  await inputs.first().fill("560");
  await sum.getByText("分解合计与本级目标一致。").waitFor();
  await dialog.getByTestId("split-save").click();
  await dialog.getByTestId("split-notice").getByText("已保存。").waitFor();
  const indicators = await page.request.get(`${server.url}/api/plans/${id}/indicators`);
  const item = ((await indicators.json()) as { items: { id: number; name: string }[] }).items.find(
    (i) => i.name === "高价值发明专利",
  );
  const targets = await page.request.get(`${server.url}/api/indicators/${item?.id}/targets`);
  const shares = ((await targets.json()) as { items: { year: number; target: number }[] }).items;
  assert.ok(
    shares.some((s) => s.year === 2025 && s.target === 560),
    JSON.stringify(shares),
  );
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("as of the end of 2024 the dashboard's indicator panel shows every indicator's band and the forecast", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  const res = await page.request.get(`${server.url}/api/plans/${id}/indicators?asOf=2024-12-31`);
  const items = (
    (await res.json()) as {
      items: { id: number; name: string; pace: { headline: { pace: { band: string; offPace: boolean } } } }[];
    }
  ).items;
  await page.goto(`${server.url}/dashboard?plan=${id}&asOf=2024-12-31`);
  const panel = page.getByTestId("chart-indicators");
  await panel
    .getByTestId("indicator-as-of")
    .getByText(/2024-12-31/)
    .waitFor();
  await panel.getByTestId("indicator").first().waitFor();
  // One band per indicator, as the server judges it; the off-pace ones flagged.
  for (const i of items) {
    const row = panel.locator(`[data-testid="indicator"][data-indicator-id="${i.id}"]`);
    const tag = row.locator('[data-testid="indicator-band"], [data-testid="indicator-off-pace"]');
    assert.equal(await tag.getAttribute("data-band"), i.pace.headline.pace.band, i.name);
    assert.equal(
      await tag.getAttribute("data-testid"),
      i.pace.headline.pace.offPace ? "indicator-off-pace" : "indicator-band",
    );
  }
  const high = items.find((i) => i.name === "高价值发明专利");
  assert.ok(high);
  const row = panel.locator(`[data-testid="indicator"][data-indicator-id="${high.id}"]`);
  assert.equal((await text(row.getByTestId("indicator-off-pace"))).replace(/\s+/g, ""), "进度滞后·需加快进度");
  assert.equal(
    (await text(row.getByTestId("indicator-forecast"))).replace(/\s+/g, ""),
    "预计2025年达到531件（按现增速）",
  );
  const onTrack = items.find((i) => i.name === "有效发明专利");
  assert.equal(
    await text(panel.locator(`[data-indicator-id="${onTrack?.id}"]`).getByTestId("indicator-band")),
    "进度正常",
  );
  // The panel's link keeps the day the pace is judged on.
  assert.match(
    (await panel.getByRole("link", { name: "打开计划的指标页" }).getAttribute("href")) ?? "",
    /asOf=2024-12-31/,
  );
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, "indicator-dashboard-2024");
  assert.deepEqual(await seriousA11yViolations(page), []);
});

/** A phone-sized page signed in as a demo account. */
async function phone(username: string): Promise<Page> {
  const context = await browser.newContext({
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).tap();
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  return page;
}

/** Nothing makes the page scroll sideways (a table may scroll inside itself); names what sticks out. */
async function assertFits(page: Page, where: string): Promise<void> {
  const { scroll, inner, wide } = await page.evaluate(() => {
    const inner = window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.right > inner + 1 && r.width > 0 && !e.closest(".ant-table-content, .ant-table-body");
      })
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${String(e.className).split(" ")[0]} right=${Math.round(e.getBoundingClientRect().right)}`,
      );
    return { scroll: document.scrollingElement?.scrollWidth ?? 0, inner, wide };
  });
  assert.ok(scroll <= inner, `${where}: page is ${scroll} px wide on a ${inner} px screen: ${wide.join(", ")}`);
}

test("on a 390 px phone the indicators tab, the small multiples, the off-pace tab and the panel fit the screen", async () => {
  const page = await phone("taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators&asOf=2024-12-31`);
  // The phone's row keeps the name (target and latest under it), the band and the forecast.
  const high = page
    .locator(".ant-table-row")
    .filter({ has: page.getByRole("cell", { name: /^高价值发明专利\s*目标/ }) })
    .first();
  assert.equal(await text(high.locator('[data-testid^="band-"]')), "需加快进度");
  assert.match((await text(high.locator('[data-testid^="forecast-"]'))).replace(/\s+/g, ""), /预计2025年达到531件/);
  assert.match(await text(high), /最新数值 498件/);
  await assertFits(page, "indicators tab");
  await screenshot(page, "phone-indicators-tab");

  await page.goto(`${server.url}/plans/${id}/charts?asOf=2024-12-31`);
  const grid = page.getByTestId("small-multiples");
  await grid.locator("canvas").first().waitFor();
  await assertFits(page, "small multiples");
  // Each chart is drawn within the screen.
  const canvas = await grid.locator("canvas").first().boundingBox();
  assert.ok(
    canvas && canvas.x >= 0 && canvas.x + canvas.width <= 390,
    `chart within the screen: ${JSON.stringify(canvas)}`,
  );
  await screenshot(page, "phone-indicator-charts");

  await page.goto(`${server.url}/supervision?tab=offPace`);
  await page.getByTestId("off-pace-table").locator(".ant-table-row").first().waitFor();
  await assertFits(page, "off-pace tab");
  await screenshot(page, "phone-off-pace");

  await page.goto(`${server.url}/dashboard?plan=${id}&asOf=2024-12-31`);
  const panel = page.getByTestId("chart-indicators");
  await panel.getByTestId("indicator-forecast").first().waitFor();
  await panel.scrollIntoViewIfNeeded();
  await assertFits(page, "dashboard indicator panel");
  await screenshot(page, "phone-indicator-panel");
});

test("the expanded row ranks the orgs holding a share by pace, as of the day judged", async () => {
  const page = await signIn(browser, server, "taishan");
  const id = await countyPlanId(page);
  await page.goto(`${server.url}/plans/${id}?tab=indicators&asOf=2024-12-31`);
  const row = rowOf(page, "培育知识产权贯标企业");
  await row.waitFor();
  await row.getByRole("button", { name: /展开/ }).click();
  const ranking = page.locator('[data-testid^="ranking-"]').first();
  await ranking.locator(".ant-table-row").first().waitFor();
  const rows = ranking.locator(".ant-table-row");
  const read = async (n: number) => {
    const r = rows.nth(n);
    return [
      await text(r.locator("td").nth(0)),
      await text(r.locator("td").nth(1)),
      await r.getByTestId("ranking-band").getAttribute("data-band"),
    ];
  };
  // The four orgs the office split its 35 enterprises among, best pace first (met share, then by ratio).
  assert.deepEqual(await read(0), ["1", "省庄镇", "target_achieved"]);
  assert.equal(await text(rows.nth(0).getByTestId("ranking-band")), "已达标");
  assert.deepEqual(await read(3), ["4", "岱庙街道", "limited_progress"]);
  assert.equal(await text(rows.nth(3).getByTestId("ranking-band")), "进展有限");
  assert.match(await text(rows.nth(3)), /6家（2025）/);
  await ranking.scrollIntoViewIfNeeded();
  await screenshot(page, "indicator-ranking-2024");
  assert.deepEqual(await seriousA11yViolations(page), []);
});
