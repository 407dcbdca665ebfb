/** What the renderer may learn about a secret: that it is set, and its last four characters when long. */
export function secretHint(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••';
}
