// Supervision and assessment: the plan office chases a unit's overdue work with a notice, the unit answers it
// from its inbox, and the notice leaves the open list; the assessment ranks a demo plan's units.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
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

const UNIT = "泰安市市场监督管理局";
const MESSAGE = "该项任务已逾期两个月，请于一周内书面说明原因并报送整改方案。";
const ANSWER = "已召开专题会议研究整改，方案已报送，预计下月底前完成。";

test("a notice is issued to a unit about overdue work, answered from its inbox, and leaves the open list", async () => {
  const office = await signIn(browser, server, "shandong");
  await office.getByRole("link", { name: "督办" }).click();
  await office.getByRole("tab", { name: "逾期与风险", selected: true }).waitFor();
  const groups = office.getByTestId("risk-group");
  await groups.first().waitFor();
  assert.ok((await groups.count()) > 1, "overdue work of several units, one group each");
  // Worst first: the first unit has the most overdue items.
  const overdueOf = async (index: number) =>
    Number(/已逾期 (\d+)/.exec((await groups.nth(index).textContent()) ?? "")?.[1] ?? 0);
  assert.ok((await overdueOf(0)) >= (await overdueOf(1)), "units ordered worst first");
  await screenshot(office, "supervision-risk");
  assert.deepEqual(await seriousA11yViolations(office), []);

  // The unit's full name: its districts' offices (泰安市泰山区…) hold work of their own and share the city's prefix.
  await office.getByRole("searchbox", { name: "按单位名称查找" }).fill(UNIT);
  await office.getByRole("searchbox", { name: "按单位名称查找" }).press("Enter");
  assert.equal(await groups.count(), 1);
  assert.match((await groups.first().textContent()) ?? "", new RegExp(UNIT));
  const row = office.locator(".ant-collapse-item-active .ant-table-row").first();
  const measureText = (await row.getByRole("link").first().textContent()) ?? "";
  assert.ok(measureText.length > 0);
  await row.getByRole("button", { name: "下发督办单" }).click();
  const modal = office.getByRole("dialog");
  await modal.getByText(`督办单位：${UNIT}`).waitFor();
  await modal.getByLabel("督办内容").fill(MESSAGE);
  await screenshot(office, "supervision-issue");
  await modal.getByRole("button", { name: /下\s*发/ }).click();
  await office.getByText(`督办单已下发给${UNIT}`).waitFor();
  await row.getByText("已督办，待答复").waitFor();

  // The unit's reporter: the bell leads to the inbox, the notification to the notice, and the notice is answered.
  const unit = await signIn(browser, server, "taian");
  await unit.getByRole("button", { name: "通知" }).click();
  await unit.waitForURL(/\/supervision\?tab=inbox/);
  const note = unit.getByTestId("inbox").locator(".ant-table-row").filter({ hasText: MESSAGE });
  await note.waitFor();
  assert.equal(await note.locator("[data-unread=true]").count(), 1, "the new notification is unread");
  await screenshot(unit, "supervision-inbox");
  assert.deepEqual(await seriousA11yViolations(unit), []);
  await note.getByRole("link", { name: "查看督办单" }).click();
  const focused = unit.getByTestId("focused-notice");
  await focused.getByText(MESSAGE).waitFor();
  await focused.getByText(measureText).waitFor();
  const openList = unit.getByTestId("notices").locator(".ant-table-row").filter({ hasText: MESSAGE });
  await openList.waitFor();
  await focused.getByRole("button", { name: /答\s*复/ }).click();
  await unit.getByRole("dialog").getByLabel("答复内容").fill(ANSWER);
  await unit.getByRole("dialog").getByRole("button", { name: "提交答复" }).click();
  await unit.getByText("答复已提交").waitFor();
  await focused.getByText(ANSWER).waitFor();
  await openList.waitFor({ state: "detached" });
  await screenshot(unit, "supervision-answered");

  // Back at the plan office: no longer open, listed as answered with the unit's words.
  await office.goto(`${server.url}/supervision?tab=notices`);
  const notices = office.getByTestId("notices");
  await notices.locator(".ant-table-row, .ant-empty").first().waitFor();
  assert.equal(await notices.locator(".ant-table-row").filter({ hasText: MESSAGE }).count(), 0);
  await office.locator(".ant-segmented-item").filter({ hasText: "已答复" }).click();
  const answered = notices.locator(".ant-table-row").filter({ hasText: MESSAGE });
  await answered.waitFor();
  assert.match((await answered.textContent()) ?? "", new RegExp(ANSWER));
  assert.equal(await answered.locator("[data-state=answered]").count(), 1);
  await screenshot(office, "supervision-notices");
  assert.deepEqual(await seriousA11yViolations(office), []);
});

test("the assessment ranks a demo plan's units with their score components and weights", async () => {
  const leader = await signIn(browser, server, "leader");
  await leader.getByRole("link", { name: "考核", exact: true }).click();
  await leader.getByRole("heading", { name: "考核" }).waitFor();
  await chooseOption(leader, "计划", "2021年全省知识产权工作任务清单");
  await leader.waitForURL(/plan=2\b/);
  await leader.locator("[data-testid=assessment-summary][data-plan='2']").waitFor();
  const table = leader.getByTestId("assessment-table");
  const rows = table.locator(".ant-table-row");
  await rows.first().waitFor();
  assert.ok((await rows.count()) > 3, "several units ranked");
  const firstCells = await rows.first().locator("td").allTextContents();
  assert.equal(firstCells[0], "1");
  assert.match(firstCells[2] ?? "", /^\d+\.\d$/, "a score with one decimal");
  const headers = await table.locator("thead th").allTextContents();
  for (const name of ["按时报送", "按期完成", "逾期控制", "指标达成"])
    assert.ok(
      headers.some((h) => h.startsWith(name) && /权重 \d+%/.test(h)),
      `${name} column with its weight`,
    );
  await leader.getByTestId("score-explanation").waitFor();
  // Scores run best first; sorting by unit name reorders the rows.
  const scores = (await rows.locator("td:nth-child(3)").allTextContents()).map(Number).filter((n) => !Number.isNaN(n));
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
  await screenshot(leader, "assessment");
  assert.deepEqual(await seriousA11yViolations(leader), []);

  // An earlier period: the URL carries it and the server answers as of that day.
  await chooseOption(leader, "考核截止", "2021年第2季度末（2021-06-30）");
  await leader
    .getByTestId("assessment-summary")
    .getByText(/考核截至 2021-06-30/)
    .waitFor();
  assert.match(leader.url(), /asOf=2021-06-30/);
});

test("a reporter sees no supervision of other units and no assessment", async () => {
  const page = await signIn(browser, server, "baohu");
  await page.goto(`${server.url}/supervision?tab=risk`);
  await page.getByRole("tab", { name: "督办单", selected: true }).waitFor();
  assert.equal(await page.getByRole("tab", { name: "逾期与风险" }).count(), 0);
  assert.equal(await page.getByRole("link", { name: "考核", exact: true }).count(), 0);
  await page.goto(`${server.url}/assessment`);
  await page.getByText("考核结果仅供计划管理处室和领导查看。").waitFor();
});

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: label }).click();
  await page.locator(".ant-select-item-option").filter({ hasText: option }).first().click();
}
