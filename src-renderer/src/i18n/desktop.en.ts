/** Desktop-shell settings and the passphrase unlock in English (typed against desktop.zh-CN.ts). */
import type { DesktopMessages } from './desktop.zh-CN.js';

const desktopEn: DesktopMessages = {
  desktopSettings: {
    title: 'Desktop app',
    intro: 'These settings apply to the desktop app on this computer only; they are not part of ledger backups.',
    webOnly: 'Only in the desktop app: browser mode has no tray icon and cannot start at login.',
    keepRunning: 'Keep running in the tray when the window is closed',
    keepRunningHint: 'Scheduled syncs continue while the window is closed; reopen or quit from the tray icon.',
    noTray: 'This desktop has no status area, so closing the window quits the app.',
    launchAtLogin: 'Start when I log in',
    launchAtLoginHint: 'Opens Merchant Ledger when you log in to this computer.',
    launchUnsupported: 'Launch at login is not available on this system or in development.',
    loadFailed: 'Could not read the desktop settings: {message}',
    saveFailed: 'Could not save: {message}',
    saved: 'Saved',
  },
  recovery: {
    title: 'Recovery passphrase',
    intro: 'The ledger’s keys and card codes are protected by this computer’s OS keyring. A recovery passphrase is a second key: on a new computer, or when the keyring breaks, it opens the same ledger in the desktop app, the CLI and the browser mode.',
    isSet: 'A passphrase is set: it opens this ledger in the CLI, the browser mode and on other computers.',
    keyringOnly: 'Only this computer’s OS keyring can open this ledger now. On a new computer or with a broken keyring it cannot be opened, and the CLI and browser mode cannot use it.',
    passphrase: 'Recovery passphrase',
    confirm: 'Repeat the recovery passphrase',
    submit: 'Set recovery passphrase',
    saving: 'Setting…',
    keepSafe: 'The passphrase is neither stored nor shown, and cannot be recovered if lost: keep it safe.',
    tooShort: 'The passphrase needs at least {min} characters',
    mismatch: 'The two passphrases differ',
    loadFailed: 'Could not read the key state: {message}',
    saveFailed: 'Could not set the recovery passphrase: {message}',
    saved: 'Recovery passphrase set',
    change: 'Change passphrase',
    changeWarning: 'Once the new passphrase is set, the old one stops opening this ledger, and the backups in the backups folder switch to the new one too (copies kept elsewhere still need the old one). The old passphrase is not asked for.',
    changeSubmit: 'Change passphrase',
    cancel: 'Cancel',
    changed: 'Passphrase changed; {count} backups in the backups folder now open with the new one too',
    backupsSkipped: 'These {count} backups could not switch to the new passphrase (not provably this ledger’s, or unreadable) and still open with the old one: check or delete them.',
    changeFailed: 'Could not change the passphrase: {message}',
  },
  unlock: {
    title: 'Unlock the ledger',
    createTitle: 'Choose a ledger passphrase',
    intro: 'The OS keyring is not available on this computer, so the ledger’s keys and card codes are protected by a passphrase. Enter it at every start.',
    introKeyring:
      'This computer’s OS keyring cannot open this ledger yet (it was made by the CLI or the browser mode, or on another computer). Enter the ledger’s passphrase: the OS keyring then remembers the ledger and later starts do not ask. The passphrase stays as it is, and the CLI and browser mode keep using it.',
    createIntro:
      'The OS keyring is not available on this computer. Choose a passphrase to protect the ledger’s keys and card codes. Encrypted content cannot be recovered without it, so keep it safe.',
    passphrase: 'Passphrase',
    confirm: 'Repeat the passphrase',
    submit: 'Unlock',
    create: 'Create and open',
    unlocking: 'Unlocking…',
    tooShort: 'The passphrase needs at least {min} characters',
    mismatch: 'The two passphrases differ',
    failed: 'Could not unlock: {message}',
  },
};

export default desktopEn;
