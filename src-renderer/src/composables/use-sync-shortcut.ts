/**
 * Ctrl/⌘ + R starts “sync all” in the browser (the desktop shell's menu owns that accelerator, so
 * this is bound only for the web transport). Ignored while typing in a field, where R is text.
 */
import { onBeforeUnmount, onMounted } from 'vue';

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & { target: EventTarget | null };

export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Partial<HTMLElement>).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select';
}

export function isSyncAllShortcut(event: KeyLike): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
  if (!(event.key === 'r' || event.key === 'R' || event.code === 'KeyR')) return false;
  return !isEditableTarget(event.target);
}

export function useSyncShortcut(enabled: () => boolean, onSyncAll: () => void): void {
  function onKeydown(event: KeyboardEvent): void {
    if (!enabled() || !isSyncAllShortcut(event)) return;
    event.preventDefault();
    onSyncAll();
  }
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
