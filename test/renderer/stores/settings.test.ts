import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_KEYS, savedLocale, useSettingsStore } from '../../../src-renderer/src/stores/settings.js';

beforeEach(() => {
  localStorage.clear();
  document.documentElement.classList.remove('dark');
  setActivePinia(createPinia());
});

describe('useSettingsStore', () => {
  it('defaults to zh-CN and light', () => {
    const store = useSettingsStore();
    expect(store.locale).toBe('zh-CN');
    expect(store.theme).toBe('light');
  });

  it('persists the language and restores it', async () => {
    useSettingsStore().setLocale('en');
    await nextTick();
    expect(localStorage.getItem(STORAGE_KEYS.locale)).toBe('en');
    expect(savedLocale()).toBe('en');
    setActivePinia(createPinia());
    expect(useSettingsStore().locale).toBe('en');
  });

  it('ignores an unknown saved language', () => {
    localStorage.setItem(STORAGE_KEYS.locale, 'fr');
    expect(savedLocale()).toBe('zh-CN');
  });

  it('applies and persists the dark theme on <html>', async () => {
    const store = useSettingsStore();
    store.setTheme('dark');
    await nextTick();
    expect(document.documentElement.classList.contains('dark')).toBe(true);
    expect(localStorage.getItem(STORAGE_KEYS.theme)).toBe('dark');
    store.setTheme('light');
    await nextTick();
    expect(document.documentElement.classList.contains('dark')).toBe(false);
  });

  it('remembers the collapsed navigation', async () => {
    const store = useSettingsStore();
    store.toggleNav();
    await nextTick();
    expect(localStorage.getItem(STORAGE_KEYS.navCollapsed)).toBe('1');
  });
});
