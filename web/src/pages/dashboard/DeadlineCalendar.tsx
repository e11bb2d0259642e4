// 到期日历: six months of deadlines, each day coloured by the worst status of what falls due on it and
// labelled with how many; a click on a day lists them. Earlier / later months page through time.
import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Button, Space, Typography } from "antd";
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { type AssignmentStatus, STATUS_LABEL, STATUS_ORDER } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { ChartCard } from "./ChartCard.tsx";
import { useCalendar, useNearestDue } from "./data.ts";
import { addDays, addMonths, firstDayOf, lastDayOf, monthOf } from "./dates.ts";
import { type ChartClick, type ChartOption, EChart } from "./EChart.tsx";
import { drillHref, type Scope, scopeQuery } from "./links.ts";
import { AXIS_TEXT, STATUS_FILL } from "./palette.ts";

const MONTHS = 6;

const text = {
  zh: {
    title: "到期日历",
    hint: "每天的颜色是当天到期任务中最差的状态，数字是到期任务数。点击某天查看当天到期的任务。",
    earlier: "往前 6 个月",
    later: "往后 6 个月",
    current: "回到本月",
    window: "{from} 至 {to}",
    none: "这段时间没有到期的任务。",
    next: "下一个到期日：{date}",
    previous: "上一个到期日：{date}",
    label: "到期日历 {from} 至 {to}：{n} 天有任务到期，共 {count} 项",
    more: "……另有 {n} 项",
    days: "日,一,二,三,四,五,六",
    months: "1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月",
  },
  en: {
    title: "Deadline calendar",
    hint: "Each day takes the worst status of what falls due on it; the number is how many. Click a day to list them.",
    earlier: "6 months earlier",
    later: "6 months later",
    current: "Back to this month",
    window: "{from} to {to}",
    none: "Nothing falls due in these months.",
    next: "Next deadline: {date}",
    previous: "Previous deadline: {date}",
    label: "Deadline calendar {from} to {to}: deadlines on {n} days, {count} assignments",
    more: "…and {n} more",
    days: "Sun,Mon,Tue,Wed,Thu,Fri,Sat",
    months: "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const short = (s: string) => (s.length > 28 ? `${s.slice(0, 28)}…` : s);

type Props = {
  scope: Scope;
  month: string | undefined;
  onMonth(month: string | undefined): void;
  today: string | undefined;
};

export function DeadlineCalendar({ scope, month, onMonth, today }: Props) {
  const t = useText(text);
  const { lang } = useLang();
  const navigate = useNavigate();
  const current = today ? monthOf(today) : undefined;
  const start = month ?? current;
  const window = useMemo(
    () => (start ? { from: firstDayOf(start), to: lastDayOf(addMonths(start, MONTHS - 1)) } : undefined),
    [start],
  );
  const calendar = useCalendar(scope, window);
  const days = calendar.data?.days ?? [];
  const empty = calendar.data !== undefined && days.length === 0;
  const base = scopeQuery(scope);
  const next = useNearestDue({ ...base, dueFrom: window ? addDays(window.to, 1) : "" }, "due", empty && !!window);
  const previous = useNearestDue({ ...base, dueTo: window ? addDays(window.from, -1) : "" }, "-due", empty && !!window);

  const option = useMemo<ChartOption>(() => {
    const byDate = new Map(days.map((d) => [d.date, d]));
    return {
      animation: false,
      tooltip: {
        formatter: (item: { value: [string, number, number] }) => {
          const day = byDate.get(item.value[0]);
          if (!day) return "";
          const counts = STATUS_ORDER.filter((s) => (day.counts[s] ?? 0) > 0).map(
            (s) => `${STATUS_LABEL[lang][s]} ${day.counts[s]}`,
          );
          const items = day.items
            .slice(0, 5)
            .map((i) => `· ${escapeHtml(short(i.measureText))}（${escapeHtml(i.orgName)}）`);
          if (day.count > 5) items.push(fill(t.more, { n: day.count - 5 }));
          return [`<b>${day.date}</b>　${counts.join("　")}`, ...items].join("<br/>");
        },
      },
      visualMap: {
        type: "piecewise",
        show: false,
        dimension: 1,
        pieces: STATUS_ORDER.map((status, rank) => ({ value: rank, color: STATUS_FILL[status] })),
      },
      calendar: {
        range: window ? [window.from, window.to] : undefined,
        top: 30,
        left: 44,
        right: 16,
        bottom: 8,
        cellSize: ["auto", 26],
        yearLabel: { show: false },
        dayLabel: { firstDay: 1, nameMap: t.days.split(","), color: AXIS_TEXT },
        monthLabel: { nameMap: t.months.split(","), color: AXIS_TEXT },
        itemStyle: { borderColor: "#f0f0f0" },
        splitLine: { lineStyle: { color: "#bfbfbf" } },
      },
      series: [
        {
          type: "heatmap",
          coordinateSystem: "calendar",
          label: {
            show: true,
            formatter: (p: { value: unknown[] }) => String(p.value[2]),
            color: "#fff",
            fontSize: 11,
          },
          data: days.map((d) => [d.date, STATUS_ORDER.indexOf(d.worst as AssignmentStatus), d.count]),
        },
      ],
    };
  }, [days, window, lang, t]);

  const onClick = (event: ChartClick) => {
    const day = days[event.dataIndex];
    if (day) navigate(drillHref(day.query));
  };
  const label = window
    ? fill(t.label, {
        from: window.from,
        to: window.to,
        n: days.length,
        count: days.reduce((sum, d) => sum + d.count, 0),
      })
    : t.title;
  const extra = start && (
    <Space size="small">
      <Button
        size="small"
        icon={<LeftOutlined />}
        aria-label={t.earlier}
        onClick={() => onMonth(addMonths(start, -MONTHS))}
      />
      <Typography.Text>{window && fill(t.window, { from: window.from, to: window.to })}</Typography.Text>
      <Button
        size="small"
        icon={<RightOutlined />}
        aria-label={t.later}
        onClick={() => onMonth(addMonths(start, MONTHS))}
      />
      {start !== current && (
        <Button size="small" type="link" onClick={() => onMonth(undefined)}>
          {t.current}
        </Button>
      )}
    </Space>
  );
  return (
    <ChartCard
      title={t.title}
      hint={t.hint}
      extra={extra}
      // No window before the server's today is known: ECharts cannot draw a calendar without its range.
      loading={(!calendar.data || !window) && !calendar.error}
      error={calendar.error}
      testId="chart-calendar"
    >
      <EChart option={option} height={230} label={label} onClick={onClick} testId="calendar-chart" />
      {empty && (
        <Space wrap data-testid="calendar-empty">
          <Typography.Text type="secondary">{t.none}</Typography.Text>
          {previous.data && (
            <Button size="small" onClick={() => onMonth(addMonths(monthOf(previous.data as string), 1 - MONTHS))}>
              {fill(t.previous, { date: previous.data })}
            </Button>
          )}
          {next.data && (
            <Button size="small" onClick={() => onMonth(monthOf(next.data as string))}>
              {fill(t.next, { date: next.data })}
            </Button>
          )}
        </Space>
      )}
    </ChartCard>
  );
}
