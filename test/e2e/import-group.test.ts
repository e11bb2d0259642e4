// Defining a group from the import wizard: a county plan office's task table hands work to 各乡镇（街道）, which
// no group defines yet; the office defines it there with two streets as members, the preview shows the
// name resolved, and the imported measure is assigned to exactly those two streets.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, type Server, screenshot, seriousA11yViolations, signIn, startServer } from "./support.ts";

const GROUP = "各乡镇（街道）";
const table = Buffer.from(
  [
    "附件",
    "",
    "2025年泰山区知识产权保护工作任务分工表",
    "",
    "重点任务\t具体措施\t责任单位\t完成时限",
    "一、强化知识产权保护\t\t\t",
    "1. 加强专利执法\t开展专利侵权假冒专项检查，查办一批典型案件。\t泰山区科学技术局\t2025年11月底前",
    `2. 开展宣传培训\t组织知识产权宣传周活动，面向企业开展培训。\t${GROUP}\t全年`,
    "",
  ].join("\n"),
);

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

test("a plan office defines 各乡镇（街道） as a group in the wizard and the measure goes to its two members", async () => {
  const page = await signIn(browser, server, "taishan");
  await page.getByRole("link", { name: "导入计划" }).click();
  await page.getByRole("heading", { name: "导入计划" }).waitFor();
  await page
    .locator("input[type=file]")
    .setInputFiles({ name: "泰山区任务分工表.txt", mimeType: "text/plain", buffer: table });
  await page.getByRole("button", { name: "上传并解析" }).click();
  await page.getByTestId("preview-meta").getByText("2025年泰山区知识产权保护工作任务分工表").waitFor();
  await page.getByRole("button", { name: /下一步/ }).click();

  // The quick pick adds every direct child of one kind; cancelling keeps nothing of it.
  await page.getByRole("button", { name: `定义为单位组：${GROUP}` }).click();
  const dialog = page.getByRole("dialog", { name: "定义单位组" });
  await dialog.waitFor();
  await dialog.getByLabel("快速选择").click();
  const option = page.locator(".ant-select-item-option", { hasText: "全部直属乡镇街道单位" });
  const count = Number(/（(\d+) 个）/.exec((await option.textContent()) ?? "")?.[1]);
  assert.ok(count >= 2, `the county office has several streets, found ${count}`);
  await option.click();
  await dialog.locator(".ant-select-selection-item", { hasText: "岱庙街道" }).waitFor();
  assert.equal(await dialog.locator(".ant-select-selection-item").count(), count);
  await dialog.getByRole("button", { name: "取 消" }).click();
  await dialog.waitFor({ state: "detached" });

  await page.getByRole("button", { name: `定义为单位组：${GROUP}` }).click();
  await dialog.waitFor();
  assert.equal(await dialog.locator(".ant-select-selection-item").count(), 0, "a fresh dialog starts empty");
  assert.equal(await dialog.getByLabel("单位组名称").inputValue(), GROUP, "the printed name is the default");
  const members = dialog.getByLabel("成员单位");
  for (const street of ["岱庙街道", "财源街道"]) {
    await members.click();
    await members.fill(street);
    await page.locator(".ant-select-tree-node-content-wrapper", { hasText: street }).first().click();
  }
  // Focus elsewhere closes the tree's popup (still open after a pick, as it takes several).
  await dialog.getByLabel("单位组名称").click();
  await dialog.locator(".ant-select-selection-item", { hasText: "财源街道" }).waitFor();
  await page.locator(".ant-select-tree-list").waitFor({ state: "hidden" });
  await screenshot(page, "import-group-1-dialog");
  assert.deepEqual(await seriousA11yViolations(page), []);
  await dialog.getByRole("button", { name: "保存并重新核对" }).click();
  await dialog.waitFor({ state: "detached" });

  // Previewed again: the name now resolves, so nothing is left to match.
  await page.getByText("所有责任单位名称都已匹配到机构").waitFor();
  const row = page.getByTestId("resolved-names").locator("tr", { hasText: GROUP });
  await row.getByText("岱庙街道").waitFor();
  await screenshot(page, "import-group-2-resolved");

  await page.getByRole("button", { name: /下一步/ }).click();
  const imported = page.waitForResponse((r) => r.url().endsWith("/api/plans/import"));
  await page.getByRole("button", { name: /确认导入/ }).click();
  const response = await imported;
  assert.equal(response.status(), 201, await response.text());
  const { planId } = (await response.json()) as { planId: number };
  await page.getByTestId("import-result").waitFor();

  const res = await page.request.get(`${server.url}/api/assignments?plan=${planId}&limit=1000`);
  assert.equal(res.status(), 200);
  const items = (await res.json()).items as { measureText: string; orgName: string; via: string | null }[];
  const training = items.filter((a) => a.measureText.includes("宣传周"));
  assert.deepEqual(training.map((a) => a.orgName).sort(), ["岱庙街道", "财源街道"].sort());
  assert.ok(
    training.every((a) => a.via === GROUP),
    "each assignment records the group it came through",
  );
});
