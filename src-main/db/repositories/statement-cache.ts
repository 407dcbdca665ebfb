/** Prepared statements keyed by their SQL text: list queries are built per filter shape and reused. */
import type Database from 'better-sqlite3';
import type { Db } from '../connection.js';

export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Db,
    private readonly max = 256,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= this.max) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, statement);
    return statement;
  }
}

/** `?, ?, ?` for a list of parameters. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
