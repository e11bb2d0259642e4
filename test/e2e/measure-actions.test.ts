// Issue 15's corrections, clicked through in Chromium: a city signs off only its own share of a measure
// fanned out to every city, and the issuing plan office closes the whole measure.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { apiAs, launchBrowser, type Server, screenshot, signIn, startServer } from "./support.ts";

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

/** The API as the page's signed-in user sees it (same cookie; writes carry the session's CSRF token). */
type AssignmentRow = { id: number; measureId: number; orgId: number; role: string; via: string | null };
type Detail = {
  state: { version: number; status: string; doneCount: number; total: number };
  assignments: { orgId: number; status: string }[];
};

const rowStatuses = (page: Page) =>
  page
    .locator(".ant-table-row [data-status]")
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute("data-status")));

test("a city signs off its own share of a fanned-out measure; the issuing office closes the whole measure", async () => {
  const office = await signIn(browser, server, "shandong");
  const officeApi = await apiAs(server, office);
  const city = await signIn(browser, server, "taian");
  const cityApi = await apiAs(server, city);
  const own = await cityApi.get<{ items: AssignmentRow[] }>(`/api/assignments?org=${cityApi.orgId}&limit=200`);
  const fanned = own.items.find((a) => a.via === "各市市场监督管理局");
  assert.ok(fanned, "泰安 holds a measure fanned out from 各市市场监督管理局");
  // Setup: the demo may have this measure done; the office reopens it, so every city's share is open.
  let detail = await officeApi.get<Detail>(`/api/measures/${fanned.measureId}`);
  if (detail.state.doneCount > 0)
    await officeApi.post(`/api/measures/${fanned.measureId}/reopen-all`, { expectedVersion: detail.state.version });
  detail = await officeApi.get<Detail>(`/api/measures/${fanned.measureId}`);
  const total = detail.state.total;
  assert.ok(total >= 16, `${total} assignments`);

  await city.goto(`${server.url}/measures/${fanned.measureId}`);
  await city.getByRole("heading", { name: /落实举措/ }).waitFor();
  await city.getByRole("button", { name: "确认本单位完成（销号）" }).click();
  await city.getByRole("button", { name: /确\s*定/ }).click();
  await city.getByRole("button", { name: "重新打开本单位" }).waitFor();
  await city.getByText(`1/${total} 个单位已申请办结`).waitFor();
  assert.notEqual(await city.locator("h2 [data-status]").getAttribute("data-status"), "done");
  await screenshot(city, "measure-own-share-signed-off");

  // 泰安's sign-off is its application (申请办结, issue 10): nothing is done before the office approves it,
  // and the measure is still open for the other cities.
  detail = await officeApi.get<Detail>(`/api/measures/${fanned.measureId}`);
  assert.equal(detail.state.status, "open");
  assert.equal(detail.state.doneCount, 1);

  await office.goto(`${server.url}/measures/${fanned.measureId}`);
  await office.getByRole("heading", { name: /落实举措/ }).waitFor();
  await office.getByText(`1/${total} 个单位已申请办结`).waitFor();
  const before = await rowStatuses(office);
  assert.ok(before.length === total, before.join(","));
  await office.getByRole("button", { name: "关闭整条举措" }).click();
  await office.getByRole("button", { name: /确\s*定/ }).click();
  await office.getByRole("button", { name: "重新打开整条举措" }).waitFor();
  await office.locator('h2 [data-status="done"]').waitFor();
  await office.getByText(`${total}/${total} 个单位已申请办结`).waitFor();
  const after = await rowStatuses(office);
  assert.ok(after.length === total && after.every((s) => s === "done"), after.join(","));
});

