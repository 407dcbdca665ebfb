import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type * as ClientApi from '../../../../src-renderer/src/api/client.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardView } from '../../../../src-main/api/contract.js';
import { ApiClientError, invoke } from '../../../../src-renderer/src/api/client.js';
import CardRevealDialog from '../../../../src-renderer/src/components/cards/CardRevealDialog.vue';
import { REVEAL_SECONDS } from '../../../../src-renderer/src/stores/cards.js';
import { appPlugins } from '../../support/mount.js';
import { cardView } from '../../support/record-fixtures.js';

type ClientModule = typeof ClientApi;

vi.mock('../../../../src-renderer/src/api/client.js', async (importOriginal) => {
  const real = await importOriginal<ClientModule>();
  return { ...real, invoke: vi.fn(), onEvent: vi.fn() };
});

const PASSWORDS: Record<number, string> = { 1: '4921-7788-0012-3456', 2: 'https://img.kasushou.test/qr/1-0-12345678.png', 3: '169220472827294395' };
const mounted: VueWrapper[] = [];

beforeEach(() => {
  vi.mocked(invoke).mockReset();
  vi.mocked(invoke).mockImplementation((async (channel: string, args: { id: number }) => {
    if (channel !== 'cards:reveal') throw new Error(channel);
    if (args.id === 99) throw new ApiClientError('not_found', '卡密不存在 card 99 not found');
    const card = cardView(args.id, { showType: args.id as 1 | 2 | 3 });
    return { ...card, password: PASSWORDS[args.id] ?? '' };
  }) as typeof invoke);
});
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function mountDialog(card: CardView | null): Promise<VueWrapper> {
  const wrapper = mount(CardRevealDialog, { props: { card }, global: { plugins: appPlugins().plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  await vi.waitFor(() => expect(document.querySelector('[data-test=revealed-password], [data-test=reveal-error]')).not.toBeNull());
  return wrapper;
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector);

describe('CardRevealDialog', () => {
  it('reveals one code through cards:reveal, shows it with a countdown, then forgets it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const wrapper = await mountDialog(cardView(1));
    expect(invoke).toHaveBeenCalledWith('cards:reveal', { id: 1 });
    expect(q('[data-test=revealed-password]')?.textContent).toBe(PASSWORDS[1]);
    expect(q('[data-test=reveal-countdown]')?.textContent).toBe(`${REVEAL_SECONDS} 秒后自动隐藏`);
    await vi.advanceTimersByTimeAsync(5000);
    expect(q('[data-test=reveal-countdown]')?.textContent).toBe(`${REVEAL_SECONDS - 5} 秒后自动隐藏`);
    await vi.advanceTimersByTimeAsync(REVEAL_SECONDS * 1000);
    expect(wrapper.emitted('close')).toHaveLength(1);
    expect(document.body.innerHTML).not.toContain(PASSWORDS[1]);
  });

  it('draws a QR code image for show type 2 as a data: URL', async () => {
    await mountDialog(cardView(2, { showType: 2 }));
    await vi.waitFor(() => expect(q('[data-test=card-qr]')?.getAttribute('src')).toMatch(/^data:image\/png;base64,/));
  });

  it('draws a barcode into an <svg> for show type 3', async () => {
    // happy-dom has no 2D canvas; JsBarcode only measures the caption's width with it.
    const measure = { font: '', measureText: (text: string) => ({ width: text.length * 8 }) };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(measure as unknown as CanvasRenderingContext2D);
    await mountDialog(cardView(3, { showType: 3 }));
    await vi.waitFor(() => expect(document.querySelectorAll('[data-test=card-barcode] rect').length).toBeGreaterThan(10));
    expect(q('[data-test=card-qr]')).toBeNull();
  });

  it('shows the core\'s refusal', async () => {
    await mountDialog(cardView(99));
    expect(q('[data-test=reveal-error]')?.textContent).toContain('card 99 not found');
    expect(q('[data-test=revealed-password]')).toBeNull();
  });

  it('wipes the password when the dialog is closed', async () => {
    const wrapper = await mountDialog(cardView(1));
    expect(document.body.innerHTML).toContain(PASSWORDS[1]);
    await wrapper.setProps({ card: null });
    await flushPromises();
    expect(document.body.innerHTML).not.toContain(PASSWORDS[1]);
  });
});
