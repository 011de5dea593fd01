import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { createStorage, type RunningServer, type Storage, startServer } from '../support/server.ts';

describe('public home in a real browser', () => {
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    storage = await createStorage();
    server = await startServer(storage);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await storage?.remove();
  });

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`shows the platform and the participating organisations on a ${name}`, async () => {
      const page = await browser.newPage({ viewport, locale: 'zh-CN' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: '守沪' }).waitFor();
      await page.getByText('中国银行上海市分行').waitFor();
      assert.equal(await page.getByRole('heading', { level: 3 }).count(), 5);
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      // Large type for older readers: body text at least 18 px.
      const size = await page
        .locator('.org-list li')
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      assert.ok(size >= 18, `font size ${size}`);
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
      await page.screenshot({ path: fileURLToPath(new URL(`public-home-${name}.png`, SCREENSHOTS)), fullPage: true });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('serves the page for deep links and JSON errors for unknown API addresses', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const res = await page.goto(`${server.url}/some/deep/link`);
    assert.equal(res?.status(), 200);
    await page.getByText('守沪').first().waitFor();
    const api = await page.request.get(`${server.url}/api/v1/nothing`);
    assert.equal(api.status(), 404);
    assert.equal((await api.json()).error.code, 'route.not_found');
    await page.close();
  });

  it('shows the API documentation, with no assets from elsewhere', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${server.url}/docs`);
    await page.getByText('Shouhu API (守沪)').first().waitFor();
    await page.screenshot({ path: fileURLToPath(new URL('api-docs-desktop.png', SCREENSHOTS)) });
    assert.deepEqual(foreign, []);
    await page.close();
  });
});
