/** The sync strategy of each provider. */
import type { ProviderSlug } from '../../domain/models.js';
import type { SyncStrategy } from '../strategy.js';

export type StrategyRegistry = Readonly<Partial<Record<ProviderSlug, SyncStrategy<never>>>>;

export const syncStrategies: StrategyRegistry = {};
