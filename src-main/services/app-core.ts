/**
 * The composition root of the Electron-free core: opens (and migrates) the database, unlocks the
 * vault, builds repositories and services, and exposes one `dispatch` that every face calls.
 */
import path from 'node:path';
import type { CallContext } from '../api/dispatch.js';
import { createDispatcher } from '../api/dispatch.js';
import type { ApiError, Result } from '../api/result.js';
import { databasePath, openDatabase, type Db } from '../db/connection.js';
import { startCheckpointer } from '../db/checkpointer.js';
import { createStoreWorkerWriter } from './store-worker-pool.js';
import { startSearchIndexer } from '../db/search-index.js';
import { migrate, schemaVersion } from '../db/migrate.js';
import { AccountsRepository } from '../db/repositories/accounts-repository.js';
import { AuditRepository } from '../db/repositories/audit-repository.js';
import { KeySlotsRepository } from '../db/repositories/key-slots-repository.js';
import { StatsRepository } from '../db/repositories/stats-repository.js';
import { createLogger, type AppLogger } from '../logging/logger.js';
import { defaultSecretRegistry } from '../logging/redact.js';
import type { FetchLike } from '../providers/http.js';
import { isProviderError } from '../providers/provider-error.js';
import { providerRegistry, type ProviderRegistry } from '../providers/registry.js';
import { openVault, VaultError, VaultLockedError, type KeyUnlocker, type Vault } from '../secrets/vault.js';
import { AccountService } from './account-service.js';
import { AppInfoService } from './app-info-service.js';
import { createBackupService } from './backup-service.js';
import { createDashboardService } from './dashboard-service.js';
import { EventBus } from './event-bus.js';
import { createExportService } from './export-service.js';
import { createInsightServices } from './insight-services.js';
import { createRecordServices } from './record-services.js';
import { createHandlers, type CoreServices } from './handlers.js';
import { PassphraseService } from './passphrase-service.js';
import { SyncService } from './sync-service.js';
import { SyncEngine } from '../sync/engine.js';
import type { ProviderRateLimiter } from '../sync/rate-limit.js';
import { inlinePageWriter } from '../sync/page-writer.js';
import { toShanghaiWallTime } from '../domain/time.js';
import { RecordStore } from '../sync/record-store.js';
import type { RetryPolicy } from '../sync/retry.js';
import { SyncScheduler } from '../sync/scheduler.js';
import { syncStrategies, type StrategyRegistry } from '../sync/strategies/index.js';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly face: CallContext['face'];
  readonly unlocker: KeyUnlocker;
  /** Tried when `unlocker` has no slot that opens the vault (see OpenVaultOptions.fallback). */
  readonly fallbackUnlocker?: KeyUnlocker;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
  readonly logger?: AppLogger;
  readonly registry?: ProviderRegistry;
  readonly strategies?: StrategyRegistry;
  /** Sync tuning for tests and benchmarks (fast retries, no rate limit). */
  readonly retryPolicy?: RetryPolicy;
  readonly limiter?: ProviderRateLimiter;
  readonly isOnline?: () => boolean;
  /** better-sqlite3 native module for Electron's ABI (desktop, unpackaged). */
  readonly nativeBinding?: string;
  /**
   * Where sync pages are written: 'worker' (default) commits them in the store worker thread, so the
   * event loop never waits on a page's transaction; 'inline' writes on this thread (fast test setup).
   */
  readonly syncWriter?: 'worker' | 'inline';
}

