import type { VueWrapper } from '@vue/test-utils';
import { expect } from 'vitest';
import { focusSearch } from '../../../src-renderer/src/composables/use-search-focus.js';

/**
 * Checks both ways Find reaches a view's search box: the in-page Ctrl+F (web mode; the browser's find
 * bar is suppressed) and `shell:find` from the desktop menu, which App.vue routes to focusSearch().
 */
export function expectFindFocuses(wrapper: VueWrapper, inputSelector: string): void {
  const input = wrapper.find(inputSelector).element as HTMLInputElement;
  const key = new KeyboardEvent('keydown', { key: 'f', code: 'KeyF', ctrlKey: true, cancelable: true });
  window.dispatchEvent(key);
  expect(key.defaultPrevented).toBe(true);
  expect(document.activeElement).toBe(input);

  input.blur();
  expect(document.activeElement).not.toBe(input);
  expect(focusSearch()).toBe(true);
  expect(document.activeElement).toBe(input);
}
