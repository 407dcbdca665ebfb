/**
 * JSON text as the simulated gateways write it: BareNumber values as bare number tokens (19- and
 * 24-digit ids, decimals that a double cannot hold), everything else exactly as JSON.stringify writes it.
 *
 * JSON.stringify writes a BareNumber as a marked string (its toJSON) and the marks are then unquoted.
 * The stringify written in JavaScript that did this before was most of a simulator's CPU time in the
 * sync benchmark: time that the app being measured lost on a two-core machine.
 */

const MARK = '\u0001';
/** A marked value as JSON.stringify escapes it: "\u0001<number>\u0001". */
const MARKED = /"\\u0001(-?\d[\d.eE+-]*)\\u0001"/g;

/** A number the gateway writes bare, however many digits it has. */
export class BareNumber {
  constructor(readonly text: string) {}

  toJSON(): string {
    return `${MARK}${this.text}${MARK}`;
  }

  toString(): string {
    return this.text;
  }
}

export function simulatorWireJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(MARKED, '$1');
}
