import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { confirm, DEMO_PASSWORD, pickStreet, signInToConsole, submitDialog } from '../support/flows.ts';
import { findOverflow } from '../support/layout.ts';
import { useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));

describe('staff console in a real browser', () => {
  // Many sign-ins from one address within a minute: the flows are under test here, not the limit (tested in auth.test.ts).
  const ctx = useServerAndBrowser({ AUTH_RATE_LIMIT_MAX: '200' });

  const signIn = (page: Page, username: string, password = DEMO_PASSWORD) => signInToConsole(page, ctx.server.url, username, password);

  /** The association's second person reviews the open draft and publishes it under a document number. */
  async function publishNotice(documentNumber: string) {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(page, 'association.reviewer');
    await page.getByRole('menuitem', { name: '营业调整通告' }).click();
    await page.getByText(/草稿：截至/).waitFor();
    await page.getByLabel('文号').fill(documentNumber);
    await page.getByRole('button', { name: /审核无误，发布/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByText(new RegExp(`文号 ${documentNumber.replace(/[〔〕]/g, '.')}`))
      .waitFor();
    await confirm(page, /审核无误，发布/);
    await page.getByText(/第\d+版已发布。/).waitFor();
    await page.getByRole('cell', { name: documentNumber }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-modal-mask'));
    await page.screenshot({ path: shot('console-notice-versions-desktop'), fullPage: true });
    await page.close();
  }

  it('takes a new administrator through sign-in, authenticator enrolment and the first password change', async () => {
    // The regulator creates the administrator through the API, as the users page does.
    const api = await ctx.browser.newContext();
    const signInRes = await api.request.post(`${ctx.server.url}/api/v1/auth/sign-in`, {
      data: { username: 'regulator', password: DEMO_PASSWORD },
    });
    const csrf = (await signInRes.json()).csrfToken as string;
    const orgs = (await (await api.request.get(`${ctx.server.url}/api/v1/organizations?kind=bank`)).json()).items as {
      id: string;
      code: string;
    }[];
    const created = await api.request.post(`${ctx.server.url}/api/v1/users`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        orgId: orgs.find((o) => o.code === 'citic-sh')?.id,
        username: 'citic.admin',
        role: 'institution_admin',
        name: '林管理',
        mobile: '13912340000',
        password: 'First-password-2022',
      },
    });
    assert.equal(created.status(), 201);
    await api.close();

    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    await signIn(page, 'citic.admin', 'First-password-2022');
    await page.getByText('绑定身份验证器').waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-enrol-desktop') });
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    await page.getByLabel('输入应用显示的6位动态码以完成绑定').fill(await generate({ secret }));
    await page.getByRole('button', { name: /验\s*证/ }).click();
    const codes = await page.getByTestId('recovery-codes').textContent();
    assert.equal(codes?.trim().split('\n').length, 10);
    await page.getByRole('button', { name: '我已保存，继续' }).click();
    await page.getByText('首次登录或密码被重置后，请先修改密码。').waitFor();
    await page.getByLabel('当前密码').fill('First-password-2022');
    await page.getByLabel('新密码（至少12位）').fill('password1234');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('alert').filter({ hasText: '新密码不符合要求' }).waitFor();
    await page.getByLabel('新密码（至少12位）').fill('A-better-passphrase-9');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('林**，您好').waitFor();
    await page.getByTestId('org-name').filter({ hasText: '中信银行上海分行' }).waitFor();
    await page.close();

    // Next time: password, then a fresh code.
    const again = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await signIn(again, 'citic.admin', 'A-better-passphrase-9');
    await again.getByText('请输入身份验证器中的6位动态码。').waitFor();
    await again.getByLabel('动态码（或恢复码）').fill((codes?.trim().split('\n')[0] ?? '').trim());
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.getByText('林**，您好').waitFor();
    await again.close();
  });

  it('says so when the password is wrong, and locks the account after five tries', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    for (let i = 0; i < 4; i++) {
      await signIn(page, 'pingan.admin', 'wrong-password');
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    }
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await signIn(page, 'pingan.admin', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: '账户已暂时锁定' }).waitFor();
    await signIn(page, 'pingan.admin');
    await page.getByRole('alert').filter({ hasText: '账户已暂时锁定' }).waitFor();
    await page.screenshot({ path: shot('console-locked-phone') });
    await page.close();
  });

  it('shows each role only what it may use, in Chinese or English', async () => {
    const staff = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    await signIn(staff, 'boc.staff');
    await staff.getByText('赵**，您好').waitFor();
    assert.equal(await staff.getByRole('menuitem', { name: '用户管理' }).count(), 0);
    assert.equal(await staff.getByRole('menuitem', { name: '审计日志' }).count(), 0);
    // The work desk: what waits for a bank's staff, each count a link to where it is done.
    await staff.getByText('待办事项').waitFor();
    await staff.getByTestId('desk-homeVisits.requested').getByText('待受理的上门服务申请').waitFor();
    await staff.getByTestId('desk-video.waiting').waitFor();
    assert.deepEqual(await findAccessibilityProblems(staff), []);
    await staff.getByTestId('desk-homeVisits.requested').click();
    await staff.waitForURL('**/console/home-visits?status=requested');
    await staff.getByText('已提交，等待受理').first().waitFor();
    await staff.getByRole('menuitem', { name: '概览' }).click();
    await staff.getByRole('button', { name: 'English' }).click();
    await staff.getByText('Hello, 赵**').waitFor();
    await staff.getByTestId('org-name').filter({ hasText: 'Bank of China Shanghai Branch · Institution staff' }).waitFor();
    await staff.close();

    const regulator = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await signIn(regulator, 'regulator');
    await regulator.getByRole('menuitem', { name: '审计日志' }).waitFor();
    await regulator.getByRole('menuitem', { name: '用户管理' }).waitFor();
    await regulator.close();
  });

  it('reveals a masked mobile with a reason, and the reveal appears in the audit trail', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    await signIn(page, 'boc.admin');
    await page.getByText('演示账户：未使用动态码登录').waitFor();
    await page.getByText('本机构用户').waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-dashboard-desktop') });
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    const row = page.getByRole('row').filter({ hasText: 'boc.staff' });
    await row.getByText('138****8004').waitFor();
    await row.getByText('正常').waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-users-desktop') });
    await row.getByRole('button', { name: '查看' }).nth(1).click();
    await page.getByLabel('查看理由（将记入审计日志）').fill('客户来电，核实联系方式');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /查\s*看/ })
      .click();
    await row.getByTestId('revealed').filter({ hasText: '13800138004' }).waitFor();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    // Actions by their names, people by name and username, records by name: not codes and ids.
    await page.getByLabel('按操作筛选').click();
    await page.keyboard.type('查看完整个人信息');
    await page.locator('.ant-select-item-option', { hasText: '查看完整个人信息' }).click();
    const reveal = page.getByRole('row').filter({ hasText: '查看完整个人信息' }).first();
    await reveal.waitFor();
    assert.match((await reveal.textContent()) ?? '', /（boc\.admin）.*用户 boc\.staff/);
    await reveal.getByRole('button').first().click();
    await page.getByText('客户来电，核实联系方式').waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-audit-desktop') });
    await page.close();
  });

  it('shows the regulator the branch network by district, the branches behind a figure, and an Excel export', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    await signIn(page, 'regulator');
    await page.getByRole('menuitem', { name: '网点运行情况' }).click();
    await page.getByTestId('network-chart').locator('canvas').waitFor();
    const row = page.getByRole('row').filter({ hasText: '浦东新区' });
    await row.waitFor();
    // The "closed" column of Pudong: open the list behind it.
    await row.getByRole('button').nth(2).click();
    await page.getByText('浦东新区 · 暂停营业').waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-network-desktop'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /导出 Excel/ }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^branch-network-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.close();
  });

  it('lets the association compile, review and publish the notice, which the public then reads on a phone', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    await signIn(page, 'association');
    await page.getByRole('menuitem', { name: '营业调整通告' }).click();
    await page.getByRole('button', { name: '汇编草稿' }).click();
    await page.getByText(/草稿：截至\d{4}-\d{2}-\d{2}，共\d+个网点/).waitFor();
    await page.getByText('这是第一版通告。').waitFor();
    // The one who compiled it does not publish it.
    await page.getByText('此草稿由您汇编，须由本协会另一位同事审核发布。').waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-notice-desktop') });
    await page.close();
    await publishNotice('沪银协〔2022〕12号');

    const phone = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    await phone.goto(`${ctx.server.url}/notices`);
    await phone
      .getByText(/第1版（截至/)
      .first()
      .waitFor();
    await phone.getByText('暂停营业').first().waitFor();
    // The document number above, the association's signature below; a jump to each district and a search.
    await phone.getByText('沪银协〔2022〕12号').waitFor();
    await phone.locator('.signature', { hasText: '上海市银行同业公会' }).waitFor();
    const districtLinks = phone.getByRole('navigation', { name: '按区查看' }).getByRole('link');
    assert.ok((await districtLinks.count()) > 0);
    assert.deepEqual(await findAccessibilityProblems(phone), []);
    await phone.screenshot({ path: shot('public-notice-phone') });
    await phone.getByLabel('搜索机构、网点或地址').fill('中国银行');
    await phone.waitForFunction(() => [...document.querySelectorAll('.results li')].every((li) => li.textContent?.includes('中国银行')));
    assert.ok((await phone.locator('.results li').count()) > 0);
    await phone.getByLabel('搜索机构、网点或地址').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: shot('public-notice-search-phone') });
    // A published notice in large type fits the phone too (its district jump, search and entries).
    await phone.getByRole('button', { name: '大字模式' }).click();
    await phone.getByLabel('搜索机构、网点或地址').fill('');
    assert.deepEqual(await findOverflow(phone), []);
    await phone.screenshot({ path: shot('public-notice-published-phone-large') });
    await phone.close();
  });

  it('on a phone: a bank adjusts one branch and closes another; the association publishes; the public sees it', async () => {
    // The staff member's phone is in Shanghai: "today" in the date picker is Shanghai's today.
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(page, 'boc.staff');
    await page.getByText('赵**，您好').waitFor();
    await page.goto(`${ctx.server.url}/console/branches`);
    const rows = page.getByRole('row').filter({ has: page.getByRole('button', { name: '调整营业' }) });
    await rows.first().waitFor();
    const nameOf = async (row: number) => ((await rows.nth(row).locator('td').nth(1).textContent()) ?? '').replace('位于封控区', '').trim();
    const names = [await nameOf(0), await nameOf(1)];
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    const adjust = async (row: number, closed: boolean) => {
      await rows.nth(row).getByRole('button', { name: '调整营业' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByPlaceholder('开始日期').fill(today);
      await dialog.getByPlaceholder('结束日期').fill(later);
      await dialog.getByPlaceholder('结束日期').press('Enter');
      if (!closed) {
        await dialog.getByText('调整营业时间').click();
        await dialog.getByLabel('开门').fill('10:00');
        await dialog.getByLabel('关门').fill('15:00');
      }
      // Close the calendar (on some dates it stays open over the form), save, and see the dialog go.
      await dialog.getByText('对外说明').click();
      await submitDialog(dialog, /保\s*存/);
      await page.getByText('已保存，查找网点与通告随即更新。').last().waitFor();
    };
    await adjust(0, false);
    await adjust(1, true);
    await page.screenshot({ path: shot('console-branches-phone') });
    await page.close();

    // The association publishes a new version listing the change.
    const assoc = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await signIn(assoc, 'association');
    await assoc.getByRole('menuitem', { name: '营业调整通告' }).click();
    await assoc.getByRole('button', { name: '汇编草稿' }).click();
    await assoc.getByText(/草稿：截至/).waitFor();
    await assoc.close();
    await publishNotice('沪银协〔2022〕13号');

    const phone = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN' });
    await phone.goto(`${ctx.server.url}/notices`);
    const closedEntry = phone.getByRole('listitem').filter({ hasText: (names[1] ?? '').trim() });
    await closedEntry.getByText('暂停营业').waitFor();
    await closedEntry.getByText('变化').waitFor();
    const latest = ((await (await phone.request.get(`${ctx.server.url}/api/v1/public/notices`)).json()) as { items: { id: string }[] })
      .items[0]?.id;
    const pdf = await phone.request.get(`${ctx.server.url}/api/v1/public/notices/${latest}/pdf`);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const xlsx = await phone.request.get(`${ctx.server.url}/api/v1/public/notices/${latest}/xlsx`);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    // The finder skips the closed branch (at 10:00 tomorrow) and still lists the other.
    const tomorrow10 = new Date(Date.parse(`${later}T02:00:00Z`) - 2 * 86_400_000).toISOString();
    const branches = ((await (await phone.request.get(`${ctx.server.url}/api/v1/branches`, {})).json()) as { items?: unknown[] }).items;
    assert.equal(branches, undefined); // the public page has no staff session
    const nearest = (await (
      await phone.request.get(
        `${ctx.server.url}/api/v1/public/branches/nearest?lat=31.2317&lng=121.4846&radius=100&limit=50&at=${tomorrow10}`,
      )
    ).json()) as { items: { nameZh: string }[] };
    assert.ok(!nearest.items.some((b) => b.nameZh === (names[1] ?? '').trim()), 'closed branch not offered');
    await phone.screenshot({ path: shot('public-notice-phone-v2') });

    // The bank withdraws the closure, saying why: the finder offers the branch again at once, and
    // the association's next draft lists it as withdrawn.
    const staff = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(staff, 'boc.staff');
    await staff.getByText('赵**，您好').waitFor();
    await staff.goto(`${ctx.server.url}/console/branches`);
    const row = staff.getByRole('row').filter({ hasText: (names[1] ?? '').trim() });
    await row.getByRole('button', { name: '调整营业' }).click();
    const history = staff.getByRole('dialog').filter({ hasText: '生效中' });
    await history.getByRole('button', { name: '撤 回' }).click();
    const confirm = staff.getByRole('dialog', { name: '撤回营业调整' });
    await confirm.getByLabel('撤回原因').fill('误将本网点录为暂停营业');
    await staff.screenshot({ path: shot('console-withdraw-desktop') });
    await confirm.getByRole('button', { name: '确认撤回' }).click();
    await staff.getByText('已撤回营业调整').waitFor();
    await staff.getByText('已撤回：误将本网点录为暂停营业').waitFor();
    assert.deepEqual(await findAccessibilityProblems(staff), []);
    await staff.screenshot({ path: shot('console-adjustments-desktop') });
    await staff.close();
    for (let i = 0; i < 50; i++) {
      const again = (await (
        await phone.request.get(
          `${ctx.server.url}/api/v1/public/branches/nearest?lat=31.2317&lng=121.4846&radius=100&limit=50&at=${tomorrow10}`,
        )
      ).json()) as { items: { nameZh: string }[] };
      if (again.items.some((b) => b.nameZh === (names[1] ?? '').trim())) break;
      assert.ok(i < 49, 'the branch is offered again after the withdrawal');
      await new Promise((r) => setTimeout(r, 100));
    }
    await phone.close();
    const assoc2 = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await signIn(assoc2, 'association');
    await assoc2.getByRole('menuitem', { name: '营业调整通告' }).click();
    await assoc2.getByRole('button', { name: '汇编草稿' }).click();
    await assoc2.getByText(/撤回 1 个/).waitFor();
    await assoc2.close();
  });

  it('lets the regulator set a holiday, correct it and remove it, each with a reason, on a desktop and a phone', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(page, 'regulator');
    await page.getByRole('menuitem', { name: '节假日设置' }).click();
    await page.getByText('暂无设置：使用内置的节假日日历').waitFor();
    await page.getByRole('textbox', { name: '名称' }).fill('劳动节');
    // Enter in the date picker takes the date and submits the form.
    await page.getByRole('textbox', { name: '日期' }).fill('2030-05-02');
    await page.getByRole('textbox', { name: '日期' }).press('Enter');
    await page.getByText('已保存，网点营业时间与查询随即更新').waitFor();
    const row = page.getByRole('row').filter({ hasText: '2030-05-02' });
    await row.getByRole('cell', { name: '法定节假日' }).waitFor();
    await row.getByRole('cell', { name: '劳动节' }).waitFor();
    // A correction needs its reason.
    await row.getByRole('button', { name: /更\s*正/ }).click();
    await page.getByText('正在更正：2030-05-02').waitFor();
    await page.getByRole('combobox', { name: '类型' }).click();
    await page.locator('.ant-select-item-option', { hasText: '调休上班' }).click();
    await page.getByLabel('更正原因').fill('国务院通知更正');
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await page.screenshot({ path: shot('console-calendar-desktop'), fullPage: true });
    await page
      .getByRole('button', { name: /更\s*正/ })
      .last()
      .click();
    await page.getByText('已更正').waitFor();
    await row.getByRole('cell', { name: '调休上班' }).waitFor();
    await page.close();

    const phone = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(phone, 'regulator');
    await phone
      .getByText(/，您好/)
      .first()
      .waitFor();
    await phone.goto(`${ctx.server.url}/console/calendar`);
    const onPhone = phone.getByRole('row').filter({ hasText: '2030-05-02' });
    await onPhone.getByRole('button', { name: /撤\s*回/ }).click();
    const confirm = phone.getByRole('dialog', { name: '撤回2030-05-02 的设置' });
    await confirm.getByLabel('撤回原因').fill('录入重复');
    await phone.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter'));
    await phone.screenshot({ path: shot('console-calendar-phone') });
    await confirm.getByRole('button', { name: '确认撤回' }).click();
    await phone.getByText('暂无设置：使用内置的节假日日历').waitFor();
    await phone.close();
  });

  it('registers a branch and an online channel from the branches page, which the finder then offers', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(page, 'cib.admin');
    await page.getByRole('menuitem', { name: '本机构网点' }).click();
    await page.getByRole('button', { name: '新增网点' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('编号').fill('E2E-1');
    await dialog.getByLabel('网点名称（中文）').fill('兴业银行测试外滩网点');
    await pickStreet(page, dialog, '黄浦区', '外滩街道');
    await dialog.getByLabel('地址').fill('黄浦区中山东一路1号');
    await dialog.getByLabel('WGS-84').check();
    await dialog.getByLabel('纬度').fill('31.2400');
    await dialog.getByLabel('经度').fill('121.4900');
    await dialog.getByLabel('营业时间').fill('1-7 00:00-23:59');
    assert.deepEqual(await findAccessibilityProblems(page), []);
    await submitDialog(dialog, /确\s*定|OK/);
    await page.getByText('已保存，查找网点与通告随即更新。').first().waitFor();
    await page.getByLabel('名称', { exact: true }).fill('兴业银行测试热线');
    await page.getByLabel('网址、电话或小程序名').fill('95561');
    await page.getByRole('button', { name: '添加线上渠道' }).click();
    await page.getByRole('cell', { name: '兴业银行测试热线' }).waitFor();
    await page.screenshot({ path: shot('console-branch-editor-desktop'), fullPage: true });
    const answer = (await (
      await page.request.get(`${ctx.server.url}/api/v1/public/branches/nearest?lat=31.2400&lng=121.4900&radius=0.2&limit=50`)
    ).json()) as { items: { nameZh: string }[] };
    assert.ok(answer.items.some((b) => b.nameZh === '兴业银行测试外滩网点'));
    await page.close();
  });

  it('imports branches from a CSV through the branches page, reporting a bad row by its line', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await signIn(page, 'cib.admin');
    await page.getByText('周**，您好').waitFor();
    await page.goto(`${ctx.server.url}/console/branches`);
    const csv = [
      '网点编号,网点名称,地址,街道代码,纬度,经度,业务,营业时间',
      'UP1,上传网点一,黄浦区某路1号,310101002,31.23,121.48,cash,1-5 09:00-17:00',
      'UP2,上传网点二,黄浦区某路2号,310199999,31.23,121.48,cash,1-5 09:00-17:00',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'branches.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('已受理 1 行，正在后台写入。').waitFor();
    await page.getByText('第3行 街道或乡镇：街道或乡镇代码不存在').waitFor();
    await page.screenshot({ path: shot('console-branches-desktop') });
    await page.close();
  });

  it('lets the regulator enter a zone by hand and import the day’s list, taking back the rows it could not read', async () => {
    const page = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signIn(page, 'regulator');
    await page.getByText('王**，您好').waitFor();
    await page.getByRole('menuitem', { name: '封控区域' }).click();
    // The demo's sealed compounds have branches beside them: the page says what the zones mean for the network.
    await page.getByText(/个仍在营业的网点位于封控范围内/).waitFor();
    await page.getByRole('button', { name: '录入封控区域' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('小区或街道名称').fill('测试录入小区');
    await pickStreet(page, dialog, '徐汇区', '天平路街道');
    await dialog.getByLabel('纬度').fill('31.2052');
    await dialog.getByLabel('经度').fill('121.4420');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: '测试录入小区' }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(page), []);

    const csv = [
      '名称,街道代码,整街,纬度,经度,等级,开始日期,结束日期',
      `导入小区甲,310104003,,31.17,121.43,封控区,2022-04-01,`,
      `导入小区乙,310104003,,,,管控区,2022-04-01,`,
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'zones.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('已导入 1 个区域。').waitFor();
    await page.getByText('第3行 纬度：小区须填写经纬度（整条街道封控时请标明整街）').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载未导入的行/ }).click()]);
    const { readFile } = await import('node:fs/promises');
    const rejected = await readFile((await download.path()) as string, 'utf8');
    assert.match(rejected, /导入小区乙,310104003,,,,管控区,2022-04-01,,第3行 lat/);
    await page.screenshot({ path: shot('console-zones-desktop'), fullPage: true });

    // The list as of another date: the zones imported for April 2022.
    await page.getByLabel('查看日期').fill('2022-04-02');
    await page.getByLabel('查看日期').press('Enter');
    await page.getByRole('cell', { name: '导入小区甲' }).waitFor();
    await page.close();

    const phone = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(phone, 'regulator');
    await phone.getByText('王**，您好').waitFor();
    await phone.goto(`${ctx.server.url}/console/zones`);
    await phone.getByRole('cell', { name: '测试录入小区' }).waitFor();
    await phone.screenshot({ path: shot('console-zones-phone') });
    await phone.close();
  });

  it('works on a phone', async () => {
    const page = await ctx.browser.newPage({ viewport: PHONE, locale: 'zh-CN' });
    await signIn(page, 'regulator');
    await page.getByText('王**，您好').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    await page.screenshot({ path: shot('console-dashboard-phone') });
    // The menu opens from the header as a drawer, and closes once a page is chosen.
    await page.getByRole('button', { name: /菜\s*单/ }).click();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByRole('menuitem', { name: '审计日志' }).waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '登录' }).first().waitFor();
    await page.screenshot({ path: shot('console-audit-phone') });
    await page.close();
  });
});