test("the plan office corrects a plan's title and period in the import preview, then its 文号 in plan settings", async () => {
  const page = await signIn(browser, server, "taishan");
  const plan = [
    "泰山区2025年知识产权保护工作要点（此件主动公开）",
    "",
    "任务清单\t落实举措\t责任单位\t完成时间",
    "一、强化知识产权保护\t\t\t",
    "1. 加强行政保护\t开展地理标志专用标志使用核查。\t泰山区市场监督管理局\t2025年9月底前",
    "",
  ].join("\n");
  await page.getByRole("link", { name: "导入计划" }).click();
  await page.getByRole("heading", { name: "导入计划" }).waitFor();
  await page
    .locator("input[type=file]")
    .setInputFiles({ name: "工作要点.txt", mimeType: "text/plain", buffer: Buffer.from(plan) });
  await page.getByRole("button", { name: "上传并解析" }).click();
  await page.getByTestId("preview-meta").waitFor();

  await page.getByRole("button", { name: "修改计划信息" }).click();
  const form = page.getByTestId("preview-meta-form");
  await form.getByLabel("标题").fill("泰山区2025年知识产权行政保护工作要点");
  await form.getByLabel("文号").fill("泰区市监发〔2025〕5号");
  await form.getByLabel("实施期限（起始年）").fill("2025");
  await form.getByLabel("实施期限（截止年）").fill("2024");
  await form.getByRole("button", { name: /确\s*定/ }).click();
  await form.getByText("截止年不能早于起始年").waitFor();
  await form.getByLabel("实施期限（截止年）").fill("2026");
  await form.getByRole("button", { name: /确\s*定/ }).click();
  const meta = page.getByTestId("preview-meta");
  await meta.getByText("泰山区2025年知识产权行政保护工作要点").waitFor();
  await meta.getByText("2025–2026").waitFor();
  assert.equal(await meta.getByText("已修改").count(), 3, "title, 文号 and period are marked corrected");
  await screenshot(page, "import-preview-metadata-corrected");

  await page.getByRole("button", { name: /下一步/ }).click();
  await page.getByRole("button", { name: /下一步/ }).click();
  await page.getByRole("button", { name: /确认导入/ }).click();
  await page.getByTestId("import-result").waitFor();
  await page.getByRole("link", { name: "查看计划" }).click();
  await page.waitForURL(/\/plans\/\d+$/);
  const planId = Number(/\/plans\/(\d+)$/.exec(page.url())?.[1]);
  await page.getByRole("heading", { name: "泰山区2025年知识产权行政保护工作要点" }).waitFor();
  await page.getByText("泰区市监发〔2025〕5号").waitFor();

  // Settings: the 文号 was still wrong; correct it there.
  await page.getByRole("button", { name: "计划设置" }).click();
  const drawer = page.getByRole("dialog");
  assert.equal(await drawer.getByLabel("标题").inputValue(), "泰山区2025年知识产权行政保护工作要点");
  await drawer.getByLabel("文号").fill("");
  await drawer.getByLabel("标题").fill(" ");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await drawer.getByText("请填写计划标题").waitFor();
  await drawer.getByLabel("标题").fill("泰山区2025年知识产权行政保护工作要点");
  await drawer.getByLabel("文号").fill("泰区市监发〔2025〕9号");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText("设置已保存").waitFor();
  await page.getByText("泰区市监发〔2025〕9号").waitFor();

  const detail = (await (await page.request.get(`${server.url}/api/plans/${planId}`)).json()) as {
    title: string;
    docNumber: string;
    periodFrom: number;
    periodTo: number;
  };
  assert.deepEqual(
    [detail.title, detail.docNumber, detail.periodFrom, detail.periodTo],
    ["泰山区2025年知识产权行政保护工作要点", "泰区市监发〔2025〕9号", 2025, 2026],
  );
  const register = await page.request.get(`${server.url}/api/plans/${planId}/register.xlsx`);
  const disposition = decodeURIComponent(register.headers()["content-disposition"] ?? "");
  assert.ok(disposition.includes("泰山区2025年知识产权行政保护工作要点"), disposition);
});

