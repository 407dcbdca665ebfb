/** Calls on a test core that the sync suites share: a dispatch that must succeed, a manual sync, row counts. */
import type { Result } from '../../src-main/api/result.js';
import type { TempCore } from './temp-core.js';

/** The value of an ok result; an error result fails the test with its code and message. */
export function valueOf<T>(result: Result<unknown>, what = 'expected ok'): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Dispatches on the core's API contract and returns the value; an error result fails the test. */
export async function dispatch<T>(core: TempCore, channel: string, args: unknown = {}): Promise<T> {
  return valueOf<T>(await core.dispatch(channel, args), channel);
}

/** One manual sync of the account (from `since`, epoch ms, when given), to its end. */
export function sync(core: TempCore, accountId: number, since?: number) {
  return core.engine.start(accountId, { trigger: 'manual', ...(since === undefined ? {} : { since }) }).done;
}

/** The single number a `SELECT count(*) …` (or any one-value query) returns. */
export function count(core: TempCore, sql: string, ...params: unknown[]): number {
  return core.db.prepare(sql).pluck().get(...params) as number;
}

export function historyCount(core: TempCore, accountId: number): number {
  return count(core, 'SELECT count(*) FROM record_history WHERE account_id = ?', accountId);
}
