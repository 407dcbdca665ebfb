import 'element-plus/dist/index.css';
import 'element-plus/theme-chalk/dark/css-vars.css';
import './styles/app.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { pendingUnlock } from './composables/use-unlock.js';
import { createAppI18n } from './i18n/index.js';
import { createAppRouter } from './router/index.js';
import { applyTheme, savedLocale, savedTheme } from './stores/settings.js';
import UnlockView from './views/UnlockView.vue';

applyTheme(savedTheme());

function mountLedger(): void {
  createApp(App).use(createPinia()).use(createAppRouter()).use(createAppI18n(savedLocale())).mount('#app');
}

// The desktop without an OS keyring opens the ledger only after its passphrase was typed here.
void pendingUnlock().then((lock) => {
  if (!lock) return mountLedger();
  const gate = createApp(UnlockView, {
    lock,
    onUnlocked: () => {
      gate.unmount();
      mountLedger();
    },
  });
  gate.use(createAppI18n(savedLocale())).mount('#app');
});
