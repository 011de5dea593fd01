import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { callApi, type Headers, signInByApi } from '../support/api.ts';
import { findAccessibilityProblems } from '../support/axe.ts';
import { DESKTOP, PHONE, SCREENSHOTS } from '../support/browser.ts';
import { chooseOption, confirm, pickStreet, signInToConsole } from '../support/flows.ts';
import { findSettledOverflow } from '../support/layout.ts';
import { type RunningServer, useServerAndBrowser } from '../support/server.ts';

const shot = (name: string) => fileURLToPath(new URL(`${name}.png`, SCREENSHOTS));
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const STREET = '310101015';
const COMPOUND = '海棠小区';

async function send(server: RunningServer, headers: Headers, path: string, body?: unknown, method = 'POST') {
  const res = await callApi(server, path, headers, method, body);
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

describe('continuity in a real browser', () => {
  const ctx = useServerAndBrowser();

  it('a sealed compound leaves one branch amber and another red: a substitute turns the first green, the second opens shorter hours', async () => {
    const { server } = ctx;
    const bank = await signInByApi(server, 'boc.admin');
    // Two branches of the bank: one in the city centre among its others, one far out, and a post
    // only the far one has (its vault keeper), so that nobody can stand in there.
    const branch = (code: string, nameZh: string, lat: number, lng: number) =>
      send(server, bank, '/api/v1/branches', {
        code,
        nameZh,
        address: '测试路8号',
        streetCode: STREET,
        lat,
        lng,
        services: ['cash'],
        weeklyHours: { days: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open: '09:00', close: '17:00' }]])) },
      });
    const centre = await branch('E2E-A', '中国银行测试甲网点', 31.215, 121.49);
    const far = await branch('E2E-B', '中国银行测试乙网点', 31.05, 121.75);
    await send(server, bank, '/api/v1/staff-posts', { code: 'own:vault', nameZh: '金库', nameEn: 'Vault' });
    const person = (branchId: string, name: string, posts: string[]) =>
      send(server, bank, '/api/v1/staff', {
        name,
        branchId,
        posts,
        phone: '13912340001',
        home: { streetCode: STREET, compound: COMPOUND },
      });
    const holderA = (await person(centre.id, '柜员甲', ['teller'])).id;
    const holderB = (await person(centre.id, '柜员乙', ['teller'])).id;
    await person(far.id, '库管丙', ['own:vault']);
    // The centre's teller post is a key post: A and B are the two tellers, on duty around the clock.
    const people = {
      keyPosts: [{ post: 'teller', holderA, holderB }],
      duty: [
        { staffId: holderA, from: '08:00', to: '20:00' },
        { staffId: holderB, from: '20:00', to: '08:00' },
      ],
    };
    for (const [branchId, minimums, fallback, extra] of [
      [centre.id, { teller: 1 }, { kind: 'closed', publicNote: '请至就近网点办理' }, people],
      [
        far.id,
        { 'own:vault': 1 },
        { kind: 'shorter_hours', hours: [{ open: '10:00', close: '14:00' }], publicNote: '今日10:00至14:00营业，其他时段请用手机银行' },
        {},
      ],
    ] as const) {
      const plan = await send(server, bank, '/api/v1/staffing-plans', { branchId, minimums, fallback, ...extra });
      await send(server, bank, `/api/v1/staffing-plans/${plan.id}/approval`);
    }
    // The regulator seals the compound where all three live, on the zones page.
    const sealer = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(sealer, server.url, 'regulator');
    await sealer.getByRole('menuitem', { name: '封控区域' }).click();
    await sealer.getByRole('button', { name: '录入封控区域' }).click();
    const dialog = sealer.getByRole('dialog');
    await dialog.getByLabel('小区或街道名称').fill(COMPOUND);
    await pickStreet(sealer, dialog, '黄浦区', '半淞园路街道');
    await dialog.getByLabel('纬度').fill('31.216');
    await dialog.getByLabel('经度').fill('121.491');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await sealer.getByRole('cell', { name: COMPOUND }).waitFor();
    await sealer.close();

    const admin = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(admin, server.url, 'boc.admin');
    await admin.getByText('，您好').waitFor();
    await admin.getByRole('menuitem', { name: '人员与替班' }).click();
    const row = (name: string) => admin.getByRole('row', { name: new RegExp(name) }).first();
    const find = async (name: string) => {
      await admin.getByPlaceholder('搜索网点').fill(name);
      await admin.getByPlaceholder('搜索网点').press('Enter');
      await row(name).waitFor();
    };
    await find('测试甲');
    await row('测试甲').getByText('缺员，可替班').waitFor();
    await row('测试甲').locator('.ant-table-row-expand-icon').click();
    // Neither A nor B of the key post can come, and the duty list says both are locked in.
    await admin.getByTestId('key-teller').getByText('A、B角均不能到岗').waitFor();
    await admin.getByText('值班：柜**（封控中） 08:00–20:00、柜**（封控中） 20:00–08:00').waitFor();
    const substitute = admin
      .getByRole('listitem')
      .filter({ has: admin.getByRole('button', { name: '确认替班' }) })
      .first();
    await substitute.waitFor();
    assert.match((await substitute.textContent()) ?? '', /相距 [\d.]+ 公里/);
    assert.deepEqual(await findAccessibilityProblems(admin), []);
    await admin.screenshot({ path: shot('console-staffing-desktop'), fullPage: true });
    await substitute.getByRole('button', { name: '确认替班' }).click();
    await confirm(admin, /确认替班/);
    await admin.getByText(/已安排 .+ 到 中国银行测试甲网点 替班/).waitFor();
    await row('测试甲').getByText('人员充足').waitFor();

    await find('测试乙');
    await row('测试乙').getByText('缺员，无人替班').waitFor();
    await row('测试乙').locator('.ant-table-row-expand-icon').click();
    await admin.getByText('无可替班人员').waitFor();
    await admin.getByRole('button', { name: /启用预案：缩短营业时间为 10:00–14:00/ }).click();
    await confirm(admin, /启用预案/);
    await admin.getByText('已启用 中国银行测试乙网点 的应急预案，网点营业调整已发布').waitFor();
    await admin.getByText('当日已发布营业调整').waitFor();

    // The finder shows the shorter hours with the note, and the association's next notice lists them.
    const nearest = await (await fetch(`${server.url}/api/v1/public/branches/nearest?lat=31.05&lng=121.75&radius=1&openOnly=false`)).json();
    const shown = nearest.items.find((b: { id: string }) => b.id === far.id);
    assert.deepEqual(shown.today.intervals, [{ open: '10:00', close: '14:00' }]);
    assert.match(shown.today.note, /10:00至14:00营业/);
    const association = await signInByApi(server, 'association');
    const draft = await send(server, association, '/api/v1/notices/draft', { asOf: today });
    assert.match(JSON.stringify(draft), /中国银行测试乙网点/);

    // The plan drawer lists the key post, and a new draft whose duty leaves the night uncovered says so.
    await find('测试甲');
    await row('测试甲').getByRole('button', { name: '预 案' }).click();
    await admin.locator('.ant-drawer').getByText('柜员 A角 柜**（封控中），B角 柜**（封控中）').waitFor();
    await admin.getByRole('button', { name: '增加班次' }).click();
    await chooseOption(admin, admin.locator('.ant-drawer'), '值班人', '柜**');
    const shift = admin.locator('.ant-form-item', { hasText: '值班时段' });
    await shift.getByPlaceholder('开始时间').fill('08:00');
    await shift.getByPlaceholder('开始时间').press('Tab');
    await shift.getByPlaceholder('结束时间').fill('20:00');
    await shift.getByPlaceholder('结束时间').press('Tab');
    await admin.getByText('值班表须覆盖全天：20:00–08:00 无人值班').waitFor();
    await admin.screenshot({ path: shot('console-staffing-plan-desktop'), fullPage: true });

    // On a phone the board fits.
    await admin.setViewportSize(PHONE);
    await admin.reload();
    await find('测试甲');
    await row('测试甲').locator('.ant-table-row-expand-icon').click();
    await admin.getByTestId('key-teller').waitFor();
    assert.deepEqual(await findSettledOverflow(admin), []);
    await admin.screenshot({ path: shot('console-staffing-phone'), fullPage: true });
    await admin.close();

    // The regulator sees the far branch among those short with nobody to stand in, its hours adjusted.
    const watcher = await ctx.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    await signInToConsole(watcher, server.url, 'regulator');
    await watcher.getByRole('menuitem', { name: '人员保障（全市）' }).click();
    await watcher.getByPlaceholder('搜索机构或网点').fill('测试乙');
    await watcher.getByPlaceholder('搜索机构或网点').press('Enter');
    await watcher
      .getByRole('row', { name: /中国银行测试乙网点/ })
      .getByText('已发布')
      .waitFor();
    await watcher.getByRole('row', { name: /全市合计/ }).waitFor();
    assert.deepEqual(await findAccessibilityProblems(watcher), []);
    await watcher.screenshot({ path: shot('console-staffing-coverage-desktop'), fullPage: true });
    await watcher.setViewportSize(PHONE);
    assert.deepEqual(await findSettledOverflow(watcher), []);
    await watcher.screenshot({ path: shot('console-staffing-coverage-phone'), fullPage: true });
    await watcher.close();
  });
});
