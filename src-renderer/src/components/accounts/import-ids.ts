/** Which accounts track imported ids (no list API for them), and how a chosen file becomes text. */
import type { AccountView } from '../../../../src-main/api/contract.js';

/** Kasushou buyer accounts (order numbers) and Kuaimai accounts (trade ids). */
export function canImportIds(account: Pick<AccountView, 'provider' | 'settings'>): boolean {
  if (account.provider === 'kuaimai') return true;
  return account.provider === 'kasushou' && (account.settings['mode'] ?? 'buyer') !== 'admin';
}

/**
 * The largest file read into the dialog: the web mode takes request bodies up to 1 MB, and the text
 * travels as JSON (a little longer than the file).
 */
export const ID_FILE_MAX_BYTES = 900 * 1024;

/**
 * A chosen file's text: UTF-8, else GB18030 — what a spreadsheet on a Chinese Windows saves as "CSV"
 * (the CLI reads files the same way).
 */
export async function fileText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
