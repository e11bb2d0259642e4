// The New-org drawer offers the parent's region code and follows a change of parent with it (it once kept
// the first parent's 350524 after the parent became 国家知识产权局); a code the person typed stays theirs.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, type Server, signIn, startServer } from "./support.ts";

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

async function pickOrg(page: Page, picker: Locator, typed: string, name: string): Promise<void> {
  await picker.click();
  await picker.fill(typed);
  await page.locator(".ant-select-dropdown:visible .ant-select-tree").getByTitle(name, { exact: true }).click();
}

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

test("the region code follows the parent until the person types one", async () => {
  const page = await signIn(browser, server, "admin");
  const orgs = (await (await page.request.get(`${server.url}/api/orgs`)).json()) as {
    items: { name: string; regionCode: string }[];
  };
  const code = (name: string) => orgs.items.find((o) => o.name === name)?.regionCode;
  const city = "泰安市市场监督管理局";
  const national = "国家知识产权局";
  assert.ok(code(city) && code(national) && code(city) !== code(national));

  await page.getByRole("link", { name: "系统管理" }).click();
  await page.getByTestId("org-node-1").waitFor();
  await page.getByRole("button", { name: "新建单位" }).click();
  const drawer = page.getByRole("dialog");
  const region = drawer.getByLabel("区划代码");
  await pickOrg(page, drawer.getByLabel("上级单位"), "泰安市市场", city);
  await eventually(async () => assert.equal(await region.inputValue(), code(city)));
  await pickOrg(page, drawer.getByLabel("上级单位"), "国家知识产权", national);
  await eventually(async () => assert.equal(await region.inputValue(), code(national)));

  await region.fill("370902001");
  await pickOrg(page, drawer.getByLabel("上级单位"), "泰安市市场", city);
  await page.waitForTimeout(300);
  assert.equal(await region.inputValue(), "370902001", "a typed code is kept");
});
