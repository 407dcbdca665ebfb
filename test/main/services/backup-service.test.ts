import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src-main/api/result.js';
import { listBackups } from '../../../src-main/db/backup.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../../../src-main/db/migrate.js';
import { MIGRATIONS, type Migration } from '../../../src-main/db/migrations/index.js';
import { AuditRepository } from '../../../src-main/db/repositories/audit-repository.js';
import { KeySlotsRepository } from '../../../src-main/db/repositories/key-slots-repository.js';
import { SettingsRepository } from '../../../src-main/db/repositories/settings-repository.js';
import { nullLogger } from '../../../src-main/logging/logger.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { BackupService, type BackupServiceDeps } from '../../../src-main/services/backup-service.js';
import type { BackupCreatedView, BackupListView, RestoreView } from '../../../src-main/api/contract.js';
import { emptyBatch } from '../../../src-main/domain/models.js';
import type { StrategyContext, SyncStrategy } from '../../../src-main/sync/strategy.js';
import { orderRecord } from '../../support/order-record.js';
import { openTempCore, TEST_SCRYPT, type TempCore, type TempCoreOptions } from '../../support/temp-core.js';

const cores: TempCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function core(options: TempCoreOptions = {}): Promise<TempCore> {
  const c = await openTempCore({ face: 'cli', ...options });
  cores.push(c);
  return c;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-bsvc-'));
  dirs.push(dir);
  return dir;
}

const APIKEY = 'sk-backup-test-4321';

/** An account with an encrypted secret, orders, card codes (encrypted passwords) and commissions. */
async function seed(c: TempCore, name = '卡速售店'): Promise<number> {
  const added = (await c.dispatch('accounts:add', {
    provider: 'kasushou',
    name,
    baseUrl: 'https://shop.example.com',
    settings: { userId: 'u1', mode: 'admin' },
    secrets: { apikey: APIKEY },
  })) as Result<{ id: number }>;
  if (!added.ok) throw new Error(added.error.message);
  const id = added.value.id;
  const order = c.db.prepare(
    "INSERT INTO orders (account_id, provider, order_no, status, status_raw, total, raw, content_hash, first_seen_at, last_seen_at) VALUES (?, 'kasushou', ?, 'completed', '1', ?, '{}', ?, 1, 1)",
  );
  const card = c.db.prepare('INSERT INTO card_codes (account_id, order_no, card_key, card_no, password_enc, content_hash, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1)');
  const commission = c.db.prepare(
    "INSERT INTO commissions (account_id, order_no, beneficiary, level, amount, status, status_raw, content_hash, first_seen_at, last_seen_at) VALUES (?, ?, 'b', 1, ?, 'settled', '3', 'h', 1, 1)",
  );
  c.db.transaction(() => {
    for (let i = 0; i < 50; i++) {
      order.run(id, `${name}-${i}`, i * 10_000, `h${i}`);
      card.run(id, `${name}-${i}`, `k${i}`, `CARD${i}`, c.vault.encrypt(`pw-${i}`), `c${i}`);
      commission.run(id, `${name}-${i}`, i * 100);
    }
  })();
  return id;
}

const TABLES = ['accounts', 'orders', 'card_codes', 'commissions', 'settings', 'sync_runs'] as const;
function dump(c: TempCore): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, c.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

function fileHash(c: TempCore): string {
  // The background checkpointer moves WAL frames into the database file at any moment; after a full
  // checkpoint the bytes depend only on the content, so "untouched" can be checked byte for byte.
  for (let attempt = 0; attempt < 100; attempt++) {
    const [result] = c.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) break;
  }
  const live = c.db.name;
  const hash = createHash('sha256').update(readFileSync(live));
  if (existsSync(`${live}-wal`)) hash.update(readFileSync(`${live}-wal`));
  return hash.digest('hex');
}

async function mutate(c: TempCore, accountId: number): Promise<void> {
  await seed(c, '第二个店');
  c.db.prepare('DELETE FROM orders WHERE account_id = ? AND order_no LIKE ?').run(accountId, '%-1_');
  c.db.prepare("UPDATE card_codes SET card_no = 'CHANGED'").run();
  c.services.backup.settings({ keepDaily: 3 });
}

