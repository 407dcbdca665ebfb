/**
 * The simulator fleet: every member's account goes through the real contract (`accounts:add`,
 * `accounts:test`, `accounts:update`, `accounts:list`) of a real core, and the simulator answers as
 * its gateway does for good credentials, a wrong secret and a closed server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, ConnectionTestView } from '../../../src-main/api/contract.js';
import {
  DEFAULT_FLEET_SCALE,
  FLEET_ACCOUNT_NAMES,
  FLEET_SPAN_DAYS,
  fleetMember,
  startSimulatorFleet,
  type FleetMember,
  type SimulatorFleet,
} from '../../../src-main/demo/simulator-fleet.js';
import { PROVIDER_SLUGS, type ProviderSlug } from '../../../src-main/domain/models.js';
import { DAY_MS } from '../../../src-main/domain/time.js';
import { dispatch } from '../../support/core-calls.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

/** Every secret value the test has sent, to prove none comes back through `accounts:list`. */
function assertNoSecretIn(list: AccountView[], secrets: readonly string[]): void {
  const text = JSON.stringify(list);
  for (const secret of secrets) expect(text, 'a secret value leaked into accounts:list').not.toContain(secret);
}

function memberOf(fleet: SimulatorFleet, provider: ProviderSlug): FleetMember {
  const found = fleet.members.find((m) => m.provider === provider);
  if (!found) throw new Error(`no fleet member for ${provider}`);
  return found;
}

