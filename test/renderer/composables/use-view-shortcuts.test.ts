import { describe, expect, it } from 'vitest';
import { shortcutTarget } from '../../../src-renderer/src/composables/use-view-shortcuts.js';

const base = { key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };

describe('shortcutTarget', () => {
  it('maps Ctrl/⌘ + 1…9 to the views in navigation order', () => {
    expect(shortcutTarget({ ...base, key: '1', code: 'Digit1', ctrlKey: true })).toBe('/dashboard');
    expect(shortcutTarget({ ...base, key: '6', code: 'Digit6', metaKey: true })).toBe('/flows');
    expect(shortcutTarget({ ...base, key: '7', code: 'Digit7', metaKey: true })).toBe('/reports');
    expect(shortcutTarget({ ...base, key: '8', code: 'Digit8', ctrlKey: true })).toBe('/reconcile');
    expect(shortcutTarget({ ...base, key: '9', code: 'Digit9', ctrlKey: true })).toBe('/accounts');
  });

  it('uses the physical key when the layout gives another character', () => {
    expect(shortcutTarget({ ...base, key: '&', code: 'Digit1', ctrlKey: true })).toBe('/dashboard');
  });

  it('ignores plain digits, 0, and other modifier mixes', () => {
    expect(shortcutTarget({ ...base, key: '1', code: 'Digit1' })).toBeNull();
    expect(shortcutTarget({ ...base, key: '0', code: 'Digit0', ctrlKey: true })).toBeNull();
    expect(shortcutTarget({ ...base, key: '1', code: 'Digit1', ctrlKey: true, shiftKey: true })).toBeNull();
    expect(shortcutTarget({ ...base, key: '1', code: 'Digit1', ctrlKey: true, altKey: true })).toBeNull();
  });
});
