/** Content hash of a normalized record: equal hash = nothing to write. */
import { hash } from 'node:crypto';

export function contentHash(record: unknown): string {
  // One-shot hash: the same digest as createHash('sha1'), without a Hash object per record.
  return hash('sha1', JSON.stringify(record), 'base64url');
}
