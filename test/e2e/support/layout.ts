import type { Page } from 'playwright-core';

/**
 * What in the main area scrolls sideways — its content wider than its box — as "class scrollWidth/clientWidth"
 * lines for a failure message. Boxes narrower than 200 px are cells clipping their text, not layout.
 */
export async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('#main, #main *')]
      .filter((el) => el.clientWidth > 200 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      .map((el) => `${el.getAttribute('data-test') ?? el.className.toString().slice(0, 60)} ${el.scrollWidth}/${el.clientWidth}`),
  );
}

/** Tables (element-plus and the orders grid) rendered in the main area. */
export async function tablesShown(page: Page): Promise<number> {
  return page.locator('#main .el-table, #main .el-table-v2, #main [data-test=order-grid]').count();
}
