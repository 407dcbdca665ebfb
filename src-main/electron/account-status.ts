/**
 * What the tray and notifications watch: every account's sync health (`accounts:list` →
 * AccountView.health) with the accounts whose sync is running right now (`sync:state` → running)
 * shown as 'syncing'. The source re-reads both whenever the core says something changed
 * (`accounts:changed`, `sync:finished`, and `sync:progress` for an account not yet known to be
 * running) and hands each snapshot to its listeners. Refreshes never overlap; events during one
 * coalesce into a single follow-up.
 */
import { z } from 'zod';
import type { AccountHealth } from '../api/contract.js';
import type { CoreEventSource, RunChannel, ShellLogger } from './shell-types.js';

export interface AccountStatus {
  readonly id: number;
  readonly name: string;
  readonly state: AccountHealth['state'];
  readonly errorKind: string | null;
  readonly errorMessage: string | null;
  /** Why the account needs the merchant (e.g. a token expired); null when it does not. */
  readonly needsAttention: string | null;
}

/** A stream of account-health snapshots (the tray and notifications consume it). */
export interface SyncStatusSource {
  subscribe(listener: (accounts: readonly AccountStatus[]) => void): () => void;
}

const HEALTH_STATES = ['never', 'ok', 'error', 'needs_attention', 'syncing', 'disabled'] as const satisfies readonly AccountHealth['state'][];

const AccountListSchema = z.array(
  z.object({
    id: z.number(),
    name: z.string(),
    health: z.object({
      state: z.enum(HEALTH_STATES),
      lastErrorKind: z.string().nullable().optional(),
      lastErrorMessage: z.string().nullable().optional(),
      needsAttention: z.string().nullable().optional(),
    }),
  }),
);

const SyncStateSchema = z.object({ running: z.array(z.object({ accountId: z.number() })) });

/** Account ids with a sync running, from `sync:state`'s value (empty when it cannot be read). */
export function runningAccountIds(value: unknown): Set<number> {
  const parsed = SyncStateSchema.safeParse(value);
  return new Set(parsed.success ? parsed.data.running.map((r) => r.accountId) : []);
}

export function toAccountStatuses(value: unknown, running: ReadonlySet<number> = new Set()): AccountStatus[] | null {
  const parsed = AccountListSchema.safeParse(value);
  if (!parsed.success) return null;
  return parsed.data.map((a) => ({
    id: a.id,
    name: a.name,
    state: running.has(a.id) && a.health.state !== 'disabled' ? 'syncing' : a.health.state,
    errorKind: a.health.lastErrorKind ?? null,
    errorMessage: a.health.lastErrorMessage ?? null,
    needsAttention: a.health.needsAttention ?? null,
  }));
}

/** Core events after which account health may have changed. */
export function affectsAccountHealth(name: string): boolean {
  return name === 'accounts:changed' || name.startsWith('sync:');
}

function accountIdOf(payload: unknown): number | null {
  const id = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)['accountId'] : undefined;
  return typeof id === 'number' ? id : null;
}

export interface AccountStatusSource extends SyncStatusSource {
  /** Re-reads the accounts now (also done on start and after relevant events). */
  refresh(): Promise<void>;
  close(): void;
}

export function createAccountStatusSource(deps: { events: CoreEventSource; runChannel: RunChannel; logger: ShellLogger }): AccountStatusSource {
  const listeners = new Set<(accounts: readonly AccountStatus[]) => void>();
  let running: Promise<void> | null = null;
  let again = false;
  let last: readonly AccountStatus[] = [];

  async function readOnce(): Promise<void> {
    const [list, state] = await Promise.all([deps.runChannel('accounts:list', {}), deps.runChannel('sync:state', {})]);
    if (!list.ok) {
      deps.logger.warn({ code: list.error.code }, 'could not read account health');
      return;
    }
    const accounts = toAccountStatuses(list.value, state.ok ? runningAccountIds(state.value) : new Set());
    if (!accounts) {
      deps.logger.warn({}, 'accounts:list answered an unexpected shape');
      return;
    }
    last = accounts;
    for (const listener of listeners) listener(accounts);
  }

  /** Progress arrives for every page: only the first one for an account changes what is shown. */
  function alreadyShown(name: string, payload: unknown): boolean {
    if (name !== 'sync:progress') return false;
    const id = accountIdOf(payload);
    return id !== null && last.some((a) => a.id === id && a.state === 'syncing');
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await readOnce();
        } catch (error) {
          deps.logger.warn({ err: error }, 'account health refresh failed');
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (affectsAccountHealth(name) && !alreadyShown(name, payload)) void refresh();
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    close() {
      unsubscribe();
      listeners.clear();
    },
  };
}
