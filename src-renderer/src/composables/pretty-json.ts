/**
 * Pretty-prints a provider payload without changing a single value: lossless-json keeps 24-digit
 * order numbers and decimals exactly as sent (JSON.parse would round them). Text that is not JSON
 * is shown as it is.
 */
import { parse, stringify } from 'lossless-json';

export function prettyJson(raw: string): string {
  try {
    return stringify(parse(raw), null, 2) ?? raw;
  } catch {
    return raw;
  }
}
