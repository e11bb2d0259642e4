// The plan office's and the lead unit's path through plans: the plan list, a plan's tasks and measures
// filtered by unit, a measure beside its original text, the lead unit's sign-off; and URL tampering.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
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

const PROVINCIAL = "2021年全省知识产权工作任务清单";
const DONE_TEXT = "rgb(19, 82, 0)"; // STATUS_COLOURS.done.text, the green of 已完成

/** The API as the page's signed-in user sees it (same cookie; writes carry the session's CSRF token). */
async function apiAs(page: Page) {
  const session = (await (await page.request.get(`${server.url}/api/session`)).json()) as {
    csrfToken: string;
    user: { orgId: number };
  };
  return {
    orgId: session.user.orgId,
    async get<T>(path: string): Promise<T> {
      const res = await page.request.get(`${server.url}${path}`);
      assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post(path: string, data: unknown) {
      const res = await page.request.post(`${server.url}${path}`, {
        data,
        headers: { "x-csrf-token": session.csrfToken },
      });
      assert.equal(res.status(), 200, `POST ${path}: ${await res.text()}`);
      return res.json();
    },
  };
}

/** Screenshots after loading masks and their fade-out (antd's is 0.3 s) have gone. */
async function settledShot(page: Page, name: string): Promise<void> {
  await page.locator(".ant-spin-spinning, .ant-spin-blur").first().waitFor({ state: "detached" });
  await page.waitForTimeout(400);
  await screenshot(page, name);
}

/** The text colour once the tag's colour transition (antd animates it) has finished. */
async function settledColour(tag: Locator): Promise<string> {
  let last = "";
  for (let i = 0; i < 20; i++) {
    const now = await tag.evaluate((el) => getComputedStyle(el).color);
    if (now === last) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return last;
}

type AssignmentRow = { id: number; measureId: number; planId: number; orgId: number; role: string };

test("the plan office opens Plans, a plan with its tasks and measures, and filters it by a unit", async () => {
  const page = await signIn(browser, server, "shandong");
  await page.getByRole("navigation").getByRole("link", { name: "计划任务" }).click();
  await page.getByRole("heading", { name: "计划任务" }).waitFor();
  const planLink = page.getByRole("link", { name: PROVINCIAL });
  await planLink.waitFor();
  assert.ok((await page.locator(".ant-table-row").count()) >= 4, "the demo's provincial and national plans");
  await settledShot(page, "plans");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Filters narrow the list and stay in the URL.
  await page.goto(`${server.url}/plans?level=county`);
  await page.locator(".ant-table-row").first().waitFor();
  assert.equal(await page.locator(".ant-table-row").count(), 1);
  assert.equal(await page.getByRole("link", { name: PROVINCIAL }).count(), 0);
  await page.goto(`${server.url}/plans`);

  await page.getByRole("link", { name: PROVINCIAL }).click();
  await page.waitForURL(/\/plans\/\d+$/);
  await page.getByRole("heading", { name: PROVINCIAL }).waitFor();
  // Sections read by their printed headings, not by their markers.
  await page.getByText("一、加强顶层设计，高起点谋划“十四五”时期及面向2035年全省知识产权工作").waitFor();
  await page.getByText("科学谋划“十四五”知识产权规划和强省战略纲要").waitFor();
  const allMeasures = await page.locator('a[data-testid^="measure-"]').count();
  assert.ok(allMeasures >= 80, `the plan's 85 measures are listed (${allMeasures})`);
  assert.ok(await page.getByText("知识产权保护处（负责）").first().isVisible(), "units with their roles");
  // The due date is the resolved one; the printed deadline shows on hover.
  await page.locator('[data-testid^="due-"]').first().hover();
  await page
    .getByRole("tooltip")
    .getByText(/^原文：/)
    .waitFor();
  await settledShot(page, "plan");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // The plan office changes the plan's due-soon window; the header shows it at once.
  await page.getByRole("button", { name: "计划设置" }).click();
  const drawer = page.getByRole("dialog");
  await drawer.getByLabel("到期前多少天提示“即将到期”").fill("30");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText("设置已保存").waitFor();
  await page.getByText("提前 30 天").waitFor();

  // Filter by a unit: only its measures remain, and the URL says so.
  await page.getByLabel("责任单位").click();
  await page.keyboard.type("泰安市");
  await page.keyboard.press("Enter");
  await page.waitForURL(/[?&]org=\d+/);
  await page.getByText("泰安市市场监督管理局 的进展").waitFor();
  const rows = page.locator('tr[data-row-key^="m:"]');
  const filtered = await page.locator('a[data-testid^="measure-"]').count();
  assert.ok(filtered > 0 && filtered < allMeasures, `${filtered} of ${allMeasures} measures`);
  for (let i = 0; i < (await rows.count()); i++)
    assert.match((await rows.nth(i).textContent()) ?? "", /泰安市市场监督管理局/);

  // A link to a filtered view opens filtered: Tai'an's worst open work only (overdue while the plan runs,
  // unfinished once it has ended), the status read from the API rather than assumed.
  const [, planId, orgId] = /\/plans\/(\d+)\?(?:.*&)?org=(\d+)/.exec(page.url()) ?? [];
  const office = await apiAs(page);
  const worst = (
    await office.get<{ items: (AssignmentRow & { status: string })[] }>(
      `/api/assignments?org=${orgId}&plan=${planId}&sort=status&limit=1000`,
    )
  ).items.find((a) => a.status !== "done")?.status;
  assert.ok(worst, "Tai'an has open work in the plan");
  await page.goto(`${page.url()}&status=${worst}`);
  await page.locator('tr[data-row-key^="m:"]').first().waitFor();
  const statuses = await page
    .locator(".ant-table-row [data-status]")
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute("data-status")));
  assert.ok(statuses.length > 0 && statuses.every((s) => s === worst), `${worst}: ${statuses.join(",")}`);
});

