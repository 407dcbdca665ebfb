/** Errors raised by the vault. Messages are for the merchant: zh-CN first, English in brackets. */
export class VaultError extends Error {
  override name = 'VaultError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The data key could not be unwrapped (wrong passphrase, unusable keyring, no matching slot) or the vault was locked. */
export class VaultLockedError extends VaultError {
  override name = 'VaultLockedError';
}

export const WRONG_PASSPHRASE_MESSAGE = '口令错误，无法解锁密钥库 (wrong passphrase)';
