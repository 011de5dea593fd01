import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { findOverflow } from '../support/layout.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));

describe('public site in a real browser', () => {
  const ctx = useServerAndBrowser({ DEV_OUTBOX: 'true' });

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`shows the services and the participating organisations on a ${name}, accessibly`, async () => {
      const page = await ctx.browser.newPage({ viewport, locale: 'zh-CN', bypassCSP: true });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(ctx.server.url);
      await page.getByRole('link', { name: '守沪' }).waitFor();
      await page.getByText('中国银行上海市分行').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      const size = await page
        .locator('.org-list li')
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      assert.ok(size >= 18, `font size ${size}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
      assert.deepEqual(await findAccessibilityProblems(page), []);
      await page.screenshot({ path: shot(`public-home-${name}`), fullPage: name === 'desktop' });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('switches to large type and to English, and remembers both', async () => {
    // bypassCSP only lets the test inject axe-core; the page itself runs under the real policy.
    const page = await ctx.browser.newPage({ viewport: PHONE, bypassCSP: true });
    await page.goto(ctx.server.url);
    const before = await page.locator('html').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    await page.getByRole('button', { name: '大字模式' }).click();
    const after = await page.locator('html').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    assert.ok(after >= before * 1.25, `${before} → ${after}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Available services' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await page.getByRole('heading', { name: 'Available services' }).waitFor();
    assert.equal(await page.locator('html').evaluate((el) => el.classList.contains('large')), true);
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('public-home-phone-large-en') });
    await page.close();
  });

  it('fits a 390 px phone in large type on every public page, nothing wider or cut off', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    await page.goto(ctx.server.url);
    await page.getByRole('button', { name: '大字模式' }).click();
    const problems: string[] = [];
    for (const [path, name] of [
      ['/', 'home'],
      ['/branches', 'finder'],
      ['/verify', 'verify'],
      ['/home-visit', 'home-visit'],
      ['/cloud-branch', 'cloud-branch'],
      ['/track', 'track'],
      ['/notices', 'notice'],
      ['/dev/outbox', 'outbox'],
    ]) {
      await page.goto(`${ctx.server.url}${path}`);
      await page.locator('h1.page-title').waitFor();
      await page.waitForLoadState('networkidle');
      // Every visible element inside the viewport's width: the page never scrolls sideways.
      const overflow = await findOverflow(page);
      if (overflow.length > 0) problems.push(`${path}: ${overflow.join('; ')}`);
      await page.screenshot({ path: shot(`public-${name}-phone-large`), fullPage: true });
    }
    assert.deepEqual(problems, []);
  });

  it('verifies a mobile number with the SMS code, and explains a wrong one beside the field, in either language', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    await page.goto(`${ctx.server.url}/verify`);
    // The form's own messages, not the browser's bubbles: under the field, named by its label.
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.locator('#mobile-error').filter({ hasText: '请填写手机号码' }).waitFor();
    assert.equal(await page.getByLabel('手机号码').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('手机号码').fill('12345');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.locator('#mobile-error').filter({ hasText: '手机号码位数不正确' }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('public-verify-error-phone') });
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('#mobile-error').filter({ hasText: 'Mobile number has the wrong number of digits' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByLabel('手机号码').fill('138 0013 9999');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    await page.getByLabel('短信验证码').fill('000000');
    await page.getByRole('button', { name: '确认' }).click();
    const wrong = await page.getByRole('alert').textContent();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    // The code is on the development outbox page, as it would be on the phone. Delivery is a
    // background job: reload until it is there.
    const outbox = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN' });
    let code: string | undefined;
    for (let i = 0; i < 30 && !code; i++) {
      await outbox.goto(`${ctx.server.url}/dev/outbox`);
      await outbox.getByRole('heading', { name: '开发用发件箱' }).waitFor();
      await outbox.waitForLoadState('networkidle');
      code = /验证码是 (\d{6})/.exec((await outbox.locator('.outbox').textContent()) ?? '')?.[1];
    }
    await outbox.screenshot({ path: shot('public-outbox-phone') });
    await outbox.close();
    assert.ok(code, 'code in the outbox');
    if (code !== '000000') assert.match(wrong ?? '', /验证码错误或已过期/);
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByText('手机号 138****9999 已验证').waitFor();
    await page.screenshot({ path: shot('public-verify-phone') });
    await page.close();
  });

  it('finds the nearest open branches for a service from a district, among the demo network', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    await page.goto(ctx.server.url);
    await page.getByRole('link', { name: '找营业网点' }).first().click();
    await page.getByLabel('要办的业务').selectOption('account_opening');
    await page.getByLabel('所在区').selectOption('310104');
    // Next Monday 10:00 in Shanghai: a working hour, so open branches are listed.
    const monday = new Date(Date.now() + 8 * 3_600_000);
    monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
    await page.getByLabel('什么时候去（可不填）').fill(`${monday.toISOString().slice(0, 10)}T10:00`);
    await page.getByRole('button', { name: '查找附近营业的网点' }).click();
    // Open now, or, at night and on closed days, the online channels instead: both are answers.
    // On a Monday morning there are open branches near the centre of Xuhui.
    await page.locator('.results li').first().waitFor();
    assert.match((await page.locator('.results li').first().textContent()) ?? '', /km/);
    // A later day is "that day", not "today".
    assert.match((await page.locator('.results li').first().textContent()) ?? '', /当日营业/);
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('public-finder-phone'), fullPage: true });
    // At 22:00 from a street: nothing open, so where and when the nearest opens, and the online
    // channels now (a hotline is a number to tap).
    await page.getByLabel('街道或乡镇（可不选）').selectOption({ index: 1 });
    await page.getByLabel('什么时候去（可不填）').fill(`${monday.toISOString().slice(0, 10)}T22:00`);
    await page.getByRole('button', { name: '查找附近营业的网点' }).click();
    await page.getByRole('heading', { name: '最近将开门的网点' }).waitFor();
    assert.match((await page.locator('.results li').first().textContent()) ?? '', /开门/);
    await page.getByRole('heading', { name: '现在可通过以下线上渠道办理' }).waitFor();
    assert.ok((await page.locator('.service-list a[href^="tel:"]').count()) > 0, 'a hotline to tap');
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('public-finder-night-phone'), fullPage: true });
    await page.close();
  });

  it('looks up a reference number, and says plainly when there is none', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    await page.goto(`${ctx.server.url}/track`);
    await page.getByLabel('办理编号').fill('HV-20220415-000123');
    await page.getByLabel('申请时填写的手机号').fill('13800138000');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').filter({ hasText: '未找到该办理编号' }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.close();
  });

  it('serves the page for deep links and JSON errors for unknown API addresses', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE });
    const res = await page.goto(`${ctx.server.url}/some/deep/link`);
    assert.equal(res?.status(), 200);
    const api = await page.request.get(`${ctx.server.url}/api/v1/nothing`);
    assert.equal(api.status(), 404);
    assert.equal((await api.json()).error.code, 'route.not_found');
    await page.close();
  });

  it('shows the API documentation, with no assets from elsewhere', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(ctx.server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${ctx.server.url}/docs`);
    await page.getByText('Shouhu API (守沪)').first().waitFor();
    await page.screenshot({ path: shot('api-docs-desktop') });
    assert.deepEqual(foreign, []);
    await page.close();
  });
});
