// The progress report as a .docx draft in the house style of a government work report: 方正小标宋 title,
// 黑体 and 楷体 headings, 仿宋 body at 三号 (16 pt), numbered 一、（一）1. — so the office edits a draft
// rather than retyping a spreadsheet. Fonts are named only: Word falls back when one is missing.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { describeTarget } from "../../domain/indicators.ts";
import { STATUS_LABEL, SUMMARY_ORDER } from "../../domain/labels.ts";
import { isOffPace, PACE_BAND_LABEL, paceSentence } from "../../domain/pace-words.ts";
import { chineseOrdinal } from "../../domain/report-span.ts";
import { DEFAULT_TIME_ZONE, dayIn } from "../../domain/today.ts";
import type { IndicatorView } from "../indicators/indicators.ts";
import type { MeasureEntry, ProgressReport } from "./progress-report.ts";
import type { RegisterRow } from "./register.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The margins of GB/T 9704 (official documents) on A4, and the text width between them, in twentieths of a point.
const MARGINS = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
const TEXT_WIDTH = 11906 - MARGINS.left - MARGINS.right;
const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋_GB2312" };
const BODY_SIZE = 32; // half-points: 16 pt, 三号
const FIRST_LINE_INDENT = 640; // two characters of 16 pt, in twentieths of a point

const STYLES = {
  default: {
    document: {
      run: { font: BODY_FONT, size: BODY_SIZE },
      paragraph: { spacing: { line: 560, lineRule: "exact" as const } },
    },
    title: {
      run: { font: { ascii: "Times New Roman", eastAsia: "方正小标宋简体" }, size: 44, bold: false, color: "000000" },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240, line: 680, lineRule: "exact" as const } },
    },
    heading1: { run: { font: { eastAsia: "黑体" }, size: BODY_SIZE, bold: false, color: "000000" } },
    heading2: { run: { font: { eastAsia: "楷体_GB2312" }, size: BODY_SIZE, bold: false, color: "000000" } },
  },
};

const para = (text: string, options: { indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({
    ...(options.indent === false ? {} : { indent: { firstLine: FIRST_LINE_INDENT } }),
    children: [new TextRun({ text, bold: options.bold ?? false })],
  });
const heading = (text: string, level: (typeof HeadingLevel)["HEADING_1" | "HEADING_2"]) =>
  new Paragraph({ heading: level, indent: { firstLine: FIRST_LINE_INDENT }, children: [new TextRun(text)] });
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

export function documentTitle(report: ProgressReport): string {
  const kind = report.span.kind === "year" ? "工作总结" : "工作进展报告";
  return `${report.scopeLabel}${report.span.words}${kind}（初稿）`;
}

/** The report as a Word document; it says it was made on createdAt's day in `timeZone` (China's by default). */
export async function progressReportDocx(
  report: ProgressReport,
  createdAt: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<Buffer> {
  const doc = new Document({
    creator: "落实 Luoshi",
    title: documentTitle(report),
    description: `《${report.plan.title}》落实情况`,
    styles: STYLES,
    sections: [
      {
        properties: {
          page: { margin: MARGINS },
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.plan.title)] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: documentTitle(report), font: { eastAsia: "楷体_GB2312" } })],
          }),
          para(
            `根据《${report.plan.title}》${report.plan.docNumber ? `（${report.plan.docNumber}）` : ""}任务分工，` +
              `现将${report.scopeLabel}${report.span.words || "目前"}落实情况报告如下（统计截至${report.span.asOf}，` +
              `生成于${dayIn(timeZone, createdAt)}）。`,
          ),
          heading("一、总体情况", HeadingLevel.HEADING_1),
          para(overview(report)),
          countsTable(report),
          heading("二、主要工作进展", HeadingLevel.HEADING_1),
          ...progress(report),
          heading("三、逾期事项", HeadingLevel.HEADING_1),
          ...itemList(report.overdue, "无逾期事项。", (r) => `完成时限${r.deadlineRaw ?? r.dueOn ?? ""}，已逾期`),
          heading("四、即将到期事项", HeadingLevel.HEADING_1),
          ...itemList(report.dueSoon, "无即将到期事项。", (r) => `应于${r.dueOn ?? ""}前完成`),
          heading("五、指标完成情况", HeadingLevel.HEADING_1),
          ...indicators(report.indicators),
          heading("六、存在问题和下一步工作打算", HeadingLevel.HEADING_1),
          para("（请结合实际补充存在的问题、原因分析及下一步工作措施。）"),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function overview(report: ProgressReport): string {
  const c = report.total.counts;
  const parts = SUMMARY_ORDER.filter((s) => c[s] > 0).map((s) => `${STATUS_LABEL[s]}${c[s]}项`);
  const roles = [
    report.roles.lead ? `牵头${report.roles.lead}项` : "",
    report.roles.support ? `配合${report.roles.support}项` : "",
    report.roles.owner ? `按职责分工负责${report.roles.owner}项` : "",
  ].filter(Boolean);
  if (report.total.total === 0) return `${report.scopeLabel}在本计划中暂无承担的落实举措。`;
  return (
    `${report.scopeLabel}共承担落实举措${report.total.total}项（${roles.join("、")}）。其中${parts.join("，")}，` +
    `完成率${percent(report.total.completionRate)}。`
  );
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const borders = { top: border, bottom: border, left: border, right: border };
const cell = (text: string, bold = false) =>
  new TableCell({
    borders,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: 360, lineRule: "auto" },
        children: [new TextRun({ text, bold, size: 24 })],
      }),
    ],
  });
