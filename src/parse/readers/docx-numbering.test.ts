import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  Document,
  type ILevelsOptions,
  LevelFormat,
  LevelSuffix,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
} from "docx";
import JSZip from "jszip";
import { parsePlanBytes } from "../index.ts";
import { formatNumber, inlineNumbering } from "./docx-numbering.ts";
import { readDocument } from "./index.ts";
import { show } from "./test-helpers.ts";

/** The outline of a Chinese plan: "一、" headings, "（一）" sub-headings, "1." items, all auto-numbered. */
const PLAN_LEVELS: ILevelsOptions[] = [
  { level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、", suffix: LevelSuffix.NOTHING },
  { level: 1, format: LevelFormat.CHINESE_COUNTING, text: "（%2）", suffix: LevelSuffix.NOTHING },
  { level: 2, format: LevelFormat.DECIMAL, text: "%3." },
];

type Item = [level: number, text: string] | string;

/** Numbered paragraphs ([level, text]) and plain ones (a string), all in one list "plan". */
async function planDocx(items: Item[], levels: ILevelsOptions[] = PLAN_LEVELS): Promise<Uint8Array> {
  const doc = new Document({
    numbering: { config: [{ reference: "plan", levels }] },
    sections: [
      {
        children: items.map((item) =>
          typeof item === "string"
            ? new Paragraph(item)
            : new Paragraph({ text: item[1], numbering: { reference: "plan", level: item[0] } }),
        ),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Rewrites one part of a package, for what the docx builder cannot say (w:lvlRestart, style numbering). */
async function patch(bytes: Uint8Array, path: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(path)?.async("string");
  assert.ok(xml !== undefined, `${path} is missing`);
  const edited = edit(xml);
  assert.ok(edited !== xml, `the edit of ${path} changed nothing`);
  zip.file(path, edited);
  return zip.generateAsync({ type: "uint8array" });
}

/** Adds <w:lvlRestart> to level `ilvl` of every list definition that has a decimal level there. */
const withLevelRestart = (bytes: Uint8Array, ilvl: number, restart: number) =>
  patch(bytes, "word/numbering.xml", (xml) =>
    xml.replace(
      new RegExp(`(<w:lvl w:ilvl="${ilvl}"[^>]*>(?:(?!</w:lvl>).)*?<w:numFmt w:val="decimal"/>)`, "g"),
      `$1<w:lvlRestart w:val="${restart}"/>`,
    ),
  );

const texts = async (bytes: Uint8Array) => show((await readDocument(bytes, "plan.docx")).blocks);

const PLAN: Item[] = [
  "某区2024年知识产权工作要点",
  "为加快建设知识产权强区，制定本要点。",
  [0, "加强知识产权创造"],
  [1, "提升专利质量"],
  [2, "实施高价值专利培育计划。（牵头单位：区市场监管局；完成时限：2024年6月底前）"],
  [2, "开展专利导航。（牵头单位：区科技局；完成时限：2024年12月底前）"],
  [1, "培育商标品牌"],
  [2, "推进商标品牌指导站建设。（牵头单位：区市场监管局；完成时限：2024年9月底前）"],
  [0, "强化知识产权保护"],
  [1, "加大执法力度"],
  [2, "开展知识产权执法专项行动。（牵头单位：区市场监管局；配合单位：区公安分局；完成时限：2024年10月底前）"],
  [2, "健全维权援助机制。（牵头单位：区司法局；完成时限：长期坚持）"],
];

test("auto-numbered headings and items reach the blocks with the markers Word shows", async () => {
  assert.deepEqual(await texts(await planDocx(PLAN)), [
    "某区2024年知识产权工作要点",
    "为加快建设知识产权强区，制定本要点。",
    "一、加强知识产权创造",
    "（一）提升专利质量",
    "1. 实施高价值专利培育计划。（牵头单位：区市场监管局；完成时限：2024年6月底前）",
    "2. 开展专利导航。（牵头单位：区科技局；完成时限：2024年12月底前）",
    "（二）培育商标品牌",
    "1. 推进商标品牌指导站建设。（牵头单位：区市场监管局；完成时限：2024年9月底前）",
    "二、强化知识产权保护",
    "（一）加大执法力度",
    "1. 开展知识产权执法专项行动。（牵头单位：区市场监管局；配合单位：区公安分局；完成时限：2024年10月底前）",
    "2. 健全维权援助机制。（牵头单位：区司法局；完成时限：长期坚持）",
  ]);
});

test("an auto-numbered Word plan parses to its tasks, units and deadlines", async () => {
  const plan = await parsePlanBytes(await planDocx(PLAN), "plan.docx");
  assert.equal(plan.format, "docx");
  assert.deepEqual(
    plan.tasks.map((t) => ({
      key: t.key,
      title: t.title,
      units: t.measures.flatMap((m) => m.units.map((u) => `${u.name}:${u.role}`)),
      due: t.measures.map((m) => m.deadline?.due ?? null),
      ongoing: t.measures.map((m) => m.deadline?.ongoing ?? null),
    })),
    [
      {
        key: "一/（一）/1",
        title: "实施高价值专利培育计划",
        units: ["区市场监管局:lead"],
        due: ["2024-06-30"],
        ongoing: [false],
      },
      { key: "一/（一）/2", title: "开展专利导航", units: ["区科技局:lead"], due: ["2024-12-31"], ongoing: [false] },
      {
        key: "一/（二）/1",
        title: "推进商标品牌指导站建设",
        units: ["区市场监管局:lead"],
        due: ["2024-09-30"],
        ongoing: [false],
      },
      {
        key: "二/（一）/1",
        title: "开展知识产权执法专项行动",
        units: ["区市场监管局:lead", "区公安分局:support"],
        due: ["2024-10-31"],
        ongoing: [false],
      },
      { key: "二/（一）/2", title: "健全维权援助机制", units: ["区司法局:lead"], due: [null], ongoing: [true] },
    ],
  );
});

const RESTARTS: Item[] = [
  [0, "甲"],
  [2, "a"],
  [2, "b"],
  [1, "乙"],
  [2, "c"],
  [0, "丙"],
  [1, "丁"],
  [2, "d"],
];

test("a level restarts when a higher one advances, unless w:lvlRestart says otherwise", async () => {
  // Default: "1." starts again under every new "一、" and every new "（一）".
  assert.deepEqual(await texts(await planDocx(RESTARTS)), [
    "一、甲",
    "1. a",
    "2. b",
    "（一）乙",
    "1. c",
    "二、丙",
    "（一）丁",
    "1. d",
  ]);
  // w:lvlRestart 1: "1." restarts only when level 1 ("一、") advances, not under a new "（一）".
  assert.deepEqual(await texts(await withLevelRestart(await planDocx(RESTARTS), 2, 1)), [
    "一、甲",
    "1. a",
    "2. b",
    "（一）乙",
    "3. c",
    "二、丙",
    "（一）丁",
    "1. d",
  ]);
  // w:lvlRestart 0: "1." never restarts.
  assert.deepEqual(await texts(await withLevelRestart(await planDocx(RESTARTS), 2, 0)), [
    "一、甲",
    "1. a",
    "2. b",
    "（一）乙",
    "3. c",
    "二、丙",
    "（一）丁",
    "4. d",
  ]);
});

test("w:start, formats, multi-level text and a restarted list instance (w:startOverride)", async () => {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: "mixed",
          levels: [
            { level: 0, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: "%1", start: 3 },
            { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2．", suffix: LevelSuffix.NOTHING },
            { level: 2, format: LevelFormat.DECIMAL, text: "%1.%2.%3", isLegalNumberingStyle: true },
            { level: 3, format: LevelFormat.UPPER_LETTER, text: "%4)", suffix: LevelSuffix.SPACE },
            { level: 4, format: LevelFormat.BULLET, text: "●" },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: "甲", numbering: { reference: "mixed", level: 0 } }),
          new Paragraph({ text: "乙", numbering: { reference: "mixed", level: 1 } }),
          new Paragraph({ text: "丙", numbering: { reference: "mixed", level: 1 } }),
          new Paragraph({ text: "庚", numbering: { reference: "mixed", level: 2 } }),
          new Paragraph({ text: "丁", numbering: { reference: "mixed", level: 3 } }),
          new Paragraph({ text: "要点", numbering: { reference: "mixed", level: 4 } }),
          new Paragraph({ text: "戊", numbering: { reference: "mixed", level: 0 } }),
          new Paragraph({ text: "己", numbering: { reference: "mixed", level: 1 } }),
          new Paragraph({ text: "另一清单", numbering: { reference: "mixed", level: 0, instance: 2 } }),
        ],
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  assert.deepEqual(await texts(bytes), [
    "③ 甲",
    // "%1" in a deeper level's text is written in level 1's own format, as Word does…
    "③.1．乙",
    "③.2．丙",
    // …unless the level is "legal" (w:isLgl): every number in decimal.
    "3.2.1 庚",
    "A) 丁",
    "要点",
    "④ 戊",
    "④.1．己",
    // docx gives each instance its own w:num with a w:startOverride (here w:start, 3): the list starts over.
    "③ 另一清单",
  ]);
  // Without the overrides, two w:num of one definition are one list that goes on counting.
  const shared = await patch(bytes, "word/numbering.xml", (xml) =>
    xml.replace(/<w:lvlOverride\b.*?<\/w:lvlOverride>/g, ""),
  );
  assert.equal((await texts(shared)).at(-1), "⑤ 另一清单");
});

test("numbered paragraphs inside table cells are numbered in document order", async () => {
  const numbered = (level: number, text: string) => new Paragraph({ text, numbering: { reference: "plan", level } });
  const row = (...cells: Paragraph[][]) =>
    new TableRow({ children: cells.map((children) => new TableCell({ children })) });
  const doc = new Document({
    numbering: { config: [{ reference: "plan", levels: PLAN_LEVELS }] },
    sections: [
      {
        children: [
          new Paragraph({ text: "重点任务", numbering: { reference: "plan", level: 0 } }),
          new Table({
            rows: [
              row([new Paragraph("任务")], [new Paragraph("责任单位")]),
              row([numbered(2, "完善法规政策"), numbered(2, "修订专利条例")], [new Paragraph("法规处")]),
              row([numbered(2, "加强执法")], [new Paragraph("保护处")]),
            ],
          }),
          new Paragraph({ text: "保障措施", numbering: { reference: "plan", level: 0 } }),
        ],
      },
    ],
  });
  assert.deepEqual(await texts(new Uint8Array(await Packer.toBuffer(doc))), [
    "一、重点任务",
    "任务 | 责任单位",
    "1. 完善法规政策/2. 修订专利条例 | 法规处",
    "3. 加强执法 | 保护处",
    "二、保障措施",
  ]);
});

test("numbering a paragraph takes from its style (w:pStyle → w:numPr), and numId 0 switches it off", async () => {
  const doc = new Document({
    numbering: { config: [{ reference: "plan", levels: PLAN_LEVELS }] },
    styles: { paragraphStyles: [{ id: "TaskHeading", name: "Task Heading", basedOn: "Normal" }] },
    sections: [
      {
        children: [
          new Paragraph({ text: "锚点", numbering: { reference: "plan", level: 2 } }),
          new Paragraph({ text: "加强创造", style: "TaskHeading" }),
          new Paragraph({ text: "强化保护", style: "TaskHeading" }),
          new Paragraph({ text: "不编号", style: "TaskHeading" }),
        ],
      },
    ],
  });
  let bytes: Uint8Array = new Uint8Array(await Packer.toBuffer(doc));
  const numId = /<w:numId w:val="(\d+)"\/>/.exec(
    (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "",
  )?.[1];
  assert.ok(numId);
  // The style carries the list but not the level: the level whose w:pStyle names the style takes it.
  bytes = await patch(bytes, "word/styles.xml", (xml) =>
    xml.replace(
      /(<w:style [^>]*w:styleId="TaskHeading"[^>]*>(?:(?!<\/w:style>).)*?)<\/w:style>/,
      `$1<w:pPr><w:numPr><w:numId w:val="${numId}"/></w:numPr></w:pPr></w:style>`,
    ),
  );
  bytes = await patch(bytes, "word/numbering.xml", (xml) =>
    xml.replace(
      /(<w:lvl w:ilvl="0"[^>]*>(?:(?!<\/w:lvl>).)*?<w:numFmt w:val="chineseCounting"\/>)/,
      '$1<w:pStyle w:val="TaskHeading"/>',
    ),
  );
  bytes = await patch(bytes, "word/document.xml", (xml) =>
    xml.replace(
      /(<w:pStyle w:val="TaskHeading"\/>)((?:(?!<\/w:p>).)*?不编号)/,
      '$1<w:numPr><w:numId w:val="0"/></w:numPr>$2',
    ),
  );
  assert.deepEqual(await texts(bytes), ["1. 锚点", "一、加强创造", "二、强化保护", "不编号"]);
});

// The seed plans number their items in the three ways Word can: "1." starting again under every "（一）",
// only under every "一、" (w:lvlRestart 1), or running through the document (w:lvlRestart 0).
const SEED_RESTARTS: [stem: string, restart: number | undefined][] = [
  ["sd-14th-fyp-ip-plan", undefined],
  ["taishan-2022-2025-county-plan", 1],
  ["sd-2023-2025-protection-plan", 0],
];

test("a seed plan typed with Word auto-numbering instead of literal markers parses to the seed's plan", async () => {
  const seedsDir = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "seeds");
  const shape = (plan: Awaited<ReturnType<typeof parsePlanBytes>>) =>
    plan.tasks.map((t) => ({
      key: t.key,
      title: t.title.replace(/\s+/g, ""),
      measures: t.measures.map((m) => ({
        text: m.text.replace(/\s+/g, ""),
        units: m.units.map((u) => `${u.name}:${u.role}`),
        due: m.deadline?.due ?? null,
      })),
    }));
  for (const [stem, restart] of SEED_RESTARTS) {
    const text = readFileSync(join(seedsDir, `${stem}.txt`), "utf8");
    const items: Item[] = text.split(/\r?\n/).map((line) => {
      const heading = /^[一二三四五六七八九十]+、(.*)$/.exec(line);
      if (heading) return [0, heading[1] ?? ""];
      const sub = /^[（(][一二三四五六七八九十]+[）)]\s*(.*)$/.exec(line);
      if (sub) return [1, sub[1] ?? ""];
      const item = /^\d+[.．](.*)$/.exec(line);
      return item ? [2, item[1] ?? ""] : line;
    });
    assert.ok(items.filter((i) => typeof i !== "string").length > 10, stem);
    const levels = PLAN_LEVELS.map((l) => ({ ...l, suffix: LevelSuffix.NOTHING }));
    let bytes = await planDocx(items, levels);
    if (restart !== undefined) bytes = await withLevelRestart(bytes, 2, restart);
    const seed = await parsePlanBytes(new TextEncoder().encode(text), `${stem}.txt`);
    assert.deepEqual(shape(await parsePlanBytes(bytes, `${stem}.docx`)), shape(seed), stem);
  }
});

test("a format in a markup-compatibility block is read from its Fallback", async () => {
  const bytes = await patch(await planDocx(RESTARTS.slice(0, 3)), "word/numbering.xml", (xml) =>
    xml.replace(
      /(<w:lvl w:ilvl="2"[^>]*>(?:(?!<\/w:lvl>).)*?)<w:numFmt w:val="decimal"\/>/,
      '$1<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>' +
        '</mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>',
    ),
  );
  assert.deepEqual(await texts(bytes), ["一、甲", "01. a", "02. b"]);
});

test("a document without numbered paragraphs comes back as the very same bytes", async () => {
  const bytes = await planDocx(["只有正文。", "没有编号。"]);
  assert.equal(await inlineNumbering(bytes), bytes);
  const notZip = new TextEncoder().encode("not a zip");
  assert.equal(await inlineNumbering(notZip), notZip);
});

test("number formats render as Word renders them", () => {
  const render = (format: string, ns: number[]) => ns.map((n) => formatNumber(n, format)).join(" ");
  assert.equal(
    render("chineseCounting", [1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 105]),
    "一 二 九 十 十一 十九 二十 二十一 九十九 一〇〇 一〇五",
  );
  assert.equal(
    render("chineseCountingThousand", [10, 15, 100, 101, 110, 1000, 1001, 2024, 10000, 10010]),
    "十 十五 一百 一百零一 一百一十 一千 一千零一 二千零二十四 一万 一万零一十",
  );
  assert.equal(render("chineseLegalSimplified", [1, 10, 11, 20]), "壹 壹拾 壹拾壹 贰拾");
  assert.equal(render("ideographTraditional", [1, 2, 10, 11]), "甲 乙 癸 11");
  assert.equal(render("ideographZodiac", [1, 12]), "子 亥");
  assert.equal(render("ideographDigital", [10, 2024]), "一〇 二〇二四");
  assert.equal(render("decimalEnclosedCircle", [1, 10, 20, 21]), "① ⑩ ⑳ 21");
  assert.equal(render("decimalEnclosedParen", [1, 2]), "⑴ ⑵");
  assert.equal(render("decimalEnclosedFullstop", [1, 2]), "⒈ ⒉");
  assert.equal(render("decimalFullWidth", [1, 12]), "１ １２");
  assert.equal(render("decimalZero", [1, 10]), "01 10");
  assert.equal(render("upperLetter", [1, 26, 27, 28]), "A Z AA BB");
  assert.equal(render("lowerRoman", [1, 4, 9, 14]), "i iv ix xiv");
  assert.equal(render("ordinal", [1, 2, 3, 11, 22]), "1st 2nd 3rd 11th 22nd");
  assert.equal(render("none", [1]), "");
  // Unknown to us: decimal keeps the marker's shape.
  assert.equal(render("hebrew1", [3]), "3");
});
