import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { chooseOption, confirm, signInToConsole, submitDialog } from '../support/flows.ts';
import { findOverflow } from '../support/layout.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));

/**
 * District, street, committee in the picker. A click that lands while a menu is still opening is
 * lost, so each step is taken again until the next column shows.
 */
async function pickCommittee(page: Page, dialog: Locator, names: string[]) {
  const item = (column: number) =>
    page.locator('.ant-cascader-menu').nth(column).locator('.ant-cascader-menu-item', { hasText: names[column] });
  for (let attempt = 0; !(await item(0).isVisible()); attempt++) {
    if (attempt === 5) throw new Error('the committee picker did not open');
    await dialog.getByLabel('居委会或村委会').click();
    await page.waitForTimeout(300);
  }
  for (let column = 0; column < names.length; column++) {
    for (let attempt = 0; ; attempt++) {
      await item(column).click();
      if (column === names.length - 1) break;
      try {
        await item(column + 1).waitFor({ timeout: 2000 });
        break;
      } catch (err) {
        if (attempt === 4) throw err;
      }
    }
  }
}

describe('partners in a real browser', () => {
  const ctx = useServerAndBrowser({ AUTH_RATE_LIMIT_MAX: '200' });

  it('the regulator registers a committee and its user, who signs in to an empty programme list and a welcome in the inbox', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(page, ctx.server.url, 'regulator');
    await page.getByText('，您好').waitFor();
    await page.getByRole('menuitem', { name: '机构与合作单位' }).click();
    await page.getByRole('button', { name: '登记机构' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog, '合作单位类型', '居民委员会');
    await pickCommittee(page, dialog, ['黄浦区', '南京东路街道', '贵州路居委会']);
    await dialog.getByLabel('中文名称').fill('黄浦区南京东路街道贵州路居委会');
    await dialog.getByLabel('英文名称').fill('Guizhou Road Neighbourhood Committee');
    await dialog.getByLabel('机构代码').fill('committee-guizhou');
    await page.screenshot({ path: shot('console-organization-create-desktop') });
    await dialog.getByRole('button', { name: '登记机构' }).click();
    await confirm(page, /登记机构/);
    await page.getByText('已登记 黄浦区南京东路街道贵州路居委会').waitFor();

    await page.getByPlaceholder('搜索名称或代码').fill('贵州路');
    const row = page.getByRole('row', { name: /贵州路居委会/ });
    await row.getByRole('cell', { name: '居民委员会' }).waitFor();
    await page.screenshot({ path: shot('console-organizations-desktop'), fullPage: true });
    await row.getByRole('link', { name: '用户' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const userDialog = page.getByRole('dialog');
    await userDialog.getByLabel('用户名').fill('guizhou.admin');
    await userDialog.getByLabel('姓名').fill('贵州路居委');
    await chooseOption(page, userDialog, '角色', '合作单位');
    await userDialog.getByLabel('密码').fill('First-password-2022');
    await submitDialog(userDialog, /保\s*存/);
    await page.getByRole('cell', { name: 'guizhou.admin' }).waitFor();
    await page.close();

    // The committee's user: a password of their own (partners need no second factor unless MFA_ROLES says so), then the console.
    const user = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(user, ctx.server.url, 'guizhou.admin', 'First-password-2022');
    await user.getByLabel('当前密码').fill('First-password-2022');
    await user.getByLabel('新密码（至少12位）').fill('Guizhou-road-committee-9');
    await user.getByRole('button', { name: '修改密码' }).click();
    await user.getByText(/^贵.*，您好/).waitFor();
    await user.getByTestId('programmes').getByText('贵单位暂未参加合作项目').waitFor();
    await user.getByTestId('inbox-badge').filter({ hasText: '消息1' }).waitFor();
    assert.deepEqual(await findOverflow(user), []);
    await user.screenshot({ path: shot('console-partner-home-phone'), fullPage: true });
    await user.getByTestId('inbox-badge').click();
    const item = user.getByTestId('inbox-item').first();
    await item.filter({ hasText: '欢迎使用守沪' }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(user), []);
    await user.screenshot({ path: shot('console-inbox-phone'), fullPage: true });
    await item.click();
    await user.waitForURL(/\/console\/security$/);
    await user.goBack();
    await user.getByText('共 1 条，未读 0 条').waitFor();
    await user.close();
  });

  it('lets a partner make a token for its programmes, refusing scopes beyond its role', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(page, ctx.server.url, 'committee.yunnan');
    await page.getByText('，您好').waitFor();
    await page.getByRole('menuitem', { name: '接口与推送' }).click();
    await page.getByLabel('用途').fill('居委会工作平台');
    await page.getByLabel('权限范围').click();
    const options = await page.locator('.ant-select-item-option').allTextContents();
    assert.deepEqual(options, ['compound.manage', 'job.read', 'programme.read']);
    await page.locator('.ant-select-item-option', { hasText: 'programme.read' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '创建令牌' }).click();
    const token = ((await page.getByTestId('token-value').textContent()) ?? '').trim();
    assert.match(token, /^shk_/);
    await page.screenshot({ path: shot('console-integrations-desktop'), fullPage: true });
    const answer = await fetch(`${ctx.server.url}/api/v1/programmes`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 200);
    const refused = await fetch(`${ctx.server.url}/api/v1/branches`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 403);
    await page.close();
  });
});
