import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_VIEW_COUNT, VIEW_NAMES } from '../../../src-main/electron/shell-events.js';

// The renderer's list is read as text: the main and renderer projects are type-checked separately
// and the renderer may import only types from src-main, so neither side can import the other's value.
const NAV_ITEMS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src-renderer/src/router/nav-items.ts');

function navItemNames(): string[] {
  const source = readFileSync(NAV_ITEMS_FILE, 'utf8');
  const list = source.slice(source.indexOf('export const NAV_ITEMS'));
  return [...list.matchAll(/\{\s*name:\s*'([^']+)'/g)].map((match) => match[1] as string);
}

describe('the desktop menu’s views', () => {
  it('are the renderer’s navigation items, in the same order', () => {
    const names = navItemNames();
    expect(names.length).toBeGreaterThanOrEqual(SHORTCUT_VIEW_COUNT);
    expect([...VIEW_NAMES]).toEqual(names);
  });

  it('give Ctrl/⌘+1…9 to the first nine', () => {
    expect(SHORTCUT_VIEW_COUNT).toBe(9);
    expect(VIEW_NAMES.slice(0, SHORTCUT_VIEW_COUNT)).toEqual(navItemNames().slice(0, 9));
  });
});
