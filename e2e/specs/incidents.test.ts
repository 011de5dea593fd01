import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { confirm, signInToConsole } from '../support/flows.ts';
import { findOverflow } from '../support/layout.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));
const TITLE = '网点因疫情防控暂停营业';

describe('incident reports in a real browser', () => {
  const ctx = useServerAndBrowser();

  it('proposes a report after long closures; the bank files it and its result; the regulator reads it and sets the hours', async () => {
    const page = (viewport: typeof DESKTOP) =>
      ctx.browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });

    // The demo closes many of Industrial Bank's branches for a lockdown: the platform proposes a report.
    const cib = await page(DESKTOP);
    await signInToConsole(cib, ctx.server.url, 'cib.admin');
    await cib.getByText('建议报送突发事件信息报告').waitFor();
    await cib.getByRole('menuitem', { name: '突发事件报告' }).click();
    await cib.getByText(/本机构今日有 \d+ 个网点因疫情防控暂停营业已连续 3 天以上/).waitFor();
    await cib.getByRole('button', { name: '据此起草初报' }).click();
    const drawer = cib.locator('.ant-drawer');
    assert.equal(await drawer.getByLabel('事件名称').inputValue(), TITLE);
    assert.ok(Number(await drawer.getByLabel('受影响网点数').inputValue()) >= 5);
    await drawer.getByText('较大', { exact: true }).click();
    await drawer.getByLabel('影响范围及发展趋势').fill('暂停营业网点的客户改至就近网点和手机银行办理。');
    await drawer.getByLabel('已采取的措施').fill('公示替代网点，开通上门服务。');
    await drawer.getByLabel('签发人').fill('周行长');
    await drawer.getByLabel('联系人').fill('周管理');
    await drawer.getByLabel('联系电话').fill('021-61234567');
    await cib.screenshot({ path: shot('console-incident-draft-desktop'), fullPage: true });
    await drawer.getByRole('button', { name: '报送初报' }).click();
    await confirm(cib, /报送初报/);
    await cib.getByText('已报送 初报').waitFor();
    await cib.getByText(/^IR-\d{8}-\d{6} 网点因疫情防控暂停营业$/).waitFor();
    await cib.getByText('按时').first().waitFor();
    // The contact phone is masked on the page.
    await cib.getByText('021*****4567').first().waitFor();
    assert.deepEqual(await findAccessibilityProblems(cib), []);
    await cib.screenshot({ path: shot('console-incident-desktop'), fullPage: true });
    const incidentUrl = cib.url();

    // The regulator sees it, the proposal gone, and changes the hours of the general level.
    const regulator = await page(DESKTOP);
    await signInToConsole(regulator, ctx.server.url, 'regulator');
    await regulator.getByText('，您好').waitFor();
    await regulator.getByRole('menuitem', { name: '突发事件报告' }).click();
    const row = regulator.getByRole('row', { name: /兴业银行上海分行/ });
    await row.getByRole('link', { name: TITLE }).waitFor();
    assert.equal(await regulator.getByText(/兴业银行上海分行（/).count(), 0);
    await regulator.getByText(/交通银行上海市分行（\d+ 个网点）/).waitFor();
    await regulator.getByLabel('一般 初报（小时）').fill('12');
    await regulator.getByRole('button', { name: '保 存' }).click();
    await confirm(regulator, /保\s*存/);
    await regulator.getByText('已保存一般事件的报告时限').waitFor();
    await regulator.screenshot({ path: shot('console-incidents-desktop'), fullPage: true });
    await row.getByRole('link', { name: TITLE }).click();
    await regulator.getByText('周行长').first().waitFor();

    // On a phone the bank files the result from the last report's contents; the incident closes.
    const phone = await page(PHONE);
    await signInToConsole(phone, ctx.server.url, 'cib.admin');
    await phone.getByText('，您好').waitFor();
    await phone.goto(incidentUrl);
    await phone.getByRole('button', { name: '报送处理结果' }).click();
    const result = phone.locator('.ant-drawer');
    assert.equal(await result.getByLabel('签发人').inputValue(), '周行长');
    await result.getByLabel('已采取的措施').fill('封控解除，网点已全部恢复营业。');
    await result.getByLabel('联系电话').fill('021-61234567');
    await result.getByRole('button', { name: '处理结果报告' }).click();
    await confirm(phone, /处理结果报告/);
    await phone.getByText('已报送 处理结果报告').waitFor();
    await phone.getByText('已结束').first().waitFor();
    await phone.locator('.ant-drawer-panel-motion-right-leave').waitFor({ state: 'detached' });
    assert.deepEqual(await findOverflow(phone), []);
    await phone.screenshot({ path: shot('console-incident-phone'), fullPage: true });
    for (const p of [cib, regulator, phone]) await p.close();
  });
});
