/**
 * The passphrase the CLI and the web mode open the ledger with: MERCHANT_LEDGER_PASSPHRASE, else typed on
 * the terminal. A data folder without a ledger yet is said to be new, and its passphrase is chosen as in
 * the desktop app: typed twice, at least PASSPHRASE_MIN characters.
 */
import { PASSPHRASE_MIN } from '../api/desktop-channels.js';
import { ledgerHasKeySlots } from '../db/ledger-probe.js';
import { envPassphrase, resolvePassphrase } from '../secrets/passphrase-slot.js';
import { VaultError } from '../secrets/vault-errors.js';
import { terminalPrompt } from './tty-prompt.js';

export type PromptFactory = (question: string) => (() => Promise<string>) | undefined;

const TOO_SHORT = `口令至少 ${PASSPHRASE_MIN} 个字符，账本未创建 (the passphrase needs at least ${PASSPHRASE_MIN} characters; no ledger was created)`;

export async function ledgerPassphrase(dataDir: string, env: Record<string, string | undefined>, promptFor: PromptFactory = terminalPrompt): Promise<string> {
  // The variable answers at once: no look into the ledger file, no terminal to find.
  const fromEnv = envPassphrase(env);
  if (fromEnv !== null) return fromEnv;
  if (ledgerHasKeySlots(dataDir)) return resolvePassphrase({ env, prompt: promptFor('账本口令 Ledger passphrase: ') });
  const choose = promptFor(`新账本 New ledger in ${dataDir}\n设置账本口令 Choose its passphrase (${PASSPHRASE_MIN}+): `);
  return resolvePassphrase({
    env,
    prompt: choose && (async () => {
      const typed = await choose();
      if (typed.length > 0 && typed.length < PASSPHRASE_MIN) throw new VaultError(TOO_SHORT);
      return typed;
    }),
    confirm: promptFor('再输入一次 Repeat the passphrase: '),
  });
}
