// Exports and indicators through the browser: the plan office downloads a plan's task register and a unit's
// annual work-summary draft from the plan view and both open (exceljs, mammoth); a reporter subscribes to its
// deadline calendar (the feed parses with ical.js, one event per deadline) and revokes it; a reporter records
// indicator values and sees the attainment follow; a viewer sees the exports but records nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
import ICAL from "ical.js";
import mammoth from "mammoth";
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

const PROVINCIAL = "2021年全省知识产权工作任务清单";
const TAIAN = "泰安市市场监督管理局";

type PlanSummary = { id: number; title: string };
type PlanDetail = { tasks: { measures: unknown[] }[] };
type AssignmentRow = { id: number; measureText: string; dueOn: string | null; orgName: string };
type Page_<T> = { items: T[]; total: number };

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${server.url}${path}`);
  assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function planId(page: Page, title: string): Promise<number> {
  const plans = await apiGet<{ items: PlanSummary[] }>(page, "/api/plans");
  const plan = plans.items.find((p) => p.title === title);
  assert.ok(plan, `the demo has ${title}`);
  return plan.id;
}

/** Screenshots after loading masks and their fade-out (antd's is 0.3 s) have gone. */
async function settledShot(page: Page, name: string): Promise<void> {
  await page.locator(".ant-spin-spinning, .ant-spin-blur").first().waitFor({ state: "detached" });
  await page.waitForTimeout(400);
  await screenshot(page, name);
}

/** Opens the plan from the plan list, as a user would. */
async function openPlan(page: Page, title: string): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name: "计划任务" }).click();
  await page.getByRole("heading", { name: "计划任务" }).waitFor();
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { name: title }).waitFor();
}

test("the plan office downloads the task register and a unit's annual summary, and both open", async () => {
  const page = await signIn(browser, server, "shandong");
  const id = await planId(page, PROVINCIAL);
  await openPlan(page, PROVINCIAL);

  // The register: one row per assignment the office sees (all of its own plan), every measure among them.
  await page.getByTestId("export-menu").click();
  const [registerDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-register").click(),
  ]);
  assert.match(
    registerDownload.suggestedFilename(),
    new RegExp(`^任务台账-${PROVINCIAL}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await registerDownload.path());
  const sheet = book.getWorksheet("任务台账");
  assert.ok(sheet, "the register sheet");
  const header = (sheet.getRow(3).values as unknown[]).slice(1);
  const column = (name: string) => header.indexOf(name) + 1;
  assert.ok(column("落实举措") > 0 && column("任务") > 0 && column("责任单位") > 0, `header: ${header.join(",")}`);
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, n) => {
    if (n > 3) rows.push(row);
  });
  const plan = await apiGet<PlanDetail>(page, `/api/plans/${id}`);
  const measures = plan.tasks.reduce((n, t) => n + t.measures.length, 0);
  const assignments = await apiGet<Page_<AssignmentRow>>(page, `/api/assignments?plan=${id}&limit=1`);
  assert.equal(rows.length, assignments.total, "one register row per assignment");
  const distinct = new Set(rows.map((r) => `${r.getCell(column("任务")).text}|${r.getCell(column("落实举措")).text}`));
  assert.equal(distinct.size, measures, `every one of the plan's ${measures} measures is in the register`);
  await page.keyboard.press("Escape");

  // The report: one unit, the plan's year, as the annual work summary.
  await page.getByTestId("export-menu").click();
  await page.getByRole("menuitem", { name: /进展报告/ }).click();
  const dialog = page.getByRole("dialog", { name: "进展报告 / 年度工作总结" });
  await dialog.waitFor();
  const unit = dialog.getByRole("combobox", { name: "单位", exact: true });
  await unit.click();
  await unit.fill("泰安市市场");
  // The search leaves one option; Enter takes it (a click can land while the list still slides in).
  await page.locator(".ant-select-item-option-active").filter({ hasText: TAIAN }).waitFor();
  await unit.press("Enter");
  await dialog.locator(`.ant-select-content[title="${TAIAN}"]`).waitFor();
  assert.equal(await dialog.getByRole("radio", { name: "年度工作总结" }).isChecked(), true, "annual by default");
  await dialog.getByText("2021年").waitFor();
  await page.waitForTimeout(400);
  await screenshot(page, "exports-report-dialog");
  assert.deepEqual(await seriousA11yViolations(page), []);
  const [reportDownload] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: /生成并下载/ }).click(),
  ]);
  assert.match(reportDownload.suggestedFilename(), /2021年度工作总结（初稿）.*\.docx$/);
  await dialog.waitFor({ state: "detached" });
  const { value: docText } = await mammoth.extractRawText({ path: await reportDownload.path() });
  assert.ok(docText.includes(`${TAIAN}2021年度工作总结（初稿）`), `the title names the unit: ${docText.slice(0, 120)}`);
  const own = await apiGet<Page_<AssignmentRow>>(
    page,
    `/api/assignments?plan=${id}&org=${await orgIdOf(page, TAIAN)}&limit=1000`,
  );
  assert.ok(own.total > 0);
  for (const a of own.items.slice(0, 5))
    assert.ok(docText.includes(a.measureText), `the draft names: ${a.measureText}`);
  assert.ok(!docText.includes("济南市市场监督管理局（"), "no other unit's entries");
});

async function orgIdOf(page: Page, name: string): Promise<number> {
  const orgs = await apiGet<{ items: { id: number; name: string }[] }>(page, "/api/orgs");
  const org = orgs.items.find((o) => o.name === name);
  assert.ok(org, name);
  return org.id;
}

