// Issue 15's corrections, clicked through in Chromium: a city signs off only its own share of a measure
// fanned out to every city, and the issuing plan office closes the whole measure.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type Server, screenshot, signIn, startServer } from "./support.ts";

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
    async post<T>(path: string, data: unknown): Promise<T> {
      const res = await page.request.post(`${server.url}${path}`, {
        data,
        headers: { "x-csrf-token": session.csrfToken },
      });
      assert.ok(res.status() < 300, `POST ${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

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
  const officeApi = await apiAs(office);
  const city = await signIn(browser, server, "taian");
  const cityApi = await apiAs(city);
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
  await city.getByText(`1/${total} 个单位已完成`).waitFor();
  assert.notEqual(await city.locator("h2 [data-status]").getAttribute("data-status"), "done");
  await screenshot(city, "measure-own-share-signed-off");

  // Only 泰安's row is done; the measure is still open for the other cities.
  detail = await officeApi.get<Detail>(`/api/measures/${fanned.measureId}`);
  assert.equal(detail.state.status, "open");
  assert.deepEqual(
    detail.assignments.filter((a) => a.status === "done").map((a) => a.orgId),
    [cityApi.orgId],
  );

  await office.goto(`${server.url}/measures/${fanned.measureId}`);
  await office.getByRole("heading", { name: /落实举措/ }).waitFor();
  await office.getByText(`1/${total} 个单位已完成`).waitFor();
  const before = await rowStatuses(office);
  assert.equal(before.filter((s) => s === "done").length, 1, before.join(","));
  await office.getByRole("button", { name: "关闭整条举措" }).click();
  await office.getByRole("button", { name: /确\s*定/ }).click();
  await office.getByRole("button", { name: "重新打开整条举措" }).waitFor();
  await office.locator('h2 [data-status="done"]').waitFor();
  await office.getByText(`${total}/${total} 个单位已完成`).waitFor();
  const after = await rowStatuses(office);
  assert.ok(after.length === total && after.every((s) => s === "done"), after.join(","));
});
