/**
 * The engine with a scripted strategy (the provider side is covered by each strategy's own tests):
 * retries, cancellation, page atomicity, auth handling, run bookkeeping and progress events.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgressEvent } from '../../../src-main/api/contract.js';
import { money } from '../../../src-main/domain/money.js';
import { emptyBatch, type OrderRecord, type RecordBatch } from '../../../src-main/domain/models.js';
import { ProviderError } from '../../../src-main/providers/provider-error.js';
import { backoffDelay, withRetries } from '../../../src-main/sync/retry.js';
import type { StrategyContext, SyncStrategy } from '../../../src-main/sync/strategy.js';
import { openTempCore, type TempCore } from '../../support/temp-core.js';

function order(n: number, status: OrderRecord['status'] = 'pending'): OrderRecord {
  return {
    orderNo: `T${String(n).padStart(6, '0')}`,
    externalOrderNo: null,
    status,
    statusRaw: status,
    title: `测试商品 ${n}`,
    buyer: 'u1',
    total: money(n * 10_000),
    paid: null,
    refunded: null,
    commission: null,
    createdAt: 1_700_000_000_000 + n,
    updatedAt: null,
    paidAt: null,
    items: [],
    raw: JSON.stringify({ n }),
  };
}

function batchOf(orders: OrderRecord[]): RecordBatch {
  return { ...emptyBatch(), orders };
}

type Script = (ctx: StrategyContext<unknown>) => Promise<void>;

async function coreWith(script: Script | Record<string, Script>, syncWriter: 'inline' | 'worker' = 'inline'): Promise<TempCore> {
  const scripts = typeof script === 'function' ? { duomai: script } : script;
  const strategies = Object.fromEntries(
    Object.entries(scripts).map(([provider, run]) => [provider, { provider, run } as unknown as SyncStrategy<never>]),
  );
  return openTempCore({ strategies, syncWriter });
}

async function addAccount(core: TempCore, name = 'acc', provider = 'duomai'): Promise<number> {
  const input =
    provider === 'duomai'
      ? { provider, name, settings: { appKey: '1' }, secrets: { appSecret: 'secret-value-123' } }
      : { provider, name, baseUrl: 'http://127.0.0.1:9/', secrets: { token: 'token-value-123' } };
  const res = await core.dispatch('accounts:add', input);
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { id: number }).id;
}

const cores: TempCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.cleanup();
  vi.useRealTimers();
});

async function setup(script: Script | Record<string, Script>, syncWriter: 'inline' | 'worker' = 'inline'): Promise<TempCore> {
  const core = await coreWith(script, syncWriter);
  cores.push(core);
  return core;
}

describe('sync engine', () => {
  it('commits each page with its cursor and counts what it wrote', async () => {
    const core = await setup(async (ctx) => {
      const from = ctx.cursor<number>('orders') ?? 0;
      for (let page = from; page < 3; page++) {
        ctx.progress({ phase: '订单', window: `p${page}`, page: page + 1, done: page + 1, total: 3 });
        await ctx.commit(batchOf([order(page * 2), order(page * 2 + 1)]), { stream: 'orders', value: page + 1 });
      }
    });
    const id = await addAccount(core);
    const run = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, windows: 3, fetched: 6, inserted: 6, updated: 0, unchanged: 0 });
    expect(core.store.state.cursor(id, 'orders')).toBe(3);
    const again = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(again).toMatchObject({ status: 'succeeded', pages: 0, inserted: 0 });
  });

  it('rolls back a page that fails half-way, cursor included', async () => {
    const core = await setup(async (ctx) => {
      await ctx.commit(batchOf([order(1)]), { stream: 'orders', value: 1 });
      const broken = { ...order(2), status: 'exploded' as OrderRecord['status'] };
      await ctx.commit(batchOf([order(3), broken]), { stream: 'orders', value: 2 });
    });
    const id = await addAccount(core);
    const run = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(run.status).toBe('failed');
    expect(run.errorKind).toBe('internal');
    expect(core.store.state.cursor(id, 'orders')).toBe(1);
    expect(core.db.prepare('SELECT order_no FROM orders ORDER BY order_no').pluck().all()).toEqual(['T000001']);
    expect(run).toMatchObject({ pages: 1, inserted: 1 });
  });

  it('retries retryable provider errors and fails fast on others, keeping the raw payload', async () => {
    let calls = 0;
    const core = await setup(async (ctx) => {
      await ctx.call('flaky', async () => {
        calls += 1;
        if (calls < 3) throw new ProviderError({ kind: 'rate_limit', provider: 'duomai', message: '429', retryAfterMs: 1 });
      });
      await ctx.call('broken', async () => {
        throw new ProviderError({ kind: 'bad_response', provider: 'duomai', message: '坏 JSON', raw: '{"oops":', httpStatus: 200 });
      });
    });
    const id = await addAccount(core);
    const run = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(calls).toBe(3);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'bad_response', errorMessage: '坏 JSON' });
    expect(core.store.runs.failures(run.id)).toEqual([expect.objectContaining({ kind: 'bad_response', raw: '{"oops":', httpStatus: 200 })]);
    const account = (await core.dispatch('accounts:list', {})) as { ok: true; value: { health: { state: string; lastErrorKind: string } }[] };
    expect(account.value[0]!.health).toMatchObject({ state: 'error', lastErrorKind: 'bad_response' });
  });

  it('stops an account on auth failure with a plain message and leaves the others running', async () => {
    const core = await setup({
      duomai: async () => {
        throw new ProviderError({ kind: 'auth', provider: 'duomai', message: '签名无效', providerCode: '401' });
      },
      unionhome: async (ctx) => {
        await new Promise((r) => setTimeout(r, 20));
        await ctx.commit(batchOf([order(7)]));
      },
    });
    const bad = await addAccount(core, 'bad', 'duomai');
    const good = await addAccount(core, 'good', 'unionhome');
    const result = await core.dispatch('sync:run', {});
    expect(result.ok).toBe(true);
    await core.engine.idle();
    const runs = (await core.dispatch('sync:runs', {})) as { ok: true; value: { accountId: number; status: string }[] };
    expect(runs.value.find((r) => r.accountId === good)?.status).toBe('succeeded');
    expect(runs.value.find((r) => r.accountId === bad)?.status).toBe('failed');
    const accounts = (await core.dispatch('accounts:list', {})) as { ok: true; value: { id: number; health: { state: string; needsAttention: string | null } }[] };
    const badView = accounts.value.find((a) => a.id === bad)!;
    expect(badView.health.state).toBe('needs_attention');
    expect(badView.health.needsAttention).toMatch(/更新密钥|update the key/);
    const again = (await core.dispatch('sync:run', {})) as { ok: true; value: { skipped: { accountId: number }[] } };
    expect(again.value.skipped.map((s) => s.accountId)).toEqual([bad]);
    await core.engine.idle();
  });

  it('cancels a running sync and keeps what was committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const core = await setup(async (ctx) => {
      await ctx.commit(batchOf([order(1)]), { stream: 'orders', value: 1 });
      release();
      await ctx.call('slow', () => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))));
    });
    const id = await addAccount(core);
    const { done } = core.engine.start(id, { trigger: 'manual' });
    await gate;
    expect(core.engine.isRunning(id)).toBe(true);
    expect((await core.dispatch('sync:cancel', { accountId: id })).ok).toBe(true);
    const run = await done;
    expect(run.status).toBe('cancelled');
    expect(core.store.state.cursor(id, 'orders')).toBe(1);
    expect(core.engine.isRunning(id)).toBe(false);
  });

  it('runs one sync per account at a time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const core = await setup(async () => gate);
    const id = await addAccount(core);
    const a = core.engine.start(id, { trigger: 'manual' });
    const b = core.engine.start(id, { trigger: 'manual' });
    expect(b.runId).toBe(a.runId);
    release();
    await a.done;
  });

  it('marks runs a dead process left running as interrupted', async () => {
    const core = await setup(async () => undefined);
    const id = await addAccount(core);
    const stale = core.store.runs.start(id, 'manual', 1);
    const dataDir = core.dataDir;
    await core.close();
    cores.pop();
    const reopened = await openTempCore({ dataDir, strategies: {} });
    cores.push(reopened);
    expect(reopened.store.runs.get(stale)?.status).toBe('interrupted');
  });

  it('emits progress with counts, rate and ETA', async () => {
    const core = await setup(async (ctx) => {
      for (let page = 0; page < 4; page++) {
        await new Promise((r) => setTimeout(r, 5));
        ctx.progress({ phase: '订单', window: `w${page}`, done: page, total: 4 });
        await ctx.commit(batchOf([order(page)]));
      }
    });
    const events: SyncProgressEvent[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'sync:progress') events.push(payload as SyncProgressEvent);
    });
    const id = await addAccount(core);
    await core.engine.start(id, { trigger: 'manual' }).done;
    expect(events.length).toBeGreaterThan(0);
    const first = events[0]!;
    expect(first).toMatchObject({ accountId: id, accountName: 'acc', provider: 'duomai', phase: expect.any(String) });
    expect(typeof first.ratePerSec).toBe('number');
  });

  it('refuses --since dates that are not dates', async () => {
    const core = await setup(async () => undefined);
    const id = await addAccount(core);
    const res = await core.dispatch('sync:run', { accountId: id, since: '2024/01/01' });
    expect(res).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('retry policy', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 };

  it('never waits less than Retry-After and caps the exponential ceiling', () => {
    expect(backoffDelay(1, policy, () => 0, 3000)).toBe(3000);
    expect(backoffDelay(10, policy, () => 0.999, undefined)).toBeLessThan(1000);
    expect(backoffDelay(3, policy, () => 0.5, undefined)).toBe(200);
  });

  it('waits for Retry-After before calling again', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const promise = withRetries(
      async () => {
        calls += 1;
        if (calls === 1) throw new ProviderError({ kind: 'rate_limit', provider: 'kuaimai', message: '429', retryAfterMs: 2000 });
        return 'ok';
      },
      policy,
      { signal: new AbortController().signal, random: () => 0 },
    );
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('gives up after the last attempt and on Retry-After beyond the limit', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new ProviderError({ kind: 'network', provider: 'kuaimai', message: 'down' }));
    };
    await expect(withRetries(failing, { ...policy, baseDelayMs: 1 }, { signal: new AbortController().signal, random: () => 0 })).rejects.toThrow('down');
    expect(calls).toBe(4);
    const tooLong = () => Promise.reject(new ProviderError({ kind: 'rate_limit', provider: 'kuaimai', message: 'later', retryAfterMs: 60_000 }));
    await expect(withRetries(tooLong, policy, { signal: new AbortController().signal, random: () => 0 })).rejects.toThrow('later');
  });
});

describe.each(['inline', 'worker'] as const)('pages handed over without waiting (%s writer)', (writer) => {
  it('commits them in order, several at once, with the run counters of every page', async () => {
    const core = await setup(async (ctx) => {
      const pending = [1, 2, 3, 4, 5].map((page) => ctx.commit(batchOf([order(page * 2), order(page * 2 + 1)]), { stream: 'orders', value: page }));
      await Promise.all(pending);
    }, writer);
    const id = await addAccount(core);
    const run = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(run).toMatchObject({ status: 'succeeded', pages: 5, fetched: 10, inserted: 10 });
    expect(core.store.state.cursor(id, 'orders')).toBe(5);
    expect(core.db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(10);
  });

  it('refuses the later pages of a run once a page failed, so no cursor passes a page not stored', async () => {
    const core = await setup(async (ctx) => {
      const broken = { ...order(3), status: 'exploded' as OrderRecord['status'] };
      const pending = [
        ctx.commit(batchOf([order(1)]), { stream: 'orders', value: 1 }),
        ctx.commit(batchOf([order(2), broken]), { stream: 'orders', value: 2 }),
        ctx.commit(batchOf([order(4)]), { stream: 'orders', value: 3 }),
      ];
      const outcomes = await Promise.allSettled(pending);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      await Promise.all(pending);
    }, writer);
    const id = await addAccount(core);
    const run = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(run).toMatchObject({ status: 'failed', errorKind: 'internal', pages: 1, inserted: 1 });
    expect(core.store.state.cursor(id, 'orders')).toBe(1);
    expect(core.db.prepare('SELECT order_no FROM orders ORDER BY order_no').pluck().all()).toEqual(['T000001']);
    // The next run of the account writes again.
    const again = await core.engine.start(id, { trigger: 'manual' }).done;
    expect(again.status).toBe('failed');
    expect(core.store.state.cursor(id, 'orders')).toBe(1);
  });
});
