/**
 * The contract every provider adapter must honour, run by each provider against its own simulator:
 * paging to exhaustion, the error taxonomy for wrong keys / 429 / 5xx / malformed JSON / timeouts, and
 * exact money and time of one known record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordBatch } from '../../../src-main/domain/models.js';
import { ProviderError } from '../../../src-main/providers/provider-error.js';
import type { RunningSimulator } from '../../../src-main/providers/simulator-server.js';

export interface ContractClientOptions {
  /** Build the client with a wrong secret so the gateway rejects the signature/token. */
  readonly wrongCredentials?: boolean;
  readonly timeoutMs?: number;
}

export interface ProviderContractFixture {
  readonly provider: string;
  /** Starts the provider's simulator with a small deterministic dataset. */
  start(): Promise<RunningSimulator>;
  /** A client for the simulator's account. */
  client(sim: RunningSimulator, options?: ContractClientOptions): unknown;
  /** Reads everything the account holds, paging to exhaustion, through the client only. */
  fetchAll(client: unknown): Promise<RecordBatch>;
  /** One single request (used for fault injection); resolves when it succeeds. */
  fetchOnce(client: unknown): Promise<unknown>;
  /** Records the simulator holds for this dataset, to compare with fetchAll. */
  expectedOrderCount(sim: RunningSimulator): number;
  /** The known record's exact values: asserted field by field. */
  assertKnownRecord(batch: RecordBatch): void;
  /** Substring of the route that fetchOnce hits, so faults do not hit a login call first. */
  readonly faultRoute?: string;
}

async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail with a ProviderError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

export function runProviderContractSuite(fixture: ProviderContractFixture): void {
  describe(`${fixture.provider} provider contract`, () => {
    let sim: RunningSimulator;
    beforeAll(async () => {
      sim = await fixture.start();
    });
    afterAll(async () => {
      await sim.close();
    });

    it('pages to exhaustion and returns every record once', async () => {
      const batch = await fixture.fetchAll(fixture.client(sim));
      const keys = batch.orders.map((o) => o.orderNo);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(fixture.expectedOrderCount(sim));
    });

    it('maps a known record exactly (money, time, ids)', async () => {
      fixture.assertKnownRecord(await fixture.fetchAll(fixture.client(sim)));
    });

    it('maps wrong credentials to auth, not retryable', async () => {
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim, { wrongCredentials: true })));
      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
    });

    it('maps HTTP 429 to a retryable rate_limit with Retry-After', async () => {
      sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 3 }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim)));
      expect(error.kind).toBe('rate_limit');
      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBe(3000);
    });

    it('maps HTTP 500 to a retryable error', async () => {
      sim.injectFault({ kind: 'status', status: 500 }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim)));
      expect(error.retryable).toBe(true);
      expect(error.httpStatus).toBe(500);
    });

    it('maps an HTML error page to bad_response and keeps the page', async () => {
      sim.injectFault({ kind: 'html', status: 502 }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim)));
      expect(error.kind).toBe('bad_response');
      expect(error.raw).toContain('502 Bad Gateway');
    });

    it('maps malformed JSON to bad_response and keeps the raw body', async () => {
      sim.injectFault({ kind: 'malformed' }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim)));
      expect(error.kind).toBe('bad_response');
      expect(error.retryable).toBe(false);
      expect(error.raw).toBe('{"code":0,"data":[{"id":1,,}');
    });

    it('maps truncated JSON to bad_response', async () => {
      sim.injectFault({ kind: 'truncated' }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim)));
      expect(error.kind).toBe('bad_response');
      expect(error.raw?.length).toBeGreaterThan(0);
    });

    it('maps a request that never answers to timeout', async () => {
      sim.injectFault({ kind: 'hang' }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim, { timeoutMs: 200 })));
      expect(error.kind).toBe('timeout');
      expect(error.retryable).toBe(true);
    });

    it('maps a body that arrives too slowly to timeout', async () => {
      sim.injectFault({ kind: 'slow-body', ms: 1000 }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim, { timeoutMs: 200 })));
      expect(error.kind).toBe('timeout');
    });

    it('maps an expired token to auth', async () => {
      sim.injectFault({ kind: 'token-expired' }, 1, fixture.faultRoute);
      const error = await expectProviderError(fixture.fetchOnce(fixture.client(sim)));
      expect(error.kind).toBe('auth');
    });

    it('maps an unreachable server to a retryable network error', async () => {
      const closed = await fixture.start();
      const client = fixture.client(closed);
      await closed.close();
      const error = await expectProviderError(fixture.fetchOnce(client));
      expect(error.kind).toBe('network');
      expect(error.retryable).toBe(true);
    });
  });
}
