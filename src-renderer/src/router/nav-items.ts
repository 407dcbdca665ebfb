/** The main views in navigation order; the first nine (position n = 1…9) are also the Ctrl/⌘+n shortcuts. */
import type { Component } from 'vue';
import type { IconName } from '../components/base/icon-paths.js';

export interface NavItem {
  readonly name: string;
  readonly path: string;
  /** i18n key of the label. */
  readonly label: `nav.${string}`;
  readonly icon: IconName;
  readonly component: () => Promise<Component>;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { name: 'dashboard', path: '/dashboard', label: 'nav.dashboard', icon: 'dashboard', component: () => import('../views/DashboardView.vue') },
  { name: 'orders', path: '/orders', label: 'nav.orders', icon: 'orders', component: () => import('../views/OrdersView.vue') },
  { name: 'cards', path: '/cards', label: 'nav.cards', icon: 'cards', component: () => import('../views/CardsView.vue') },
  { name: 'commissions', path: '/commissions', label: 'nav.commissions', icon: 'commissions', component: () => import('../views/CommissionsView.vue') },
  { name: 'settlements', path: '/settlements', label: 'nav.settlements', icon: 'settlements', component: () => import('../views/SettlementsView.vue') },
  { name: 'flows', path: '/flows', label: 'nav.flows', icon: 'flows', component: () => import('../views/FlowsView.vue') },
  { name: 'reports', path: '/reports', label: 'nav.reports', icon: 'reports', component: () => import('../views/ReportsView.vue') },
  { name: 'reconcile', path: '/reconcile', label: 'nav.reconcile', icon: 'reconcile', component: () => import('../views/ReconcileView.vue') },
  { name: 'accounts', path: '/accounts', label: 'nav.accounts', icon: 'accounts', component: () => import('../views/AccountsView.vue') },
  { name: 'sync-log', path: '/sync-log', label: 'nav.syncLog', icon: 'syncLog', component: () => import('../views/SyncLogView.vue') },
  { name: 'settings', path: '/settings', label: 'nav.settings', icon: 'settings', component: () => import('../views/SettingsView.vue') },
];
