/**
 * Ctrl/⌘ + F focuses the current view's search box instead of the browser's find bar. In the desktop
 * shell the menu owns that accelerator and sends `shell:find`, which App.vue routes through
 * use-search-focus — so the view registers its box there too.
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { registerSearchTarget } from './use-search-focus.js';

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export function isFindShortcut(event: KeyLike): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
  return event.key === 'f' || event.key === 'F' || event.code === 'KeyF';
}

export function useFindShortcut(focus: () => void): void {
  function onKeydown(event: KeyboardEvent): void {
    if (!isFindShortcut(event)) return;
    event.preventDefault();
    focus();
  }
  let unregister: (() => void) | null = null;
  onMounted(() => {
    window.addEventListener('keydown', onKeydown);
    unregister = registerSearchTarget(() => ({ focus }));
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown);
    unregister?.();
    unregister = null;
  });
}

/** What an element-plus ElInput exposes to a template ref. */
type SearchBox = { focus(): void; select(): void };

/**
 * For a view whose search is one input: `const search = useSearchBox()` and `<el-input ref="search">`.
 * The box may be absent (a view with nothing to search yet); then Find does nothing.
 */
export function useSearchBox(): Ref<SearchBox | null> {
  const box = ref<SearchBox | null>(null);
  useFindShortcut(() => {
    box.value?.focus();
    box.value?.select();
  });
  return box;
}