test("the lead unit sees its support units' reports beside the original text and signs the measure off", async () => {
  const page = await signIn(browser, server, "baohu");
  const api = await apiAs(page);
  const own = await api.get<{ items: AssignmentRow[] }>(`/api/assignments?org=${api.orgId}&limit=200`);
  const lead = own.items.find((a) => a.role === "lead");
  assert.ok(lead, "知识产权保护处 leads a measure of the demo");
  // Setup: the demo has this measure signed off, its closure approved by the plan office, which alone may reopen
  // it now; the office reopens it and the lead revises its report, so it is open work.
  type Detail = {
    state: { version: number; status: string; ownSignedOff: boolean | null };
    assignments: (AssignmentRow & { reports: { period: string; version: number; narrative: string }[] })[];
  };
  let detail = await api.get<Detail>(`/api/measures/${lead.measureId}`);
  const office = await apiAs(await signIn(browser, server, "shandong"));
  if (detail.state.status === "done" || detail.state.ownSignedOff) {
    await office.post(`/api/measures/${lead.measureId}/reopen-all`, { expectedVersion: detail.state.version });
  }
  detail = await api.get<Detail>(`/api/measures/${lead.measureId}`);
  const report = detail.assignments.find((a) => a.id === lead.id)?.reports.at(-1);
  assert.ok(report);
  await api.post(`/api/assignments/${lead.id}/reports`, {
    period: report.period,
    status: "in_progress",
    narrative: "牵头制定工作方案，正在汇总各配合单位材料。",
    percent: 80,
    expectedVersion: report.version,
  });
  const supports = detail.assignments.filter((a) => a.role === "support");
  assert.ok(supports.length > 0, "the measure has support units");
  // The headline shows the measure's worst open status (overdue while the plan runs, unfinished once it ended),
  // read from the API: the plan's assignments worst first, this measure's first one.
  const planned = await office.get<{ items: (AssignmentRow & { status: string })[]; total: number }>(
    `/api/assignments?plan=${lead.planId}&sort=status&limit=1000`,
  );
  assert.equal(planned.items.length, planned.total, "the whole plan in one page");
  const worst = planned.items.find((a) => a.measureId === lead.measureId)?.status;
  assert.ok(worst && worst !== "done", `the measure is open work (${worst})`);

  // Three clicks from the workbench: Plans → the plan → the measure.
  await page.getByRole("navigation").getByRole("link", { name: "计划任务" }).click();
  await page.getByRole("heading", { name: "计划任务" }).waitFor();
  await page.getByRole("link", { name: PROVINCIAL }).click();
  await page.getByTestId(`measure-${lead.measureId}`).click();
  await page.waitForURL(new RegExp(`/measures/${lead.measureId}$`));
  await page.getByRole("heading", { name: /落实举措/ }).waitFor();
  const ownLine = page.locator("[data-own]");
  await ownLine.waitFor();
  assert.match((await ownLine.textContent()) ?? "", /知识产权保护处牵头/, "the measure's line of the original");
  assert.equal(await page.locator("h2 [data-status]").getAttribute("data-status"), worst);

  await page.getByRole("button", { name: "全部展开" }).click();
  const supportTimeline = page.getByTestId(`timeline-${supports[0]?.id}`);
  await supportTimeline.waitFor();
  // The support unit's latest report, as the API has it, beside its role.
  const supportReport = supports[0]?.reports.at(-1)?.narrative;
  assert.ok(supportReport, "the support unit has reported");
  const supportText = (await supportTimeline.textContent()) ?? "";
  assert.ok(/（配合）/.test(supportText) && supportText.includes(supportReport), supportText);
  await settledShot(page, "measure");
  assert.deepEqual(await seriousA11yViolations(page), []);

  await page.getByRole("button", { name: "确认本单位完成（销号）" }).click();
  await page.getByRole("button", { name: /确\s*定/ }).click();
  await page.getByRole("button", { name: "重新打开本单位" }).waitFor();
  const headline = page.locator("h2 [data-status]");
  // The sign-off is the units' application (申请办结; the lead's carries its support units'): nothing is done
  // until the plan office approves each closure.
  assert.notEqual(await headline.getAttribute("data-status"), "done");
  for (const a of detail.assignments) await office.post(`/api/assignments/${a.id}/closure/approve`, {});
  await page.reload();
  await page.getByRole("heading", { name: /落实举措/ }).waitFor();
  await headline.waitFor();
  assert.equal(await headline.getAttribute("data-status"), "done");
  assert.equal(await headline.textContent(), "已完成");
  assert.equal(await settledColour(headline), DONE_TEXT);
  const rowStatuses = await page
    .locator(".ant-table-row [data-status]")
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute("data-status")));
  assert.ok(rowStatuses.length === detail.assignments.length && rowStatuses.every((s) => s === "done"));

  // And in the plan view.
  await page.getByRole("link", { name: PROVINCIAL }).first().click();
  const row = page.locator('tr[data-row-key^="m:"]', { has: page.getByTestId(`measure-${lead.measureId}`) });
  // The cached view shows first and refreshes at once (the sign-off marked it stale).
  const tag = row.locator('[data-status="done"]');
  await tag.waitFor();
  assert.equal(await tag.textContent(), "已完成");
  assert.equal(await settledColour(tag), DONE_TEXT);
});

