// Reporters in counties file from phones: at 390 px (and 360/414) the workbench, the report form, the measure
// page and the dashboard fit the screen (no sideways scrolling), the header keeps the unit and user on one
// line, and every action is on screen and tappable. Screenshots go to test-output/screenshots/phone-*.png.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, screenshot as fullPage, launchBrowser, type Server, startServer } from "./support.ts";

/** The whole page, and the screen as the phone shows it (…-screen.png). */
async function screenshot(page: Page, name: string): Promise<void> {
  await fullPage(page, name);
  await page.screenshot({ path: `test-output/screenshots/${name}-screen.png` });
}

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

async function phone(username: string, width = 390): Promise<Page> {
  const context = await browser.newContext({
    locale: "zh-CN",
    viewport: { width, height: 844 },
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

/** The page is no wider than the screen: nothing makes it scroll sideways. */
async function assertFits(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(400);
  const { scroll, inner, wide } = await page.evaluate(() => {
    const inner = window.innerWidth;
    // The widest elements that stick out, to name in a failure (scrolling tables are allowed their own scroll).
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

/** On screen (not cut off at the right) and the element a tap there reaches. */
async function assertTappable(page: Page, locator: ReturnType<Page["locator"]>, what: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  assert.ok(box, `${what} is shown`);
  assert.ok(
    box.x >= 0 && box.x + box.width <= width,
    `${what} lies within the screen: x ${box.x}–${box.x + box.width}`,
  );
  const hit = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top !== null && (el === top || el.contains(top));
  });
  assert.ok(hit, `${what} is not covered by anything`);
}

async function assertHeaderOnOneLine(page: Page): Promise<void> {
  const who = page.getByTestId("current-user");
  await who.waitFor();
  const box = await who.boundingBox();
  assert.ok(box && box.height <= 48, `the unit and user stay on one line (${box?.height} px high)`);
  const title = await page.locator("h2").first().boundingBox();
  const header = await page.locator(".ant-layout-header").boundingBox();
  assert.ok(title && header && title.y >= header.y + header.height - 1, "the header does not cover the page title");
}

for (const width of [390, 360, 414]) {
  test(`a reporter's workbench and report form fit a ${width} px phone and the form submits`, async () => {
    const page = await phone("taian", width);
    await page.locator(".ant-table-row, [data-testid=assignment-card]").first().waitFor();
    if (width === 390) await screenshot(page, "phone-workbench");
    await assertHeaderOnOneLine(page);
    await assertFits(page, "workbench");
    const button = page.getByRole("button", { name: "填报进展" }).first();
    await assertTappable(page, button, "填报进展");
    await button.tap();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("进展情况").fill(`手机端报送（${width}px）：已完成走访。`);
    await drawer.getByLabel("完成比例（%）").fill("50");
    if (width === 390) await screenshot(page, "phone-report");
    await assertFits(page, "report form");
    const submit = drawer.getByRole("button", { name: /提\s*交/ });
    await assertTappable(page, submit, "提交");
    await submit.tap();
    await page.getByText(/进展已报送/).waitFor();
    await page.context().close();
  });
}

test("the measure page fits a 390 px phone", async () => {
  const page = await phone("taian");
  const link = page.locator(".ant-table-row a, [data-testid=assignment-card] a").first();
  await link.waitFor();
  await link.tap();
  await page.waitForURL(/\/measures\/\d+/);
  await page.getByText("原文").first().waitFor();
  await screenshot(page, "phone-measure");
  await assertHeaderOnOneLine(page);
  await assertFits(page, "measure page");
  await page.context().close();
});

test("the dashboard fits a 390 px phone: filters within the screen, charts drawn at its width", async () => {
  const page = await phone("leader");
  // The navigation sits behind the menu button on a phone.
  await page.getByRole("button", { name: "菜单" }).tap();
  await page.locator(".ant-drawer-open").getByText("数据看板", { exact: true }).tap();
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId("kpi-total").waitFor();
  await page.getByTestId("orgs-chart").locator("canvas").waitFor();
  await page.waitForTimeout(500);
  await screenshot(page, "phone-dashboard-all");
  await assertHeaderOnOneLine(page);
  await assertFits(page, "dashboard");
  for (const filter of ["filter-plan", "filter-org"]) await assertTappable(page, page.getByTestId(filter), filter);
  // A plan picked from the dropdown by tapping; its list fits the screen too.
  await page.getByTestId("filter-plan").tap();
  const dropdown = page.locator(".ant-select-dropdown:visible");
  await dropdown.waitFor();
  const box = await dropdown.boundingBox();
  assert.ok(
    box && box.x >= 0 && box.x + box.width <= 390,
    `the plan list fits: ${box?.x}–${(box?.x ?? 0) + (box?.width ?? 0)}`,
  );
  await dropdown.locator(".ant-select-item-option").first().tap();
  await page.waitForURL(/plan=\d+/);
  await page.getByTestId("kpi-total").waitFor();
  await page.waitForTimeout(800);
  await assertFits(page, "dashboard with a plan");
  for (const chart of ["status-chart", "sections-chart", "trend-chart", "calendar-chart"]) {
    const canvas = await page.getByTestId(chart).locator("canvas").boundingBox();
    assert.ok(canvas && canvas.x >= 0 && canvas.x + canvas.width <= 390, `${chart} is drawn within the screen`);
  }
  await screenshot(page, "phone-dashboard");
  await page.context().close();
});
