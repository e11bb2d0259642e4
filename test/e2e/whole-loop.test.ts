// Issue 10's whole loop of 督办 in Chromium, across three levels: a provincial measure assigned to a city →
// the city acknowledges (签收) → decomposes it to two counties (分解, the form) → one county's report is
// returned by the city on its measure page (退回), refiled, and accepted from the city's 闭环 queue → the
// city files a consolidated report from the draft (汇总) → an extension is granted for the other county
// (延期, by the city, its reviewer, on the measure page) → the city applies for closure and the province
// approves it (办结) → the assessment page counts accepted, returned and extended.
// Set-up only through the API: the plan import, the test's own users, and a second county under the city
// (the reference directory has one). Every wait is for a response or an element, never a sleep.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { apiAs, DEMO_PASSWORD, launchBrowser, type Server, screenshot, signIn, startServer } from "./support.ts";

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

const PLAN = [
  "2027年全省知识产权保护工作要点（全流程测试）",
  "",
  "任务清单\t落实举措\t责任单位\t完成时间",
  "一、强化知识产权保护\t\t\t",
  "1. 加强行政保护\t开展地理标志保护专项行动，查处侵权假冒案件。\t泰安市市场监督管理局\t2027年9月底前",
  "",
].join("\n");

type Org = { id: number; name: string; parentId: number | null; holds: boolean };
type Child = { id: number; orgId: number; orgName: string };

/** Waits for the response of the request the click makes, so a slow server never races the next step. */
async function clickFor(page: Page, pattern: RegExp, click: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => pattern.test(r.url()) && r.request().method() === "POST");
  await click();
  const r = await response;
  assert.ok(r.status() < 300, `${r.url()}: ${r.status()} ${await r.text()}`);
}