export interface AppCore {
  readonly dataDir: string;
  readonly db: Db;
  readonly vault: Vault;
  readonly events: EventBus;
  readonly services: CoreServices;
  readonly engine: SyncEngine;
  readonly scheduler: SyncScheduler;
  readonly store: RecordStore;
  readonly logger: AppLogger;
  dispatch(channel: unknown, args: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

function mapLowerLayerError(error: unknown): ApiError | null {
  if (isProviderError(error)) {
    return { code: 'provider', message: error.message, details: { kind: error.kind, retryable: error.retryable, providerCode: error.providerCode ?? null } };
  }
  if (error instanceof VaultLockedError) return { code: 'locked', message: error.message };
  if (error instanceof VaultError) return { code: 'internal', message: error.message };
  return null;
}

/**
 * Loads at start what the first sync of the process would otherwise load in the middle of its first
 * page: Node's HTTP client (undici, compiled lazily on first use) and the time-zone data behind the
 * Shanghai wall times. Together a stall of 60–100 ms, which belongs to start-up, not to a running sync.
 */
function preloadSyncDependencies(): void {
  void globalThis.Headers;
  toShanghaiWallTime(0);
}

export async function openAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ dir: path.join(options.dataDir, 'logs') });
  const db = openDatabase(databasePath(options.dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const migrated = migrate(db, { backupDir: path.join(options.dataDir, 'backups'), now });
    if (migrated.from !== migrated.to) logger.info({ ...migrated }, 'database migrated');
    preloadSyncDependencies();
    const checkpointer = startCheckpointer(db, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      onError: (message) => logger.warn({ message }, 'background checkpoint failed'),
    });
    const vault = await openVault(new KeySlotsRepository(db), options.unlocker, {
      ...(options.fallbackUnlocker ? { fallback: options.fallbackUnlocker } : {}),
      onSecretRevealed: (value) => defaultSecretRegistry.register(value),
    });
    const events = new EventBus();
    const accountsRepo = new AccountsRepository(db);
    const registry = options.registry ?? providerRegistry;
    const audit = new AuditRepository(db);
    const accounts = new AccountService({
      accounts: accountsRepo,
      audit,
      registry,
      vault,
      fetch: options.fetch ?? globalThis.fetch,
      now,
      events,
      actor: options.face,
    });
    const store = new RecordStore(db, vault);
    const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
    const writer = options.syncWriter === 'inline' ? inlinePageWriter(store) : createStoreWorkerWriter({ databaseFile: db.name, ...binding }, vault);
    const engine = new SyncEngine({
      store,
      writer,
      accounts: accountsRepo,
      openClient: (account, signal) => registry[account.provider].createClient(accounts.contextFor(account, signal)),
      strategies: options.strategies ?? syncStrategies,
      emitProgress: (event) => events.emit('sync:progress', event),
      emitFinished: (run) => events.emit('sync:finished', run),
      logger,
      now,
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      ...(options.limiter ? { limiter: options.limiter } : {}),
    });
    // Orders queued for the search index are tokenized while no sync writes (db/search-index.ts).
    const searchIndexer = startSearchIndexer(db, {
      busy: () => engine.hasActiveRuns(),
      onError: (error) => logger.warn({ err: error }, 'search indexing failed'),
    });
    const scheduler = new SyncScheduler({ engine, accounts: accountsRepo, now, ...(options.isOnline ? { isOnline: options.isOnline } : {}) });
    const backup = createBackupService({ db, dataDir: options.dataDir, vault, engine, scheduler, store, events, logger, now });
    const services: CoreServices = {
      accounts,
      sync: new SyncService({ engine, scheduler, accounts: accountsRepo, runs: store.runs, state: store.state, now }),
      insights: createInsightServices({ db, now }),
      records: createRecordServices({ db, decrypt: (blob) => vault.decrypt(blob), now }),
      dashboard: createDashboardService({ db, now }),
      exports: createExportService({ db, dataDir: options.dataDir, decrypt: (blob) => vault.decrypt(blob), events, now, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) }),
      app: new AppInfoService({
        stats: new StatsRepository(db),
        dataDir: options.dataDir,
        schemaVersion: () => schemaVersion(db),
        weakKeyring: () => vault.info().weakKeyring,
      }),
      passphrase: new PassphraseService({ vault, backups: backup, audit, logger, actor: options.face, now }),
      backup,
    };
    const dispatcher = createDispatcher(createHandlers(services), {
      mapError: mapLowerLayerError,
      onInternalError: (channel, error) => logger.error({ err: error, channel }, 'internal error in handler'),
    });
    return {
      dataDir: options.dataDir,
      db,
      vault,
      events,
      services,
      engine,
      scheduler,
      store,
      logger,
      dispatch: (channel, args) => dispatcher(channel, args, { face: options.face }),
      async close() {
        // Running exports read the database until they stop; each removes its partial file.
        await services.exports.stop();
        await services.backup.stop();
        scheduler.stop();
        engine.cancel();
        await engine.idle();
        await writer.close();
        searchIndexer.stop();
        await checkpointer.stop();
        db.close();
        await logger.close();
      },
    };
  } catch (error) {
    db.close();
    await logger.close();
    throw error;
  }
}
