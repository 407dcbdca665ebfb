/**
 * A fleet of provider simulators on 127.0.0.1 with deterministic datasets, each paired with the
 * account (exactly the `accounts:add` arguments) that reaches it. Used by tests, benchmarks and the
 * demo mode; Electron-free like the rest of the core.
 *
 * Pass the same `now` to the fleet and to the core that syncs it: several gateways check request
 * timestamps against the simulator clock.
 */
import { DAY_MS } from '../domain/time.js';
import { PROVIDER_SLUGS, type ProviderSlug } from '../domain/models.js';
import { startDuomaiSimulator, type DuomaiSimulator } from '../providers/duomai/simulator.js';
import { startItboyeSimulator, type ItboyeSimulator } from '../providers/itboye/simulator.js';
import { startKasushouSimulator, type KasushouSimulator } from '../providers/kasushou/simulator.js';
import { MAX_TIME_LAG_MS } from '../providers/kuaimai/simulator-data.js';
import { startKuaimaiSimulator, type KuaimaiSimulator } from '../providers/kuaimai/simulator.js';
import { startUnionhomeSimulator, type UnionhomeSimulator } from '../providers/unionhome/simulator.js';

/** The provider-specific running simulator for each slug (all extend RunningSimulator). */
export interface SimulatorBySlug {
  kasushou: KasushouSimulator;
  kuaimai: KuaimaiSimulator;
  duomai: DuomaiSimulator;
  unionhome: UnionhomeSimulator;
  itboye: ItboyeSimulator;
}

/** Exactly what the `accounts:add` channel takes. */
export interface FleetAccount<P extends ProviderSlug = ProviderSlug> {
  readonly provider: P;
  readonly name: string;
  readonly baseUrl: string;
  readonly settings: Record<string, string>;
  readonly secrets: Record<string, string>;
}

interface FleetMemberOf<P extends ProviderSlug> {
  readonly provider: P;
  readonly simulator: SimulatorBySlug[P];
  readonly account: FleetAccount<P>;
  /** Moves `count` records on (status changes, new records), as the provider's simulator does. */
  mutate(count: number): void;
}

/** One running simulator and its account; discriminated by `provider`. */
export type FleetMember<P extends ProviderSlug = ProviderSlug> = { [K in P]: FleetMemberOf<K> }[P];

export interface FleetMemberOptions {
  /** Dataset size (orders / trades / highest order id); provider default from DEFAULT_FLEET_SCALE. */
  readonly scale?: number;
  readonly seed?: number;
  /** Clock the datasets are placed against and the gateways check timestamps with (default Date.now). */
  readonly now?: () => number;
}

export interface SimulatorFleetOptions {
  readonly scale?: Partial<Record<ProviderSlug, number>>;
  readonly seed?: number;
  readonly now?: () => number;
  /** Which simulators to start (default all five, in PROVIDER_SLUGS order). */
  readonly providers?: readonly ProviderSlug[];
}

export interface SimulatorFleet {
  readonly members: FleetMember[];
  /** Closes every simulator; safe to call more than once. */
  close(): Promise<void>;
}

/** Default dataset sizes: a few hundred to a few thousand records each. */
export const DEFAULT_FLEET_SCALE: Readonly<Record<ProviderSlug, number>> = {
  kasushou: 800,
  kuaimai: 1500,
  duomai: 2000,
  // Every union-home order is one request (sync scans ids), so keep it small.
  unionhome: 300,
  itboye: 400,
};

export const DEFAULT_FLEET_SEED = 20_240_601;

/** Records are placed over this many days before the fleet starts, inside a 90-day first-sync lookback. */
export const FLEET_SPAN_DAYS = 60;

/** Account names shown in the demo. */
export const FLEET_ACCOUNT_NAMES: Readonly<Record<ProviderSlug, string>> = {
  kasushou: '演示-卡速售',
  kuaimai: '演示-快麦',
  duomai: '演示-多麦',
  unionhome: '演示-联盟之都',
  itboye: '演示-博也',
};

const DUOMAI_MAX_LAG_SECONDS = 6 * 3600;

interface Resolved {
  readonly scale: number;
  readonly seed: number;
  readonly now: () => number;
  readonly startedAt: number;
}

type Starter<P extends ProviderSlug> = (r: Resolved) => Promise<FleetMemberOf<P>>;

function member<P extends ProviderSlug>(
  provider: P,
  simulator: SimulatorBySlug[P] & { mutate(count: number): unknown },
  account: Omit<FleetAccount<P>, 'provider' | 'name'>,
): FleetMemberOf<P> {
  return {
    provider,
    simulator,
    account: { provider, name: FLEET_ACCOUNT_NAMES[provider], ...account },
    mutate: (count) => {
      simulator.mutate(count);
    },
  };
}

