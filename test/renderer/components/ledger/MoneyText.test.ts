import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MoneyText from '../../../../src-renderer/src/components/ledger/MoneyText.vue';
import { appPlugins } from '../../support/mount.js';

describe('MoneyText', () => {
  it('shows the exact amount with its currency and colours a signed one', () => {
    const plugins = appPlugins().plugins;
    const up = mount(MoneyText, { props: { money: { amount: '1234567.8900', currency: 'CNY' }, signed: true }, global: { plugins } });
    expect(up.text()).toBe('+¥1,234,567.89');
    expect(up.classes()).toContain('is-positive');
    const down = mount(MoneyText, { props: { money: { amount: '-0.1234', currency: 'USD' }, signed: true }, global: { plugins } });
    expect(down.text()).toBe('-US$0.1234');
    expect(down.attributes('data-amount')).toBe('-0.1234');
    expect(mount(MoneyText, { props: { money: null }, global: { plugins } }).text()).toBe('—');
  });
});