test("a reporter subscribes to its deadline calendar, the feed parses with its deadlines, and revoking ends it", async () => {
  const page = await signIn(browser, server, "taian");
  await page.getByRole("button", { name: "订阅截止日历" }).click();
  const dialog = page.getByRole("dialog", { name: "订阅截止日历" });
  await dialog.getByText("您还没有订阅地址。").waitFor();
  await dialog.getByRole("button", { name: "生成订阅地址" }).click();
  const urlText = dialog.getByTestId("calendar-url");
  await urlText.waitFor();
  const url = (await urlText.locator("code").textContent())?.trim() ?? "";
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/orgs\/\d+\/calendar\.ics\?token=[\w-]{43}$/);
  await dialog.getByText("Outlook（电脑版）").waitFor();
  await page.waitForTimeout(400);
  await screenshot(page, "exports-calendar");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // A calendar app fetches the URL without the session cookie.
  const feed = await fetch(url);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get("content-type") ?? "", /^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const session = await apiGet<{ user: { orgId: number } }>(page, "/api/session");
  const owed = await apiGet<Page_<AssignmentRow>>(page, `/api/assignments?org=${session.user.orgId}&limit=1000`);
  const due = owed.items.filter((a) => a.dueOn !== null);
  assert.ok(due.length > 0, "Tai'an has deadlines in the demo");
  assert.equal(events.length, due.length, "one event per deadline");
  for (const event of events) {
    const assignment = due.find((a) => event.uid === `luoshi-assignment-${a.id}@luoshi`);
    assert.ok(assignment, `${event.uid} is one of Tai'an's assignments`);
    assert.equal(event.startDate.toString(), assignment.dueOn);
    assert.ok(event.description.includes(assignment.measureText));
  }

  // Opened again, the dialog knows a URL exists without showing it; revoking stops the feed.
  await dialog.getByRole("button", { name: "关 闭" }).click();
  await page.getByRole("button", { name: "订阅截止日历" }).click();
  await dialog.getByText(/生成的订阅地址仍然有效/).waitFor();
  assert.equal(await dialog.getByTestId("calendar-url").count(), 0);
  await dialog.getByRole("button", { name: "撤销订阅" }).click();
  await page
    .getByRole("button", { name: "确 定" })
    .or(page.getByRole("button", { name: "确定" }))
    .click();
  await dialog.getByText("您还没有订阅地址。").waitFor();
  assert.equal((await fetch(url)).status, 401, "a revoked URL no longer opens the feed");
});

test("a reporter records indicator values and the attainment follows; the history lists them", async () => {
  const page = await signIn(browser, server, "taian");
  await openPlan(page, PROVINCIAL);
  await page.getByRole("tab", { name: /指标/ }).click();
  await page.waitForURL(/tab=indicators/);
  const row = page.locator(".ant-table-row").filter({ hasText: "市级人民调解组织覆盖率" });
  await row.waitFor();
  await row.getByText("尚未登记").waitFor();
  await settledShot(page, "exports-indicators-empty");
  assert.deepEqual(await seriousA11yViolations(page), []);

  const record = async (value: string, source: string) => {
    await row.getByRole("button", { name: "登记数值" }).click();
    const dialog = page.getByRole("dialog", { name: /登记数值/ });
    await dialog.waitFor();
    assert.equal(await dialog.getByText(TAIAN).count(), 1, "a reporter records for its own unit");
    await dialog.getByLabel("数值").fill(value);
    await dialog.getByLabel("数据来源").fill(source);
    await dialog.getByRole("button", { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: "detached" });
  };
  // The target is ≥90%: 72% stands at 80% of it.
  await record("72", "市局统计月报");
  const attainment = row.locator('[data-testid^="attainment-"]');
  await attainment.getByText("80%").waitFor();
  await attainment.getByText("未达标").waitFor();
  await row.getByText("72%").waitFor();
  await record("93", "市局统计季报");
  await attainment.getByText("100%").waitFor();
  await attainment.getByText("已达标").waitFor();
  await row.getByText(/市局统计季报/).waitFor();

  // The history, newest first, with the first value as the baseline.
  await row.getByRole("button", { name: /展开/ }).click();
  const history = page.locator('[data-testid^="history-"]');
  await history.waitFor();
  const values = await history.locator(".ant-table-row td:nth-child(2)").allInnerTexts();
  assert.deepEqual(values, ["93%", "72%"]);
  const api = await apiGet<{ items: { name: string; latest: { value: number } | null }[] }>(
    page,
    `/api/plans/${await planId(page, PROVINCIAL)}/indicators`,
  );
  assert.equal(api.items.find((i) => i.name === "市级人民调解组织覆盖率")?.latest?.value, 93);
  await settledShot(page, "exports-indicators");
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("a viewer sees the exports and the indicators but records nothing", async () => {
  const page = await signIn(browser, server, "leader");
  const id = await planId(page, PROVINCIAL);
  await page.goto(`${server.url}/plans/${id}?tab=indicators`);
  await page.locator(".ant-table-row").first().waitFor();
  assert.equal(await page.getByRole("button", { name: "登记数值" }).count(), 0);
  await page.getByTestId("export-menu").click();
  await page.getByTestId("export-register").waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("tab", { name: "任务分解" }).click();
  await page.waitForURL((u) => !u.search.includes("tab="));
});
