// The first visit and the reporter's daily path: sign in, see what the unit owes, file a report with evidence.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchBrowser, type Server, screenshot, seriousA11yViolations, signIn, startServer } from "./support.ts";

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

test("first load within budget: ≤ 1 s on localhost, JS for login and workbench ≤ 410 KB gzipped", async () => {
  // A first visit to a running server, not to one still doing its start-up supervision run.
  await server.settled;
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.endsWith(".js")) scripts.add(path);
  });
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").waitFor();
  const loginLoad = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return navigation ? navigation.loadEventEnd : Number.NaN;
  });
  await page.getByLabel("用户名").fill("taian");
  await page.getByLabel("密码").fill("luoshi-demo");
  const clicked = Date.now();
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  await page.locator(".ant-table-row").first().waitFor();
  const workbenchMs = Date.now() - clicked;
  // The budget is in gzip bytes (the .gz the build writes beside each file, what a gzip-only client gets);
  // the browser itself takes brotli, and its own count of bytes on the wire is printed beside.
  // Files under 1 KB are not precompressed; they count at their gzip size.
  const gzipSize = (path: string) =>
    existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : gzipSync(readFileSync(path), { level: 9 }).length;
  const gzipped = [...scripts].reduce((sum, path) => sum + gzipSize(join("web/dist", path)), 0);
  const transferred = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((entry) => entry.name.endsWith(".js"))
      .reduce((sum, entry) => sum + entry.encodedBodySize, 0),
  );
  console.log(
    `first load: login page loaded in ${loginLoad.toFixed(0)} ms, workbench with data ${workbenchMs} ms after ` +
      `sign-in; JS for both: ${scripts.size} files, ${(gzipped / 1024).toFixed(1)} KB gzipped, ` +
      `${(transferred / 1024).toFixed(1)} KB transferred (brotli)`,
  );
  // 410 KB: the phone shell (menu button, one-line header) and the bilingual problem texts are on every first
  // load since issue 15; the phone-only drawer and cards stay in chunks of their own.
  assert.ok(gzipped <= 410 * 1024, `initial JS is ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  assert.ok(loginLoad <= 1000, `login page took ${loginLoad} ms`);
  // The workbench's time depends on the API under whatever else runs; it is printed, the benchmark holds the bar.
  await context.close();
});

test("a reporter sees what the unit owes and files a report with an evidence file", async () => {
  const page = await signIn(browser, server, "taian");
  // The demo gives Tai'an late work — overdue, or unfinished (未办结) where a plan's period is over (issue 10):
  // its cards count it and the table leads with it.
  const count = async (status: string) => {
    const value = page
      .getByTestId(`group-${status}`)
      .locator(".ant-statistic-content-value")
      .filter({ hasText: /^\d+$/ });
    await value.waitFor();
    return Number(await value.textContent());
  };
  const overdue = (await count("overdue")) + (await count("unfinished"));
  assert.ok(overdue > 0, "the demo has late work for 泰安市市场监督管理局");
  await screenshot(page, "workbench");
  assert.deepEqual(await seriousA11yViolations(page), []);

  const firstRow = page.locator(".ant-table-row").first();
  await firstRow.getByRole("button", { name: "填报进展" }).click();
  const drawer = page.getByRole("dialog");
  await drawer.getByLabel("进展情况").fill("已召开专题会议部署，完成第一批企业走访。");
  await drawer.getByLabel("完成比例（%）").fill("40");
  await drawer.locator("input[type=file]").setInputFiles({
    name: "会议纪要.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
  });
  await screenshot(page, "workbench-report");
  await drawer.getByRole("button", { name: /提\s*交/ }).click();
  await page.getByText("进展已报送，上传佐证材料 1 份").waitFor();

  // What the server now holds, read through the same session.
  const measureHref = await firstRow.getByRole("link").first().getAttribute("href");
  assert.ok(measureHref);
  const list = await (
    await page.request.get(`${server.url}/api/assignments?org=${await orgIdOf(page)}&limit=200`)
  ).json();
  const filed = (list as { items: { id: number; latestReport: { percent: number | null } | null }[] }).items.filter(
    (a) => a.latestReport?.percent === 40,
  );
  assert.equal(filed.length, 1, "exactly the reported assignment carries the new report");
  const detail = (await (await page.request.get(`${server.url}/api/assignments/${filed[0]?.id}`)).json()) as {
    reports: { narrative: string; evidence: { fileName: string }[] }[];
  };
  const report = detail.reports.find((r) => r.narrative.startsWith("已召开专题会议部署"));
  assert.deepEqual(
    report?.evidence.map((e) => e.fileName),
    ["会议纪要.pdf"],
  );
});

async function orgIdOf(page: import("playwright-core").Page): Promise<number> {
  const session = (await (await page.request.get(`${page.url().replace(/\/$/, "")}/api/session`)).json()) as {
    user: { orgId: number };
  };
  return session.user.orgId;
}
