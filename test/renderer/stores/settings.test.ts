import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEYS, savedLocale, useSettingsStore } from '../../../src-renderer/src/stores/settings.js';
import { setWindowWidth } from '../support/window-size.js';

beforeEach(() => {
  localStorage.clear();
  setWindowWidth(1600);
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
    expect(store.navCollapsed).toBe(false);
    store.toggleNav();
    await nextTick();
    expect(localStorage.getItem(STORAGE_KEYS.navCollapsed)).toBe('1');
    setActivePinia(createPinia());
    expect(useSettingsStore().navCollapsed).toBe(true);
  });

  it('starts with the navigation collapsed in a window narrower than 1400 px', () => {
    setWindowWidth(1366);
    expect(useSettingsStore().navCollapsed).toBe(true);
    expect(localStorage.getItem(STORAGE_KEYS.navCollapsed)).toBeNull();
  });

  it('follows the window as it is resized, until the merchant chooses', async () => {
    const store = useSettingsStore();
    setWindowWidth(1366);
    await vi.waitFor(() => expect(store.navCollapsed).toBe(true));
    setWindowWidth(1440);
    await vi.waitFor(() => expect(store.navCollapsed).toBe(false));
    setWindowWidth(1280);
    await vi.waitFor(() => expect(store.navCollapsed).toBe(true));

    store.toggleNav();
    await nextTick();
    expect(store.navCollapsed).toBe(false);
    expect(localStorage.getItem(STORAGE_KEYS.navCollapsed)).toBe('0');
    setWindowWidth(1600);
    setWindowWidth(1024);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.navCollapsed).toBe(false);
  });

  it('keeps an open navigation the merchant chose, even in a narrow window', () => {
    localStorage.setItem(STORAGE_KEYS.navCollapsed, '0');
    setWindowWidth(1366);
    expect(useSettingsStore().navCollapsed).toBe(false);
  });
});
