/**
 * Backups of the ledger: the policy (hourly + daily, rotated), a timer while a long-running face is
 * open, manual backups, and restores that keep a copy of the current data so they can be undone.
 * Key slots are the access control of this installation, not ledger content: a restore keeps the live
 * ones (the backup was proven to use the same data key), so a changed passphrase stays changed.
 */
import { mkdirSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CallContext } from '../api/dispatch.js';
import {
  BackupPolicySchema,
  type BackupCreatedView,
  type BackupListView,
  type BackupSettingsView,
  type BackupView,
  type RestoreView,
} from '../api/channels/backup.js';
import { ConflictError, NotFoundError, ValidationError } from '../api/errors.js';
import {
  BackupFileError,
  backupsDir,
  copyIntoLive,
  listBackups,
  newBackupName,
  removeStalePartials,
  stageCandidate,
  validateBackupFile,
  writeBackup,
  type BackupFileInfo,
  type BackupKind,
} from '../db/backup.js';
import type { Db } from '../db/connection.js';
import { rekeyBackupFile } from '../db/backup-rekey.js';
import { migrate, schemaVersion } from '../db/migrate.js';
import { MIGRATIONS, type Migration } from '../db/migrations/index.js';
import { AuditRepository } from '../db/repositories/audit-repository.js';
import { KeySlotsRepository } from '../db/repositories/key-slots-repository.js';
import { SettingsRepository } from '../db/repositories/settings-repository.js';
import { businessDay } from '../domain/time.js';
import type { AppLogger } from '../logging/logger.js';
import type { KeySlotRecord, Vault } from '../secrets/vault.js';
import type { SyncEngine } from '../sync/engine.js';
import type { RecordStore } from '../sync/record-store.js';
import type { SyncScheduler } from '../sync/scheduler.js';
import type { EventBus } from './event-bus.js';

type Face = CallContext['face'];

export const BACKUP_POLICY_KEY = 'backup.policy';
const MINUTE = 60_000;
const WEB_PATH_REFUSED =
  '网页模式不能指定文件路径，备份只能写入/读取备份文件夹 (the web face cannot choose file paths; use the backups folder and names from the list)';

export interface BackupServiceDeps {
  readonly db: Db;
  readonly dataDir: string;
  readonly audit: AuditRepository;
  readonly settings: SettingsRepository;
  readonly keySlots: KeySlotsRepository;
  readonly now: () => number;
  readonly logger: Pick<AppLogger, 'info' | 'warn' | 'error'>;
  /** Probe with the current data key (accepts a backup of this ledger whose key slots changed since). */
  readonly canDecrypt?: (blob: Buffer) => boolean;
  /** True while a sync writes: a restore is refused then. */
  readonly syncBusy?: () => boolean;
  /** Stops starting syncs; returns the function that resumes them. */
  readonly pauseSync?: () => () => void;
  /** After a successful restore (mark stale runs, tell the faces to reload). */
  readonly afterRestore?: () => void;
  /** Delay of the first scheduled check after `start()` (default one minute, so launching stays quick). */
  readonly startupDelayMs?: number;
  /** The schema a restored backup is migrated to (tests inject a failing one). */
  readonly migrations?: readonly Migration[];
}

/** A passphrase change done: the new slot and the passphrase slots it replaced. */
export interface PassphraseSlotChange {
  readonly newSlot: KeySlotRecord;
  readonly replacedSlots: readonly KeySlotRecord[];
}

/** What a passphrase change did to the backups folder (names as listed). */
export interface BackupRekeyReport {
  readonly rekeyed: string[];
  /** Left as they were: not provably this ledger's (`foreign`), or could not be opened or written. */
  readonly skipped: { name: string; reason: 'foreign' | 'unreadable'; detail?: string }[];
}

export interface ScheduledRunReport {
  readonly created: string[];
  readonly removed: string[];
}

function toView(b: BackupFileInfo): BackupView {
  return { name: b.name, kind: b.kind, createdAt: b.createdAt, sizeBytes: b.sizeBytes, schemaVersion: b.schemaVersion };
}

/** BackupFileError (db layer) → an API error with the same merchant-facing message. */
function asApiError(error: unknown): unknown {
  if (!(error instanceof BackupFileError)) return error;
  if (error.problem === 'missing') return new NotFoundError(error.message);
  if (error.problem === 'exists') return new ConflictError(error.message);
  return new ValidationError(error.message, { problem: error.problem });
}

