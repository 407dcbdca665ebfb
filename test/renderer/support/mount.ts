/** The app's real plugins for mounting: i18n (zh-CN unless told), a fresh pinia, a memory-history router. */
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { createAppI18n, type AppLocale } from '../../../src-renderer/src/i18n/index.js';
import { createAppRouter } from '../../../src-renderer/src/router/index.js';

export function appPlugins(options: { locale?: AppLocale; pinia?: Pinia } = {}) {
  const pinia = options.pinia ?? createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  const i18n = createAppI18n(options.locale ?? 'zh-CN');
  return { pinia, router, i18n, plugins: [pinia, router, i18n] };
}