/** A table across the text width; `shares` sets the relative column widths (equal by default). */
const table = (header: string[], rows: string[][], shares: number[] = header.map(() => 1)) =>
  new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: shares.map((s) => Math.floor((TEXT_WIDTH * s) / shares.reduce((a, b) => a + b, 0))),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((text) => cell(text)) })),
    ],
  });

function countsTable(report: ProgressReport): Table {
  const c = report.total.counts;
  return table(
    ["总数", ...SUMMARY_ORDER.map((s) => STATUS_LABEL[s]), "完成率"],
    [[String(report.total.total), ...SUMMARY_ORDER.map((s) => String(c[s])), percent(report.total.completionRate)]],
  );
}

// Under the report's own 一、 headings the plan's sections become （一）, tasks 1. and measures （1）, as
// in a work report. A plan without heading titles numbers its tasks straight through instead, keeping
// each task's key in brackets for tracing it back.
function progress(report: ProgressReport): Paragraph[] {
  const tasks = report.sections.flatMap((s) => s.tasks);
  if (tasks.length === 0) return [para("暂无落实举措。")];
  if (report.sections.every((s) => s.title !== null))
    return report.sections.flatMap((section, n) => [
      heading(`（${chineseOrdinal(n + 1)}）${section.title}`, HeadingLevel.HEADING_2),
      ...section.tasks.flatMap((task, k) => [
        para(`${k + 1}. ${task.title}`, { bold: true }),
        ...task.measures.flatMap((m, i) => [para(`（${i + 1}）${m.text}`), ...unitLines(m)]),
      ]),
    ]);
  return tasks.flatMap((task, n) => [
    heading(
      `（${chineseOrdinal(n + 1)}）${task.title}${task.key ? `（任务${task.key}）` : ""}`,
      HeadingLevel.HEADING_2,
    ),
    ...task.measures.flatMap((m, i) => [para(`${i + 1}. ${m.text}`, { bold: true }), ...unitLines(m)]),
  ]);
}

function unitLines(measure: MeasureEntry): Paragraph[] {
  return measure.units.flatMap((u) => [unitLine(u), ...implementationLines(u)]);
}

/** A handed-down measure: what the unit's own plan did for it, quoted from that plan's reports. */
function implementationLines(u: MeasureEntry["units"][number]): Paragraph[] {
  return u.implementedBy.flatMap((t) => [
    para(`${u.orgName}通过《${t.planTitle}》任务${t.taskKey}“${t.taskTitle}”落实：`),
    ...t.reports
      .filter((r) => r.narrative !== null)
      .map((r) => {
        const n = r.narrative as NonNullable<typeof r.narrative>;
        return para(
          `${r.orgName}：${n.narrative || "（未填写进展说明）"}（${n.period}报送${n.percent === null ? "" : `，完成进度${n.percent}%`}）`,
        );
      }),
    ...(t.reports.every((r) => r.narrative === null) ? [para("该任务本期暂无进展报送。")] : []),
  ]);
}

function unitLine(u: MeasureEntry["units"][number]): Paragraph {
  const n = u.narrative;
  const details = n
    ? `${n.narrative || "（未填写进展说明）"}（${n.period}报送${n.percent === null ? "" : `，完成进度${n.percent}%`}）`
    : "本期暂无进展报送。";
  return new Paragraph({
    indent: { firstLine: FIRST_LINE_INDENT },
    children: [
      new TextRun({ text: `${u.orgName}（${u.roleLabel}，${u.statusLabel}）：`, font: { eastAsia: "楷体_GB2312" } }),
      new TextRun(details),
    ],
  });
}

function itemList(rows: RegisterRow[], none: string, when: (r: RegisterRow) => string): Paragraph[] {
  if (rows.length === 0) return [para(none)];
  return rows.map((r, i) => para(`${i + 1}. ${r.measureText}（${r.orgName}${r.roleLabel}，${when(r)}）`));
}

function indicators(items: IndicatorView[]): (Paragraph | Table)[] {
  if (items.length === 0) return [para("本计划未设定量化指标。")];
  const rows = items.map((i) => {
    const latest = i.latest;
    const target = describeTarget(i.op, i.target, i.targetHigh, i.unit);
    return [
      i.name,
      i.dueBy ? `${target}（${i.dueBy}年）` : target,
      latest ? `${latest.value}${i.unit}` : "未报送",
      latest ? latest.asOf : "—",
      latest?.attainment ? percent(latest.attainment.ratio) : "—",
      latest?.attainment ? (latest.attainment.met ? "已达标" : "未达标") : "—",
      PACE_BAND_LABEL[i.pace.headline.pace.band],
    ];
  });
  const missing = items.filter((i) => i.latest === null).length;
  // Pace, as a statistics office words it: each indicator off pace gets its sentence.
  const offPace = items
    .filter((i) => isOffPace(i.pace.headline.pace))
    .map((i) => paceSentence(i.name, i.unit, i.pace.headline.pace))
    .filter((s): s is string => s !== null);
  return [
    table(
      ["指标", "目标", "最新值", "数据日期", "完成度", "是否达标", "进度研判"],
      rows,
      [2.6, 1.8, 1.4, 1.5, 1.1, 1.1, 1.4],
    ),
    para(
      `共${items.length}项指标，已达标${items.filter((i) => i.latest?.attainment?.met).length}项` +
        (missing > 0 ? `，${missing}项尚未报送数值。` : "。") +
        (offPace.length > 0 ? `按现有进度研判，${offPace.length}项需加快推进：` : ""),
    ),
    ...offPace.map((s, n) => para(`${n + 1}. ${s}`)),
  ];
}
