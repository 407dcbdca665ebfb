/**
 * The renderer's first check of a passphrase the merchant chooses (unlock view, recovery passphrase):
 * long enough and typed the same twice. The shell checks the length again; this only saves a round trip.
 */
export type NewPassphraseProblem = 'too-short' | 'mismatch';

export function newPassphraseProblem(passphrase: string, confirm: string, minLength: number): NewPassphraseProblem | null {
  if (passphrase.length < minLength) return 'too-short';
  if (passphrase !== confirm) return 'mismatch';
  return null;
}
