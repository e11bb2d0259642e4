// Importing as another region's office in the browser: a Hunan bureau's task table resolves to Hunan's orgs
// (each printed name shown with its org and region), a name mapped to a Shandong org is flagged and needs
// the confirmation tick, and the result leads to the plan's own review list, where names left open show
// greyed on their measures and several are resolved with one submit.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type Server, screenshot, seriousA11yViolations, signIn, startServer } from "./support.ts";

const HUNAN = "湖南省市场监督管理局（湖南省知识产权局）";
const table = readFileSync("test/fixtures/layouts/hunan-provincial-task-table.txt");

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

/** Hunan's bureau and its 公安厅 through the API, as an admin would set them up in 系统管理. */
async function addHunan(page: Page): Promise<void> {
  const session = await (await page.request.get(`${server.url}/api/session`)).json();
  const headers = { "x-csrf-token": session.csrfToken as string };
  const orgs = (await (await page.request.get(`${server.url}/api/orgs`)).json()).items as {
    id: number;
    name: string;
  }[];
  const cnipa = orgs.find((o) => o.name === "国家知识产权局")?.id;
  const post = async (data: Record<string, unknown>) => {
    const res = await page.request.post(`${server.url}/api/orgs`, { headers, data });
    assert.equal(res.status(), 201, await res.text());
    return (await res.json()).id as number;
  };
  // The reference directory holds every provincial office; only its 公安厅 is the admin's to add.
  const bureau =
    orgs.find((o) => o.name === HUNAN)?.id ??
    (await post({ name: HUNAN, kind: "province", parentId: cnipa, regionCode: "430000", isRegionOffice: true }));
  await post({ name: "湖南省公安厅", kind: "department", parentId: bureau, regionCode: "430000" });
}

async function pick(page: Page, label: string, search: string, option: string): Promise<void> {
  const picker = page.getByLabel(label);
  await picker.click();
  await picker.fill(search);
  await page.locator(".ant-select-tree-node-content-wrapper", { hasText: option }).first().click();
}

test("a Hunan import resolves to Hunan's orgs; outside-region work needs a tick; the review list resolves many", async () => {
  const page = await signIn(browser, server, "admin");
  await addHunan(page);
  await page.getByRole("link", { name: "导入计划" }).click();
  await page.getByRole("heading", { name: "导入计划" }).waitFor();
  await pick(page, "计划归属单位", "湖南", HUNAN);
  await page
    .locator("input[type=file]")
    .setInputFiles({ name: "湖南任务分工表.txt", mimeType: "text/plain", buffer: table });
  await page.getByRole("button", { name: "上传并解析" }).click();
  await page.getByTestId("preview-meta").getByText("2025年湖南省知识产权保护工作任务分工表").waitFor();
  await page.getByRole("button", { name: /下一步/ }).click();

  const names = page.getByTestId("resolved-names");
  await names.locator("tr", { hasText: "省公安厅" }).getByText("湖南省公安厅").waitFor();
  await names.locator("tr", { hasText: "省市场监督管理局" }).getByText(HUNAN).first().waitFor();
  assert.equal(await names.getByText(/山东/).count(), 0, "no printed name went to a Shandong org");
  await screenshot(page, "import-regions-1-names");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // A person maps 省司法厅 to Shandong's by mistake: the import is held until they confirm it.
  await pick(page, "为“省司法厅”选择对应单位", "山东省司法厅", "山东省司法厅");
  await page.getByRole("button", { name: /下一步/ }).click();
  await page.getByRole("button", { name: /确认导入/ }).click();
  const guard = page.getByTestId("outside-region-confirm");
  await guard.getByText("“省司法厅” → 山东省司法厅（山东省）").waitFor();
  assert.equal(await page.getByRole("button", { name: /确认导入/ }).isDisabled(), true);
  await screenshot(page, "import-regions-2-outside");
  await guard.getByRole("checkbox").check();
  await page.getByRole("button", { name: /确认导入/ }).click();

  const result = page.getByTestId("import-result");
  await result.waitFor();
  await result.getByRole("link", { name: "打开待确认单位清单" }).click();
  const review = page.getByTestId("review-tab");
  await review.waitFor();
  assert.match(page.url(), /tab=review/);
  await review.locator("tr", { hasText: "省高级人民法院" }).waitFor();
  await review.locator("tr", { hasText: "省农业农村厅" }).waitFor();
  await screenshot(page, "import-regions-3-review");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Two names at once: one created as a Hunan department, one mapped to it.
  await review.locator("tr", { hasText: "省高级人民法院" }).getByRole("checkbox").check();
  await review.locator("tr", { hasText: "省农业农村厅" }).getByRole("checkbox").check();
  await review.getByTestId("review-submit").click();
  await review.getByText(/已处理 2 个名称/).waitFor();
  await review.locator("tr", { hasText: "省高级人民法院" }).waitFor({ state: "detached" });

  // Names still open show greyed on their measures in the plan view.
  await page.getByRole("tab", { name: /任务/ }).first().click();
  await page.getByTestId("unit-to-confirm").getByText("各市州市场监管局（待确认）").first().waitFor();
  await screenshot(page, "import-regions-4-measures");
});