describe('BackupService: backup and restore', () => {
  it('restores every table to the backup, keeps a pre-restore copy, and restoring that copy undoes the restore', async () => {
    const c = await core();
    const accountId = await seed(c);
    const before = dump(c);
    const made = await c.services.backup.create({}, 'cli');
    expect(made.name).toMatch(/^manual-.*\.sqlite3$/);
    await mutate(c, accountId);
    const changed = dump(c);
    expect(changed).not.toEqual(before);
    const heldCount = c.db.prepare('SELECT count(*) AS n FROM orders');

    const restored = await c.services.backup.restore({ name: made.name ?? '' }, 'cli');

    expect(restored).toMatchObject({ restoredFrom: made.name, schemaVersion: LATEST_SCHEMA_VERSION, migratedTo: LATEST_SCHEMA_VERSION });
    expect(restored.undo.kind).toBe('pre-restore');
    expect(dump(c)).toEqual(before);
    expect(heldCount.get()).toEqual({ n: 50 });
    // Repositories and the vault keep working on the restored content.
    const accounts = (await c.dispatch('accounts:list', {})) as Result<{ name: string }[]>;
    expect(accounts.ok && accounts.value.map((a) => a.name)).toEqual(['卡速售店']);
    const secrets = c.db.prepare('SELECT secrets_enc FROM accounts').get() as { secrets_enc: Buffer };
    expect(c.vault.decryptJson(secrets.secrets_enc)).toEqual({ apikey: APIKEY });
    const pw = c.db.prepare("SELECT password_enc FROM card_codes WHERE card_key = 'k7'").get() as { password_enc: Buffer };
    expect(c.vault.decrypt(pw.password_enc)).toBe('pw-7');
    expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');

    const listed = c.services.backup.list().backups.map((b) => b.name);
    expect(listed).toContain(restored.undo.name);
    const undone = await c.services.backup.restore({ name: restored.undo.name }, 'cli');
    expect(dump(c)).toEqual(changed);
    expect(undone.undo.name).not.toBe(restored.undo.name);

    const audit = new AuditRepository(c.db).recent(10);
    expect(audit.filter((a) => a.action === 'backup.restore').map((a) => a.targetId)).toEqual([restored.undo.name]);
  });

  it('a store worker that wrote before a restore writes into the restored ledger after it', async () => {
    let run = 0;
    const page = (n: number) => ({ ...emptyBatch(), orders: [orderRecord({ orderNo: `W-${n}`, raw: JSON.stringify({ n }) })] });
    const strategy = { provider: 'kasushou', run: async (ctx: StrategyContext<unknown>) => void (await ctx.commit(page((run += 1)), { stream: 'w', value: run })) };
    const c = await core({ syncWriter: 'worker', strategies: { kasushou: strategy as unknown as SyncStrategy<never> } });
    const accountId = await seed(c);
    const sync = () => c.engine.start(accountId, { trigger: 'manual' }).done;
    const orderNos = () => c.db.prepare("SELECT order_no FROM orders WHERE order_no LIKE 'W-%' ORDER BY order_no").pluck().all();
    expect((await sync()).status).toBe('succeeded');
    const made = await c.services.backup.create({}, 'cli');
    expect((await sync()).status).toBe('succeeded');
    expect(orderNos()).toEqual(['W-1', 'W-2']);

    await c.services.backup.restore({ name: made.name ?? '' }, 'cli');
    expect(orderNos()).toEqual(['W-1']);
    const after = await sync();
    expect(after.errorMessage ?? '').toBe('');
    expect(after).toMatchObject({ status: 'succeeded', inserted: 1 });
    expect(orderNos()).toEqual(['W-1', 'W-3']);
    expect(c.store.state.cursor(accountId, 'w')).toBe(3);
    expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('marks sync runs caught mid-run in the backup as interrupted and tells the faces to reload', async () => {
    const c = await core();
    const accountId = await seed(c);
    c.db.prepare("INSERT INTO sync_runs (account_id, trigger, status, started_at) VALUES (?, 'manual', 'running', 5)").run(accountId);
    const made = await c.services.backup.create({}, 'cli');
    c.db.prepare("UPDATE sync_runs SET status = 'succeeded'").run();
    const events: string[] = [];
    c.events.subscribe((name) => events.push(name));
    await c.services.backup.restore({ name: made.name ?? '' }, 'cli');
    expect(c.db.prepare('SELECT status FROM sync_runs').all()).toEqual([{ status: 'interrupted' }]);
    expect(events).toContain('accounts:changed');
  });

  it('writes a manual backup to a chosen absolute path (CLI) and audits it', async () => {
    const c = await core();
    await seed(c);
    const target = path.join(tempDir(), 'mine.sqlite3');
    const view = await c.services.backup.create({ target }, 'cli');
    expect(view).toMatchObject({ file: target, name: null });
    expect(existsSync(target)).toBe(true);
    expect(c.services.backup.list().backups).toEqual([]);
    await expect(c.services.backup.create({ target }, 'cli')).rejects.toThrow(/文件已存在/);
    await expect(c.services.backup.create({ target: 'relative.sqlite3' }, 'cli')).rejects.toThrow(/绝对路径/);
    await expect(c.services.backup.create({ target: path.join(tempDir(), 'no', 'such', 'x.sqlite3') }, 'cli')).rejects.toThrow(/目录不存在/);
    const audit = new AuditRepository(c.db).recent(10, 'backup.create');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', targetId: target });
  });

  it('accepts a backup of this ledger after the passphrase changed, and keeps the current key slots', async () => {
    const c = await core();
    await seed(c);
    const made = await c.services.backup.create({}, 'cli');
    const oldSlot = c.vault.info().slots[0]!.id;
    const added = await c.vault.addSlot(passphraseUnlocker('a new passphrase', { scrypt: TEST_SCRYPT }));
    c.vault.removeSlot(oldSlot);
    await c.services.backup.restore({ name: made.name ?? '' }, 'cli');
    expect(c.vault.info().slots.map((s) => s.id)).toEqual([added.id]);
  });
});

describe('BackupService: restoring an older schema', () => {
  it.skipIf(MIGRATIONS.length < 2)('migrates a backup taken by an older version of the app after copying it in', async () => {
    const c = await core();
    await seed(c);
    const dir = tempDir();
    const old = path.join(dir, 'old.sqlite3');
    const db = new Database(old);
    migrate(db, { migrations: MIGRATIONS.slice(0, -1) });
    for (const slot of new KeySlotsRepository(c.db).list()) new KeySlotsRepository(db).save(slot);
    db.prepare("INSERT INTO accounts (provider, name, base_url, created_at, updated_at) VALUES ('duomai', '旧版本的店', 'https://d.example', 1, 1)").run();
    db.close();
    const view = await c.services.backup.restore({ path: old }, 'cli');
    expect(view).toMatchObject({ schemaVersion: MIGRATIONS.length - 1, migratedTo: MIGRATIONS.length });
    expect(schemaVersion(c.db)).toBe(MIGRATIONS.length);
    expect(c.db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: '旧版本的店' }]);
  });

  it('puts the previous data back when migrating the restored backup fails', async () => {
    const c = await core();
    await seed(c);
    const made = await c.services.backup.create({}, 'cli');
    c.db.prepare("UPDATE accounts SET name = '改名后'").run();
    const rows = dump(c);
    const failing: Migration = { version: MIGRATIONS.length + 1, name: 'boom', up: () => { throw new Error('boom'); } };
    const service = new BackupService({
      db: c.db,
      dataDir: c.dataDir,
      audit: new AuditRepository(c.db),
      settings: new SettingsRepository(c.db),
      keySlots: new KeySlotsRepository(c.db),
      now: Date.now,
      logger: nullLogger(),
      migrations: [...MIGRATIONS, failing],
    });
    await expect(service.restore({ name: made.name ?? '' }, 'cli')).rejects.toThrow(/已还原为恢复前的数据.*boom/);
    expect(dump(c)).toEqual(rows);
    expect(schemaVersion(c.db)).toBe(MIGRATIONS.length);
  });
});

