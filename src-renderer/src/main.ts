import 'element-plus/dist/index.css';
import 'element-plus/theme-chalk/dark/css-vars.css';
import './styles/app.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppI18n } from './i18n/index.js';
import { createAppRouter } from './router/index.js';
import { applyTheme, savedLocale, savedTheme } from './stores/settings.js';

applyTheme(savedTheme());

createApp(App).use(createPinia()).use(createAppRouter()).use(createAppI18n(savedLocale())).mount('#app');
