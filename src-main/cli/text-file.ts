/**
 * A text file's bytes as text: UTF-8 (with or without BOM), else GB18030 — what a spreadsheet on a
 * Chinese Windows saves as "CSV" (GBK is a subset), so such a file reads right without re-saving.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
