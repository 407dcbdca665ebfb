/**
 * "Find" (Ctrl/⌘+F from the desktop menu, `shell:find`) focuses the current view's search box. A view
 * registers its box with `useSearchFocus(ref)`; the most recently mounted registration wins, and it is
 * dropped when its component unmounts. Works with a plain element or a component exposing `focus()`
 * (element-plus' ElInput).
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

type Focusable = { focus: () => void } | HTMLElement | null | undefined;
type Target = () => Focusable;

const targets: Target[] = [];

function focusTarget(target: Focusable): boolean {
  if (!target) return false;
  if (typeof HTMLElement !== 'undefined' && target instanceof HTMLElement) {
    const field = target.matches('input, textarea') ? target : target.querySelector<HTMLElement>('input, textarea');
    (field ?? target).focus();
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.select();
    return true;
  }
  target.focus();
  return true;
}

/** Registers a search box until `unregister` is called; returns `unregister`. */
export function registerSearchTarget(target: Target): () => void {
  targets.push(target);
  return () => {
    const index = targets.lastIndexOf(target);
    if (index !== -1) targets.splice(index, 1);
  };
}

/** Focuses the search box of the view on screen; false when it has none. */
export function focusSearch(): boolean {
  for (let i = targets.length - 1; i >= 0; i -= 1) {
    if (focusTarget(targets[i]?.())) return true;
  }
  return false;
}

/** In a view's setup: `const search = ref(); useSearchFocus(search)` and `<el-input ref="search">`. */
export function useSearchFocus(el: Ref<Focusable>): void {
  let unregister: (() => void) | null = null;
  onMounted(() => {
    unregister = registerSearchTarget(() => el.value);
  });
  onBeforeUnmount(() => {
    unregister?.();
    unregister = null;
  });
}
