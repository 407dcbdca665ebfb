/** All provider definitions by slug: the one place that knows the full list. */
import type { ProviderSlug } from '../domain/models.js';
import { duomaiProvider } from './duomai/index.js';
import { itboyeProvider } from './itboye/index.js';
import { kasushouProvider } from './kasushou/index.js';
import { kuaimaiProvider } from './kuaimai/index.js';
import type { ProviderDefinition } from './provider.js';
import { unionhomeProvider } from './unionhome/index.js';

export type ProviderRegistry = Readonly<Record<ProviderSlug, ProviderDefinition<unknown>>>;

export const providerRegistry: ProviderRegistry = {
  kasushou: kasushouProvider as ProviderDefinition<unknown>,
  kuaimai: kuaimaiProvider as ProviderDefinition<unknown>,
  duomai: duomaiProvider as ProviderDefinition<unknown>,
  unionhome: unionhomeProvider as ProviderDefinition<unknown>,
  itboye: itboyeProvider as ProviderDefinition<unknown>,
};