describe('startSimulatorFleet', () => {
  let fleet: SimulatorFleet;
  const startedAt = Date.now();

  beforeAll(async () => {
    fleet = await startSimulatorFleet({ now: () => Date.now() });
  });

  afterAll(async () => {
    await fleet.close();
  });

  it('starts all five providers on 127.0.0.1 with distinct ports and contract-shaped accounts', () => {
    expect(fleet.members.map((m) => m.provider)).toEqual([...PROVIDER_SLUGS]);
    expect(new Set(fleet.members.map((m) => m.simulator.port)).size).toBe(5);
    for (const m of fleet.members) {
      expect(m.simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(m.account.provider).toBe(m.provider);
      expect(m.account.name).toBe(FLEET_ACCOUNT_NAMES[m.provider]);
      expect(m.account.baseUrl.startsWith(m.simulator.url)).toBe(true);
      expect(Object.keys(m.account.secrets).length).toBeGreaterThan(0);
    }
    const kasushou = memberOf(fleet, 'kasushou');
    expect(kasushou.account.settings).toMatchObject({ mode: 'admin' });
    const itboye = memberOf(fleet, 'itboye');
    if (itboye.provider !== 'itboye') throw new Error('unreachable');
    expect(itboye.account.settings['usernames']?.split(',')).toEqual([...itboye.simulator.usernames]);
    expect(itboye.simulator.usernames.length).toBeGreaterThan(1);
  });

  it('sizes the datasets by the default scale and places time-based data in the last 60 days', () => {
    for (const m of fleet.members) {
      const oldest = startedAt - FLEET_SPAN_DAYS * DAY_MS - 60_000;
      switch (m.provider) {
        case 'kasushou': {
          const { dataset } = m.simulator;
          expect(dataset.count).toBe(DEFAULT_FLEET_SCALE.kasushou);
          expect(dataset.order(0).createdAt).toBeGreaterThanOrEqual(oldest);
          expect(dataset.order(dataset.count - 1).createdAt).toBeLessThanOrEqual(Date.now());
          break;
        }
        case 'kuaimai': {
          const { dataset } = m.simulator;
          const first = dataset.trade(0);
          const last = dataset.trade(DEFAULT_FLEET_SCALE.kuaimai - 1);
          expect(first.createdMs).toBeGreaterThanOrEqual(oldest);
          expect(last.createdMs).toBeLessThanOrEqual(Date.now());
          break;
        }
        case 'duomai': {
          const nowSec = Math.floor(Date.now() / 1000);
          const rows = m.simulator.expectedOrders(Math.floor(oldest / 1000), nowSec);
          expect(rows).toHaveLength(DEFAULT_FLEET_SCALE.duomai);
          break;
        }
        case 'unionhome':
          expect(Math.max(...m.simulator.expectedOrderIds())).toBeLessThanOrEqual(DEFAULT_FLEET_SCALE.unionhome);
          expect(m.simulator.expectedOrderCount()).toBeGreaterThan(DEFAULT_FLEET_SCALE.unionhome / 2);
          break;
        case 'itboye':
          expect(m.simulator.dataset.size()).toBe(DEFAULT_FLEET_SCALE.itboye);
          break;
      }
    }
  });

  it('mutate moves a simulator on', () => {
    const member = memberOf(fleet, 'itboye');
    if (member.provider !== 'itboye') throw new Error('unreachable');
    const before = member.simulator.dataset.size();
    member.mutate(3);
    expect(member.simulator.dataset.size()).toBe(before + 3);
  });
});

describe.each(PROVIDER_SLUGS.map((p) => [p] as const))('fleet member %s through the contract', (provider) => {
  let member: FleetMember;
  let core: TempCore;

  beforeAll(async () => {
    member = await fleetMember(provider, { scale: 120, seed: 7 });
    core = await openTempCore();
  });

  afterAll(async () => {
    await core.cleanup();
    await member.simulator.close();
  });

  it('connects, rejects a wrong secret as auth, a closed simulator as network, and never lists a secret', async () => {
    const added = await dispatch<AccountView>(core, 'accounts:add', member.account);
    expect(added).toMatchObject({ provider, name: member.account.name, baseUrl: member.account.baseUrl });
    const secretKeys = Object.keys(member.account.secrets);
    for (const key of secretKeys) expect(added.secrets[key]?.configured, key).toBe(true);

    const good = await dispatch<ConnectionTestView>(core, 'accounts:test', { id: added.id });
    expect(good, good.message).toMatchObject({ ok: true, errorKind: null });
    expect(good.message.trim()).not.toBe('');

    const [key] = secretKeys;
    if (key === undefined) throw new Error('member has no secret');
    const wrong = `wrong-${member.account.secrets[key]}-x`;
    await dispatch<AccountView>(core, 'accounts:update', { id: added.id, secrets: { [key]: wrong } });
    const refused = await dispatch<ConnectionTestView>(core, 'accounts:test', { id: added.id });
    expect(refused, refused.message).toMatchObject({ ok: false, errorKind: 'auth' });
    expect(refused.message.trim()).not.toBe('');

    await dispatch<AccountView>(core, 'accounts:update', { id: added.id, secrets: { [key]: member.account.secrets[key] } });
    expect(await dispatch<ConnectionTestView>(core, 'accounts:test', { id: added.id })).toMatchObject({ ok: true });

    await member.simulator.close();
    const unreachable = await dispatch<ConnectionTestView>(core, 'accounts:test', { id: added.id });
    expect(unreachable, unreachable.message).toMatchObject({ ok: false, errorKind: 'network' });

    const list = await dispatch<AccountView[]>(core, 'accounts:list', {});
    expect(list.map((a) => a.id)).toEqual([added.id]);
    assertNoSecretIn(list, [...Object.values(member.account.secrets), wrong]);
  });
});

describe('fleet options', () => {
  it('starts only the chosen providers with the given scale, deterministically for a fixed clock', async () => {
    const clock = () => Date.now();
    const a = await startSimulatorFleet({ providers: ['kasushou', 'itboye'], scale: { kasushou: 50 }, seed: 11, now: clock });
    const b = await fleetMember('kasushou', { scale: 50, seed: 11, now: clock });
    try {
      expect(a.members.map((m) => m.provider)).toEqual(['kasushou', 'itboye']);
      const [ka] = a.members;
      if (ka?.provider !== 'kasushou' || b.provider !== 'kasushou') throw new Error('unreachable');
      expect(ka.simulator.dataset.count).toBe(50);
      expect(ka.account.secrets).toEqual(b.account.secrets);
      expect(ka.simulator.orderNoAt(49)).toBe(b.simulator.orderNoAt(49));
    } finally {
      await a.close();
      await a.close();
      await b.simulator.close();
    }
  });

  it('refuses a scale that is not a positive integer', async () => {
    await expect(fleetMember('duomai', { scale: 0 })).rejects.toThrow(RangeError);
  });
});
