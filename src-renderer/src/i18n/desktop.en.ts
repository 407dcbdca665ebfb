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
  unlock: {
    title: 'Unlock the ledger',
    createTitle: 'Choose a ledger passphrase',
    intro: 'The OS keyring is not available on this computer, so the ledger’s keys and card codes are protected by a passphrase. Enter it at every start.',
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
