// The original document around the measure: its own line highlighted (and the measure's words marked in
// it), the task's heading line in bold, table cells kept apart as they were printed.
import { Card, Empty, Typography } from "antd";
import type { Lang } from "../../i18n/lang.tsx";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

type Loc = Record<string, string | number>;

const text = {
  zh: {
    title: "原文",
    from: "摘自 {file}",
    missing: "这份计划没有保存原文，或举措的位置不在原文中。",
  },
  en: {
    title: "Original text",
    from: "From {file}",
    missing: "The plan's original text is not stored, or the measure's location is not in it.",
  },
};

/** "第 9 行", "第 3 页 · 表 1 第 4 行", "Sheet 任务 row 5"… */
export function locLabel(loc: Loc, lang: Lang): string {
  const zh = lang === "zh";
  const parts: string[] = [];
  if (loc.sheet !== undefined) parts.push(zh ? `工作表 ${loc.sheet}` : `sheet ${loc.sheet}`);
  if (loc.page !== undefined) parts.push(zh ? `第 ${loc.page} 页` : `page ${loc.page}`);
  if (loc.table !== undefined) parts.push(zh ? `表 ${loc.table}` : `table ${loc.table}`);
  if (loc.row !== undefined) parts.push(zh ? `第 ${loc.row} 行` : `row ${loc.row}`);
  if (loc.paragraph !== undefined) parts.push(zh ? `第 ${loc.paragraph} 段` : `paragraph ${loc.paragraph}`);
  if (loc.line !== undefined) parts.push(zh ? `第 ${loc.line} 行` : `line ${loc.line}`);
  return parts.join(" · ");
}

const SEPARATED = { borderInlineStart: "1px solid #d9d9d9", paddingInlineStart: 8, marginInlineStart: 8 };

/** A table row's cells as printed (tab-separated), without the empty ones merged cells leave. */
const cells = (line: string) => line.split("\t").filter((cell) => cell.trim() !== "");

function Marked({ line, words }: { line: string; words: string | null }) {
  const at = words ? line.indexOf(words) : -1;
  if (!words || at < 0) return <>{line}</>;
  return (
    <>
      {line.slice(0, at)}
      <mark style={{ background: "#ffe58f", color: "inherit", padding: 0 }}>{words}</mark>
      {line.slice(at + words.length)}
    </>
  );
}

export function OriginalText({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const { lang } = useLang();
  const original = measure.original;
  return (
    <Card
      size="small"
      title={t.title}
      extra={
        original && <Typography.Text type="secondary">{fill(t.from, { file: original.fileName })}</Typography.Text>
      }
      style={{ height: "100%" }}
    >
      {!original ? (
        <Empty description={t.missing} />
      ) : (
        <ol style={{ listStyle: "none", margin: 0, padding: 0 }} data-testid="original-text">
          {original.lines.map((line) => (
            <li
              key={JSON.stringify(line.loc)}
              data-own={line.own || undefined}
              aria-current={line.own ? "location" : undefined}
              style={{
                display: "flex",
                gap: 12,
                padding: "4px 8px",
                borderInlineStart: `3px solid ${line.own ? "#d48806" : "transparent"}`,
                background: line.own ? "#fffbe6" : undefined,
                fontWeight: line.task ? 600 : undefined,
              }}
            >
              <Typography.Text type="secondary" style={{ flex: "0 0 auto", minWidth: 64, fontSize: 12 }}>
                {locLabel(line.loc, lang)}
              </Typography.Text>
              <span style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                {cells(line.text).map((cell, i) => (
                  <span
                    // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a printed row have no other identity
                    key={i}
                    style={i > 0 ? SEPARATED : undefined}
                  >
                    <Marked line={cell} words={line.own ? measure.text : null} />
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
