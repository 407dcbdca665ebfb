import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PeriodPicker from '../../../../src-renderer/src/components/ledger/PeriodPicker.vue';
import { customPeriod, type Period } from '../../../../src-renderer/src/composables/ledger-period.js';
import { appPlugins } from '../../support/mount.js';

describe('PeriodPicker', () => {
  it('emits a preset period and a custom range', async () => {
    const wrapper = mount(PeriodPicker, { props: { modelValue: customPeriod('2024-06-01', '2024-06-30') }, global: { plugins: appPlugins().plugins } });
    const vm = wrapper.vm as unknown as { preset: string; range: [string, string] | null };
    vm.preset = 'last7';
    vm.range = ['2024-07-09', '2024-07-01'];
    vm.range = ['2024-13-01', '2024-07-01'];
    const emitted = wrapper.emitted('update:modelValue') as [Period][];
    expect(emitted).toHaveLength(2);
    expect(emitted[0]![0].preset).toBe('last7');
    expect(emitted[1]![0]).toEqual({ preset: 'custom', from: '2024-07-01', to: '2024-07-09' });
  });
});
