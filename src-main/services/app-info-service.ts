/** What the app is and what the ledger holds: `app:info`, `app:status`, CLI `status`. */
import type { AppInfo, StatusView } from '../api/contract.js';
import type { StatsRepository } from '../db/repositories/stats-repository.js';
import packageJson from '../../package.json' with { type: 'json' };

export interface AppInfoDeps {
  readonly stats: StatsRepository;
  readonly dataDir: string;
  readonly schemaVersion: () => number;
  readonly weakKeyring: () => boolean;
}

export const APP_VERSION: string = packageJson.version;

export class AppInfoService {
  constructor(private readonly deps: AppInfoDeps) {}

  info(face: AppInfo['face']): AppInfo {
    return {
      name: '商户账本 Merchant Ledger',
      version: APP_VERSION,
      face,
      dataDir: this.deps.dataDir,
      schemaVersion: this.deps.schemaVersion(),
      weakKeyring: this.deps.weakKeyring(),
    };
  }

  status(): StatusView {
    return { ...this.deps.stats.counts(), schemaVersion: this.deps.schemaVersion() };
  }
}
