// End-to-end support: `luoshi serve --demo` as a child process on a throwaway data directory, Debian's
// Chromium driven by playwright-core, sign-in as a demo account, and screenshots under test-output/.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const DEMO_PASSWORD = "luoshi-demo";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = "test-output/screenshots";

export type Server = {
  url: string;
  /** Resolves once the server's start-up work (today's supervision run) is over. */
  settled: Promise<void>;
  stop(): Promise<void>;
};

/** A fresh server with the demo loaded; the web app must be built (npm test builds it first). */
export async function startServer(): Promise<Server> {
  if (!existsSync("web/dist/index.html")) throw new Error("web/dist is missing: run `npm run build:web` first");
  const data = mkdtempSync(join(tmpdir(), "luoshi-e2e-"));
  const child = spawn(process.execPath, ["bin/luoshi.mjs", "serve", "--demo", "--port", "0"], {
    env: { ...process.env, LUOSHI_DATA: data, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Luoshi listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const settled = new Promise<void>((resolve) => {
    const check = () => {
      if (!/Daily supervision/.test(output)) return;
      child.stdout?.off("data", check);
      resolve();
    };
    child.stdout?.on("data", check);
    check();
  });
  return {
    url,
    settled,
    async stop() {
      await stopChild(child);
      rmSync(data, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine's network is closed: Chromium's background fetches would only fail, slowly.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A new page signed in as a demo account, on the workbench. */
export async function signIn(browser: Browser, server: Server, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL(`${server.url}/`);
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it stands. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // A loading mask dims the content it covers; judge contrast on the settled page.
  await page
    .locator(".ant-spin-spinning")
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => {});
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's CSP (script-src
  // 'self') rightly blocks an injected inline script.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    type AxeNode = { target: string[]; any: { data?: { fgColor?: string; bgColor?: string } }[] };
    type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: AxeNode[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<AxeResult> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      where: v.nodes.slice(0, 3).map((n) => {
        const colours = n.any[0]?.data?.fgColor ? ` (${n.any[0].data.fgColor} on ${n.any[0].data.bgColor})` : "";
        return `${n.target.join(" ")}${colours}`;
      }),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.count}×): ${v.help} — e.g. ${v.where.join(" | ")}`);
}

/** The signed-in page's API: GET expecting 200, POST with its CSRF token expecting success, typed by the caller. */
export async function apiAs(server: Server, page: Page) {
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
