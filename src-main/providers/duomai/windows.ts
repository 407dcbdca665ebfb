/**
 * Duomai queries take at most one day per call (stime..etime, inclusive, ≤ 86400 s). These helpers
 * cut a longer range into such windows; consecutive windows share their boundary second, so a record
 * stamped exactly on it is read twice — dedupe by natural key (orderNo / changeKey).
 */
import { DUOMAI_MAX_SPAN_SECONDS } from './client.js';

export interface DuomaiWindow {
  /** Unix seconds, inclusive. */
  readonly stime: number;
  /** Unix seconds, inclusive; etime - stime ≤ 86400. */
  readonly etime: number;
}

/** Windows covering [fromSec, toSec] (both inclusive), each at most `spanSec` long. */
export function* duomaiWindows(fromSec: number, toSec: number, spanSec = DUOMAI_MAX_SPAN_SECONDS): Generator<DuomaiWindow> {
  if (!Number.isSafeInteger(fromSec) || !Number.isSafeInteger(toSec)) throw new RangeError('window bounds must be integers (Unix seconds)');
  if (spanSec < 1 || spanSec > DUOMAI_MAX_SPAN_SECONDS) throw new RangeError(`span must be 1..${DUOMAI_MAX_SPAN_SECONDS} s`);
  for (let stime = fromSec; stime <= toSec; stime += spanSec) {
    yield { stime, etime: Math.min(stime + spanSec, toSec) };
    if (stime + spanSec >= toSec) return;
  }
}
