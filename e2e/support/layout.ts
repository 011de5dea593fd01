import type { Page } from 'playwright-core';

/**
 * What sticks out of the viewport sideways: the page's width when wider than the screen, and the
 * first visible elements past either edge. Empty when the page fits.
 */
export async function findOverflow(page: Page): Promise<string[]> {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && (r.right > width + 0.5 || r.left < -0.5);
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`);
  });
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  const viewport = page.viewportSize()?.width ?? scroll;
  return scroll > viewport || wide.length > 0 ? [`${scroll}px wide`, ...wide] : [];
}

/** The same, once the layout has settled: a table reflows a moment after its data or the viewport changes. */
export async function findSettledOverflow(page: Page, timeoutMs = 5000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const overflow = await findOverflow(page);
    if (overflow.length === 0 || Date.now() > until) return overflow;
    await page.waitForTimeout(250);
  }
}
