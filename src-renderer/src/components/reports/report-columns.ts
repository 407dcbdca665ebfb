/**
 * Which dimensions and figures each report kind shows, in column order (the core's ReportShapes).
 * Money figures are exact decimal text; count figures are integers. Both can be drilled into.
 */
import type { ReportKind } from '../../../../src-main/api/contract.js';

export type DimName = 'provider' | 'beneficiary' | 'level' | 'currency';

export interface FigureColumn {
  readonly name: string;
  readonly type: 'money' | 'count';
}

export interface ReportColumns {
  readonly dims: readonly DimName[];
  readonly figures: readonly FigureColumn[];
}

const money = (name: string): FigureColumn => ({ name, type: 'money' });
const count = (name: string): FigureColumn => ({ name, type: 'count' });

export const REPORT_COLUMNS: Readonly<Record<ReportKind, ReportColumns>> = {
  commissions: { dims: ['provider', 'beneficiary', 'level', 'currency'], figures: [money('owed'), count('owedCount'), money('paid'), count('paidCount')] },
  revenue: { dims: ['provider', 'currency'], figures: [money('revenue'), money('refunds'), money('net'), count('orders'), count('refundedOrders')] },
  settlements: { dims: ['currency'], figures: [money('up'), money('down'), money('net'), count('revisions'), count('upCount'), count('downCount')] },
  flows: { dims: ['currency'], figures: [money('payments'), money('refunds'), money('other'), money('net'), count('flows'), count('paymentCount'), count('refundCount')] },
  cards: { dims: ['provider'], figures: [count('cards')] },
};

/** The money figures of a kind (the drill-down shows these per record). */
export function moneyFigures(kind: ReportKind): string[] {
  return REPORT_COLUMNS[kind].figures.filter((f) => f.type === 'money').map((f) => f.name);
}

/** A row's period for display: "2024-03-01", "2024-03", or "2024-03-01 – 2024-03-31". */
export function periodText(period: string): string {
  return period.includes('..') ? period.replace('..', ' – ') : period;
}
