// Completion by part of the plan when one plan is chosen; otherwise by plan (the parts of several plans would
// only be "一、二、三" over and over).
import { useMemo } from "react";
import { headingText } from "../../components/sectionLabel.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import { CompletionBars, type CompletionRow } from "./CompletionBars.tsx";
import type { Summary } from "./data.ts";
import { type Scope, scopeQuery } from "./links.ts";

const text = {
  zh: {
    bySection: "各部分完成情况",
    byPlan: "各计划完成情况",
    hint: "点击色块查看相应任务，点击名称查看全部任务。",
    section: "第{s}部分",
    noSection: "未分部分",
    empty: "所选范围内没有任务。",
  },
  en: {
    bySection: "Completion by part of the plan",
    byPlan: "Completion by plan",
    hint: "Click a colour to list those assignments, a name for all of them.",
    section: "Part {s}",
    noSection: "Outside any part",
    empty: "Nothing to show for this selection.",
  },
};

type Props = { summary: Summary | undefined; scope: Scope; loading: boolean; error: unknown };

export function SectionCompletion({ summary, scope, loading, error }: Props) {
  const t = useText(text);
  const byPlan = scope.planId === undefined;
  const rows = useMemo<CompletionRow[]>(() => {
    const sections = summary?.bySection ?? [];
    if (!byPlan)
      return sections.map((s) => ({
        key: s.section,
        // The printed heading where the plan has one ("（一）完善知识产权制度体系"), else the marker path.
        label: s.sectionTitle
          ? headingText(s.section.split("/").at(-1) as string, s.sectionTitle)
          : s.section
            ? fill(t.section, { s: s.section })
            : t.noSection,
        total: s.total,
        done: s.done,
        overdue: s.overdue,
        query: s.query,
      }));
    const plans = new Map<number, CompletionRow>();
    for (const s of sections) {
      const row = plans.get(s.planId) ?? {
        key: String(s.planId),
        label: s.planTitle,
        total: 0,
        done: 0,
        overdue: 0,
        query: { ...scopeQuery(scope), plan: s.planId },
      };
      row.total += s.total;
      row.done += s.done;
      row.overdue += s.overdue;
      plans.set(s.planId, row);
    }
    return [...plans.values()];
  }, [summary, byPlan, scope, t]);
  const title = byPlan ? t.byPlan : t.bySection;
  return (
    <ChartCard
      title={title}
      hint={t.hint}
      loading={loading}
      error={error}
      empty={rows.length === 0 ? t.empty : null}
      testId="chart-sections"
    >
      <CompletionBars rows={rows} label={title} testId="sections-chart" labelWidth={byPlan ? 220 : 200} />
    </ChartCard>
  );
}
