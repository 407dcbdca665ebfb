/** UI preferences (language, theme, navigation width), persisted in localStorage on this machine. */
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, watch } from 'vue';
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

/**
 * Below 1400 px the open navigation leaves too little room for the widest tables (orders, settlement
 * revisions, sync log), which then scroll sideways — measured in Chromium at 1366 × 768, the commonest
 * laptop screen. Until the merchant chooses, the navigation starts collapsed in such a window.
 */
const NARROW_WINDOW_QUERY = '(max-width: 1399.98px)';

function savedNavChoice(): boolean | null {
  const value = read(STORAGE_KEYS.navCollapsed);
  return value === '1' ? true : value === '0' ? false : null;
}

/** Whether the window is narrow, kept current as it is resized. */
function useNarrowWindow() {
  const query = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(NARROW_WINDOW_QUERY) : null;
  const narrow = ref(query?.matches ?? false);
  const onChange = (event: MediaQueryListEvent) => {
    narrow.value = event.matches;
  };
  query?.addEventListener('change', onChange);
  onScopeDispose(() => query?.removeEventListener('change', onChange));
  return narrow;
}

export const useSettingsStore = defineStore('settings', () => {
  const locale = ref<AppLocale>(savedLocale());
  const theme = ref<Theme>(savedTheme());
  const navChoice = ref<boolean | null>(savedNavChoice());
  const narrowWindow = useNarrowWindow();
  const navCollapsed = computed(() => navChoice.value ?? narrowWindow.value);

  watch(locale, (value) => write(STORAGE_KEYS.locale, value));
  watch(theme, (value) => {
    write(STORAGE_KEYS.theme, value);
    applyTheme(value);
  });
  watch(navChoice, (value) => {
    if (value !== null) write(STORAGE_KEYS.navCollapsed, value ? '1' : '0');
  });

  function setLocale(value: AppLocale): void {
    locale.value = value;
  }
  function setTheme(value: Theme): void {
    theme.value = value;
  }
  function toggleNav(): void {
    navChoice.value = !navCollapsed.value;
  }

  return { locale, theme, navCollapsed, setLocale, setTheme, toggleNav };
});
