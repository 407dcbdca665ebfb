/** `app:*` — what the app is and what the ledger holds. */
import { channel, Empty } from '../channel.js';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly face: 'desktop' | 'web' | 'cli';
  readonly dataDir: string;
  readonly schemaVersion: number;
  /** True when the data key is protected only by an OS keyring backend that stores it in plain text. */
  readonly weakKeyring: boolean;
}

export interface StatusView {
  readonly accounts: number;
  readonly orders: number;
  readonly cards: number;
  readonly commissions: number;
  readonly settlements: number;
  readonly flows: number;
  readonly lastSyncAt: number | null;
  readonly schemaVersion: number;
}

export const appChannels = {
  'app:info': channel<AppInfo>()(Empty),
  'app:status': channel<StatusView>()(Empty),
} as const;
