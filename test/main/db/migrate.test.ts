import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { checkDatabase } from '../../../src-main/db/health-check.js';
import { assertSchemaSupported, LATEST_SCHEMA_VERSION, migrate, SchemaTooNewError, schemaVersion } from '../../../src-main/db/migrate.js';
import { MIGRATIONS, type Migration } from '../../../src-main/db/migrations/index.js';
import { indexPendingOrders } from '../../../src-main/db/search-index.js';

const opened: Db[] = [];
function tempDb(): { db: Db; dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ml-db-'));
  const file = path.join(dir, 'ledger.sqlite3');
  const db = openDatabase(file);
  opened.push(db);
  return { db, dir, file };
}

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

describe('migrations', () => {
  it('creates schema v1 for the whole domain on a new database', () => {
    const { db } = tempDb();
    const result = migrate(db);
    expect(result).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, backupFile: null });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['accounts', 'orders', 'order_items', 'card_codes', 'commissions', 'settlement_changes', 'money_flows', 'record_history', 'sync_cursors', 'sync_runs', 'audit_log', 'orders_fts', 'key_slots']) {
      expect(tables).toContain(t);
    }
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(checkDatabase(db).ok).toBe(true);
  });

  it('is idempotent: a second run changes nothing', () => {
    const { db } = tempDb();
    migrate(db);
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, backupFile: null });
  });

  it('opens a database created by this schema version again', () => {
    const { db, file } = tempDb();
    migrate(db);
    db.close();
    const again = openDatabase(file);
    opened.push(again);
    expect(assertSchemaSupported(again)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(again).from).toBe(LATEST_SCHEMA_VERSION);
  });

  it('refuses a database stamped with a future version, with a clear message, and leaves it untouched', () => {
    const { db } = tempDb();
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(() => migrate(db)).toThrow(/比本程序支持的版本.*新.*update the app/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 5);
  });

  it('backs up an existing database before migrating it', () => {
    const { db, dir } = tempDb();
    migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    const next: Migration = { version: MIGRATIONS.length + 1, name: 'add-column', up: (d) => d.exec('ALTER TABLE settings ADD COLUMN note TEXT') };
    const result = migrate(db, { backupDir: path.join(dir, 'backups'), now: () => 42, migrations: [...MIGRATIONS, next] });
    expect(result.from).toBe(LATEST_SCHEMA_VERSION);
    expect(result.backupFile).toMatch(new RegExp(`pre-migrate-v${LATEST_SCHEMA_VERSION}-42\\.sqlite3$`));
    expect(existsSync(result.backupFile!)).toBe(true);
    const backup = openDatabase(result.backupFile!, { readonly: true });
    opened.push(backup);
    expect(schemaVersion(backup)).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
  });

  it('rolls back a failing migration as a whole and keeps the old version', () => {
    const { db } = tempDb();
    migrate(db);
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        d.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, { migrations: [...MIGRATIONS, broken] })).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });
});

describe('search index', () => {
  it('finds Chinese titles and partial order numbers through the trigram index', () => {
    const { db } = tempDb();
    migrate(db);
    db.prepare("INSERT INTO accounts (provider, name, base_url, created_at, updated_at) VALUES ('duomai', 'a', 'http://x', 0, 0)").run();
    const insert = db.prepare(
      `INSERT INTO orders (account_id, provider, order_no, status, status_raw, title, raw, content_hash, first_seen_at, last_seen_at)
       VALUES (1, 'duomai', ?, 'pending', '0', ?, '{}', 'h', 0, 0)`,
    );
    insert.run('202007110940097797825832', '腾讯视频VIP会员月卡');
    insert.run('D100759082558859640832', '京东E卡100元');
    // The index is filled from its queue (migration 0005): what the background worker does.
    const search = (q: string) => {
      indexPendingOrders(db);
      return (db.prepare('SELECT o.order_no FROM orders_fts f JOIN orders o ON o.id = f.rowid WHERE orders_fts MATCH ?').all(`"${q}"`) as { order_no: string }[]).map(
        (r) => r.order_no,
      );
    };
    expect(search('视频VIP')).toEqual(['202007110940097797825832']);
    expect(search('0940097')).toEqual(['202007110940097797825832']);
    expect(search('京东E卡')).toEqual(['D100759082558859640832']);
    db.prepare("UPDATE orders SET title = '爱奇艺黄金会员' WHERE order_no = 'D100759082558859640832'").run();
    expect(search('京东E卡')).toEqual([]);
    expect(search('爱奇艺')).toEqual(['D100759082558859640832']);
  });
});
