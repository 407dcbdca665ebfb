/**
 * Lossless JSON for provider bodies. Integers beyond 2^53 (24-digit order numbers, Kuaimai sids) come
 * back as strings; decimals with more digits than a double holds come back as strings too, so money
 * parsing can read them exactly. Everything else parses as with JSON.parse.
 */
import { isSafeNumber, parse } from 'lossless-json';

function parseNumber(text: string): number | string {
  return isSafeNumber(text) ? Number(text) : text;
}

/** Throws SyntaxError on malformed input, like JSON.parse. */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, parseNumber);
}

/** Stable JSON text of one record for the raw-payload column (big numbers already are strings). */
export function rawJson(value: unknown): string {
  return JSON.stringify(value);
}
