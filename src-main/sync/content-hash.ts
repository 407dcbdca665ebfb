/** Content hash of a normalized record: equal hash = nothing to write. */
import { createHash } from 'node:crypto';

export function contentHash(record: unknown): string {
  return createHash('sha1').update(JSON.stringify(record)).digest('base64url');
}
