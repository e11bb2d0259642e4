// 系统管理: an admin adds a unit, its alias and an account for it, and finds all three in the audit log; finds
// a unit by an alias, renames it and reads the change as before → after; a stale edit is caught (409) and
// reloaded; the directory downloads as a workbook and a bad one lists its rows; a plan office maps an
// unresolved unit name of its plan, sees only its own subtree and cannot change accounts; a reporter gets a
// plain "no access" and no data.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
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

const NEW_ORG = "泰安市知识产权保护中心";
const ALIAS = "泰安保护中心";
const PARENT = "泰安市市场监督管理局";
const RENAMED_FROM = "泰山区文化和旅游局";
const RENAMED_TO = "泰安市泰山区文化和旅游局";

/** Chooses an org in an org picker by typing part of one of its names (an alias works too). */
async function pickOrg(page: Page, picker: Locator, typed: string, name: string): Promise<void> {
  await picker.click();
  await picker.fill(typed);
  await page.locator(".ant-select-dropdown:visible .ant-select-tree").getByTitle(name, { exact: true }).click();
  // The tree closes once the pick is taken; on a loaded machine that can lag the click, and the next
  // click (the form's button) would land on the still-open tree.
  await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
}

async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator(".ant-select-dropdown:visible").getByTitle(label, { exact: true }).click();
}

