import { describe, expect, it } from 'vitest';
import type { FindingView } from '../../../../src-main/api/contract.js';
import { bpsToPercentText, explainFinding, findingSeverity } from '../../../../src-renderer/src/components/reconcile/finding-text.js';
import { createAppI18n } from '../../../../src-renderer/src/i18n/index.js';
import { findingView } from '../../support/insight-fixtures.js';

function explain(f: FindingView, locale: 'zh-CN' | 'en' = 'zh-CN', cap: string | null = '30'): string[] {
  const { global } = createAppI18n(locale);
  return explainFinding(f, (k, v) => global.t(k, v ?? {}), (k) => global.te(k), locale, cap);
}

describe('finding text', () => {
  it('rates money that went missing high, things to check with the provider medium', () => {
    expect(findingSeverity({ reasons: ['debit_mismatch'] })).toBe('high');
    expect(findingSeverity({ reasons: ['trade_amount_missing', 'refund_exceeds_payment'] })).toBe('high');
    expect(findingSeverity({ reasons: ['refund_amount_zero'] })).toBe('medium');
    expect(findingSeverity({ reasons: ['trade_amount_missing'] })).toBe('low');
    expect(findingSeverity({ reasons: ['something_new'] })).toBe('medium');
  });

  it('explains a Kuaimai mismatch in plain zh-CN with exact amounts', () => {
    expect(explain(findingView())).toEqual(['快麦实际扣款 ¥604.01，比订单应付的 ¥606.84 少了 ¥2.83。']);
    expect(explain(findingView(), 'en')).toEqual(['Kuaimai debited ¥604.01, ¥2.83 less than the ¥606.84 the order asked for.']);
    const over = findingView({ actual: { amount: '610.0000', currency: 'CNY' }, difference: { amount: '3.1600', currency: 'CNY' } });
    expect(explain(over)).toEqual(['快麦实际扣款 ¥610.00，比订单应付的 ¥606.84 多了 ¥3.16。']);
    expect(explain(findingView({ difference: null }))).toEqual(['快麦实际扣款 ¥604.01，订单应付 ¥606.84，相差 —。']);
  });

  it('explains every known reason and falls back to the core message for unknown ones', () => {
    const both = findingView({ reasons: ['debit_mismatch', 'refund_exceeds_payment'] });
    expect(explain(both)).toHaveLength(2);
    expect(explain(findingView({ reasons: ['brand_new_reason'], message: '核心消息 core message' }))).toEqual(['核心消息 core message']);
  });

  it('fills the upline cap percent', () => {
    const upline = findingView({
      check: 'commission_upline_excess',
      reasons: ['upline_exceeds_cap'],
      expected: { amount: '30.0000', currency: 'CNY' },
      actual: { amount: '45.5000', currency: 'CNY' },
      difference: { amount: '15.5000', currency: 'CNY' },
    });
    expect(explain(upline, 'zh-CN', '30')[0]).toBe('上级佣金合计 ¥45.50，超过上限 ¥30.00（订单金额的 30%），多出 ¥15.50。');
  });

  it('writes basis points as a percent without float noise', () => {
    expect(bpsToPercentText(3000)).toBe('30');
    expect(bpsToPercentText(2550)).toBe('25.5');
    expect(bpsToPercentText(1)).toBe('0.01');
    expect(bpsToPercentText(10_000)).toBe('100');
    expect(bpsToPercentText(0)).toBe('0');
  });
});
