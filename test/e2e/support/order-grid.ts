/**
 * Reading the virtualized order grid from a test: its rows, the generation and paint time the Orders
 * view publishes, and scrolling it with the wheel until the rows in view hold data.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export function orderGrid(page: Page) {
  const grid = page.locator('[data-test=order-grid]');
  const wrap = page.locator('[data-test=orders-grid-wrap]');
  /** Rows with data (gap rows stand for pages not in memory). */
  const dataRows = (): Locator => grid.locator('[role=row][data-order-id]');

  async function generation(): Promise<number> {
    return Number(await wrap.getAttribute('data-generation'));
  }

  /** Waits until a list generation after `before` has painted; returns the view's own timing. */
  async function settledAfter(before: number): Promise<{ inPageMs: number }> {
    await expect.poll(async () => generation(), { timeout: 10_000 }).toBeGreaterThan(before);
    await expect.poll(async () => wrap.getAttribute('data-paint-ms'), { timeout: 10_000 }).not.toBeNull();
    return { inPageMs: Number(await wrap.getAttribute('data-paint-ms')) };
  }

  async function rowAttrs(name: string): Promise<string[]> {
    return dataRows().evaluateAll((rows, attr) => rows.map((r) => r.getAttribute(attr) ?? ''), name);
  }

  /** Turns the wheel over the grid, then waits until no row in view is a placeholder or empty. */
  async function wheel(deltaY: number): Promise<void> {
    const box = await grid.locator('[data-test=order-grid-body]').boundingBox();
    if (!box) throw new Error('the grid body is not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, deltaY);
    await expect
      .poll(
        async () =>
          grid.evaluate((root) => {
            const body = root.querySelector('[data-test=order-grid-body]');
            if (!body) return 'no body';
            const view = body.getBoundingClientRect();
            const inView = [...root.querySelectorAll<HTMLElement>('[data-test=order-grid-body] [role=row]')].filter((r) => {
              const b = r.getBoundingClientRect();
              return b.bottom > view.top + 1 && b.top < view.bottom - 1;
            });
            if (inView.length === 0) return 'no rows';
            const blank = inView.filter((r) => r.dataset['gap'] === 'true' || !(r.textContent ?? '').trim());
            return blank.length === 0 ? 'ok' : `${blank.length} blank of ${inView.length}`;
          }),
        { timeout: 15_000, interval: 100 },
      )
      .toBe('ok');
  }

  /** The highest row index in the DOM (rendered rows include a small cache beyond the view). */
  async function lastRenderedIndex(): Promise<number> {
    const indexes = await grid.locator('[role=row][data-row-index]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row-index'))));
    return Math.max(-1, ...indexes);
  }

  return { grid, wrap, dataRows, generation, settledAfter, rowAttrs, wheel, lastRenderedIndex };
}
