import { describe, expect, it } from 'vitest';
import { movementChartOption, type MovementChartText } from '../../../../src-renderer/src/components/flows/movement-chart-option.js';
import type { MovementPoint } from '../../../../src-renderer/src/stores/flows.js';

const points: MovementPoint[] = [
  { period: '2024-06-01', net: { amount: '-100.1234', currency: 'CNY' }, cumulative: { amount: '-100.1234', currency: 'CNY' }, flows: 3 },
  { period: '2024-06-02', net: { amount: '0.1234', currency: 'CNY' }, cumulative: { amount: '-100.0000', currency: 'CNY' }, flows: 1 },
];
const text: MovementChartText = {
  net: 'Net',
  cumulative: 'Cumulative',
  money: (p, which) => `<${p[which].amount}>`,
  axis: (v) => String(v),
  count: (n) => `${n} records`,
};

describe('movementChartOption', () => {
  it('draws the net as bars coloured by sign and the running total as a line on its own axis', () => {
    const option = movementChartOption(points, text);
    const [bars, line] = option.series as [{ type: string; data: { value: number; itemStyle: { color: string } }[] }, { type: string; yAxisIndex: number; data: number[] }];
    expect(bars.type).toBe('bar');
    expect(bars.data.map((d) => d.value)).toEqual([-100.1234, 0.1234]);
    expect(bars.data[0]!.itemStyle.color).not.toBe(bars.data[1]!.itemStyle.color);
    expect(line).toMatchObject({ type: 'line', yAxisIndex: 1, data: [-100.1234, -100] });
    expect((option.xAxis as { data: string[] }).data).toEqual(['2024-06-01', '2024-06-02']);
  });

  it('puts the exact amounts, escaped, in the tooltip', () => {
    const option = movementChartOption(points, text);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 0 }]);
    expect(html).toContain('2024-06-01');
    expect(html).toContain('Net: &#60;-100.1234&#62;');
    expect(html).toContain('Cumulative: &#60;-100.1234&#62;');
    expect(html).toContain('3 records');
    expect(formatter([])).toBe('');
  });
});
