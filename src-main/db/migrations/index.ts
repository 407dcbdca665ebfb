import type { Db } from '../connection.js';
import { initialSchema } from './0001-initial-schema.js';
import { queryIndexes } from './0002-query-indexes.js';
import { reconciliationFindings } from './0003-reconciliation-findings.js';
import { dashboardRollups } from './0004-dashboard-rollups.js';
import { searchIndexQueue } from './0005-search-index-queue.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

/** In order; a migration's version is its position (1-based). Never edit a released one: add a new file. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, queryIndexes, reconciliationFindings, dashboardRollups, searchIndexQueue];
