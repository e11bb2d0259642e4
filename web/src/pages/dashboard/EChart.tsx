// One ECharts canvas: created on mount, resized with its box, disposed on unmount. Only the charts and
// components the dashboard draws are registered, and only this chunk imports ECharts (the first load stays small).
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import {
  CalendarComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  CalendarComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
/** What a click on a chart element tells: which series and data item, and the item's own value. */
export type ChartClick = {
  componentType: string;
  seriesIndex?: number;
  dataIndex: number;
  value?: unknown;
};

type Props = {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  onClick?: (event: ChartClick) => void;
  testId?: string;
};

export function EChart({ option, height, label, onClick, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (event) => clicked.current?.(event as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(option, { notMerge: true });
    instance.resize();
    box.current?.querySelector("canvas")?.setAttribute("aria-label", label);
  }, [option, label]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height }} />;
}