/** Site-owner (admin) account, so sync can page the order list instead of looking up numbers. */
const startKasushou: Starter<'kasushou'> = async ({ scale, seed, now, startedAt }) => {
  const sim = await startKasushouSimulator({ seed, count: scale, clockMs: startedAt, spanDays: FLEET_SPAN_DAYS, realNow: now });
  return member('kasushou', sim, {
    baseUrl: sim.url,
    settings: { userId: sim.adminCredentials.userId, mode: 'admin' },
    secrets: { apikey: sim.adminCredentials.apikey },
  });
};

/** Trade events trail creation by up to MAX_TIME_LAG_MS, so creation stops that long before start. */
const startKuaimai: Starter<'kuaimai'> = async ({ scale, seed, now, startedAt }) => {
  const spanMs = FLEET_SPAN_DAYS * DAY_MS - MAX_TIME_LAG_MS;
  const sim = await startKuaimaiSimulator({ seed, count: scale, startMs: startedAt - FLEET_SPAN_DAYS * DAY_MS, spanMs, now });
  const { appKey, appSecret, session, refreshToken } = sim.credentials;
  return member('kuaimai', sim, {
    baseUrl: sim.routerUrl,
    settings: { appKey, signMethod: 'hmac' },
    secrets: { appSecret, session, refreshToken },
  });
};

/** Orders are last updated up to the max lag after they are placed; that lag also ends before start. */
const startDuomai: Starter<'duomai'> = async ({ scale, seed, now, startedAt }) => {
  const periodDays = FLEET_SPAN_DAYS - DUOMAI_MAX_LAG_SECONDS / 86_400;
  const sim = await startDuomaiSimulator({
    seed,
    count: scale,
    periodStartMs: startedAt - FLEET_SPAN_DAYS * DAY_MS,
    periodDays,
    maxLagSeconds: DUOMAI_MAX_LAG_SECONDS,
    now,
  });
  return member('duomai', sim, {
    baseUrl: sim.baseUrl,
    settings: { appKey: sim.credentials.appKey },
    secrets: { appSecret: sim.credentials.appSecret },
  });
};

/** The dataset's dates are fixed by the simulator (from 2020-07-11); it has no clock option. */
const startUnionhome: Starter<'unionhome'> = async ({ scale, seed }) => {
  const sim = await startUnionhomeSimulator({ seed, orders: scale });
  return member('unionhome', sim, {
    baseUrl: sim.orderDetailUrl,
    settings: { startOrderId: '1' },
    secrets: { token: sim.token },
  });
};

/** Reads every simulated worker's orders. The dataset's dates are fixed (from 2020-12-01). */
const startItboye: Starter<'itboye'> = async ({ scale, seed, now }) => {
  const sim = await startItboyeSimulator({ seed, orderCount: scale, now });
  const { clientId, clientSecret, loginUsername, password } = sim.credentials;
  return member('itboye', sim, {
    baseUrl: `${sim.url}/`,
    settings: { clientId, loginUsername, usernames: sim.usernames.join(',') },
    secrets: { clientSecret, password },
  });
};

const STARTERS: { readonly [P in ProviderSlug]: Starter<P> } = {
  kasushou: startKasushou,
  kuaimai: startKuaimai,
  duomai: startDuomai,
  unionhome: startUnionhome,
  itboye: startItboye,
};

/** Starts one provider's simulator with a deterministic dataset and returns it with its account. */
export async function fleetMember<P extends ProviderSlug>(provider: P, options: FleetMemberOptions = {}): Promise<FleetMember<P>> {
  const scale = options.scale ?? DEFAULT_FLEET_SCALE[provider];
  if (!Number.isSafeInteger(scale) || scale < 1) throw new RangeError(`fleet scale for ${provider} must be a positive integer, got ${scale}`);
  const now = options.now ?? Date.now;
  const starter = STARTERS[provider] as Starter<P>;
  const started = await starter({ scale, seed: (options.seed ?? DEFAULT_FLEET_SEED) >>> 0, now, startedAt: now() });
  return started as FleetMember<P>;
}

/** Starts all five simulators (or `providers`) in parallel; if one fails, the others are closed. */
export async function startSimulatorFleet(options: SimulatorFleetOptions = {}): Promise<SimulatorFleet> {
  const providers = [...new Set(options.providers ?? PROVIDER_SLUGS)];
  const common = { ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.now ? { now: options.now } : {}) };
  const settled = await Promise.allSettled(
    providers.map((provider) => {
      const scale = options.scale?.[provider];
      return fleetMember(provider, { ...common, ...(scale === undefined ? {} : { scale }) });
    }),
  );
  const members = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.allSettled(members.map((m) => m.simulator.close()));
    throw failure.reason;
  }
  let closing: Promise<void> | null = null;
  return {
    members,
    close: () => {
      closing ??= Promise.allSettled(members.map((m) => m.simulator.close())).then(() => undefined);
      return closing;
    },
  };
}