export class BackupService {
  readonly folder: string;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly deps: BackupServiceDeps) {
    this.folder = backupsDir(deps.dataDir);
  }

  list(): BackupListView {
    return { folder: this.folder, backups: listBackups(this.folder).map(toView) };
  }

  policy(): BackupSettingsView {
    const parsed = BackupPolicySchema.safeParse(this.deps.settings.getJson(BACKUP_POLICY_KEY) ?? {});
    return parsed.success ? parsed.data : BackupPolicySchema.parse({});
  }

  /** Returns the policy after applying the fields given (none = read only). */
  settings(patch: Partial<BackupSettingsView>): BackupSettingsView {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) return this.policy();
    const next = BackupPolicySchema.parse({ ...this.policy(), ...changes });
    this.deps.settings.setJson(BACKUP_POLICY_KEY, next);
    if (this.started) this.schedule(this.msUntilDue());
    return next;
  }

  /** A manual backup: into the backups folder, or to `target` (absolute path; CLI and desktop only). */
  async create(args: { target?: string | undefined }, face: Face): Promise<BackupCreatedView> {
    const target = args.target === undefined ? null : this.checkTarget(args.target, face);
    return this.exclusive(async () => {
      const at = this.deps.now();
      let view: BackupCreatedView;
      if (target) {
        view = { file: target, name: null, sizeBytes: await this.writeTarget(target), createdAt: at };
      } else {
        const info = await this.writeKind('manual', at);
        view = { file: info.file, name: info.name, sizeBytes: info.sizeBytes, createdAt: at };
      }
      this.deps.audit.record({ at, actor: face, action: 'backup.create', targetType: 'backup', targetId: view.name ?? view.file, details: { file: view.file, sizeBytes: view.sizeBytes } });
      return view;
    });
  }

  /** Restores `name` (from the list) or `path` (CLI/desktop) into the live database. */
  async restore(args: { name?: string | undefined; path?: string | undefined }, face: Face): Promise<RestoreView> {
    const source = this.resolveSource(args, face);
    return this.exclusive(() => this.restoreFrom(source, args.name ?? source, face));
  }

  /**
   * Runs a passphrase change between backups and restores (a restore puts back the live key slots it
   * read when it began, which would undo a change made meanwhile), then gives each backup in the folder
   * holding this ledger's key the new slot in place of its passphrase slots (db/backup-rekey.ts), so
   * the old passphrase opens none of them.
   */
  async changePassphrase(change: () => Promise<PassphraseSlotChange>): Promise<PassphraseSlotChange & { backups: BackupRekeyReport }> {
    return this.exclusive(async () => {
      const changed = await change();
      const backups: BackupRekeyReport = { rekeyed: [], skipped: [] };
      // A backup of this ledger shares a slot it has now (the keyring's) or had until this change.
      const knownSlots = [...this.deps.keySlots.list(), ...changed.replacedSlots];
      const proof = { currentSlots: knownSlots, ...(this.deps.canDecrypt ? { canDecrypt: this.deps.canDecrypt } : {}) };
      for (const backup of listBackups(this.folder)) {
        const { outcome, detail } = rekeyBackupFile(backup.file, changed.newSlot, proof);
        if (outcome === 'rekeyed') backups.rekeyed.push(backup.name);
        else if (outcome !== 'unaffected') backups.skipped.push({ name: backup.name, reason: outcome, ...(detail ? { detail } : {}) });
      }
      if (backups.skipped.length > 0) this.deps.logger.warn({ skipped: backups.skipped }, 'backups left with their old passphrase slots');
      return { ...changed, backups };
    });
  }

  /** One scheduled check: an hourly backup when due, a daily one per business day, then rotation. */
  async runScheduled(): Promise<ScheduledRunReport> {
    return this.exclusive(async () => {
      const policy = this.policy();
      if (!policy.enabled || !this.deps.db.open) return { created: [], removed: [] };
      const now = this.deps.now();
      const existing = listBackups(this.folder);
      const created: string[] = [];
      const lastHourly = existing.find((b) => b.kind === 'hourly');
      const interval = policy.intervalMinutes * MINUTE;
      let hourly: BackupFileInfo | null = null;
      if (policy.keepHourly > 0 && (!lastHourly || now - lastHourly.createdAt >= interval - Math.min(MINUTE, interval / 10))) {
        hourly = await this.writeKind('hourly', now);
        created.push(hourly.name);
      }
      const lastDaily = existing.find((b) => b.kind === 'daily');
      if (policy.keepDaily > 0 && (!lastDaily || businessDay(lastDaily.createdAt) !== businessDay(now))) {
        created.push((hourly ? this.copyAs(hourly, 'daily', now) : await this.writeKind('daily', now)).name);
      }
      return { created, removed: this.rotate(policy) };
    });
  }

  /** Starts the automatic schedule (long-running faces only: desktop and web). Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    mkdirSync(this.folder, { recursive: true });
    removeStalePartials(this.folder);
    this.schedule(Math.max(this.deps.startupDelayMs ?? MINUTE, this.msUntilDue()));
  }

  /** Stops the schedule; resolves once a backup or restore under way has finished. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.queue;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    let delay: number;
    try {
      const report = await this.runScheduled();
      if (report.created.length > 0 || report.removed.length > 0) this.deps.logger.info({ ...report }, 'scheduled backup');
      delay = Math.max(1000, this.msUntilDue());
    } catch (error) {
      this.deps.logger.error({ err: error }, 'scheduled backup failed');
      delay = this.policy().intervalMinutes * MINUTE;
    }
    if (this.started && this.deps.db.open) this.schedule(delay);
  }

  private msUntilDue(): number {
    const interval = this.policy().intervalMinutes * MINUTE;
    const last = listBackups(this.folder).find((b) => b.kind === 'hourly');
    const due = last ? last.createdAt + interval : this.deps.now();
    return Math.min(interval, Math.max(0, due - this.deps.now()));
  }

  private rotate(policy: BackupSettingsView): string[] {
    const all = listBackups(this.folder);
    const doomed = [
      ...all.filter((b) => b.kind === 'hourly').slice(policy.keepHourly),
      ...all.filter((b) => b.kind === 'daily').slice(policy.keepDaily),
    ];
    for (const b of doomed) rmSync(b.file, { force: true });
    return doomed.map((b) => b.name);
  }

  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeKind(kind: Exclude<BackupKind, 'pre-migrate'>, at: number): Promise<BackupFileInfo> {
    mkdirSync(this.folder, { recursive: true });
    const name = newBackupName(this.folder, kind, at);
    const file = path.join(this.folder, name);
    const { sizeBytes } = await writeBackup(this.deps.db, file);
    return { name, file, kind, createdAt: at, sizeBytes, schemaVersion: schemaVersion(this.deps.db) };
  }

  private async writeTarget(target: string): Promise<number> {
    try {
      return (await writeBackup(this.deps.db, target)).sizeBytes;
    } catch (error) {
      throw asApiError(error);
    }
  }

  private copyAs(from: BackupFileInfo, kind: 'daily', at: number): BackupFileInfo {
    const name = newBackupName(this.folder, kind, at);
    const file = path.join(this.folder, name);
    copyFileSync(from.file, file);
    return { ...from, name, file, kind, createdAt: at };
  }

  private checkTarget(target: string, face: Face): string {
    if (face === 'web') throw new ValidationError(WEB_PATH_REFUSED, { problem: 'web-path' });
    if (!path.isAbsolute(target)) throw new ValidationError(`需要绝对路径 (an absolute path is required): ${target}`);
    const resolved = path.resolve(target);
    if (!existsSync(path.dirname(resolved))) throw new NotFoundError(`目录不存在 (folder does not exist): ${path.dirname(resolved)}`);
    return resolved;
  }

  private resolveSource(args: { name?: string | undefined; path?: string | undefined }, face: Face): string {
    if (args.path !== undefined) {
      if (face === 'web') throw new ValidationError(WEB_PATH_REFUSED, { problem: 'web-path' });
      if (!path.isAbsolute(args.path)) throw new ValidationError(`需要绝对路径 (an absolute path is required): ${args.path}`);
      const resolved = path.resolve(args.path);
      if (resolved === path.resolve(this.deps.db.name)) throw new ValidationError('不能用当前数据库恢复它自己 (that is the live database itself)');
      return resolved;
    }
    const match = listBackups(this.folder).find((b) => b.name === args.name);
    if (!match) throw new NotFoundError(`备份列表中没有此文件 (no such backup; see backup:list): ${args.name ?? ''}`);
    return match.file;
  }

  private async restoreFrom(source: string, label: string, face: Face): Promise<RestoreView> {
    if (this.deps.syncBusy?.()) throw new ConflictError('正在同步，请先取消同步或等待完成后再恢复 (a sync is running: cancel it or wait, then restore)');
    mkdirSync(this.folder, { recursive: true });
    const resume = this.deps.pauseSync?.() ?? (() => undefined);
    let staged: ReturnType<typeof stageCandidate> | null = null;
    try {
      staged = stageCandidate(source, this.folder);
      const currentSlots = this.deps.keySlots.list();
      const checked = validateBackupFile(staged.file, {
        latestSchemaVersion: (this.deps.migrations ?? MIGRATIONS).length,
        currentSlots,
        pageSize: Number(this.deps.db.pragma('page_size', { simple: true })),
        ...(this.deps.canDecrypt ? { canDecrypt: this.deps.canDecrypt } : {}),
      });
      const undo = await this.writeKind('pre-restore', this.deps.now());
      const migratedTo = await this.replaceLive(staged.file, undo, currentSlots);
      this.deps.afterRestore?.();
      this.deps.audit.record({
        at: this.deps.now(),
        actor: face,
        action: 'backup.restore',
        targetType: 'backup',
        targetId: label,
        details: { undo: undo.name, schemaVersion: checked.schemaVersion, migratedTo },
      });
      this.deps.logger.info({ from: label, undo: undo.name }, 'database restored from backup');
      return { restoredFrom: label, undo: toView(undo), schemaVersion: checked.schemaVersion, migratedTo };
    } catch (error) {
      throw asApiError(error);
    } finally {
      staged?.dispose();
      resume();
    }
  }

  /** Copies the validated file in, migrates it, keeps the live key slots; puts `undo` back on failure. */
  private async replaceLive(file: string, undo: BackupFileInfo, slots: readonly KeySlotRecord[]): Promise<number> {
    const live = this.deps.db.name;
    try {
      await copyIntoLive(file, live);
    } catch (error) {
      throw new ConflictError(`恢复失败，当前数据未改变 (restore failed, current data unchanged): ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const { to } = migrate(this.deps.db, { migrations: this.deps.migrations ?? MIGRATIONS, now: this.deps.now });
      this.deps.db.transaction(() => {
        for (const slot of this.deps.keySlots.list()) this.deps.keySlots.remove(slot.id);
        for (const slot of slots) this.deps.keySlots.save(slot);
      })();
      return to;
    } catch (error) {
      await copyIntoLive(undo.file, live);
      throw new ConflictError(`恢复后升级数据库失败，已还原为恢复前的数据 (migrating the restored data failed; the previous data was put back): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export interface BackupCoreParts {
  readonly db: Db;
  readonly dataDir: string;
  readonly vault: Vault;
  readonly engine: SyncEngine;
  readonly scheduler: SyncScheduler;
  readonly store: RecordStore;
  readonly events: EventBus;
  readonly logger: AppLogger;
  readonly now: () => number;
}

/** Wires the service into the core (one line in app-core). */
export function createBackupService(p: BackupCoreParts): BackupService {
  return new BackupService({
    db: p.db,
    dataDir: p.dataDir,
    audit: new AuditRepository(p.db),
    settings: new SettingsRepository(p.db),
    keySlots: new KeySlotsRepository(p.db),
    now: p.now,
    logger: p.logger,
    canDecrypt: (blob) => {
      try {
        p.vault.decrypt(blob);
        return true;
      } catch {
        return false;
      }
    },
    syncBusy: () => p.engine.running().length > 0,
    pauseSync: () => {
      const wasActive = p.scheduler.active;
      p.scheduler.stop();
      return () => {
        if (wasActive) p.scheduler.start();
      };
    },
    afterRestore: () => {
      p.store.runs.markInterrupted(p.now());
      p.events.emit('accounts:changed', { accountId: null });
    },
  });
}
