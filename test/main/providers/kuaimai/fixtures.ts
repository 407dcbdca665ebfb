/** Shared setup for the Kuaimai tests: a small simulator on a fixed, movable clock and clients for it. */
import { DAY_MS } from '../../../../src-main/domain/time.js';
import type { KuaimaiClient } from '../../../../src-main/providers/kuaimai/client.js';
import { kuaimaiProvider } from '../../../../src-main/providers/kuaimai/index.js';
import type { KuaimaiSignMethod } from '../../../../src-main/providers/kuaimai/sign.js';
import { DEFAULT_START_MS } from '../../../../src-main/providers/kuaimai/simulator-data.js';
import { startKuaimaiSimulator, type KuaimaiSimulator, type KuaimaiSimulatorOptions } from '../../../../src-main/providers/kuaimai/simulator.js';
import type { FetchLike } from '../../../../src-main/providers/http.js';
import type { ProviderContext } from '../../../../src-main/providers/provider.js';

/** 2024-03-08 12:00:00 in Shanghai: after all generated data (which spans 2024-03-01..04 + lag). */
export const SIM_NOW = Date.UTC(2024, 2, 8, 4, 0, 0);
/** The second day of the dataset, 2024-03-02 00:00:00 Shanghai. */
export const DAY2_START = DEFAULT_START_MS + DAY_MS;
/** The last second of that day, so [DAY2_START, DAY2_END] is exactly one day of wall time. */
export const DAY2_END = DAY2_START + DAY_MS - 1000;

export interface Clock {
  now: number;
}

export interface TestSim {
  readonly sim: KuaimaiSimulator;
  readonly clock: Clock;
}

export async function startTestSimulator(options: KuaimaiSimulatorOptions = {}): Promise<TestSim> {
  const clock: Clock = { now: SIM_NOW };
  const sim = await startKuaimaiSimulator({ seed: 7, count: 600, spanMs: 3 * DAY_MS, now: () => clock.now, ...options });
  return { sim, clock };
}

export interface ClientOptions {
  readonly appSecret?: string;
  readonly signMethod?: KuaimaiSignMethod;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly fetch?: FetchLike;
  readonly refreshToken?: string;
  readonly onCredentialsRenewed?: ProviderContext['onCredentialsRenewed'];
}

export function contextFor(sim: KuaimaiSimulator, options: ClientOptions = {}): ProviderContext {
  return {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    baseUrl: sim.routerUrl,
    settings: { appKey: sim.credentials.appKey, signMethod: options.signMethod ?? 'hmac' },
    secrets: {
      appSecret: options.appSecret ?? sim.credentials.appSecret,
      session: sim.credentials.session,
      refreshToken: options.refreshToken ?? sim.credentials.refreshToken,
    },
    timeoutMs: options.timeoutMs ?? 5000,
    now: options.now ?? (() => SIM_NOW),
    ...(options.onCredentialsRenewed ? { onCredentialsRenewed: options.onCredentialsRenewed } : {}),
  };
}

export function clientFor(sim: KuaimaiSimulator, options: ClientOptions = {}): KuaimaiClient {
  return kuaimaiProvider.createClient(contextFor(sim, options));
}

/** The parsed form fields of a logged simulator request. */
export function sentFields(bodyText: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(bodyText).entries());
}
