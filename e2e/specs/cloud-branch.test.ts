import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { chooseOption, confirm, signInToConsole, waitForSms } from '../support/flows.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));
const PAGE = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true };

describe('the cloud branch in a real browser', () => {
  // A configured meeting service (none is used unless configured).
  const ctx = useServerAndBrowser({ DEV_OUTBOX: 'true', VIDEO_ROOM_URL_TEMPLATE: 'https://video.bank.example/shouhu-{room}' });

  /** A customer on a phone: verify the mobile, join the bank's queue for account opening. */
  async function joinQueue(mobile: string): Promise<Page> {
    const phone = await ctx.browser.newPage({ viewport: PHONE, ...PAGE });
    await phone.goto(ctx.server.url);
    await phone.getByRole('link', { name: '云网点视频办理' }).first().click();
    await phone.getByLabel('手机号码').fill(mobile);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    await phone.getByLabel('短信验证码').fill((await waitForSms(ctx.server.url, mobile, /验证码是 (\d{6})/))[1] as string);
    await phone.getByRole('button', { name: '确认' }).click();
    await phone.getByLabel('哪家银行或保险公司').selectOption({ label: '中国银行上海市分行' });
    await phone.getByLabel('要办的业务').selectOption('account_opening');
    await phone.screenshot({ path: shot('public-cloud-branch-join-phone') });
    await phone.getByRole('button', { name: '开始排队' }).click();
    return phone;
  }

  it('two customers queue on phones; an agent serves the first; the second sees their place change live', async () => {
    const first = await joinQueue('13511110001');
    await first.getByRole('status').filter({ hasText: '下一位就是您' }).waitFor();
    const second = await joinQueue('13511110002');
    await second.getByRole('status').filter({ hasText: '您前面还有 1 人' }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(second), []);
    await second.screenshot({ path: shot('public-cloud-branch-waiting-phone') });

    const agent = await ctx.browser.newPage({ viewport: DESKTOP, ...PAGE });
    await signInToConsole(agent, ctx.server.url, 'boc.staff');
    await agent.getByRole('menuitem', { name: '云网点坐席' }).click();
    // Every queue with its count, "all" first.
    await agent.getByText('全部（2）').waitFor();
    await agent.getByText('开户（2）').waitFor();
    await agent.getByRole('button', { name: '接入下一位' }).click();
    await agent.getByRole('link', { name: '打开视频房间' }).waitFor();

    // Live, without reloading: the first is called to the video, the second moves up.
    await first.getByRole('link', { name: '进入视频' }).waitFor();
    assert.match(
      (await first.getByRole('link', { name: '进入视频' }).getAttribute('href')) ?? '',
      /^https:\/\/video\.bank\.example\/shouhu-/,
    );
    await second.getByRole('status').filter({ hasText: '下一位就是您' }).waitFor();
    await first.screenshot({ path: shot('public-cloud-branch-called-phone') });

    await agent.getByLabel('身份证号码').fill('11010519491231002X');
    await agent.getByLabel('姓名').fill('赵敏');
    // The liveness tick is missed at first, then corrected before the outcome.
    await agent.getByRole('button', { name: '登记核验结果' }).click();
    await agent.locator('.ant-alert', { hasText: '活体检测未通过' }).waitFor();
    await agent.getByRole('button', { name: '更正核验' }).click();
    await agent.getByLabel('身份证号码').fill('11010519491231002X');
    await agent.getByLabel('姓名').fill('赵敏');
    await agent.getByLabel('已完成活体检测').check();
    await agent.getByRole('button', { name: '登记核验结果' }).click();
    await agent.locator('.ant-alert', { hasText: '本行无该客户档案 · 活体检测通过' }).waitFor();
    // Checked before a dropdown opens: antd's open option list has no accessible name of its own.
    assert.deepEqual(await findAccessibilityProblems(agent), []);
    await chooseOption(agent, agent, '办理结果', '已办结');
    await agent.screenshot({ path: shot('console-cloud-branch-desktop'), fullPage: true });
    await agent.getByRole('button', { name: '办 结' }).click();
    await confirm(agent, /办\s*结/);
    await first.getByRole('status').filter({ hasText: '已办结' }).waitFor();
    await agent.getByText('已结束本次办理').waitFor();

    // The second cannot be served: told on the page, and by SMS, what they can do next.
    await agent.getByRole('button', { name: '接入下一位' }).click();
    await chooseOption(agent, agent, '办理结果', '未能办理');
    await agent.getByRole('button', { name: '办 结' }).click();
    await confirm(agent, /办\s*结/);
    await second.getByRole('alert').filter({ hasText: '本次未能办理' }).waitFor();
    await second.getByRole('link', { name: '申请上门服务' }).last().waitFor();
    await waitForSms(ctx.server.url, '13511110002', /本次未能办理/);
    assert.deepEqual(await findAccessibilityProblems(second), []);
    await second.screenshot({ path: shot('public-cloud-branch-not-served-phone'), fullPage: true });
    await agent.close();
    await first.close();
    await second.close();
  });

  it('shows the regulator customers served by home visit and video against normal, on a desktop and a phone', async () => {
    for (const [viewport, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await ctx.browser.newPage({ viewport, ...PAGE });
      await signInToConsole(page, ctx.server.url, 'regulator');
      await page.getByText('上海银保监局').first().waitFor();
      await page.goto(`${ctx.server.url}/console/service-levels`);
      // The demo banks served well above their normal yesterday.
      const row = page.getByRole('row').filter({ hasText: '中国银行上海市分行' });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /（2\.\d+×）/);
      await page.getByRole('img', { name: '每日上门与视频服务人数及常态水平' }).waitFor();
      assert.deepEqual(await findAccessibilityProblems(page), []);
      await page.screenshot({ path: shot(`console-service-levels-${name}`), fullPage: true });
      await page.close();
    }
  });

  it('tells a waiting customer when their verification has ended, keeping the place on screen', async () => {
    const phone = await joinQueue('13511110003');
    await phone
      .getByRole('status')
      .filter({ hasText: /下一位就是您|您前面还有/ })
      .waitFor();
    // The verified session ends (here: signed out from another tab of the same browser).
    const csrf = (await phone.context().cookies()).find((c) => c.name === 'shouhu_csrf')?.value as string;
    const signedOut = await phone.request.post(`${ctx.server.url}/api/v1/auth/sign-out`, { headers: { 'x-csrf-token': csrf } });
    assert.equal(signedOut.status(), 204);
    await phone.getByRole('alert').filter({ hasText: '验证已过期' }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(phone), []);
    await phone.screenshot({ path: shot('public-cloud-branch-session-ended-phone') });
    // The page starts over at verification (a new code may be asked a minute after the last).
    await phone.getByRole('button', { name: '重新验证手机号' }).click();
    await phone.getByLabel('手机号码').waitFor();
  });
});