test("assign → acknowledge → decompose → return and refile → consolidate → extend → close → assessment", async () => {
  const stamp = Date.now().toString(36);
  const admin = await signIn(browser, server, "admin");
  const adminApi = await apiAs(server, admin);
  const orgs = await adminApi.get<{ items: { id: number; name: string; parentId: number | null }[] }>("/api/orgs");
  const named = (prefix: string) => {
    const o = orgs.items.find((x) => x.name.startsWith(prefix));
    assert.ok(o, prefix);
    return o;
  };
  const province = named("山东省市场监督管理局");
  const cityOrg = named("泰安市市场监督管理局");
  const secondCounty = await adminApi.post<{ id: number; name: string }>("/api/orgs", {
    name: `全流程测试县市场监督管理局${stamp}`,
    kind: "county",
    parentId: cityOrg.id,
    regionCode: "370999",
    isRegionOffice: true,
  });
  const user = async (role: string, orgId: number, who: string) => {
    const username = `e2e_${who}_${stamp}`;
    await adminApi.post("/api/users", { username, displayName: who, password: DEMO_PASSWORD, role, orgId });
    return signIn(browser, server, username);
  };
  const office = await user("plan_office", province.id, "prov");
  const city = await user("reporter", cityOrg.id, "city");
  const officeApi = await apiAs(server, office);
  const cityApi = await apiAs(server, city);

  // 交办: the province imports the plan; the city holds the measure.
  const imported = await officeApi.post<{ planId: number }>("/api/plans/import", {
    fileName: "全流程.txt",
    contentBase64: Buffer.from(PLAN).toString("base64"),
    orgId: province.id,
  });
  const { items } = await cityApi.get<{ items: { id: number; measureId: number; dueOn: string }[] }>(
    `/api/assignments?plan=${imported.planId}`,
  );
  const [work] = items;
  assert.ok(work, "the city holds the measure");
  const measureUrl = `${server.url}/measures/${work.measureId}`;

  // 签收 on the measure page.
  await city.goto(measureUrl);
  const cityLoop = city.getByTestId("loop-panel");
  const ack = cityLoop.getByRole("button", { name: /^签\s*收$/ });
  await clickFor(city, /\/acknowledge$/, () => ack.click());
  await cityLoop.getByText("已签收").waitFor();

  // 分解 to two counties through the form.
  const targets = await cityApi.get<{ orgs: Org[] }>(`/api/assignments/${work.id}/decompose-targets`);
  const counties = targets.orgs.filter((o) => o.parentId === cityOrg.id && /县|区/.test(o.name) && !o.holds);
  const first = counties.find((o) => o.id !== secondCounty.id);
  assert.ok(first, "the city has a county of its own in the directory");
  const second = { id: secondCounty.id, name: secondCounty.name };
  const panel = city.getByTestId("decompose-panel");
  await panel.getByTestId(`decompose-${work.id}`).click();
  const drawer = city.getByRole("dialog");
  const chooseUnit = async (row: number, name: string) => {
    const box = drawer.getByTestId(`decompose-row-${row}`).getByRole("combobox").first();
    await box.click();
    await box.fill(name);
    await city
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
      .filter({ hasText: name })
      .first()
      .click();
    await city.waitForFunction(
      () => document.querySelector(".ant-select-dropdown:not(.ant-select-dropdown-hidden)") === null,
    );
  };
  await chooseUnit(0, first.name);
  await drawer.getByRole("button", { name: "再加一个单位" }).click();
  await chooseUnit(1, second.name);
  await clickFor(city, /\/decompose$/, () => drawer.getByRole("button", { name: /^分\s*解$/ }).click());
  await drawer.waitFor({ state: "hidden" });
  const { children } = await cityApi.get<{ children: Child[] }>(`/api/assignments/${work.id}/children`);
  const subA = children.find((c) => c.orgId === first.id);
  const subB = children.find((c) => c.orgId === second.id);
  assert.ok(subA && subB, "two sub-assignments");

  // County A reports (its own users, made for the test); the city returns the report on the measure page.
  const countyA = await user("reporter", first.id, "county_a");
  const countyB = await user("reporter", second.id, "county_b");
  const countyAApi = await apiAs(server, countyA);
  const countyBApi = await apiAs(server, countyB);
  const period = (await countyAApi.get<{ currentPeriod: string }>(`/api/assignments/${subA.id}`)).currentPeriod;
  const firstReport = await countyAApi.post<{ id: number; version: number }>(`/api/assignments/${subA.id}/reports`, {
    period,
    status: "in_progress",
    narrative: "已开展专项检查。",
  });
  const rowOf = (page: Page, name: string) => page.getByTestId("loop-panel").locator("tr", { hasText: name });
  // The city reviews its counties' reports as their parent (reviewerOf): its measure page's loop card lists
  // the county's row with the latest report and 通过/退回; the return asks for the reason in a dialog.
  await city.goto(measureUrl);
  const cityRowA = rowOf(city, first.name);
  await cityRowA.getByText("待审核").waitFor();
  await cityRowA.getByRole("button", { name: /^退\s*回$/ }).click();
  const reason = city.getByRole("dialog");
  await reason.getByLabel("理由").fill("请补充查处案件数量。");
  await clickFor(city, /\/reports\/\d+\/review$/, () => reason.getByRole("button", { name: /^确\s*定$/ }).click());
  await cityRowA.getByText(/退回：请补充查处案件数量/).waitFor();
  // County A sees it returned on the measure page and refiles.
  await countyA.goto(measureUrl);
  await rowOf(countyA, first.name)
    .getByText(/退回：请补充查处案件数量/)
    .waitFor();
  const refiled = await countyAApi.post<{ id: number }>(`/api/assignments/${subA.id}/reports`, {
    period,
    status: "in_progress",
    narrative: "已开展专项检查，查处侵权假冒案件8起。",
    expectedVersion: firstReport.version,
  });
  // The refiled report waits in the city's 闭环 queue on the supervision page; the city accepts it there.
  await city.goto(`${server.url}/supervision?tab=loop`);
  const queued = city
    .locator('[data-loop="toReview"] tr', { hasText: first.name })
    .filter({ has: city.locator(`a[href="/measures/${work.measureId}"]`) });
  await queued.first().waitFor();
  const accepted = city.waitForResponse(
    (r) => r.url().endsWith(`/api/reports/${refiled.id}/review`) && r.request().method() === "POST",
  );
  await queued
    .first()
    .getByRole("button", { name: /^通\s*过$/ })
    .click();
  assert.equal((await accepted).status(), 200);
  await queued.first().waitFor({ state: "detached" });

  // 延期 for county B: asked by the county on the measure page, granted by the city.
  await countyB.goto(measureUrl);
  const rowB = rowOf(countyB, second.name);
  await rowB.getByRole("button", { name: "申请延期" }).click();
  const ext = countyB.getByRole("dialog");
  await ext.getByLabel("新的完成时限").fill("2027-10-31");
  await ext.getByLabel("新的完成时限").press("Enter");
  await ext.getByLabel("理由").fill("案件线索移交需协调。");
  await clickFor(countyB, /\/extensions$/, () => ext.getByRole("button", { name: /确\s*定/ }).click());
  await rowB.getByText(/延期待审批/).waitFor();
  const loop = await countyBApi.get<{ extensions: { id: number; state: string }[] }>(
    `/api/assignments/${subB.id}/loop`,
  );
  const pendingExt = loop.extensions.find((e) => e.state === "pending");
  assert.ok(pendingExt, "the extension waits");
  // The city grants it on the measure page, in county B's row of the loop card.
  await city.goto(measureUrl);
  const cityRowB = rowOf(city, second.name);
  await cityRowB.getByText(/延期待审批/).waitFor();
  await clickFor(city, new RegExp(`/api/extensions/${pendingExt.id}/decide$`), () =>
    cityRowB.getByRole("button", { name: /^批\s*准$/ }).click(),
  );
  await cityRowB.getByText(/原定/).waitFor();
  await countyB.reload();
  await rowB.getByText(/原定/).waitFor();
  await city.goto(measureUrl);

  // 汇总: the city files its consolidated report from the draft, quoting county A.
  await panel.getByRole("button", { name: "汇总报送" }).click();
  const form = city.getByRole("dialog");
  await form.getByRole("button", { name: "汇总草稿" }).click();
  const narrative = form.getByLabel("进展情况");
  await city.waitForFunction(
    (el) => (el as HTMLTextAreaElement | null)?.value.includes("查处侵权假冒案件8起") ?? false,
    await narrative.elementHandle(),
  );
  await narrative.fill(`${await narrative.inputValue()}\n市局：专项行动已完成。`);
  await form
    .getByLabel("完成")
    .check()
    .catch(() => {});
  await clickFor(city, /\/reports$/, () => form.getByRole("button", { name: /^提\s*交$/ }).click());
  await form.waitFor({ state: "hidden" });
  const own = await cityApi.get<{ reports: { narrative: string }[] }>(`/api/assignments/${work.id}`);
  assert.match(own.reports.at(-1)?.narrative ?? "", new RegExp(`【${first.name}】.*查处侵权假冒案件8起`));

  // 办结: the city's sign-off is its application; the province approves it on the measure page.
  await clickFor(city, /\/sign-off$/, async () => {
    await city.getByRole("button", { name: "确认本单位完成（销号）" }).click();
    await city.getByRole("button", { name: /确\s*定/ }).click();
  });
  await cityLoop.getByText("申请办结（待审批）").first().waitFor();
  await office.goto(measureUrl);
  const officeRow = rowOf(office, cityOrg.name).first();
  await officeRow.getByText("申请办结（待审批）").waitFor();
  await clickFor(office, /\/closure\/approve$/, () => officeRow.getByRole("button", { name: /^批\s*准$/ }).click());
  await officeRow.getByText("已办结").waitFor();
  await screenshot(office, "whole-loop-measure");

  // 考核: the assessment page counts county A's accepted and returned report and county B's extension.
  await office.goto(`${server.url}/assessment?plan=${imported.planId}`);
  await office.getByTestId(`loop-counts-${first.id}`).getByText("通过 1 · 退回 1 · 延期 0").waitFor();
  await office.getByTestId(`loop-counts-${second.id}`).getByText("通过 0 · 退回 0 · 延期 1").waitFor();
  await screenshot(office, "whole-loop-assessment");
});
