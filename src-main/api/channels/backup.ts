/**
 * `backup:*` — automatic rotating backups of the ledger database, a manual backup, restore (with a copy
 * of the current data kept so a restore can be undone) and the backup policy.
 *
 * File paths chosen by the user are accepted only from the CLI and desktop faces; the web face works
 * with the backups folder and names from `backup:list` only.
 */
import { z } from 'zod';
import { channel, Empty } from '../channel.js';

export type BackupKind = 'hourly' | 'daily' | 'manual' | 'pre-migrate' | 'pre-restore';

export interface BackupView {
  /** File name inside the backups folder: what `backup:restore` takes. */
  readonly name: string;
  readonly kind: BackupKind;
  /** When the backup was taken (epoch ms, from the file name). */
  readonly createdAt: number;
  readonly sizeBytes: number;
  /** Schema version stored in the file header; null when the header cannot be read. */
  readonly schemaVersion: number | null;
}

export interface BackupListView {
  /** Absolute path of the backups folder. */
  readonly folder: string;
  /** Newest first. */
  readonly backups: readonly BackupView[];
}

export interface BackupCreatedView {
  /** Absolute path of the file written. */
  readonly file: string;
  /** Name in the backups folder, or null for a file written elsewhere (CLI/desktop `target`). */
  readonly name: string | null;
  readonly sizeBytes: number;
  readonly createdAt: number;
}

export interface RestoreView {
  /** What was restored: a name from the list or the absolute path given. */
  readonly restoredFrom: string;
  /** The copy of the data as it was just before the restore; restoring it undoes this restore. */
  readonly undo: BackupView;
  /** Schema version of the backup file, and the version after migrating it (equal when nothing ran). */
  readonly schemaVersion: number;
  readonly migratedTo: number;
}

export interface BackupSettingsView {
  readonly enabled: boolean;
  readonly intervalMinutes: number;
  readonly keepHourly: number;
  readonly keepDaily: number;
}

/** The policy stored in the `settings` table; every field has a default. */
export const BackupPolicySchema = z.strictObject({
  enabled: z.boolean().default(true),
  intervalMinutes: z.number().int().min(5).max(24 * 60).default(60),
  keepHourly: z.number().int().min(0).max(24 * 31).default(24),
  keepDaily: z.number().int().min(0).max(3650).default(14),
});

/** A file name from `backup:list`: no folders, no leading dot. */
const BackupName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.sqlite3$/, '应为备份列表中的文件名 (expected a file name from backup:list)');
/** An absolute path (CLI and desktop faces only; the service refuses it from the web face). */
const FilePath = z.string().trim().min(1).max(4096);

export const backupChannels = {
  'backup:list': channel<BackupListView>()(Empty),
  /** Takes a backup now: into the backups folder, or to `target` (an absolute path; CLI/desktop only). */
  'backup:create': channel<BackupCreatedView>()(z.strictObject({ target: FilePath.optional() })),
  /** Replaces the ledger's data with a validated backup: `name` from the list, or `path` (CLI/desktop only). */
  'backup:restore': channel<RestoreView>()(
    z
      .strictObject({ name: BackupName.optional(), path: FilePath.optional() })
      .refine((a) => (a.name === undefined) !== (a.path === undefined), { message: '需要 name 或 path 之一 (give exactly one of name, path)' }),
  ),
  /** Reads the backup policy; any field given is changed first. */
  'backup:settings': channel<BackupSettingsView>()(
    z.strictObject({
      enabled: z.boolean().optional(),
      intervalMinutes: z.number().int().min(5).max(24 * 60).optional(),
      keepHourly: z.number().int().min(0).max(24 * 31).optional(),
      keepDaily: z.number().int().min(0).max(3650).optional(),
    }),
  ),
} as const;
