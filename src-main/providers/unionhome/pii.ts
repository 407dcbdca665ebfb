/**
 * Masking of personal data found in union-home's goods_form / goods_address / remarks: mobile numbers
 * (15768868260 → 157****8260), landlines (0755-12345678 → 0755-****5678) and e-mail addresses
 * (1482418657@qq.com → 1***@qq.com). Used for everything shown or logged; the raw payload keeps the
 * original values (it is encrypted at rest by the store).
 */

// Mainland mobile, optionally with +86 / 86 prefix; not part of a longer digit run (order numbers).
const MOBILE_RE = /(?<!\d)((?:\+?86[-\s]?)?)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const LANDLINE_RE = /(?<!\d)(0\d{2,3})([-\s])(\d{3,4})(\d{4})(?!\d)/g;
const EMAIL_RE = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** Masks every phone number and e-mail address inside a text; other text is unchanged. */
export function maskPii(text: string): string {
  return text
    .replace(EMAIL_RE, '$1***@$2')
    .replace(MOBILE_RE, '$1$2****$4')
    .replace(LANDLINE_RE, '$1$2****$4');
}

/** Text of a scalar form value; nested values are shown as their JSON text. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** A flat, masked copy of a form object (`{userphone: "157****8260", …}`), keys unchanged. */
export function maskObject(object: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) out[key] = maskPii(valueText(value));
  return out;
}