/** Retries an assertion on what the page shows until it holds (React renders a moment after the event). */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function json<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${server.url}${path}`);
  assert.equal(response.status(), 200, `${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

type Org = { id: number; name: string; parentId: number | null; rowVersion: number; aliases: { alias: string }[] };

test("an admin creates a unit and an alias, opens an account for it, and the audit log shows all three", async () => {
  const page = await signIn(browser, server, "admin");
  await page.getByRole("link", { name: "系统管理" }).click();
  await page.getByRole("tab", { name: "组织机构", selected: true }).waitFor();
  await page.getByTestId("org-node-1").waitFor();
  await screenshot(page, "admin-orgs");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // A unit under the city bureau: its region code comes from the parent.
  await page.getByRole("button", { name: "新建单位" }).click();
  const drawer = page.getByRole("dialog");
  await drawer.getByLabel("名称").fill(NEW_ORG);
  await pickOption(page, drawer.getByLabel("类型"), "部门");
  await pickOrg(page, drawer.getByLabel("上级单位"), "泰安市市场", PARENT);
  await eventually(async () => assert.equal(await drawer.getByLabel("区划代码").inputValue(), "370900"));
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText(`已新建单位“${NEW_ORG}”`).waitFor();
  await page.getByTestId("org-detail-name").filter({ hasText: NEW_ORG }).waitFor();

  await page.getByRole("textbox", { name: "输入别名，如简称或旧称" }).fill(ALIAS);
  await page.getByRole("button", { name: "添加别名" }).click();
  await page.getByText(`已添加别名“${ALIAS}”`).waitFor();
  await page.getByTestId("org-aliases").getByText(ALIAS).waitFor();
  const orgs = await json<{ items: Org[] }>(page, "/api/orgs");
  const created = orgs.items.find((o) => o.name === NEW_ORG);
  assert.ok(created, "the new unit is in the directory");
  assert.deepEqual(
    created.aliases.map((a) => a.alias),
    [ALIAS],
  );

  // Found by its alias: the tree opens to it and says which name matched.
  await page.getByRole("searchbox", { name: "按名称或别名查找单位" }).fill(ALIAS);
  await page.getByText("找到 1 个单位").waitFor();
  await page.getByTestId(`org-node-${created.id}`).getByText(`别名：${ALIAS}`).waitFor();
  await screenshot(page, "admin-orgs-detail");

  // An account for the new unit.
  await page.getByRole("tab", { name: "用户" }).click();
  await page.getByRole("button", { name: "新建用户" }).click();
  const userDrawer = page.getByRole("dialog");
  await userDrawer.getByLabel("用户名").fill("ta_center");
  await userDrawer.getByLabel("姓名").fill("周敏");
  await pickOrg(page, userDrawer.getByLabel("所属单位"), ALIAS, NEW_ORG);
  await userDrawer.getByLabel("初始密码").fill("short");
  await userDrawer.getByRole("button", { name: /保\s*存/ }).click();
  await userDrawer.getByText("密码至少 8 位").waitFor();
  await userDrawer.getByLabel("初始密码").fill("center-2025!");
  await userDrawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText("已创建用户 ta_center").waitFor();
  const row = page.locator(".ant-table-row").filter({ hasText: "ta_center" });
  await row.getByText(NEW_ORG).waitFor();
  await row.getByText("责任单位填报员").waitFor();
  await screenshot(page, "admin-users");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // The audit log: who did it, what, and the fields as set.
  await page.getByRole("tab", { name: "审计日志" }).click();
  const entries = page.locator(".ant-table-row");
  const entry = (action: string) => entries.filter({ hasText: action }).first();
  await entry("新建用户").waitFor();
  assert.match((await entry("新建用户").textContent()) ?? "", /admin.*新建用户.*ta_center.*角色：责任单位填报员/);
  assert.match((await entry("新建用户").textContent()) ?? "", new RegExp(`单位：${NEW_ORG}`));
  assert.match((await entry("添加别名").textContent()) ?? "", new RegExp(ALIAS));
  assert.match((await entry("新建单位").textContent()) ?? "", new RegExp(`${NEW_ORG}.*上级单位：${PARENT}`));
  await screenshot(page, "admin-audit");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Filtered to one kind of record: only user changes remain.
  await pickOption(page, page.getByRole("combobox", { name: "对象类型" }), "用户");
  await page.waitForURL(/entity=user/);
  // The filtered page replaces the whole list once it arrives.
  await eventually(async () => {
    const targets = await entries.locator("td:nth-child(4)").allTextContents();
    assert.ok(targets.length > 0 && targets.every((a) => a.startsWith("用户 #")), targets.join(","));
  });
});

test("an admin finds a unit by an alias, renames it, and the unit's history shows the name before → after", async () => {
  const page = await signIn(browser, server, "admin");
  // Within three clicks of the workbench: the menu, the unit, its history.
  await page.getByRole("link", { name: "系统管理" }).click();
  await page.getByTestId("org-node-1").getByText("国家知识产权局").waitFor();
  assert.ok((await page.locator(".ant-tree-treenode").count()) > 10, "the tree shows the directory's top levels");

  await page.getByRole("searchbox", { name: "按名称或别名查找单位" }).fill("区文旅局");
  await page.getByText("找到 1 个单位").waitFor();
  const node = page.locator("[data-testid^=org-node-]").filter({ hasText: "别名：区文旅局" });
  await node.waitFor();
  assert.match((await node.textContent()) ?? "", new RegExp(`^${RENAMED_FROM} `));
  await node.click();
  await page.getByTestId("org-detail-name").filter({ hasText: RENAMED_FROM }).waitFor();

  await page.getByRole("button", { name: /修\s*改/ }).click();
  const drawer = page.getByRole("dialog");
  await drawer.getByLabel("名称").fill(RENAMED_TO);
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText("已保存").waitFor();
  await page.getByTestId("org-detail-name").filter({ hasText: RENAMED_TO }).waitFor();

  await page.getByRole("link", { name: "修改记录" }).click();
  await page.getByRole("tab", { name: "审计日志", selected: true }).waitFor();
  await page.waitForURL(/tab=audit&entity=org&entityId=\d+/);
  const row = page.locator(".ant-table-row").filter({ hasText: "修改单位" }).first();
  await row.waitFor();
  assert.match((await row.textContent()) ?? "", /admin/);
  const change = row.getByTestId("audit-changes").locator("li").filter({ hasText: "名称" });
  assert.equal(await change.textContent(), `名称：${RENAMED_FROM} → ${RENAMED_TO}`);
  // Bookkeeping (row version) is not shown as a change.
  assert.equal(await row.getByTestId("audit-changes").locator("li").count(), 1);
  await screenshot(page, "admin-audit-edit");
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("an edit of a unit someone else changed meanwhile is refused and the form reloads their version", async () => {
  const page = await signIn(browser, server, "admin");
  const orgs = await json<{ items: Org[] }>(page, "/api/orgs");
  const target = orgs.items.find((o) => o.name === "泰山区商务局");
  assert.ok(target);
  await page.goto(`${server.url}/admin?tab=orgs&org=${target.id}`);
  await page.getByTestId("org-detail-name").filter({ hasText: target.name }).waitFor();
  await page.getByRole("button", { name: /修\s*改/ }).click();
  const drawer = page.getByRole("dialog");
  await drawer.getByLabel("名称").fill("泰山区商务局（我的修改）");

  // Someone else renames it first, from another session.
  const other = await signIn(browser, server, "taishan");
  const csrf = ((await (await other.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string })
    .csrfToken;
  const theirs = await other.request.patch(`${server.url}/api/orgs/${target.id}`, {
    data: { rowVersion: target.rowVersion, name: "泰安市泰山区商务局" },
    headers: { "x-csrf-token": csrf },
  });
  assert.equal(theirs.status(), 200, await theirs.text());

  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await drawer.getByText("保存前，其他人已修改了该单位").waitFor();
  await eventually(async () => assert.equal(await drawer.getByLabel("名称").inputValue(), "泰安市泰山区商务局"));
  // Saving again now goes through on the fresh version.
  await drawer.getByLabel("区划代码").fill("370902001");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText("已保存").waitFor();
  const saved = await json<Org & { regionCode: string }>(page, `/api/orgs/${target.id}`);
  assert.equal(saved.name, "泰安市泰山区商务局");
  assert.equal(saved.regionCode, "370902001");
});

test("the directory downloads as a workbook; one with bad rows lists each row and column, and nothing is imported", async () => {
  const page = await signIn(browser, server, "admin");
  await page.goto(`${server.url}/admin?tab=orgs`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Excel" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^组织机构-.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((c) => sheet?.getRow(1).getCell(c).value),
    ["名称", "类型", "上级", "区划代码", "是否本级区域局", "别名"],
  );
  assert.ok((sheet?.rowCount ?? 0) > 90, "every org of the demo directory");

  await page.getByRole("button", { name: "导入表格" }).click();
  const modal = page.getByRole("dialog");
  const csv = [
    "名称,类型,上级,区划代码,是否本级区域局,别名",
    `新泰市市场监督管理局,县级,${PARENT},370982,是,新泰市市场监管局`,
    `宁阳县市场监督管理局,星球,${PARENT},370921,否,`,
    "肥城市市场监督管理局,县级,不存在的单位,12,否,",
  ].join("\n");
  await modal.locator("input[type=file]").setInputFiles({
    name: "单位.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await modal.getByRole("button", { name: /检\s*查/ }).click();
  const errors = modal.getByTestId("import-errors").locator(".ant-table-row");
  await errors.first().waitFor();
  const rows = await errors.allTextContents();
  assert.ok(rows.length >= 2, rows.join(" | "));
  assert.match(rows[0] ?? "", /^3类型/);
  assert.ok(
    rows.some((r) => r.startsWith("4")),
    rows.join(" | "),
  );
  await modal.getByText("未导入任何内容").waitFor();
  await screenshot(page, "admin-orgs-import-errors");
  const names = (await json<{ items: Org[] }>(page, "/api/orgs")).items.map((o) => o.name);
  assert.ok(!names.includes("新泰市市场监督管理局"));
});

test("a plan office maps an unresolved unit name of its plan to a unit found by alias", async () => {
  const page = await signIn(browser, server, "shandong");
  // The demo's protection plan names 政府 and 各级党委, which the directory does not know.
  const plans = await json<{ items: { id: number; title: string }[] }>(page, "/api/plans?status=active");
  const plan = plans.items.find((p) => p.title.includes("知识产权保护推进计划"));
  assert.ok(plan);
  const before = await json<{ items: { name: string; measures: { id: number }[] }[] }>(
    page,
    `/api/plans/${plan.id}/unresolved`,
  );
  const name = "政府";
  const entry = before.items.find((e) => e.name === name);
  assert.ok(entry, `the demo has ${name} to review: ${JSON.stringify(before.items.map((e) => e.name))}`);

  await page.getByRole("link", { name: "系统管理" }).click();
  await page.getByRole("tab", { name: "待确认单位" }).click();
  const card = page.getByTestId(`review-plan-${plan.id}`);
  await card.waitFor();
  await page
    .getByTestId("review-count")
    .filter({ hasText: `${before.items.length} 个名称待确认` })
    .waitFor();
  await screenshot(page, "admin-review");
  assert.deepEqual(await seriousA11yViolations(page), []);

  await card
    .locator(".ant-table-row")
    .filter({ has: page.getByText(name, { exact: true }) })
    .getByRole("button", { name: /确\s*认/ })
    .click();
  const drawer = page.getByRole("dialog");
  await pickOrg(page, drawer.getByLabel("单位", { exact: true }), "省国资委", "山东省人民政府国有资产监督管理委员会");
  await drawer.getByRole("button", { name: /确\s*认/ }).click();
  await page.getByText(`已确认“${name}”`).waitFor();
  await card
    .locator(".ant-table-row")
    .filter({ has: page.getByText(name, { exact: true }) })
    .waitFor({
      state: "detached",
    });

  // The name is now the unit's alias, the measures are assigned to it, and the review list is shorter.
  const orgs = await json<{ items: Org[] }>(page, "/api/orgs");
  const mapped = orgs.items.find((o) => o.name === "山东省人民政府国有资产监督管理委员会");
  assert.ok(mapped?.aliases.some((a) => a.alias === name));
  const assigned = await json<{ items: { measureId: number }[] }>(page, `/api/assignments?org=${mapped?.id}&limit=200`);
  for (const measure of entry.measures)
    assert.ok(
      assigned.items.some((a) => a.measureId === measure.id),
      `measure ${measure.id} assigned`,
    );
  const after = await json<{ items: unknown[] }>(page, `/api/plans/${plan.id}/unresolved`);
  assert.equal(after.items.length, before.items.length - 1);
});

test("a plan office sees only its own part of the directory, and reads accounts without changing them", async () => {
  const page = await signIn(browser, server, "shandong");
  const { items: orgs } = await json<{ items: Org[] }>(page, "/api/orgs");
  const root = orgs.find((o) => o.name === "山东省市场监督管理局（山东省知识产权局）");
  assert.ok(root);
  const ids = new Set(orgs.map((o) => o.id));
  assert.deepEqual(
    orgs.filter((o) => o.parentId === null || !ids.has(o.parentId)).map((o) => o.name),
    [root.name],
    "one root: the office's own bureau",
  );
  assert.ok(!orgs.some((o) => o.name === "国家知识产权局"));

  await page.getByRole("link", { name: "系统管理" }).click();
  await page.getByTestId(`org-node-${root.id}`).waitFor();
  assert.equal(await page.locator("[data-testid^=org-node-]").first().textContent(), `${root.name} 省级`);
  assert.equal(await page.getByTestId("org-node-1").count(), 0);
  // The national office's alias finds nothing: it is outside this office's part of the directory.
  await page.getByRole("searchbox", { name: "按名称或别名查找单位" }).fill("国知局");
  await page.getByText("没有名称或别名包含“国知局”的单位").waitFor();
  await screenshot(page, "admin-orgs-plan-office");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Accounts of its subtree, read only.
  await page.getByRole("tab", { name: "用户" }).click();
  await page.getByText("新建账号、调整角色或停用账号请联系系统管理员").waitFor();
  const rows = page.locator(".ant-table-row");
  await rows.filter({ hasText: "taian" }).first().waitFor();
  const usernames = await rows.locator("td:first-child").allTextContents();
  assert.ok(usernames.includes("shandong") && usernames.includes("taishan"), usernames.join(","));
  assert.ok(!usernames.includes("admin") && !usernames.includes("cnipa"), usernames.join(","));
  assert.equal(await page.getByRole("button", { name: "新建用户" }).count(), 0);
  assert.equal(await page.locator("[data-testid^=edit-user-]").count(), 0);
  await screenshot(page, "admin-users-plan-office");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // The server refuses as well.
  const users = await json<{ items: { id: number; username: string }[] }>(page, "/api/users");
  const taian = users.items.find((u) => u.username === "taian");
  assert.ok(taian);
  const csrf = ((await (await page.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string })
    .csrfToken;
  const headers = { "x-csrf-token": csrf };
  const created = await page.request.post(`${server.url}/api/users`, {
    data: { username: "sd_new", displayName: "新人", password: "long-enough-1", role: "reporter", orgId: root.id },
    headers,
  });
  assert.equal(created.status(), 403, await created.text());
  const changed = await page.request.patch(`${server.url}/api/users/${taian.id}`, {
    data: { role: "plan_office" },
    headers,
  });
  assert.equal(changed.status(), 403, await changed.text());
});

test("a reporter has no Admin menu, and typing /admin shows a plain no-access message with no data", async () => {
  const page = await signIn(browser, server, "taian");
  assert.equal(await page.getByRole("link", { name: "系统管理" }).count(), 0);
  const calls: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (/^\/api\/(users|audit|orgs\/|plans\/\d+\/unresolved)/.test(path)) calls.push(path);
  });
  await page.goto(`${server.url}/admin?tab=users`);
  await page.getByTestId("admin-no-access").waitFor();
  await page.getByText("无权访问").waitFor();
  assert.equal(await page.locator(".ant-table").count(), 0);
  assert.deepEqual(calls, [], "the page asks the API for nothing it would refuse");
  await screenshot(page, "admin-no-access");
  assert.deepEqual(await seriousA11yViolations(page), []);
  // The server refuses as well.
  assert.equal((await page.request.get(`${server.url}/api/users`)).status(), 403);
  assert.equal((await page.request.get(`${server.url}/api/audit`)).status(), 403);
});
