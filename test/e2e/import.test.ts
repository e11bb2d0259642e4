// The plan office's import: a Word plan with unit names nobody knows → preview beside the original text →
// match one name to an org, create the org for another, leave a third for review → monthly reporting →
// confirm → the plan with its tasks. Also: unreadable files are explained; a revised file shows its changes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
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

type Row = [task: string, measure: string, units: string, due: string];

/** A county task list as offices make them in Word: a 文号, a title and one task table. */
async function planDocx(docNumber: string, title: string, rows: Row[]): Promise<Buffer> {
  const cell = (s: string) => new TableCell({ children: [new Paragraph(s)] });
  const row = (cells: string[]) => new TableRow({ children: cells.map(cell) });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph(docNumber),
          new Paragraph(title),
          new Table({ rows: [row(["重点任务", "落实举措", "责任单位", "完成时间"]), ...rows.map(row)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async function openWizard(page: Page): Promise<void> {
  await page.getByRole("link", { name: "导入计划" }).click();
  await page.getByRole("heading", { name: "导入计划" }).waitFor();
}

async function choose(page: Page, name: string, buffer: Buffer, mimeType = DOCX): Promise<void> {
  await page.locator("input[type=file]").setInputFiles({ name, mimeType, buffer });
  await page.getByTestId("chosen-file").getByText(name).waitFor();
}

const parse = (page: Page) => page.getByRole("button", { name: "上传并解析" }).click();
const next = (page: Page) => page.getByRole("button", { name: /下一步/ }).click();

test("the plan office imports a Word plan, matches and creates units, and sees the plan with its tasks", async () => {
  const page = await signIn(browser, server, "taishan");
  await openWizard(page);
  const bytes = await planDocx("泰知办发〔2025〕3号", "泰山区2025年知识产权重点工作任务清单", [
    [
      "1. 提升知识产权创造质量",
      "开展高价值专利培育，新增发明专利授权20件。",
      "区科技局牵头，泰山区数据资源管理局配合",
      "2025年10月底前",
    ],
    ["", "建立重点产业专利导航工作机制。", "泰山区工业和信息化局", "年底前"],
    [
      "2. 加强知识产权保护",
      "开展商标侵权假冒专项整治行动。",
      "泰山区综合行政执法局、区司法部门、区金融服务中心",
      "全年",
    ],
    ["3. 营造良好知识产权氛围", "组织知识产权宣传周活动。", "各街道镇", "4月底前"],
  ]);
  await choose(page, "泰山区2025年任务清单.docx", bytes);
  assert.match((await page.getByTestId("chosen-file").textContent()) ?? "", /\d+(\.\d)? KB/);
  await screenshot(page, "import-1-upload");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Preview: metadata, and each measure beside the table row it came from, unknown names flagged.
  const previewed = page.waitForResponse((r) => r.url().endsWith("/api/plans/preview") && r.status() === 200);
  await parse(page);
  const preview = (await (await previewed).json()) as {
    links: { upperPlans: { title: string }[]; links: { suggestion: { upperKey: string } | null }[] };
  };
  const meta = page.getByTestId("preview-meta");
  await meta.getByText("泰山区2025年知识产权重点工作任务清单").waitFor();
  await meta.getByText("泰知办发〔2025〕3号").waitFor();
  const measures = page.getByTestId("preview-measures");
  const firstRow = measures.locator("tr", { hasText: "开展高价值专利培育" });
  await firstRow.locator("blockquote", { hasText: "区科技局牵头，泰山区数据资源管理局配合" }).waitFor();
  assert.equal(await firstRow.locator("[data-unresolved]").count(), 1, "泰山区数据资源管理局 is flagged");
  await measures
    .locator("tr", { hasText: "组织知识产权宣传周活动" })
    .getByText(/各街道镇.*→ \d+/)
    .waitFor();
  // The cascade as the import will suggest it: the county office's upper plans (those of the offices above
  // it) and, per task, the top upper task, as the server computed them.
  const upper = page.getByTestId("preview-upper-links");
  assert.ok(preview.links.upperPlans.length > 0, "the province's and the nation's plans are above the county");
  for (const plan of preview.links.upperPlans) await upper.getByText(plan.title, { exact: false }).first().waitFor();
  const suggested = preview.links.links.filter((l) => l.suggestion !== null);
  await upper
    .getByTestId("preview-upper-summary")
    .getByText(`${preview.links.links.length} 项任务中 ${suggested.length} 项有建议`)
    .waitFor();
  for (const l of suggested)
    await upper
      .getByText(l.suggestion?.upperKey ?? "", { exact: false })
      .first()
      .waitFor();
  await screenshot(page, "import-2-preview");
  assert.deepEqual(await seriousA11yViolations(page), []);
  // Every label has its English twin.
  await page.getByText("EN", { exact: true }).click();
  await page.getByText("Item by item").waitFor();
  await screenshot(page, "import-2-preview-en");
  await page.getByText("中文", { exact: true }).click();
  await page.getByText("逐项核对").waitFor();

  // Units: pick 泰山区司法局 for 区司法部门 by searching the tree, create 泰山区数据资源管理局, leave one open.
  await next(page);
  await page.getByTestId("units-progress").getByText("已匹配 0 / 3 个名称").waitFor();
  const picker = page.getByLabel("为“区司法部门”选择对应单位");
  await picker.click();
  await picker.fill("司法局");
  await page.locator(".ant-select-tree-node-content-wrapper", { hasText: "泰山区司法局" }).click();
  await page.getByTestId("units-progress").getByText("已匹配 1 / 3 个名称").waitFor();
  const createRow = page.locator("tr", { hasText: "泰山区数据资源管理局" });
  await createRow.getByRole("button", { name: /新建单位/ }).click();
  const dialog = page.getByRole("dialog");
  assert.equal(await dialog.getByLabel("单位名称").inputValue(), "泰山区数据资源管理局");
  await screenshot(page, "import-3-create-org");
  await dialog.getByRole("button", { name: /创建并匹配/ }).click();
  await page.getByTestId("units-progress").getByText("已匹配 2 / 3 个名称").waitFor();
  await screenshot(page, "import-3-units");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Reporting: monthly, the year the file names; then confirm.
  await next(page);
  await page.getByText("按月报送").click();
  assert.equal(await page.getByLabel("计划年度").inputValue(), "2025");
  await page.getByTestId("import-summary").getByText("1 个单位名称未匹配", { exact: false }).waitFor();
  await screenshot(page, "import-4-settings");
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.getByRole("button", { name: /确认导入/ }).click();

  const result = page.getByTestId("import-result");
  await result.waitFor();
  await result.getByText("“各街道镇” →", { exact: false }).waitFor();
  await result.getByText("区金融服务中心", { exact: false }).waitFor();
  await screenshot(page, "import-5-done");
  assert.deepEqual(await seriousA11yViolations(page), []);

  const href = await page.getByRole("link", { name: "查看计划" }).getAttribute("href");
  const planId = Number(/\/plans\/(\d+)/.exec(href ?? "")?.[1]);
  assert.ok(planId > 0, `a link to the plan, got ${href}`);
  await page.getByRole("link", { name: "查看计划" }).click();
  await page.waitForURL(`${server.url}/plans/${planId}`);
  await screenshot(page, "import-6-plan");

  // What the server holds: three tasks, monthly, and the matched and created orgs assigned.
  const plan = (await (await page.request.get(`${server.url}/api/plans/${planId}`)).json()) as {
    title: string;
    cadence: string;
    tasks: { title: string; measures: { id: number; text: string }[] }[];
  };
  assert.equal(plan.title, "泰山区2025年知识产权重点工作任务清单");
  assert.equal(plan.cadence, "monthly");
  assert.deepEqual(
    plan.tasks.map((t) => t.title),
    ["提升知识产权创造质量", "加强知识产权保护", "营造良好知识产权氛围"],
  );
  const assigned = async (text: string) => {
    const measure = plan.tasks.flatMap((t) => t.measures).find((m) => m.text.startsWith(text));
    assert.ok(measure, text);
    const list = (await (await page.request.get(`${server.url}/api/assignments?plan=${planId}&limit=100`)).json()) as {
      items: { measureId: number; orgName: string }[];
    };
    return list.items.filter((a) => a.measureId === measure.id).map((a) => a.orgName);
  };
  assert.ok((await assigned("开展商标侵权假冒")).includes("泰山区司法局"));
  assert.ok((await assigned("开展高价值专利培育")).includes("泰山区数据资源管理局"));
});

test("an unreadable file shows the server's message in plain words, and another file can be chosen", async () => {
  const page = await signIn(browser, server, "shandong");
  await openWizard(page);
  // A legacy Word file: the OLE compound-document signature.
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
  await choose(page, "2025年工作要点.doc", ole, "application/msword");
  await parse(page);
  const problem = page.getByTestId("file-problem");
  await problem.getByText("无法读取这个文件，请选择其他文件").waitFor();
  await problem.getByText("另存为 .docx", { exact: false }).waitFor();
  await problem.getByText("legacy Office file", { exact: false }).waitFor();
  await screenshot(page, "import-error-doc");
  assert.deepEqual(await seriousA11yViolations(page), []);

  // A damaged .docx (a zip cut short), then an image: each its own explanation.
  await choose(page, "损坏的计划.docx", Buffer.from("PK\u0003\u0004 this zip ends here"));
  await parse(page);
  await problem.getByText("文件已损坏", { exact: false }).waitFor();
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
  await choose(page, "扫描件.png", png, "image/png");
  await parse(page);
  await problem.getByText("扫描件需要先做文字识别", { exact: false }).waitFor();

  // Choosing a readable file clears the error and the wizard goes on: here a seed plan as Word, which the
  // province's office already imported (from its text version), so the preview says it is a revision.
  const seed = readFileSync("test/fixtures/formats/sd-2023-2025-protection-plan.docx");
  await choose(page, "sd-2023-2025-protection-plan.docx", seed);
  assert.equal(await problem.count(), 0);
  await parse(page);
  const meta = page.getByTestId("preview-meta");
  await meta.getByText("知识产权保护", { exact: false }).first().waitFor();
  const diff = page.getByTestId("revision-diff");
  await diff.getByText("这是已导入计划的修订版").waitFor();
  await diff.getByRole("tab", { name: "修改 0" }).waitFor();
  await page.getByText("全部 81 项").waitFor();
  await screenshot(page, "import-seed-revision");
});

test("a revised file of an imported plan shows what it adds, removes and rewords before it is applied", async () => {
  const page = await signIn(browser, server, "shandong");
  const v1: Row[] = [
    ["1. 加强地理标志保护", "开展地理标志专用标志使用核查。", "知识产权保护处", "年底前"],
    ["", "培育地理标志运用促进重点联系指导名录。", "知识产权运用促进处", "10月底前"],
    ["2. 强化商标品牌建设", "开展商标品牌指导站建设。", "知识产权运用促进处", "全年"],
  ];
  const v2: Row[] = [
    ["1. 加强地理标志保护", "开展地理标志专用标志使用核查和行政保护专项行动。", "知识产权保护处", "年底前"],
    ["2. 强化商标品牌建设", "开展商标品牌指导站建设。", "知识产权运用促进处", "全年"],
    ["", "推动老字号商标品牌保护。", "知识产权保护处", "全年"],
  ];
  const session = (await (await page.request.get(`${server.url}/api/session`)).json()) as {
    user: { orgId: number };
    csrfToken: string;
  };
  const first = await page.request.post(`${server.url}/api/plans/import`, {
    headers: { "x-csrf-token": session.csrfToken },
    data: {
      fileName: "v1.docx",
      contentBase64: (await planDocx("鲁知发〔2025〕12号", "2025年地理标志和商标品牌工作安排", v1)).toString("base64"),
      orgId: session.user.orgId,
    },
  });
  assert.equal(first.status(), 201, await first.text());

  await openWizard(page);
  await choose(
    page,
    "地理标志和商标品牌工作安排（修订）.docx",
    await planDocx("鲁知发〔2025〕12号", "2025年地理标志和商标品牌工作安排", v2),
  );
  await parse(page);
  const diff = page.getByTestId("revision-diff");
  await diff.getByText("这是已导入计划的修订版").waitFor();
  await diff.getByRole("tab", { name: "修改 1" }).waitFor();
  await diff.locator("ins", { hasText: "和行政保护专项行动" }).waitFor();
  await diff.getByRole("tab", { name: "新增 1" }).click();
  await diff.getByText("推动老字号商标品牌保护。").waitFor();
  await diff.getByRole("tab", { name: "删除 1" }).click();
  await diff.getByText("培育地理标志运用促进重点联系指导名录。").waitFor();
  await screenshot(page, "import-revision");
  assert.deepEqual(await seriousA11yViolations(page), []);
  await next(page);
  await next(page);
  await page.getByTestId("import-summary").getByText("修订版：第 2 版，替换现行第 1 版").waitFor();
  await page.getByRole("button", { name: /确认导入/ }).click();
  const result = page.getByTestId("import-result");
  await result.getByText("与上一版相比").waitFor();
});
