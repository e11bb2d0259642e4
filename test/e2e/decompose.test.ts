// Issue 10's 分解 / 汇总 in Chromium: the city reporter decomposes its assignment of a provincial measure to two
// units under it through the form on the measure page; a user of one of them (made by the admin through the
// API) files a report; back as the city, the child's report shows under the parent, and the city files its
// consolidated report from the draft (edited first). The plan is imported by the test itself, so the work
// starts undecomposed whatever the demo holds; the units are whatever the directory has under the city.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
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
  "2027年全省专利转化运用工作要点（分解测试）",
  "",
  "任务清单\t落实举措\t责任单位\t完成时间",
  "一、促进专利转化\t\t\t",
  "1. 推进专利开放许可\t组织开展专利开放许可试点，推动高校专利向中小企业许可。\t泰安市市场监督管理局\t2027年6月底前",
  "",
].join("\n");

type Targets = { dueOn: string; orgs: { id: number; name: string; parentId: number | null; holds: boolean }[] };
type Child = { id: number; orgId: number; orgName: string; dueOn: string; latestNarrative: string | null };
type Children = { children: Child[]; subtree: { children: number; total: number; status: string } | null };

test("decompose to two sub-units → a sub-unit reports → the city sees it and files the consolidated report", async () => {
  const office = await signIn(browser, server, "shandong");
  const officeApi = await apiAs(server, office);
  const city = await signIn(browser, server, "taian");
  const cityApi = await apiAs(server, city);
  const imported = await officeApi.post<{ planId: number }>("/api/plans/import", {
    fileName: "分解.txt",
    contentBase64: Buffer.from(PLAN).toString("base64"),
    orgId: officeApi.orgId,
  });
  const { items } = await cityApi.get<{ items: { id: number; measureId: number; dueOn: string }[] }>(
    `/api/assignments?plan=${imported.planId}`,
  );
  const [work] = items;
  assert.ok(work, "the city holds the measure");
  assert.equal(work.dueOn, "2027-06-30");

  // The form offers the units under the city (its divisions, the districts and theirs); take the first two.
  const targets = await cityApi.get<Targets>(`/api/assignments/${work.id}/decompose-targets`);
  assert.ok(targets.orgs.every((o) => o.id !== cityApi.orgId));
  const picked = targets.orgs.filter((o) => !o.holds).slice(0, 2);
  assert.equal(picked.length, 2, "two units under the city");
  const [first, second] = picked as [Targets["orgs"][number], Targets["orgs"][number]];

  // 分解 through the form, at phone width.
  await city.setViewportSize({ width: 390, height: 844 });
  await city.goto(`${server.url}/measures/${work.measureId}`);
  const panel = city.getByTestId("decompose-panel");
  await panel.getByText("尚未分解。").waitFor();
  await panel.getByTestId(`decompose-${work.id}`).click();
  const drawer = city.getByRole("dialog");
  await drawer.getByText(`不晚于 ${work.dueOn}`).waitFor();
  const chooseUnit = async (row: number, name: string) => {
    const box = drawer.getByTestId(`decompose-row-${row}`).getByRole("combobox").first();
    await box.click();
    await box.fill(name);
    await city
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
      .filter({ hasText: name })
      .first()
      .click();
    // The next row's dropdown must not be confused with this one while it closes.
    await city.waitForFunction(
      () => document.querySelector(".ant-select-dropdown:not(.ant-select-dropdown-hidden)") === null,
    );
  };
  await chooseUnit(0, first.name);
  // A due date later than the parent's is refused in the form, before anything is sent.
  const due0 = drawer.getByTestId("decompose-row-0").locator('input[type="date"]');
  await due0.fill("2027-07-31");
  await drawer.getByRole("button", { name: /^分\s*解$/ }).click();
  await drawer.getByText(`不能晚于上级任务的完成时限（${work.dueOn}）`).waitFor();
  await due0.fill("2027-05-31");
  await drawer.getByTestId("decompose-row-0").locator("textarea").fill("牵头组织辖区高校开展开放许可对接。");
  await drawer.getByRole("button", { name: "再加一个单位" }).click();
  await chooseUnit(1, second.name);
  await drawer.getByRole("button", { name: /^分\s*解$/ }).click();
  await drawer.waitFor({ state: "hidden" });
  const decomposed = await cityApi.get<Children>(`/api/assignments/${work.id}/children`);
  assert.deepEqual(
    decomposed.children.map((c) => [c.orgId, c.dueOn]),
    [
      [first.id, "2027-05-31"],
      [second.id, work.dueOn],
    ],
  );
  assert.equal(decomposed.subtree?.children, 2);
  await panel.getByTestId("sub-assignment").nth(1).waitFor();

  // The admin makes an account for the first unit; its user files a report on the sub-assignment.
  const admin = await signIn(browser, server, "admin");
  const adminApi = await apiAs(server, admin);
  await adminApi.post("/api/users", {
    username: "e2e_sub_unit",
    displayName: "分解测试",
    password: DEMO_PASSWORD,
    role: "reporter",
    orgId: first.id,
  });
  const child = await signIn(browser, server, "e2e_sub_unit");
  const childApi = await apiAs(server, child);
  const sub = decomposed.children[0] as Child;
  const detail = await childApi.get<{ currentPeriod: string; orgId: number }>(`/api/assignments/${sub.id}`);
  assert.equal(detail.orgId, first.id);
  await childApi.post(`/api/assignments/${sub.id}/reports`, {
    period: detail.currentPeriod,
    status: "in_progress",
    narrative: "已对接高校3所，达成开放许可意向12项。",
  });

  // Back as the city: the child's report under the parent, then the consolidated report from the draft.
  await city.reload();
  await panel
    .locator(`[data-org="${first.name}"]`)
    .getByText(/已对接高校3所/)
    .waitFor();
  await panel.getByRole("button", { name: "汇总报送" }).click();
  const form = city.getByRole("dialog");
  await form.getByRole("button", { name: "汇总草稿" }).click();
  const narrative = form.getByLabel("进展情况");
  await city.waitForFunction(
    (el) => (el as HTMLTextAreaElement | null)?.value.includes("已对接高校3所") ?? false,
    await narrative.elementHandle(),
  );
  const drafted = await narrative.inputValue();
  assert.match(drafted, new RegExp(`【${first.name}】`));
  assert.match(drafted, new RegExp(`【${second.name}】尚未报送进展`));
  await narrative.fill(`${drafted}\n市局意见：下一步推动乙地对接。`);
  await screenshot(city, "decompose-consolidated-draft-390");
  await form.getByRole("button", { name: /^提\s*交$/ }).click();
  await form.waitFor({ state: "hidden" });
  await screenshot(city, "decompose-measure-390");

  const own = await cityApi.get<{ reports: { narrative: string }[]; subtree: { total: number } | null }>(
    `/api/assignments/${work.id}`,
  );
  const filed = own.reports.at(-1)?.narrative ?? "";
  assert.match(filed, /已对接高校3所，达成开放许可意向12项。/);
  assert.match(filed, /市局意见：下一步推动乙地对接。/);
  assert.equal(own.subtree?.total, 2);
  // The sub-unit's user sees only its own assignment, not the city's.
  const denied = await child.request.get(`${server.url}/api/assignments/${work.id}`);
  assert.equal(denied.status(), 404);
});
