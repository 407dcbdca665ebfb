/**
 * Literal secret values known to this process (decrypted by the vault, typed by the user). The scrubber
 * masks every occurrence of them in log output, whatever field or text they hide in.
 */

export const SECRET_MASK = '••••';
/** Shorter values would mask ordinary words and numbers all over the log; they are ignored. */
export const MIN_SECRET_LENGTH = 4;
const PREFIX_LENGTH = MIN_SECRET_LENGTH;

export class SecretRegistry {
  private readonly values = new Set<string>();
  /** First PREFIX_LENGTH chars → candidate forms, longest first; lets `scrub` run in one pass over the text. */
  private readonly byPrefix = new Map<string, string[]>();

  /** Remembers a secret (and its JSON-escaped and URL-encoded forms). Values shorter than 4 chars are ignored. */
  register(value: string): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    this.values.add(value);
    for (const form of encodedForms(value)) this.index(form);
  }

  get size(): number {
    return this.values.size;
  }

  clear(): void {
    this.values.clear();
    this.byPrefix.clear();
  }

  /** Replaces every registered value in `text` with the mask. */
  scrub(text: string): string {
    if (this.byPrefix.size === 0 || text.length < PREFIX_LENGTH) return text;
    let out = '';
    let last = 0;
    let i = 0;
    while (i <= text.length - PREFIX_LENGTH) {
      const candidates = this.byPrefix.get(text.slice(i, i + PREFIX_LENGTH));
      const hit = candidates?.find((candidate) => text.startsWith(candidate, i));
      if (hit === undefined) {
        i += 1;
        continue;
      }
      out += text.slice(last, i) + SECRET_MASK;
      i += hit.length;
      last = i;
    }
    return last === 0 ? text : out + text.slice(last);
  }

  private index(form: string): void {
    const prefix = form.slice(0, PREFIX_LENGTH);
    const list = this.byPrefix.get(prefix) ?? [];
    if (list.includes(form)) return;
    list.push(form);
    list.sort((a, b) => b.length - a.length);
    this.byPrefix.set(prefix, list);
  }
}

function encodedForms(value: string): Set<string> {
  const jsonEscaped = JSON.stringify(value).slice(1, -1);
  // …and escaped twice, as it appears in the final log line when JSON text was logged inside a string.
  const forms = new Set([value, jsonEscaped, JSON.stringify(jsonEscaped).slice(1, -1)]);
  try {
    const uri = encodeURIComponent(value);
    forms.add(uri);
    forms.add(uri.replace(/%20/g, '+'));
    forms.add(encodeURI(value));
  } catch {
    // lone surrogates cannot be URI-encoded; the plain form is still registered
  }
  return forms;
}

/** The process-wide registry; the vault's `onSecretRevealed` hook feeds it and `createLogger` uses it by default. */
export const defaultSecretRegistry = new SecretRegistry();
