// The cascade in the browser: the provincial plan office confirms a pending suggestion in the plan view's
// 上级任务 column; the national office opens the trace of a national task and reaches an implementing lower
// county measure; the coverage panel's numbers are the API's; the plan view and the trace page fit a 390 px phone.
// Plans, tasks and links are found through the API, never by id or wording.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, launchBrowser, type Server, screenshot, signIn, startServer } from "./support.ts";

type Link = { id: number; lowerTaskId: number; upperTaskId: number; kind: string; state: string; version: number };
type Plan = { id: number; title: string };
type Coverage = {
  tasks: {
    taskId: number;
    key: string;
    implementers: { taskId: number }[];
    counts: { implementingTasks: number; regions: number; onTrack: number; overdue: number };
  }[];
  uncovered: { taskId: number }[];
  counts: { tasks: number; covered: number; uncovered: number; lowerPlans: number };
};
type Trace = {
  task: { taskId: number; key: string };
  down: {
    taskId: number;
    depth: number;
    planId: number;
    key: string;
    regionCode: string;
    measures: { id: number; text: string }[];
  }[];
  counts: { regions: number; implementingTasks: number; onTrack: number; overdue: number; regionsWithout: number };
};

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

async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${server.url}${path}`);
  assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A plan of the caller's with a pending primary suggestion on a task that has no confirmed link. */
async function pendingSuggestion(page: Page): Promise<{ planId: number; link: Link }> {
  const plans = await getJson<{ items: Plan[] }>(page, "/api/plans");
  for (const plan of plans.items) {
    const links = (await getJson<{ items: Link[] }>(page, `/api/plans/${plan.id}/links`)).items;
    const decided = new Set(links.filter((l) => l.state === "confirmed").map((l) => l.lowerTaskId));
    const link = links.find((l) => l.state === "suggested" && l.kind === "primary" && !decided.has(l.lowerTaskId));
    if (link) return { planId: plan.id, link };
  }
  throw new Error("the demo leaves no suggestion pending");
}

/** An upper plan with a task some lower task implements (and, when asked, one whose trace passes `wanted`). */
async function tracedTask(
  page: Page,
  wanted: (trace: Trace) => boolean = () => true,
): Promise<{ planId: number; coverage: Coverage; trace: Trace }> {
  const plans = await getJson<{ items: Plan[] }>(page, "/api/plans");
  for (const plan of plans.items) {
    const coverage = await getJson<Coverage>(page, `/api/plans/${plan.id}/coverage`);
    for (const task of coverage.tasks.filter((t) => t.implementers.length > 0)) {
      const trace = await getJson<Trace>(page, `/api/tasks/${task.taskId}/trace`);
      if (wanted(trace)) return { planId: plan.id, coverage, trace };
    }
  }
  throw new Error("the demo links no task to an upper one as asked");
}

/** County-level region codes (GB/T 2260) end in neither 0000 (province) nor 00 (city). */
const atCounty = (node: { regionCode: string }) => !node.regionCode.endsWith("00");

test("the provincial plan office accepts a pending suggestion in the plan view; the API has it confirmed", async () => {
  const page = await signIn(browser, server, "shandong");
  const { planId, link } = await pendingSuggestion(page);
  await page.goto(`${server.url}/plans/${planId}`);
  const cell = page.getByTestId(`upper-${link.lowerTaskId}`);
  const suggestion = cell.getByTestId("link-suggested");
  await suggestion.waitFor();
  assert.equal(await suggestion.getAttribute("data-link"), String(link.id));
  // The evidence opens in a popover.
  await suggestion.getByRole("button", { name: "依据" }).click();
  await page.getByTestId("link-evidence").first().waitFor();
  await suggestion.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-output/screenshots/cascade-plan-suggestion.png" });
  await suggestion
    .getByRole("button", { name: /采\s*纳/ })
    .first()
    .click();
  await cell.getByTestId("link-confirmed").waitFor();
  const after = (await getJson<{ items: Link[] }>(page, `/api/plans/${planId}/links`)).items.find(
    (l) => l.id === link.id,
  );
  assert.equal(after?.state, "confirmed");
  assert.equal(after?.version, link.version + 1);
  await page.context().close();
});

test("the national office opens a national task's trace and reaches an implementing lower measure", async () => {
  const page = await signIn(browser, server, "cnipa");
  // A task whose chain reaches the county (the demo links the county plan to the national list and the
  // province's plans).
  const { planId, trace } = await tracedTask(page, (t) => t.down.some((d) => atCounty(d) && d.measures.length > 0));
  await page.goto(`${server.url}/plans/${planId}`);
  await page.getByTestId(`trace-${trace.task.taskId}`).click();
  await page.waitForURL(new RegExp(`/tasks/${trace.task.taskId}/trace$`));
  const counts = (await page.getByTestId("trace-counts").textContent()) ?? "";
  const c = trace.counts;
  assert.ok(
    counts.includes(
      `${c.regions}个地区，${c.implementingTasks}项落实任务，${c.onTrack}项正常，${c.overdue}项逾期，${c.regionsWithout}个地区未落实`,
    ),
    counts,
  );
  assert.equal(await page.getByTestId("trace-node").count(), trace.down.length);
  await screenshot(page, "cascade-trace");
  // Every implementing task is on the page; a county's measure is reached from it, and a provincial one where
  // the chain has one.
  const county = trace.down.find((d) => atCounty(d) && d.measures.length > 0);
  assert.ok(county, "a county task implements it");
  const provincial = trace.down.find((d) => d.regionCode.endsWith("0000") && d.measures.length > 0);
  for (const node of [county, provincial]) {
    if (!node) continue;
    const card = page.locator(`[data-testid=trace-node][data-task="${node.taskId}"]`);
    await card.waitFor();
    const measure = node.measures[0] as { id: number; text: string };
    await card.locator(`a[href="/measures/${measure.id}"]`).click();
    await page.waitForURL(new RegExp(`/measures/${measure.id}$`));
    await page.getByText(measure.text.slice(0, 20)).first().waitFor();
    // The measure page leads back up: its task's trace names the national task above it.
    await page.getByTestId("measure-trace").click();
    await page.waitForURL(new RegExp(`/tasks/${node.taskId}/trace$`));
    await page.getByTestId("trace-up").getByText(trace.task.key, { exact: false }).first().waitFor();
    await page.goto(`${server.url}/tasks/${trace.task.taskId}/trace`);
    await page.getByTestId("trace-counts").waitFor();
  }
  await page.context().close();
});

test("the coverage panel's numbers are the API's, and each opens its list", async () => {
  const page = await signIn(browser, server, "cnipa");
  const { planId, coverage } = await tracedTask(page);
  await page.goto(`${server.url}/dashboard?plan=${planId}`);
  const panel = page.getByTestId("coverage-panel");
  await panel.getByTestId("coverage-tasks").waitFor();
  const number = async (id: string) => Number((await panel.getByTestId(id).textContent())?.trim());
  assert.equal(await number("coverage-tasks"), coverage.counts.tasks);
  assert.equal(await number("coverage-covered"), coverage.counts.covered);
  assert.equal(await number("coverage-uncovered"), coverage.counts.uncovered);
  assert.equal(await number("coverage-lower-plans"), coverage.counts.lowerPlans);
  for (const task of coverage.tasks.filter((t) => t.implementers.length > 0))
    assert.equal(await number(`coverage-impl-${task.taskId}`), task.counts.implementingTasks);
  await screenshot(page, "cascade-coverage");
  await panel.getByTestId("coverage-uncovered").click();
  const list = page.getByTestId("coverage-list");
  await list.waitFor();
  assert.equal(await list.getByTestId("coverage-item").count(), coverage.uncovered.length);
  await page.keyboard.press("Escape");
  await list.waitFor({ state: "hidden" });
  const covered = coverage.tasks.find((t) => t.implementers.length > 0) as Coverage["tasks"][number];
  await panel.getByTestId(`coverage-impl-${covered.taskId}`).click();
  await page.getByTestId("coverage-list").waitFor();
  assert.equal(
    await page.getByTestId("coverage-list").getByTestId("coverage-item").count(),
    covered.implementers.length,
  );
  await page.context().close();
});

test("an upper task in the plan view shows its own progress and, apart, its implementers' as the API counts them", async () => {
  const page = await signIn(browser, server, "cnipa");
  const { planId, coverage } = await tracedTask(page);
  await page.goto(`${server.url}/plans/${planId}`);
  const covered = coverage.tasks.filter((t) => t.implementers.length > 0);
  for (const task of covered) {
    const cell = page.getByTestId(`implementers-${task.taskId}`);
    await cell.waitFor();
    assert.equal(await cell.getAttribute("data-count"), String(task.counts.implementingTasks));
    const c = task.counts;
    assert.equal(
      (await cell.getByTestId("implementers-counts").textContent())?.trim(),
      `${c.implementingTasks}项任务 · ${c.regions}个地区 · ${c.onTrack}项正常 · ${c.overdue}项逾期`,
    );
  }
  // A task nobody picked up says so, beside its own progress.
  const lonely = coverage.tasks.find((t) => t.implementers.length === 0);
  if (lonely) await page.getByTestId(`implementers-${lonely.taskId}`).getByText("暂无下级任务落实").waitFor();
  const first = covered[0] as Coverage["tasks"][number];
  await page.getByTestId(`implementers-${first.taskId}`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-output/screenshots/cascade-plan-implementers.png" });
  await page.getByTestId(`implementers-${first.taskId}`).getByTestId("implementers-counts").click();
  await page.waitForURL(new RegExp(`/tasks/${first.taskId}/trace$`));
  await page.getByTestId("trace-counts").waitFor();
  await page.context().close();
});

test("a viewer reads: the dashboard opens the coverage of its office's plan, the plan view offers no decision", async () => {
  const page = await signIn(browser, server, "leader");
  const me = await getJson<{ user: { orgId: number } }>(page, "/api/session");
  const plans = await getJson<{ items: (Plan & { orgId: number })[] }>(page, "/api/plans?status=active");
  const own = plans.items.find((p) => p.orgId === me.user.orgId);
  assert.ok(own, "the viewer's office issued a plan");
  const coverage = await getJson<Coverage>(page, `/api/plans/${own.id}/coverage`);
  await page.goto(`${server.url}/dashboard`);
  const panel = page.getByTestId("coverage-panel");
  await panel.getByTestId("coverage-tasks").waitFor();
  assert.equal(Number((await panel.getByTestId("coverage-tasks").textContent())?.trim()), coverage.counts.tasks);
  assert.equal(Number((await panel.getByTestId("coverage-covered").textContent())?.trim()), coverage.counts.covered);
  // Its plans' suggestions are shown, never the buttons that decide them.
  const { planId, link } = await pendingSuggestion(page);
  await page.goto(`${server.url}/plans/${planId}`);
  const cell = page.getByTestId(`upper-${link.lowerTaskId}`);
  await cell.getByTestId("link-suggested").waitFor();
  assert.equal(await cell.getByRole("button", { name: /采\s*纳/ }).count(), 0);
  assert.equal(await cell.getByRole("button", { name: "关联上级任务" }).count(), 0);
  await page.context().close();
});

test("a reporter opens the trace of its own work and sees the upper task it serves in a plan it cannot open", async () => {
  const page = await signIn(browser, server, "taian");
  const mine = await getJson<{ items: { planId: number; taskKey: string }[] }>(page, "/api/assignments?limit=200");
  let found: { planId: number; taskId: number; up: { taskId: number; key: string; readable: boolean }[] } | undefined;
  for (const planId of new Set(mine.items.map((a) => a.planId))) {
    const plan = await getJson<{ tasks: { id: number; key: string }[] }>(page, `/api/plans/${planId}`);
    const keys = new Set(mine.items.filter((a) => a.planId === planId).map((a) => a.taskKey));
    for (const task of plan.tasks.filter((x) => keys.has(x.key))) {
      const trace = await getJson<{ up: { taskId: number; key: string; readable: boolean }[] }>(
        page,
        `/api/tasks/${task.id}/trace`,
      );
      if (trace.up.some((u) => !u.readable)) {
        found = { planId, taskId: task.id, up: trace.up };
        break;
      }
    }
    if (found) break;
  }
  assert.ok(found, "a task of the reporter's implements an upper task in a plan it may not read");
  await page.goto(`${server.url}/plans/${found.planId}`);
  await page.getByTestId(`trace-${found.taskId}`).click();
  await page.waitForURL(new RegExp(`/tasks/${found.taskId}/trace$`));
  const up = page.getByTestId("trace-up");
  const hidden = found.up.find((u) => !u.readable) as { taskId: number; key: string };
  await up.getByText(hidden.key, { exact: false }).first().waitFor();
  assert.equal(await up.locator(`a[href="/tasks/${hidden.taskId}/trace"]`).count(), 0);
  await screenshot(page, "cascade-reporter-trace");
  await page.context().close();
});

/** The page is no wider than the screen (tables may scroll inside themselves). */
async function assertFits(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(400);
  const { scroll, inner, wide } = await page.evaluate(() => {
    const inner = window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.right > inner + 1 && r.width > 0 && !e.closest(".ant-table-content, .ant-table-body");
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(" ")[0]}`);
    return { scroll: document.scrollingElement?.scrollWidth ?? 0, inner, wide };
  });
  assert.ok(scroll <= inner, `${where}: page is ${scroll} px wide on a ${inner} px screen: ${wide.join(", ")}`);
}

test("the plan view and the trace page fit a 390 px phone", async () => {
  const context = await browser.newContext({
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill("shandong");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).tap();
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  const { planId, link } = await pendingSuggestion(page);
  await page.goto(`${server.url}/plans/${planId}`);
  const cell = page.getByTestId(`upper-${link.lowerTaskId}`);
  await cell.waitFor();
  await assertFits(page, "plan view");
  await cell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-output/screenshots/cascade-phone-plan.png" });
  await page.goto(`${server.url}/tasks/${link.upperTaskId}/trace`);
  await page.getByTestId("trace-counts").waitFor();
  await assertFits(page, "trace page");
  await screenshot(page, "cascade-phone-trace");
  await context.close();
});
