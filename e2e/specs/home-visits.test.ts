import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { chooseOption, confirm, signInToConsole, waitForSms } from '../support/flows.ts';
import { findOverflow } from '../support/layout.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));
const MOBILE = '13955556666';

describe('home visits in a real browser', () => {
  const ctx = useServerAndBrowser({ DEV_OUTBOX: 'true' });

  it('a citizen asks for a home visit on a phone, the bank serves it, and the citizen follows it to done', async () => {
    const phone = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await phone.goto(ctx.server.url);
    await phone.getByRole('link', { name: '申请上门服务' }).first().click();
    await phone.getByLabel('手机号码').fill(MOBILE);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    const [, code] = await waitForSms(ctx.server.url, MOBILE, /验证码是 (\d{6})/);
    await phone.getByLabel('短信验证码').fill(code as string);
    await phone.getByRole('button', { name: '确认' }).click();

    await phone.getByLabel('哪家银行或保险公司').selectOption({ label: '中国银行上海市分行' });
    await phone.getByLabel('要办的业务').selectOption('cash');
    await phone.getByLabel('所在小区封控').check();
    await phone.getByLabel('您的姓名').fill('李秀英');
    await phone.getByLabel('所在区').selectOption('310104');
    await phone.getByLabel('街道或乡镇').selectOption({ index: 1 });
    await phone.getByLabel('所属居委会或村委会（不清楚可不选）').selectOption({ index: 1 });
    await phone.getByLabel('小区名称').fill('田林十二村');
    await phone.getByLabel('楼号、单元和门牌号').fill('15号楼302室');
    await phone.getByLabel('下午').check();
    assert.deepEqual(await findAccessibilityProblems(phone), []);
    await phone.screenshot({ path: shot('public-home-visit-phone'), fullPage: true });
    await phone.getByRole('button', { name: '提交申请' }).click();
    const reference = ((await phone.locator('.reference').textContent()) ?? '').trim();
    assert.match(reference, /^HV-\d{8}-\d{6}$/);
    await phone.screenshot({ path: shot('public-home-visit-sent-phone') });
    await waitForSms(ctx.server.url, MOBILE, new RegExp(`${reference}：已收到`));

    // The bank's staff, on a desktop: accept, check identity, send someone free to move, close as done.
    const staff = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(staff, ctx.server.url, 'boc.staff');
    await staff.getByRole('menuitem', { name: '上门服务' }).click();
    await staff.getByRole('button', { name: reference }).click();
    await staff.getByRole('button', { name: '受 理' }).click();
    await staff.getByText('已受理，正在安排人员').first().waitFor();
    // A wrong check digit: the server's reason, beside the field.
    await staff.getByLabel('身份证号码').fill('110105194912310021');
    await staff.getByLabel('姓名').fill('李秀英');
    await staff.getByRole('button', { name: '登记核验结果' }).click();
    await staff.locator('.ant-form-item-explain-error', { hasText: '身份证号码校验位错误' }).waitFor();
    await staff.getByLabel('身份证号码').fill('11010519491231002X');
    await staff.getByRole('button', { name: '登记核验结果' }).click();
    await staff.getByText('110105********002X').first().waitFor();
    // What was seen goes with the visit: a photo of the ID, kept for the bank alone.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await staff.locator('input[type=file]').setInputFiles({ name: '身份证正面.png', mimeType: 'image/png', buffer: png });
    await staff.getByTestId('attachment').filter({ hasText: '身份证正面.png' }).waitFor();
    // The teller sends herself.
    await chooseOption(staff, staff, '上门人员', '赵**');
    await staff.getByLabel('上门时间').click();
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await staff.getByLabel('上门时间').fill(`${tomorrow} 15:00`);
    await staff.getByLabel('上门时间').press('Enter');
    // A click while the picker's panel is still open only closes the panel.
    await staff.waitForFunction(() => !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'));
    await staff.getByRole('button', { name: '确认安排' }).click();
    await staff.getByText('已安排上门').first().waitFor();
    // Sent, she sees the customer's name, mobile and full address in one click (audited).
    await staff.getByRole('button', { name: '查看完整信息' }).click();
    await staff.getByText('田林十二村 15号楼302室').waitFor();
    await staff.getByRole('link', { name: MOBILE }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(staff), []);
    await chooseOption(staff, staff, '办理结果', '已办结');
    // Tomorrow's visit done today needs a reason, asked for before the confirmation.
    await staff.getByLabel('备注').fill('已取现金 2000 元');
    await staff.getByRole('button', { name: '办 结' }).click();
    await staff.getByText('请说明为何早于约定时间办结').waitFor();
    await staff.getByLabel('提前办结原因').fill('客户来电，今天在家');
    await staff.getByLabel('提前办结原因').blur();
    await staff.screenshot({ path: shot('console-home-visit-desktop') });
    await staff.getByRole('button', { name: '办 结' }).click();
    await confirm(staff, /办\s*结/);
    await staff.getByText('已办结，已短信告知客户').waitFor();
    await staff.getByText('已取现金 2000 元').first().waitFor();
    // The work order's history: who did what, when.
    const history = staff.locator('.ant-card', { hasText: '办理记录' });
    for (const step of ['提交上门申请', '受理', '核验身份', '安排上门', '查看完整个人信息', '办结'])
      await history.getByText(step, { exact: true }).first().waitFor();
    await history.getByText('早于约定时间办结').scrollIntoViewIfNeeded();
    await staff.waitForFunction(() => !document.querySelector('.ant-modal-mask'));
    await staff.screenshot({ path: shot('console-home-visit-done-desktop') });
    await waitForSms(ctx.server.url, MOBILE, new RegExp(`${reference}：已办结`));

    // Back on the phone: the reference number and the mobile show "done".
    await phone.getByRole('link', { name: '查看办理进度' }).click();
    await phone.getByLabel('申请时填写的手机号').fill(MOBILE);
    await phone.getByRole('button', { name: '查询' }).click();
    await phone.getByRole('status').filter({ hasText: '已办结' }).waitFor();
    assert.match((await phone.getByRole('status').textContent()) ?? '', new RegExp(`中国银行上海市分行.*${tomorrow} 15:00`));
    await phone.screenshot({ path: shot('public-track-home-visit-phone') });
    // Still verified: "my requests" lists it, with its progress.
    await phone.goto(`${ctx.server.url}/verify`);
    await phone.getByTestId('my-request').filter({ hasText: reference }).filter({ hasText: '上门服务：已办结' }).waitFor();
    assert.deepEqual(await findOverflow(phone), []);
    await phone.screenshot({ path: shot('public-my-requests-phone'), fullPage: true });
    await staff.close();
    await phone.close();
  });
});
