/**
 * The echarts option of the balance-movement chart: net per period as bars (green up, red down) and
 * the running total as a line. Bar heights are display numbers; the tooltip shows the exact amounts.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { signOf, toChartNumber } from '../../composables/decimal.js';
import type { MovementPoint } from '../../stores/flows.js';

export type MovementChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface MovementChartText {
  readonly net: string;
  readonly cumulative: string;
  /** Exact money text for the tooltip. */
  money(point: MovementPoint, which: 'net' | 'cumulative'): string;
  /** Axis labels (compact, display only). */
  axis(value: number): string;
  count(n: number): string;
}

const UP = '#67c23a';
const DOWN = '#f56c6c';
const LINE = '#409eff';
/** The legend's colour of the bars (each bar is green or red by its sign). */
const BAR = '#909399';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function tooltipHtml(point: MovementPoint, text: MovementChartText): string {
  const rows = [
    `<strong>${escapeHtml(point.period)}</strong>`,
    `${escapeHtml(text.net)}: ${escapeHtml(text.money(point, 'net'))}`,
    `${escapeHtml(text.cumulative)}: ${escapeHtml(text.money(point, 'cumulative'))}`,
    escapeHtml(text.count(point.flows)),
  ];
  return rows.join('<br/>');
}

export function movementChartOption(points: readonly MovementPoint[], text: MovementChartText): MovementChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
    legend: { top: 0, left: 'center', data: [text.net, text.cumulative] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const point = first?.dataIndex === undefined ? undefined : points[first.dataIndex];
        return point ? tooltipHtml(point, text) : '';
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.period), axisTick: { alignWithLabel: true } },
    // The running total soon dwarfs one day's net: each gets its own scale (bars left, line right).
    yAxis: [
      { type: 'value', name: text.net, axisLabel: { formatter: (value: number) => text.axis(value) } },
      { type: 'value', name: text.cumulative, splitLine: { show: false }, axisLabel: { formatter: (value: number) => text.axis(value) } },
    ],
    series: [
      {
        name: text.net,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: BAR },
        data: points.map((p) => ({ value: toChartNumber(p.net.amount), itemStyle: { color: signOf(p.net.amount) < 0 ? DOWN : UP } })),
      },
      {
        name: text.cumulative,
        type: 'line',
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 4,
        lineStyle: { width: 2, color: LINE },
        itemStyle: { color: LINE },
        data: points.map((p) => toChartNumber(p.cumulative.amount)),
      },
    ],
  };
}
