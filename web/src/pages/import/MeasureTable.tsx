// Every parsed measure beside the original line or table row it was read from, with its units (unmatched
// names highlighted), deadline and anything the parser was unsure of; filter to what needs checking.
import { WarningOutlined } from "@ant-design/icons";
import { Input, Segmented, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { UNIT_ROLE_LABEL } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import type { Issue, MeasureRow } from "./measures.ts";
import { describeLoc } from "./transfer.ts";

const text = {
  zh: {
    task: "任务",
    measure: "落实举措及责任单位",
    due: "完成时限",
    source: "原文",
    all: "全部 {n} 项",
    attention: "需核对 {n} 项",
    search: "搜索举措、单位或原文",
    ongoing: "长期",
    none: "未写明",
    noSource: "（未找到原文位置）",
    fanout: "分解到 {n} 个单位",
    unresolved: "未匹配",
    noUnits: "无责任单位",
    noDeadline: "无完成时限",
    warning: "解析提示",
    total: "共 {n} 项",
  },
  en: {
    task: "Task",
    measure: "Measure and responsible units",
    due: "Due",
    source: "Original text",
    all: "All {n}",
    attention: "To check {n}",
    search: "Search measures, units or original text",
    ongoing: "ongoing",
    none: "not stated",
    noSource: "(source location not found)",
    fanout: "fans out to {n} units",
    unresolved: "unmatched",
    noUnits: "no responsible unit",
    noDeadline: "no deadline",
    warning: "parser note",
    total: "{n} in all",
  },
};

// Dark text on light tints: WCAG AA contrast (antd's preset orange/gold tags fail it).
const WARN = { color: "#873800", background: "#fff7e6", borderColor: "#ffd591" };
const ISSUE_STYLE = { color: "#a8071a", background: "#fff1f0", borderColor: "#ffa39e" };

export function MeasureTable({ rows }: { rows: MeasureRow[] }) {
  const t = useText(text);
  const { lang } = useLang();
  const [onlyIssues, setOnlyIssues] = useState(false);
  const [query, setQuery] = useState("");
  const flagged = rows.filter((r) => r.issues.length > 0).length;
  const shown = useMemo(() => {
    const q = query.trim();
    return rows.filter(
      (r) =>
        (!onlyIssues || r.issues.length > 0) &&
        (!q ||
          r.text.includes(q) ||
          r.taskTitle.includes(q) ||
          (r.sourceText ?? "").includes(q) ||
          r.units.some((u) => u.name.includes(q))),
    );
  }, [rows, onlyIssues, query]);
  const tasks = [...new Map(rows.map((r) => [r.taskKey, r.taskTitle])).entries()];
  const issueLabel: Record<Issue, string> = {
    unresolved: t.unresolved,
    noUnits: t.noUnits,
    noDeadline: t.noDeadline,
    warning: t.warning,
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={onlyIssues ? "issues" : "all"}
          onChange={(v) => setOnlyIssues(v === "issues")}
          options={[
            { value: "all", label: fill(t.all, { n: rows.length }) },
            { value: "issues", label: fill(t.attention, { n: flagged }) },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          onSearch={setQuery}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 300 }}
        />
      </Space>
      <Table<MeasureRow>
        rowKey="key"
        size="small"
        dataSource={shown}
        data-testid="preview-measures"
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => fill(t.total, { n }) }}
        onRow={(r) => (r.issues.length > 0 ? { style: { background: "#fffbe6" }, "data-flagged": true } : {})}
        columns={[
          {
            title: t.task,
            key: "task",
            width: 200,
            filters: tasks.map(([key, title]) => ({ value: key, text: `${key} ${title}` })),
            filterSearch: true,
            onFilter: (value, r) => r.taskKey === value,
            render: (_: unknown, r) => (
              <Typography.Text type="secondary">
                {r.taskKey} {r.taskTitle}
              </Typography.Text>
            ),
          },
          {
            title: t.measure,
            key: "measure",
            render: (_: unknown, r) => (
              <>
                <div>{r.text}</div>
                <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                  {r.units.map((u) => {
                    const open = r.unresolved.includes(u.name);
                    const reached = r.assignments.filter((a) => a.via === u.name);
                    const tag = (
                      <Tag
                        key={`${u.name}-${u.role}`}
                        style={open ? WARN : undefined}
                        data-unresolved={open || undefined}
                      >
                        {open && <WarningOutlined aria-hidden />} {u.name}（{UNIT_ROLE_LABEL[lang][u.role]}）
                        {reached.length > 0 && ` → ${reached.length}`}
                      </Tag>
                    );
                    return reached.length > 0 ? (
                      <Tooltip
                        key={`${u.name}-${u.role}`}
                        title={`${fill(t.fanout, { n: reached.length })}：${reached.map((a) => a.orgName).join("、")}`}
                      >
                        {tag}
                      </Tooltip>
                    ) : (
                      tag
                    );
                  })}
                  {r.unresolved
                    .filter((name) => !r.units.some((u) => u.name === name))
                    .map((name) => (
                      <Tag key={name} style={WARN} data-unresolved>
                        <WarningOutlined aria-hidden /> {name}
                      </Tag>
                    ))}
                  {r.issues
                    .filter((i) => i !== "unresolved")
                    .map((i) => (
                      <Tag key={i} style={ISSUE_STYLE}>
                        {issueLabel[i]}
                      </Tag>
                    ))}
                </Space>
              </>
            ),
          },
          {
            title: t.due,
            key: "due",
            width: 130,
            sorter: (a, b) => (a.deadline?.due ?? "9999").localeCompare(b.deadline?.due ?? "9999"),
            render: (_: unknown, r) =>
              r.deadline ? (
                <span title={r.deadline.raw}>
                  {r.deadline.due ?? r.deadline.raw}
                  {r.deadline.ongoing && <Typography.Text type="secondary">（{t.ongoing}）</Typography.Text>}
                </span>
              ) : (
                <Typography.Text type="secondary">{t.none}</Typography.Text>
              ),
          },
          {
            title: t.source,
            key: "source",
            width: "36%",
            render: (_: unknown, r) => <SourceText loc={describeLoc(r.source, lang)} text={r.sourceText} />,
          },
        ]}
      />
    </>
  );
}

export function SourceText({ loc, text: original }: { loc: string; text: string | null }) {
  const t = useText(text);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {loc}
        </Typography.Text>
      </figcaption>
      <blockquote
        style={{
          margin: "2px 0 0",
          padding: "4px 8px",
          background: "#fafafa",
          borderLeft: "3px solid #d9d9d9",
          whiteSpace: "pre-wrap",
          fontSize: 13,
        }}
      >
        {original === null
          ? t.noSource
          : original
              .split("\t")
              .filter((cell) => cell.trim() !== "")
              .join(" ｜ ")}
      </blockquote>
    </figure>
  );
}