test("one notice for several overdue items of a unit, answered with a file; a notice from the measure page, escalated now", async () => {
  const UNIT = "泰安市市场监督管理局";
  const MESSAGE = "以下事项均已逾期，请一并说明原因并报送整改材料。";
  const office = await signIn(browser, server, "shandong");
  const officeApi = await apiAs(server, office);
  await office.goto(`${server.url}/supervision?tab=risk`);
  await office.getByTestId("risk-group").first().waitFor();
  await office.getByRole("searchbox", { name: "按单位名称查找" }).fill("泰安");
  await office.getByRole("searchbox", { name: "按单位名称查找" }).press("Enter");
  const rows = office.locator(".ant-collapse-item-active .ant-table-row");
  await rows.first().waitFor();
  const free = rows.filter({ hasNot: office.getByText("已督办，待答复") });
  assert.ok((await free.count()) >= 2, "泰安 has at least two overdue or at-risk items not yet chased");
  await free.nth(0).locator(".ant-checkbox-input").check();
  await free.nth(1).locator(".ant-checkbox-input").check();
  await office.getByRole("button", { name: "为所选 2 项下发一份督办单" }).click();
  const modal = office.getByRole("dialog");
  await modal.getByText(`督办单位：${UNIT}`).waitFor();
  await modal.getByText("督办事项（共 2 项）").waitFor();
  await modal.getByLabel("督办内容").fill(MESSAGE);
  await screenshot(office, "supervision-issue-several");
  await modal.getByRole("button", { name: /下\s*发/ }).click();
  await office.getByText(`督办单已下发给${UNIT}`).waitFor();

  // The unit answers once for both, with a file.
  const unit = await signIn(browser, server, "taian");
  await unit.goto(`${server.url}/supervision?tab=notices`);
  const row = unit.getByTestId("notices").locator(".ant-table-row").filter({ hasText: MESSAGE });
  await row.getByText("共 2 项").waitFor();
  await row.getByRole("button", { name: /答\s*复/ }).click();
  const answer = unit.getByRole("dialog");
  await answer.getByText("督办事项（共 2 项）").waitFor();
  await answer.getByLabel("答复内容").fill("两项均已整改，整改报告见附件。");
  await answer
    .locator("input[type=file]")
    .setInputFiles({ name: "整改报告.txt", mimeType: "text/plain", buffer: Buffer.from("整改报告") });
  await answer.getByText("整改报告.txt").waitFor();
  await answer.getByRole("button", { name: "提交答复" }).click();
  await unit.getByText("答复已提交").waitFor();
  type NoticeRow = {
    id: number;
    orgId: number;
    message: string;
    items: unknown[];
    evidence: { fileName: string }[];
    response: string | null;
    escalatedAt: string | null;
  };
  const notices = await officeApi.get<{ items: NoticeRow[] }>("/api/notices?limit=200");
  const sent = notices.items.find((n) => n.message === MESSAGE);
  assert.ok(sent);
  assert.equal(sent.items.length, 2);
  assert.deepEqual(
    sent.evidence.map((e) => e.fileName),
    ["整改报告.txt"],
  );
  await office.goto(`${server.url}/supervision?tab=notices`);
  await office.locator(".ant-segmented-item").filter({ hasText: "已答复" }).click();
  await office
    .getByTestId("notices")
    .locator(".ant-table-row")
    .filter({ hasText: MESSAGE })
    .getByRole("link", { name: /整改报告\.txt/ })
    .waitFor();

  // 督办 from a measure page, then escalated at once from the notices list.
  const own = await officeApi.get<{ items: AssignmentRow[] }>("/api/assignments?status=overdue&limit=50");
  const target = own.items[0];
  assert.ok(target, "the demo has overdue work");
  await office.goto(`${server.url}/measures/${target.measureId}`);
  await office.getByRole("button", { name: "督办" }).click();
  const dialog = office.getByRole("dialog");
  const unitPicker = dialog.getByLabel("督办单位");
  if (await unitPicker.count()) {
    await unitPicker.click();
    await office.locator(".ant-select-item-option").first().click();
  }
  const URGENT = "请于三日内报送进展。";
  await dialog.getByLabel("督办内容").fill(URGENT);
  await dialog.getByRole("button", { name: /下\s*发/ }).click();
  await office.getByText(/督办单已下发给/).waitFor();
  // The open notices are listed soonest respond-by date first, a page at a time; the demo's daily run has
  // issued many, so go to the page that holds the new one.
  const open = await officeApi.get<{ items: NoticeRow[] }>("/api/notices?open=true&limit=200");
  const position = open.items.findIndex((n) => n.message === URGENT);
  assert.ok(position >= 0, "the new notice is open");
  await office.goto(`${server.url}/supervision?tab=notices`);
  const page = Math.floor(position / 20) + 1;
  if (page > 1) await office.locator(`.ant-pagination .ant-pagination-item-${page}`).click();
  const urgent = office.getByTestId("notices").locator(".ant-table-row").filter({ hasText: URGENT });
  await urgent.getByRole("button", { name: "升级督办" }).click();
  await office.getByRole("button", { name: /确\s*定/ }).click();
  await office.getByText("已升级督办，已通知上级单位").waitFor();
  await urgent.locator("[data-state=escalated]").waitFor();
  const after = await officeApi.get<{ items: NoticeRow[] }>("/api/notices?limit=200");
  assert.ok(after.items.find((n) => n.message === URGENT)?.escalatedAt, "escalated on the server");
});
