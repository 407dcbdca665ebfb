/**
 * Every channel of the contract, called through the web face with random and hostile arguments: each
 * invalid call gets a validation error, nothing crashes, and nothing reaches the database.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../../src-main/api/contract.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(null, [], '', 0, -1, 1e308, 'x'.repeat(100_000), { __proto__: { admin: true } }, { constructor: { prototype: {} } }),
  fc.string({ maxLength: 200 }),
  fc.double(),
);

/** An object with fields the schema knows, filled with hostile values, plus keys it does not know. */
function hostileArgs(channel: (typeof CHANNELS)[number]) {
  const schema = contract[channel].args as unknown as { shape?: Record<string, unknown> };
  const known = Object.keys(schema.shape ?? {});
  const keyArb = known.length > 0 ? fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 20 })) : fc.string({ maxLength: 20 });
  return fc.oneof(
    hostileValue,
    fc.dictionary(keyArb, hostileValue, { maxKeys: 6 }),
    fc.record({ __proto__: fc.constant({ polluted: 1 }), id: hostileValue }, { requiredKeys: [] }),
  );
}

describe('hostile arguments through the web face', () => {
  let core: TempCore;
  let server: RunningWebServer;

  beforeAll(async () => {
    core = await openTempCore();
    server = await startWebServer({ dispatch: core.dispatch, events: core.events });
  });
  afterAll(async () => {
    await server.close();
    await core.cleanup();
  });

  function dbFingerprint(): unknown {
    return core.db
      .prepare('SELECT (SELECT count(*) FROM accounts) a, (SELECT count(*) FROM audit_log) b, (SELECT count(*) FROM orders) c, (SELECT total_changes()) t')
      .get();
  }

  it.each(CHANNELS)('%s: every invalid argument is a validation error and writes nothing', async (channel) => {
    const before = dbFingerprint();
    await fc.assert(
      fc.asyncProperty(hostileArgs(channel), async (args) => {
        // Judge validity on what actually crosses the wire: JSON drops prototypes and undefined.
        const body = JSON.stringify(args) ?? 'null';
        fc.pre(!contract[channel].args.safeParse(JSON.parse(body)).success);
        const res = await fetch(`${server.origin}/api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body,
        });
        const result = (await res.json()) as { ok: boolean; error?: { code: string } };
        expect(result.ok).toBe(false);
        expect(result.error?.code).toBe('validation');
      }),
      { numRuns: 60 },
    );
    expect(dbFingerprint()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const alive = await fetch(`${server.origin}/api/app:info`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(((await alive.json()) as { ok: boolean }).ok).toBe(true);
  });
});
