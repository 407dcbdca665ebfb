/** A clock for relative times ("3 分钟前"): one shared ref, ticking while any component uses it. */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

export const NOW_TICK_MS = 15_000;

export function useNow(): Readonly<Ref<number>> {
  onMounted(() => {
    users += 1;
    now.value = Date.now();
    timer ??= setInterval(() => (now.value = Date.now()), NOW_TICK_MS);
  });
  onBeforeUnmount(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
