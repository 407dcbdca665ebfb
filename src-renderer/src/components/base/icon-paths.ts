/** Line icons (24×24, stroked) for the navigation; drawn here to avoid another icon dependency. */
export const ICON_PATHS = {
  dashboard: ['M4 4h7v7H4z', 'M13 4h7v4h-7z', 'M13 10h7v10h-7z', 'M4 13h7v7H4z'],
  orders: ['M6 3h12v18l-3-2-3 2-3-2-3 2z', 'M9 8h6', 'M9 12h6', 'M9 16h4'],
  cards: ['M3 6h18v12H3z', 'M3 10h18', 'M7 15h4'],
  commissions: ['M19 5 5 19', 'M7.5 5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z', 'M16.5 14a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z'],
  settlements: ['M4 8h14', 'M14 4l4 4-4 4', 'M20 16H6', 'M10 12l-4 4 4 4'],
  flows: ['M3 7h15a3 3 0 0 1 3 3v8H3z', 'M3 7l12-3v3', 'M16 13h2'],
  accounts: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21a8 8 0 0 1 16 0'],
  syncLog: ['M4 12a8 8 0 1 0 2.3-5.7', 'M4 4v4h4', 'M12 8v4l3 2'],
  settings: ['M4 6h16', 'M4 12h16', 'M4 18h16', 'M9 4v4', 'M15 10v4', 'M7 16v4'],
  menuFold: ['M4 6h16', 'M10 12h10', 'M4 18h16', 'M7 9l-3 3 3 3'],
  menuUnfold: ['M4 6h16', 'M4 12h10', 'M4 18h16', 'M17 9l3 3-3 3'],
  reports: ['M4 20V10', 'M10 20V4', 'M16 20v-7', 'M22 20H2'],
  reconcile: ['M9 11l3 3 8-8', 'M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9'],
  warning: ['M12 3 2 21h20z', 'M12 10v5', 'M12 18v.01'],
  search: ['M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z', 'M20 20l-4-4'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
} as const;

export type IconName = keyof typeof ICON_PATHS;
