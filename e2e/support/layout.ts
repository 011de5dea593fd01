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
