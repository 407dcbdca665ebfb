/**
 * Hash history: the desktop shell loads index.html from disk, where path-based URLs cannot be
 * resolved; the web mode serves the same build.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { NAV_ITEMS } from './nav-items.js';

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  ...NAV_ITEMS.map((item) => ({ path: item.path, name: item.name, component: item.component, meta: { label: item.label } })),
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
];

export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  return createRouter({ history, routes });
}
