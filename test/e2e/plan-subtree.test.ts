// The plan view's 下级有逾期 tag (issue 10, 分解): a measure whose assignment was decomposed and has something
// overdue below shows the tag beside its units, from the dashboard's roll-up (GET /api/dashboard/decomposed);
// a measure with nothing at risk below shows none. Data: the demo's decompositions under 泰安 (one child
// overdue with nothing filed), read through the API rather than assumed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { apiAs, launchBrowser, type Server, signIn, startServer } from "./support.ts";

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

type Item = { measureId: number; planId: number; subtree: { status: string } };

test("the plan view tags a decomposed measure with 下级有逾期 when a sub-assignment is overdue, not others", async () => {
  const page = await signIn(browser, server, "admin");
  const api = await apiAs(server, page);
  const { items } = await api.get<{ items: Item[] }>("/api/dashboard/decomposed");
  const risky = items.find((i) => i.subtree.status === "at_risk");
  assert.ok(risky, "the demo has a decomposed assignment with something overdue below");
  const riskyMeasures = new Set(
    items.filter((i) => i.subtree.status === "at_risk" && i.planId === risky.planId).map((i) => i.measureId),
  );
  const calm = items.find((i) => i.planId === risky.planId && !riskyMeasures.has(i.measureId));
  await page.goto(`${server.url}/plans/${risky.planId}`);
  const tag = page.getByTestId(`subtree-risk-${risky.measureId}`);
  await tag.waitFor();
  assert.equal(await tag.textContent(), "下级有逾期");
  if (calm) {
    // Decomposed but nothing at risk below: its row is shown, without the tag.
    await page.getByTestId(`measure-${calm.measureId}`).waitFor();
    assert.equal(await page.getByTestId(`subtree-risk-${calm.measureId}`).count(), 0);
  }
  // Every tagged row is one the roll-up puts at risk.
  const tagged = await page
    .locator('[data-testid^="subtree-risk-"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-testid")?.replace("subtree-risk-", ""))));
  assert.ok(tagged.length > 0);
  for (const id of tagged) assert.ok(riskyMeasures.has(id), `measure ${id} is tagged but not at risk below`);
});
