/**
 * The composition root of the Electron-free core: opens (and migrates) the database, unlocks the
 * vault, builds repositories and services, and exposes one `dispatch` that every face calls.
 */
import path from 'node:path';
import type { CallContext } from '../api/dispatch.js';
import { createDispatcher } from '../api/dispatch.js';
import type { ApiError, Result } from '../api/result.js';
import { databasePath, openDatabase, type Db } from '../db/connection.js';
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
import { EventBus } from './event-bus.js';
import { createHandlers, type CoreServices } from './handlers.js';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly face: CallContext['face'];
  readonly unlocker: KeyUnlocker;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
  readonly logger?: AppLogger;
  readonly registry?: ProviderRegistry;
}

export interface AppCore {
  readonly dataDir: string;
  readonly db: Db;
  readonly vault: Vault;
  readonly events: EventBus;
  readonly services: CoreServices;
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

export async function openAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ dir: path.join(options.dataDir, 'logs') });
  const db = openDatabase(databasePath(options.dataDir), {
    onSlowQuery: (sql, ms) => logger.warn({ sql: sql.slice(0, 200), ms }, 'slow query'),
  });
  try {
    const migrated = migrate(db, { backupDir: path.join(options.dataDir, 'backups'), now });
    if (migrated.from !== migrated.to) logger.info({ ...migrated }, 'database migrated');
    const vault = await openVault(new KeySlotsRepository(db), options.unlocker, {
      onSecretRevealed: (value) => defaultSecretRegistry.register(value),
    });
    const events = new EventBus();
    const accountsRepo = new AccountsRepository(db);
    const services: CoreServices = {
      accounts: new AccountService({
        accounts: accountsRepo,
        audit: new AuditRepository(db),
        registry: options.registry ?? providerRegistry,
        vault,
        fetch: options.fetch ?? globalThis.fetch,
        now,
        events,
        actor: options.face,
      }),
      app: new AppInfoService({
        stats: new StatsRepository(db),
        dataDir: options.dataDir,
        schemaVersion: () => schemaVersion(db),
        weakKeyring: () => vault.info().weakKeyring,
      }),
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
      logger,
      dispatch: (channel, args) => dispatcher(channel, args, { face: options.face }),
      async close() {
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
