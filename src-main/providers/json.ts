/**
 * Lossless JSON for provider bodies. Integers beyond 2^53 (24-digit order numbers, Kuaimai sids) come
 * back as strings; decimals with more digits than a double holds come back as strings too, so money
 * parsing can read them exactly. Everything else parses as with JSON.parse.
 *
 * The number tokens a double cannot hold are quoted first and the text then goes to the native
 * JSON.parse. Finding them was the sync's largest main-thread cost, so one regular expression
 * looks only where a JSON value may start (after `:`, `[`, `,` or at the start) and only at tokens
 * that *could* be unsafe: 16 or more digits, or an exponent (at most 15 significant digits always
 * survive a double). Such a place can still be inside a string ("a: 12345678901234567"). Counting
 * every quote before it to find out costs more than the parse, so the first attempt takes each
 * candidate as bare: quoting one inside a string always makes the text invalid, and only then is it
 * done again with the quotes counted. As with JSON.parse, a repeated key keeps its last value.
 */
import { isSafeNumber } from 'lossless-json';

/**
 * A bare number token that may not fit a double, where a JSON value may start (after `:`, `[`, `,` or at
 * the start): 16 or more digits and points, or an exponent. Group 1 is the token; a token followed by
 * more number characters is malformed and left for JSON.parse to refuse.
 */
const CANDIDATE = /(?:^|[:[,])[ \t\r\n]*(-?(?=[\d.]{16}|[\d.]*[eE])(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\d.eE+-])/g;
const SPACE = /[ \t\r\n]*/y;
const BACKSLASH = 92;

/** A quoted number followed by ':' would turn malformed input (a number as a key) into valid JSON. */
function isKeyPosition(text: string, end: number): boolean {
  SPACE.lastIndex = end;
  SPACE.test(text);
  return text[SPACE.lastIndex] === ':';
}

/** Answers "is this position inside a string?" for increasing positions, counting each quote once. */
class StringTracker {
  private scanned = 0;
  private inside = false;

  constructor(private readonly text: string) {}

  isInside(at: number): boolean {
    const { text } = this;
    for (let q = text.indexOf('"', this.scanned); q !== -1 && q < at; q = text.indexOf('"', this.scanned)) {
      this.scanned = q + 1;
      if (!(this.inside && isEscaped(text, q))) this.inside = !this.inside;
    }
    this.scanned = Math.max(this.scanned, at);
    return this.inside;
  }
}

/** A quote after an odd number of backslashes is part of the string. */
function isEscaped(text: string, quote: number): boolean {
  let n = 0;
  while (text.charCodeAt(quote - 1 - n) === BACKSLASH) n += 1;
  return n % 2 === 1;
}

/** Throws SyntaxError on malformed input, like JSON.parse. */
export function parseJsonLossless(text: string): unknown {
  try {
    return JSON.parse(quoteUnsafeNumbers(text, null));
  } catch {
    // A candidate inside a string was quoted (that always breaks the text: a digit right after a string),
    // or the text is malformed: again, telling strings apart this time.
    return JSON.parse(quoteUnsafeNumbers(text, new StringTracker(text)));
  }
}

/** The text with its unsafe bare numbers quoted; without `strings`, every candidate is taken as bare. */
function quoteUnsafeNumbers(text: string, strings: StringTracker | null): string {
  let quoted = '';
  let copied = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const token = match[1]!;
    const end = match.index + match[0].length;
    const start = end - token.length;
    if (isSafeNumber(token) || strings?.isInside(start)) continue;
    if (isKeyPosition(text, end)) throw new SyntaxError(`Unexpected number ${token} at position ${start}: object keys must be strings`);
    quoted += `${text.slice(copied, start)}"${token}"`;
    copied = end;
  }
  return copied === 0 ? text : quoted + text.slice(copied);
}

/** Stable JSON text of one record for the raw-payload column (big numbers already are strings). */
export function rawJson(value: unknown): string {
  return JSON.stringify(value);
}
