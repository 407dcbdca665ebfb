/**
 * A faithful stand-in for an itboye "by" gateway on 127.0.0.1 (gateway rules in simulator-gateway.ts,
 * data in simulator-data.ts): faults are keyed by `service_type`, so a test can break the order query
 * without breaking the login before it.
 */
import { startSimulatorServer, type RunningSimulator } from '../simulator-server.js';
import { createItboyeDataset, type ItboyeDataset, type ItboyeDatasetOptions, type MutationResult } from './simulator-data.js';
import { formFields, ItboyeGateway, type ItboyeCredentials } from './simulator-gateway.js';

export type { ItboyeCredentials } from './simulator-gateway.js';

export interface ItboyeSimulatorOptions extends ItboyeDatasetOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Defaults to the dataset's first username. */
  readonly loginUsername?: string;
  readonly password?: string;
  /** The simulator's clock, for timestamp skew and session expiry. */
  readonly now?: () => number;
  readonly sessionTtlMs?: number;
  /** Allowed difference between app_request_time and the simulator clock (default 10 min). */
  readonly maxSkewMs?: number;
  /** `seed-example`: the order query answers with the seed document's (invalid) example text. */
  readonly fixture?: 'seed-example';
  readonly port?: number;
}

export interface ItboyeSimulator extends RunningSimulator {
  readonly credentials: ItboyeCredentials;
  /** Ground truth: users, order i, and each user's list per status. */
  readonly dataset: ItboyeDataset;
  readonly usernames: readonly string[];
  /** Settles up to `count` waiting orders and adds `count` new ones. Also `POST /__sim/mutate {"count":N}`. */
  mutate(count: number): MutationResult;
  /** Invalidates every sid, so the next query answers 1111. Also `POST /__sim/expire-sessions`. */
  expireSessions(): void;
}

/** Starts the simulator (random port unless `port`). */
export async function startItboyeSimulator(options: ItboyeSimulatorOptions = {}): Promise<ItboyeSimulator> {
  const dataset = createItboyeDataset(options);
  const credentials: ItboyeCredentials = {
    clientId: options.clientId ?? 'by_merchant_ledger',
    clientSecret: options.clientSecret ?? 'sim_client_secret_7f3a',
    loginUsername: options.loginUsername ?? dataset.users[0]!.username,
    password: options.password ?? 'sim-password-123',
  };
  const gateway = new ItboyeGateway(dataset, credentials, {
    now: options.now ?? Date.now,
    sessionTtlMs: options.sessionTtlMs ?? 7_200_000,
    maxSkewMs: options.maxSkewMs ?? 600_000,
    ...(options.fixture ? { fixture: options.fixture } : {}),
  });
  const mutate = (count: number): MutationResult => dataset.mutate(count);
  const expireSessions = (): void => gateway.expireSessions();
  const running = await startSimulatorServer({
    name: 'itboye',
    handler: (req) => gateway.handle(req),
    tokenExpired: (req) => gateway.tokenExpired(req),
    routeKey: (req) => `${req.path} ${formFields(req).get('service_type') ?? ''}`,
    control: {
      mutate: (body) => mutate(Number((body as { count?: unknown } | null)?.count ?? 1)),
      'expire-sessions': () => expireSessions(),
    },
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return Object.assign(running, { credentials, dataset, usernames: dataset.users.map((u) => u.username), mutate, expireSessions });
}
