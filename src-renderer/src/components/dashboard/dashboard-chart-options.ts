/**
 * echarts options of the dashboard: daily revenue (line) and refunds (bars) over the last 30 days, and
 * commissions by level (owed and paid, stacked). Heights are display numbers (`toChartNumber`); every
 * tooltip shows the exact amounts as the core sent them. Backgrounds stay transparent so the light and
 * dark themes both sit on the page's own colours.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { DashboardDailySeries, DashboardLevelFigures, MoneyView } from '../../../../src-main/api/contract.js';
import { toChartNumber } from '../../composables/decimal.js';

export type DashboardChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartText {
  /** Exact money for tooltips ("¥1,234.50"). */
  money(value: MoneyView): string;
  /** Compact axis labels (display only). */
  axis(value: number): string;
}

export interface DailyChartText extends ChartText {
  readonly revenue: string;
  readonly refunds: string;
  orders(n: number): string;
}

export interface LevelChartText extends ChartText {
  readonly owed: string;
  readonly paid: string;
  level(level: number): string;
  count(n: number): string;
}

const REVENUE = '#409eff';
const REFUNDS = '#f56c6c';
const OWED = '#e6a23c';
const PAID = '#67c23a';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function indexOf(params: unknown): number | undefined {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
  return first?.dataIndex;
}

function base(legend: readonly string[], text: ChartText) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, data: [...legend] },
    yAxis: { type: 'value' as const, axisLabel: { formatter: (value: number) => text.axis(value) } },
  };
}

export function dailyChartOption(series: DashboardDailySeries, text: DailyChartText): DashboardChartOption {
  const points = series.points;
  return {
    ...base([text.revenue, text.refunds], text),
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = indexOf(params);
        const p = i === undefined ? undefined : points[i];
        if (!p) return '';
        return [
          `<strong>${escapeHtml(p.day)}</strong>`,
          `${escapeHtml(text.revenue)}: ${escapeHtml(text.money(p.revenue))}`,
          `${escapeHtml(text.refunds)}: ${escapeHtml(text.money(p.refunds))}`,
          escapeHtml(text.orders(p.orders)),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.day.slice(5)), axisTick: { alignWithLabel: true } },
    series: [
      { name: text.refunds, type: 'bar', data: points.map((p) => toChartNumber(p.refunds.amount)), itemStyle: { color: REFUNDS }, barMaxWidth: 14 },
      { name: text.revenue, type: 'line', data: points.map((p) => toChartNumber(p.revenue.amount)), itemStyle: { color: REVENUE }, smooth: false, symbolSize: 5 },
    ],
  };
}

/** `levels` are one currency's, in level order. */
export function levelChartOption(levels: readonly DashboardLevelFigures[], text: LevelChartText): DashboardChartOption {
  return {
    ...base([text.owed, text.paid], text),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = indexOf(params);
        const l = i === undefined ? undefined : levels[i];
        if (!l) return '';
        return [
          `<strong>${escapeHtml(text.level(l.level))}</strong>`,
          `${escapeHtml(text.owed)}: ${escapeHtml(text.money(l.owed))}`,
          `${escapeHtml(text.paid)}: ${escapeHtml(text.money(l.paid))}`,
          escapeHtml(text.count(l.count)),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: levels.map((l) => text.level(l.level)) },
    series: [
      { name: text.owed, type: 'bar', stack: 'commission', data: levels.map((l) => toChartNumber(l.owed.amount)), itemStyle: { color: OWED }, barMaxWidth: 48 },
      { name: text.paid, type: 'bar', stack: 'commission', data: levels.map((l) => toChartNumber(l.paid.amount)), itemStyle: { color: PAID }, barMaxWidth: 48 },
    ],
  };
}
