/** UI preferences (language, theme, navigation width), persisted in localStorage on this machine. */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { isAppLocale, type AppLocale } from '../i18n/index.js';

export type Theme = 'light' | 'dark';

export const STORAGE_KEYS = {
  locale: 'merchant-ledger.locale',
  theme: 'merchant-ledger.theme',
  navCollapsed: 'merchant-ledger.nav-collapsed',
} as const;

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage can be disabled; the preference then lasts for this session only.
  }
}

/** The saved language, or zh-CN. */
export function savedLocale(): AppLocale {
  const value = read(STORAGE_KEYS.locale);
  return isAppLocale(value) ? value : 'zh-CN';
}

export function savedTheme(): Theme {
  return read(STORAGE_KEYS.theme) === 'dark' ? 'dark' : 'light';
}

/** Puts the theme on <html> so element-plus' dark CSS variables apply. */
export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.toggle('dark', theme === 'dark');
  document.documentElement.style.colorScheme = theme;
}

export const useSettingsStore = defineStore('settings', () => {
  const locale = ref<AppLocale>(savedLocale());
  const theme = ref<Theme>(savedTheme());
  const navCollapsed = ref(read(STORAGE_KEYS.navCollapsed) === '1');

  watch(locale, (value) => write(STORAGE_KEYS.locale, value));
  watch(theme, (value) => {
    write(STORAGE_KEYS.theme, value);
    applyTheme(value);
  });
  watch(navCollapsed, (value) => write(STORAGE_KEYS.navCollapsed, value ? '1' : '0'));

  function setLocale(value: AppLocale): void {
    locale.value = value;
  }
  function setTheme(value: Theme): void {
    theme.value = value;
  }
  function toggleNav(): void {
    navCollapsed.value = !navCollapsed.value;
  }

  return { locale, theme, navCollapsed, setLocale, setTheme, toggleNav };
});
