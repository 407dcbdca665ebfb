import { describe, expect, it } from 'vitest';
import { canImportIds, fileText } from '../../../src-renderer/src/components/accounts/import-ids.js';
import { formatDuration, formatRelative } from '../../../src-renderer/src/composables/use-format.js';
import { isSyncAllShortcut } from '../../../src-renderer/src/composables/use-sync-shortcut.js';
import { localPart } from '../../../src-renderer/src/composables/sync-text.js';
import { accountView } from '../support/fixtures.js';

const NOW = Date.UTC(2024, 5, 1, 4, 0, 0);

describe('formatRelative', () => {
  it('says how long ago or how soon, in the largest whole unit', () => {
    expect(formatRelative(NOW - 3 * 60_000, NOW, 'zh-CN')).toBe('3分钟前');
    expect(formatRelative(NOW + 2 * 3_600_000, NOW, 'zh-CN')).toBe('2小时后');
    expect(formatRelative(NOW - 2 * 86_400_000, NOW, 'zh-CN')).toBe('前天');
    expect(formatRelative(NOW - 3 * 60_000, NOW, 'en')).toBe('3 minutes ago');
    expect(formatRelative(NOW + 30_000, NOW, 'en')).toBe('in 30 seconds');
    expect(formatRelative(NOW - 2000, NOW, 'zh-CN')).toBe('现在');
    expect(formatRelative(null, NOW, 'zh-CN')).toBeNull();
  });
});

describe('formatDuration', () => {
  it('writes hours, minutes and seconds per language', () => {
    expect(formatDuration(65_000, 'zh-CN')).toBe('1分5秒');
    expect(formatDuration(3_725_000, 'zh-CN')).toBe('1小时2分5秒');
    expect(formatDuration(3_725_000, 'en')).toBe('1h 2m 5s');
    expect(formatDuration(4000, 'en')).toBe('4s');
    expect(formatDuration(300, 'zh-CN')).toBe('<1 秒');
    expect(formatDuration(null, 'en')).toBeNull();
  });
});

describe('localPart', () => {
  it('picks the language half of a bilingual phase and leaves other text alone', () => {
    expect(localPart('订单 orders', 'zh-CN')).toBe('订单');
    expect(localPart('订单 orders', 'en')).toBe('orders');
    expect(localPart('复查未完成订单 open orders', 'en')).toBe('open orders');
    expect(localPart('2024-06-01 ~ 2024-06-08', 'en')).toBe('2024-06-01 ~ 2024-06-08');
    expect(localPart('准备', 'en')).toBe('准备');
  });
});

describe('isSyncAllShortcut', () => {
  const base = { key: 'r', code: 'KeyR', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, target: null };
  it('takes Ctrl/⌘ + R outside text fields only', () => {
    expect(isSyncAllShortcut(base)).toBe(true);
    expect(isSyncAllShortcut({ ...base, ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSyncAllShortcut({ ...base, ctrlKey: false })).toBe(false);
    expect(isSyncAllShortcut({ ...base, shiftKey: true })).toBe(false);
    expect(isSyncAllShortcut({ ...base, key: 't', code: 'KeyT' })).toBe(false);
    expect(isSyncAllShortcut({ ...base, target: document.createElement('input') })).toBe(false);
    expect(isSyncAllShortcut({ ...base, target: document.createElement('textarea') })).toBe(false);
    expect(isSyncAllShortcut({ ...base, target: document.createElement('div') })).toBe(true);
  });
});

describe('import ids', () => {
  it('is offered for Kasushou buyers (mode absent = buyer) and Kuaimai only', () => {
    expect(canImportIds(accountView({ settings: { mode: 'buyer' } }))).toBe(true);
    expect(canImportIds(accountView({ settings: {} }))).toBe(true);
    expect(canImportIds(accountView({ settings: { mode: 'admin' } }))).toBe(false);
    expect(canImportIds(accountView({ provider: 'kuaimai', settings: {} }))).toBe(true);
    expect(canImportIds(accountView({ provider: 'duomai', settings: {} }))).toBe(false);
  });

  it('reads a chosen file as UTF-8, or as GB18030 when it is not UTF-8 (a spreadsheet\'s CSV on Chinese Windows)', async () => {
    const utf8 = new TextEncoder().encode('\uFEFF订单号\nDD1');
    // The byte order mark is dropped, as a spreadsheet would.
    await expect(fileText(new Blob([utf8]))).resolves.toBe('订单号\nDD1');
    // 订单号 in GBK.
    const gbk = new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5, 0x0a, 0x44, 0x44, 0x31]);
    await expect(fileText(new Blob([gbk]))).resolves.toBe('订单号\nDD1');
  });
});
