/** The sync strategy of each provider. */
import type { ProviderSlug } from '../../domain/models.js';
import type { SyncStrategy } from '../strategy.js';
import { duomaiStrategy } from './duomai.js';
import { kuaimaiStrategy } from './kuaimai.js';
import { itboyeStrategy } from './itboye.js';
import { kasushouStrategy } from './kasushou.js';
import { unionhomeStrategy } from './unionhome.js';

export type StrategyRegistry = Readonly<Partial<Record<ProviderSlug, SyncStrategy<never>>>>;

export const syncStrategies: StrategyRegistry = {
  duomai: duomaiStrategy,
  kuaimai: kuaimaiStrategy,
  itboye: itboyeStrategy,
  kasushou: kasushouStrategy,
  unionhome: unionhomeStrategy,
};
