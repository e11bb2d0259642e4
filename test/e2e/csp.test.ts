// The Content-Security-Policy (src/server/security-headers.ts) against the built web app in Chromium:
// no page may trip it (a violation means a blocked script, style, image or request).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
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

/** Records every CSP violation the page reports, from console and from securitypolicyviolation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.exposeFunction("__cspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __cspViolation(text: string): void }).__cspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return seen;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page
    .locator(".ant-spin-spinning")
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => {});
}

test("the CSP header is on the pages, and no page of any role trips it", async () => {
  const index = await fetch(`${server.url}/`, { headers: { accept: "text/html" } });
  assert.match(String(index.headers.get("content-security-policy")), /script-src 'self'/);
  const pages: Record<string, string[]> = {
    admin: ["/", "/plans", "/admin", "/dashboard", "/assessment", "/supervision"],
    shandong: ["/plans", "/import", "/dashboard", "/dashboard/list?status=overdue"],
    taian: ["/", "/supervision"],
  };
  const violations: string[] = [];
  for (const [username, paths] of Object.entries(pages)) {
    const page = await signIn(browser, server, username);
    const seen = await watchViolations(page);
    // A plan and one of its measures: the pages with the most varied content (tables, tags, charts).
    const plans = (await (await page.request.get(`${server.url}/api/plans`)).json()) as { items: { id: number }[] };
    const planId = plans.items[0]?.id;
    const extra = planId && username === "shandong" ? [`/plans/${planId}`, `/plans/${planId}?tab=indicators`] : [];
    for (const path of [...paths, ...extra]) {
      await page.goto(`${server.url}${path}`);
      await settle(page);
      violations.push(...seen.splice(0).map((v) => `${username} ${path}: ${v}`));
    }
    if (username === "shandong" && planId) {
      await page.goto(`${server.url}/plans/${planId}`);
      await settle(page);
      const measure = page.locator('a[href^="/measures/"]').first();
      if (await measure.count()) {
        await measure.click();
        await settle(page);
        violations.push(...seen.splice(0).map((v) => `${username} measure: ${v}`));
      }
    }
    await page.goto(`${server.url}/api/docs`);
    violations.push(...seen.splice(0).map((v) => `${username} /api/docs: ${v}`));
    await page.context().close();
  }
  // The sign-in page, before any session.
  const context = await browser.newContext();
  const login = await context.newPage();
  const seen = await watchViolations(login);
  await login.goto(`${server.url}/login`);
  await settle(login);
  violations.push(...seen.map((v) => `/login: ${v}`));
  await context.close();
  assert.deepEqual(violations, []);
});
