/** Dashboard business figures in English (typed against dashboard.zh-CN.ts). */
import type { DashboardMessages } from './dashboard.zh-CN.js';

const dashboardEn: DashboardMessages = {
  overview: {
    title: 'Business overview',
    periodLabel: 'Period',
    periods: {
      today: 'Today',
      last7: 'Last 7 days',
      last30: 'Last 30 days',
      month: 'This month',
    },
    range: '{from} to {to} (China time)',
    total: 'Total',
    totalHint: 'All providers · {currency}',
    byProvider: 'By provider',
    revenue: 'Revenue',
    refunds: 'Refunds',
    net: 'Net',
    orders: 'Orders',
    ordersDetail: '{n} orders',
    voidOrders: '{n} failed/cancelled',
    refundedOrders: '{n} refunded',
    commissions: 'Commissions',
    commissionsOwed: 'Owed',
    commissionsPaid: 'Paid',
    commissionCount: '{n} entries',
    settlement: 'Settlement adjustments',
    settlementUp: 'Up',
    settlementDown: 'Down',
    settlementRevisions: '{n} revisions',
    currencies: {
      CNY: 'CNY',
      USD: 'USD',
    },
    chartCurrency: 'Chart currency',
    dailyTitle: 'Daily revenue and refunds, last 30 days',
    dailyLabel: 'Daily revenue and refunds in {currency} over the last 30 days, {n} days',
    levelTitle: 'Commissions by level ({period})',
    levelLabel: 'Commissions in {currency} by level: {n} levels',
    levels: {
      '0': 'Own',
      '1': 'Level 1',
      '2': 'Level 2',
      '3': 'Level 3',
    },
    noLevels: 'No commissions in this period',
    empty: 'No orders, commissions or settlement adjustments in this period.',
    emptyDaily: 'No orders in the last 30 days.',
    loadFailed: 'Could not load the overview',
    retry: 'Retry',
    day: 'Day',
  },
};

export default dashboardEn;
