/**
 * The core writes sync phases and windows bilingually ("订单 orders", "复查 re-check ≥ 2024-06-01").
 * These pick the part for the current language; anything else is shown as written.
 */
const BILINGUAL = /^([^\x20-\x7e][^A-Za-z]*?)\s+([A-Za-z].*)$/s;

export function localPart(text: string, locale: string): string {
  const match = BILINGUAL.exec(text.trim());
  if (!match) return text;
  return (locale === 'en' ? match[2] : match[1])?.trim() || text;
}

/** Trigger values the UI has labels for (`sync.trigger.*`). */
export const KNOWN_TRIGGERS = ['manual', 'schedule', 'cli', 'startup'] as const;

export function isKnownTrigger(value: string): value is (typeof KNOWN_TRIGGERS)[number] {
  return (KNOWN_TRIGGERS as readonly string[]).includes(value);
}
