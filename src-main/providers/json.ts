/**
 * Lossless JSON for provider bodies. Integers beyond 2^53 (24-digit order numbers, Kuaimai sids) come
 * back as strings; decimals with more digits than a double holds come back as strings too, so money
 * parsing can read them exactly. Everything else parses as with JSON.parse.
 *
 * The number tokens a double cannot hold are quoted first and the text then goes to the native
 * JSON.parse: several times faster than a parser written in JavaScript on a 200-row page, which is
 * what the sync spends most of its main-thread time on. As with JSON.parse, a repeated key keeps its
 * last value.
 */
import { isSafeNumber } from 'lossless-json';

/** A JSON string (skipped whole, so digits inside strings are never touched) or a JSON number token. */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const SPACE = /[ \t\r\n]*/y;

/** A quoted number followed by ':' would turn malformed input (a number as a key) into valid JSON. */
function isKeyPosition(text: string, end: number): boolean {
  SPACE.lastIndex = end;
  SPACE.test(text);
  return text[SPACE.lastIndex] === ':';
}

/** Throws SyntaxError on malformed input, like JSON.parse. */
export function parseJsonLossless(text: string): unknown {
  const quoted = text.replace(TOKEN, (token: string, offset: number) => {
    if (token.charCodeAt(0) === 34 || isSafeNumber(token)) return token;
    if (isKeyPosition(text, offset + token.length)) throw new SyntaxError(`Unexpected number ${token} at position ${offset}: object keys must be strings`);
    return `"${token}"`;
  });
  return JSON.parse(quoted);
}

/** Stable JSON text of one record for the raw-payload column (big numbers already are strings). */
export function rawJson(value: unknown): string {
  return JSON.stringify(value);
}