test("a reporter who types the URL of another unit's measure or plan sees 'not found', not the data", async () => {
  const office = await apiAs(await signIn(browser, server, "shandong"));
  const page = await signIn(browser, server, "taian");
  const api = await apiAs(page);
  const mine = await api.get<{ items: AssignmentRow[] }>(`/api/assignments?org=${api.orgId}&limit=200`);
  const myMeasures = new Set(mine.items.map((a) => a.measureId));
  const myPlans = new Set((await api.get<{ items: { id: number }[] }>("/api/plans")).items.map((p) => p.id));
  const plans = (await office.get<{ items: { id: number; title: string }[] }>("/api/plans")).items;
  const provincial = plans.find((p) => p.title === PROVINCIAL);
  assert.ok(provincial);
  const outline = await office.get<{ tasks: { measures: { id: number; text: string }[] }[] }>(
    `/api/plans/${provincial.id}`,
  );
  const foreign = outline.tasks.flatMap((t) => t.measures).find((m) => !myMeasures.has(m.id));
  const foreignPlan = plans.find((p) => !myPlans.has(p.id));
  assert.ok(foreign && foreignPlan, "the demo has work that is not Tai'an's");

  // Its own share of the provincial plan opens, without the plan office's settings.
  await page.goto(`${server.url}/plans/${provincial.id}`);
  await page.getByRole("heading", { name: PROVINCIAL }).waitFor();
  await page.getByText("本单位承担部分的进展").waitFor();
  assert.equal(await page.getByRole("button", { name: "计划设置" }).count(), 0);
  const shown = await page.locator('a[data-testid^="measure-"]').count();
  assert.ok(shown > 0 && shown === myMeasures.size, `only Tai'an's measures (${shown} of ${myMeasures.size})`);

  await page.goto(`${server.url}/measures/${foreign.id}`);
  await page.getByTestId("no-access").waitFor();
  await page.getByText("没有找到，或您无权查看").waitFor();
  assert.ok(!((await page.textContent("body")) ?? "").includes(foreign.text.slice(0, 10)), "no measure text");
  await settledShot(page, "measure-no-access");

  await page.goto(`${server.url}/plans/${foreignPlan.id}`);
  await page.getByTestId("no-access").waitFor();
  assert.ok(!((await page.textContent("body")) ?? "").includes(foreignPlan.title), "no plan title");
  assert.deepEqual(await seriousA11yViolations(page), []);
});