describe('BackupService: refusing bad candidates leaves the live database untouched', () => {
  async function candidates(c: TempCore): Promise<Record<string, { file: string; message: RegExp }>> {
    const dir = tempDir();
    const good = path.join(dir, 'good.sqlite3');
    await c.services.backup.create({ target: good }, 'cli');
    const random = path.join(dir, 'random.sqlite3');
    writeFileSync(random, randomBytes(32 * 1024));
    const truncated = path.join(dir, 'truncated.sqlite3');
    copyFileSync(good, truncated);
    truncateSync(truncated, 8192);
    const notLedger = path.join(dir, 'not-ledger.sqlite3');
    const other = new Database(notLedger);
    other.exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hi')");
    other.close();
    const future = path.join(dir, 'future.sqlite3');
    copyFileSync(good, future);
    const f = new Database(future);
    f.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    f.close();
    const stranger = await core();
    await seed(stranger, '别人的店');
    const foreign = path.join(dir, 'foreign.sqlite3');
    await stranger.services.backup.create({ target: foreign }, 'cli');
    return {
      random: { file: random, message: /不是 SQLite 数据库文件/ },
      truncated: { file: truncated, message: /备份文件不完整.*truncated/ },
      notLedger: { file: notLedger, message: /不是商户账本的数据库/ },
      future: { file: future, message: /比本程序支持的.*新/ },
      foreign: { file: foreign, message: /此备份属于另一个账本.*could not be decrypted/ },
      missing: { file: path.join(dir, 'nope.sqlite3'), message: /找不到备份文件/ },
    };
  }

  it('refuses random bytes, a truncated file, a non-ledger file, a future schema, another ledger and a missing file', async () => {
    const c = await core();
    await seed(c);
    const cases = await candidates(c);
    const hash = fileHash(c);
    const rows = dump(c);
    for (const [label, { file, message }] of Object.entries(cases)) {
      const result = (await c.dispatch('backup:restore', { path: file })) as Result<RestoreView>;
      expect(result.ok, label).toBe(false);
      if (!result.ok) expect(result.error.message, label).toMatch(message);
      expect(fileHash(c), label).toBe(hash);
    }
    expect(dump(c)).toEqual(rows);
    expect(c.services.backup.list().backups.filter((b) => b.kind === 'pre-restore')).toEqual([]);
    expect(readdirSync(c.services.backup.folder).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(new AuditRepository(c.db).recent(50, 'backup.restore')).toEqual([]);
  });

  it('refuses to restore while a sync is running, and pauses the scheduler during a restore', async () => {
    const c = await core();
    await seed(c);
    const made = await c.services.backup.create({}, 'cli');
    const resume = vi.fn();
    const deps: BackupServiceDeps = {
      db: c.db,
      dataDir: c.dataDir,
      audit: new AuditRepository(c.db),
      settings: new SettingsRepository(c.db),
      keySlots: new KeySlotsRepository(c.db),
      now: Date.now,
      logger: nullLogger(),
      syncBusy: () => true,
      pauseSync: () => resume,
    };
    await expect(new BackupService(deps).restore({ name: made.name ?? '' }, 'cli')).rejects.toThrow(/正在同步/);
    await new BackupService({ ...deps, syncBusy: () => false }).restore({ name: made.name ?? '' }, 'cli');
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('runs a passphrase change asked for during a restore after it, since the restore puts back the key slots it began with', async () => {
    const c = await core();
    await seed(c);
    const made = await c.services.backup.create({}, 'cli');
    const order: string[] = [];
    const keySlots = new KeySlotsRepository(c.db);
    const service = new BackupService({
      db: c.db,
      dataDir: c.dataDir,
      audit: new AuditRepository(c.db),
      settings: new SettingsRepository(c.db),
      keySlots,
      now: Date.now,
      logger: nullLogger(),
      afterRestore: () => order.push('restored'),
    });
    const restoring = service.restore({ name: made.name ?? '' }, 'cli');
    const changing = service.changePassphrase(async () => {
      order.push('change');
      const { slot, replaced } = await c.vault.replaceSlots(passphraseUnlocker('a new passphrase', { scrypt: TEST_SCRYPT }));
      return { newSlot: slot, replacedSlots: replaced };
    });
    const [, changed] = await Promise.all([restoring, changing]);
    expect(order).toEqual(['restored', 'change']);
    expect(keySlots.list().map((slot) => slot.id)).toEqual([changed.newSlot.id]);
    // The backup and the restore's undo copy now hold the new slot too.
    expect(changed.backups).toEqual({ rekeyed: expect.arrayContaining([made.name]), skipped: [] });
    expect(changed.backups.rekeyed).toHaveLength(2);
  });
});

describe('BackupService: schedule and rotation', () => {
  it('keeps exactly the configured number of hourly and daily backups, newest first, and never rotates others', async () => {
    let clock = Date.UTC(2024, 0, 1, 0, 0, 0); // 08:00 in Shanghai
    const c = await core({ now: () => clock });
    await seed(c);
    c.services.backup.settings({ keepHourly: 3, keepDaily: 2 });
    const manual = await c.services.backup.create({}, 'cli');
    const hourlyTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const report = await c.services.backup.runScheduled();
      expect(report.created.some((n) => n.startsWith('hourly-')), `tick ${i}`).toBe(true);
      hourlyTimes.push(clock);
      expect(await c.services.backup.runScheduled(), 'not due again at the same instant').toEqual({ created: [], removed: [] });
      clock += 60 * 60_000;
    }
    const kinds = (k: string) => c.services.backup.list().backups.filter((b) => b.kind === k);
    expect(kinds('hourly').map((b) => b.createdAt)).toEqual(hourlyTimes.slice(-3).reverse());
    expect(kinds('daily')).toHaveLength(1); // 08:00–17:00 of one Shanghai business day
    const dailyTimes = [kinds('daily')[0]!.createdAt];
    for (let i = 0; i < 5; i++) {
      clock += 24 * 60 * 60_000;
      await c.services.backup.runScheduled();
      dailyTimes.unshift(clock);
    }
    expect(kinds('hourly')).toHaveLength(3);
    expect(kinds('daily').map((b) => b.createdAt)).toEqual(dailyTimes.slice(0, 2));
    expect(kinds('manual').map((b) => b.name)).toEqual([manual.name]);

    c.services.backup.settings({ enabled: false });
    clock += 24 * 60 * 60_000;
    expect(await c.services.backup.runScheduled()).toEqual({ created: [], removed: [] });
  });

  it('stores the policy in the settings table with defaults of 24 hourly and 14 daily', async () => {
    const c = await core();
    expect(c.services.backup.settings({})).toEqual({ enabled: true, intervalMinutes: 60, keepHourly: 24, keepDaily: 14 });
    c.services.backup.settings({ keepHourly: 48 });
    expect(new SettingsRepository(c.db).getJson('backup.policy')).toMatchObject({ keepHourly: 48, keepDaily: 14 });
    const bad = (await c.dispatch('backup:settings', { keepHourly: -1 })) as Result<unknown>;
    expect(bad.ok).toBe(false);
  });

  it('start() takes the first backup on a timer and stop() ends the schedule', async () => {
    const c = await core();
    const service = new BackupService({
      db: c.db,
      dataDir: c.dataDir,
      audit: new AuditRepository(c.db),
      settings: new SettingsRepository(c.db),
      keySlots: new KeySlotsRepository(c.db),
      now: Date.now,
      logger: nullLogger(),
      startupDelayMs: 0,
    });
    service.start();
    await vi.waitFor(() => expect(listBackups(service.folder).map((b) => b.kind).sort()).toEqual(['daily', 'hourly']), { timeout: 5000 });
    await service.stop();
  });
});

describe('web face', () => {
  it('cannot write or read outside the backups folder', async () => {
    const c = await core({ face: 'web' });
    await seed(c);
    const outside = path.join(tempDir(), 'escape.sqlite3');
    const create = (await c.dispatch('backup:create', { target: outside })) as Result<BackupCreatedView>;
    expect(create.ok).toBe(false);
    if (!create.ok) expect(create.error.message).toMatch(/网页模式不能指定文件路径/);
    expect(existsSync(outside)).toBe(false);

    const inFolder = (await c.dispatch('backup:create', {})) as Result<BackupCreatedView>;
    expect(inFolder.ok).toBe(true);
    if (!inFolder.ok) return;
    expect(path.dirname(inFolder.value.file)).toBe(c.services.backup.folder);

    const byPath = (await c.dispatch('backup:restore', { path: inFolder.value.file })) as Result<RestoreView>;
    expect(byPath.ok).toBe(false);
    if (!byPath.ok) expect(byPath.error.message).toMatch(/网页模式/);
    for (const name of ['../ledger.sqlite3', '..\\ledger.sqlite3', '.staging-x.sqlite3', 'a/b.sqlite3']) {
      const r = (await c.dispatch('backup:restore', { name })) as Result<RestoreView>;
      expect(r.ok ? 'ok' : r.error.code, name).toBe('validation');
    }
    const missing = (await c.dispatch('backup:restore', { name: 'manual-2020-01-01T00-00-00-000Z.sqlite3' })) as Result<RestoreView>;
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found');

    const list = (await c.dispatch('backup:list', {})) as Result<BackupListView>;
    expect(list.ok && list.value.backups.map((b) => b.name)).toEqual([inFolder.value.name]);
    const restored = (await c.dispatch('backup:restore', { name: inFolder.value.name })) as Result<RestoreView>;
    expect(restored.ok).toBe(true);
    const audit = new AuditRepository(c.db).recent(10).filter((a) => a.action.startsWith('backup.'));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['backup.restore', 'web']]);
  });
});
